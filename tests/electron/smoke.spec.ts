// The foundation slice against the built Electron app (run by tests/electron/run.mjs, which only
// starts this where an Electron binary exists).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addContactByKeyboard } from '../e2e/flows';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-electron-'));
const dialLog = path.join(dataDir, 'dials.log');

async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: process.env.DIALDECK_ELECTRON_BINARY,
    args: [ROOT, `--data-dir=${dataDir}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, DIALDECK_DIAL_LOG: dialLog },
  });
  const page = await app.firstWindow();
  const start = page.getByRole('button', { name: 'Start calling' });
  await expect(page.getByRole('heading', { name: /Queue|Before you start/ })).toBeVisible();
  if (await start.isVisible()) await start.press('Enter');
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  return { app, page };
}

test('the window is locked down and the slice works end to end across a restart', async () => {
  let { app, page } = await launch();

  // The preferences themselves are pinned by a unit test (SECURE_WEB_PREFERENCES); here the
  // page shows their effect: no Node, only the one bridge object.
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    bridge: Object.keys((window as unknown as { dialdeck: object }).dialdeck).sort(),
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  // The scheduler's glue is in place: nothing is due in a fresh folder, so no badge.
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getBadgeCount())).toBe(0);

  await addContactByKeyboard(page, 'Ana', 'Silva', 'Acme Corp', '+1 415 555 2671');
  await expect(page.getByRole('status')).toContainText('Added Ana Silva');
  await page.keyboard.press('Escape');
  // On the real clock Ana may be outside her calling hours: then she is in the "not callable
  // now" view (V) instead of the queue.
  const ana = page.getByRole('option', { name: /Ana Silva/ });
  await ana.or(page.getByText('Nobody to call right now.')).first().waitFor();
  if (!(await ana.isVisible())) await page.keyboard.press('v');
  await expect(ana).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva' })).toBeVisible();
  await page.keyboard.press('Enter');
  // This runs on the real clock: outside Los Angeles business hours the dial asks for the
  // override first (O), as it should.
  const override = page.getByRole('alertdialog', { name: 'Outside calling hours' });
  if (await override.isVisible({ timeout: 1000 }).catch(() => false)) await page.keyboard.press('o');
  await expect.poll(() => (fs.existsSync(dialLog) ? fs.readFileSync(dialLog, 'utf8') : '')).toBe('tel:+14155552671\n');
  await page.keyboard.press('5');
  await expect(page.getByRole('status')).toContainText('Saved: Conversation');
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'electron-call.png') });
  await app.close();

  ({ app, page } = await launch());
  // Ana is not due again yet: the "not callable now" view (V) has her.
  await page.keyboard.press('v');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Conversation');
  await app.close();
});
