// The foundation slice against the built Electron app, on a fixed clock (run by
// tests/electron/run.mjs after `electron-vite build`, and only where an Electron binary exists):
// the page under file:// with its CSP in force, IPC refused to a foreign frame, a dial reaching
// the real shell.openExternal through the allowlist, and the call kept across a restart.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addContactByKeyboard } from '../e2e/flows';
import { confirmFirstRun, TEST_CLOCK } from '../e2e/preview';
import { fuseKeys, loadBuilderConfig, REQUIRED_FUSES } from './builderConfig';

const ROOT = path.resolve(__dirname, '../..');
const PRELOAD = path.join(ROOT, 'out', 'preload', 'index.cjs');

/** Starts the built app on the test clock (Wednesday 09:00 in Los Angeles: Ana is callable). */
async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: process.env.DIALDECK_ELECTRON_BINARY,
    // The README's "--data-dir DIR" form: the app must use this folder, not the real one.
    args: [ROOT, '--data-dir', dataDir, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, DIALDECK_TEST_MODE: '1', DIALDECK_TEST_CLOCK: TEST_CLOCK },
  });
  return { app, page: await app.firstWindow() };
}

/** What reached shell.openExternal in the main process since spyOnOpenExternal. */
type Opened = { url: string; options: unknown }[];

test('locked down under file://, dials through the real allowlist, and keeps the call across a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-electron-'));
  let { app, page } = await launch(dataDir);

  // A fresh folder: the first-run questions, then the queue; the database is in that folder.
  await expect(page.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await confirmFirstRun(page);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  expect(fs.existsSync(path.join(dataDir, 'dialdeck.sqlite'))).toBe(true);

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

  // The built page under file://, where the CSP comes only from its <meta> tag: an injected
  // inline script, an inline handler and a string timer do not run, and each is reported.
  expect(page.url()).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html/);
  const csp = await page.evaluate(async () => {
    const reported: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => reported.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.appendChild(script);
    const handler = document.createElement('img');
    handler.setAttribute('src', 'data:,x');
    handler.setAttribute('onerror', 'window.__handler = true');
    document.body.appendChild(handler);
    // A string timer is compiled in the page (unlike this evaluate call, which the DevTools
    // protocol runs outside the page's policy), so it shows whether the CSP allows eval.
    (window.setTimeout as unknown as (code: string, ms: number) => number)('window.__evaluated = true', 0);
    await new Promise((r) => setTimeout(r, 300));
    const w = window as unknown as { __injected?: boolean; __handler?: boolean; __evaluated?: boolean };
    return { injected: w.__injected ?? false, handler: w.__handler ?? false, evaluated: w.__evaluated ?? false, reported };
  });
  expect(csp).toMatchObject({ injected: false, handler: false, evaluated: false });
  expect(csp.reported).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']));

  // window.open is denied: no second window.
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);

  // A foreign frame with the same preload (a second window showing a page of its own) asks the
  // core for the queue: the sender check refuses it.
  const intruderPage = path.join(dataDir, 'intruder.html');
  fs.writeFileSync(intruderPage, '<!doctype html><title>Intruder</title><p>not Dialdeck</p>');
  const refused = await app.evaluate(
    async ({ BrowserWindow }, { preload, page: file }) => {
      const intruder = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
      try {
        await intruder.loadFile(file);
        return (await intruder.webContents.executeJavaScript('window.dialdeck.invoke("queue.list", {})')) as unknown;
      } finally {
        intruder.destroy();
      }
    },
    { preload: PRELOAD, page: intruderPage },
  );
  expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'Request refused: not from the Dialdeck window.' } });

  // From here on, the real shell.openExternal only records: a dial must reach it through
  // openAllowedExternal, with nothing but the allowlisted tel: URI.
  await app.evaluate(({ shell }) => {
    const opened: { url: string; options: unknown }[] = [];
    (globalThis as { __dialdeckOpened?: typeof opened }).__dialdeckOpened = opened;
    shell.openExternal = async (url, options) => {
      opened.push({ url, options });
    };
  });
  const opened = () => app.evaluate(() => (globalThis as { __dialdeckOpened?: Opened }).__dialdeckOpened ?? []);

  await addContactByKeyboard(page, 'Ana', 'Silva', 'Acme Corp', '+1 415 555 2671');
  await expect(page.getByRole('status')).toContainText('Added Ana Silva');
  await page.keyboard.press('Escape');
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(1);
  await expect(queue.getByRole('option').first()).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(opened).toEqual([{ url: 'tel:+14155552671', options: { activate: true } }]);
  // Inside her calling hours: no override was asked for.
  await expect(page.getByRole('alertdialog', { name: 'Outside calling hours' })).toHaveCount(0);
  await page.keyboard.press('5');
  await expect(page.getByRole('status')).toContainText('Saved: Conversation');
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'electron-call.png') });
  await app.close();

  ({ app, page } = await launch(dataDir));
  // No first-run questions now; Ana is not due again yet: the "not callable now" view (V) has her.
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(page.getByRole('listbox', { name: 'Not callable now' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Conversation');
  await app.close();
});

test('the packaged app has its fuses set as electron-builder.yml says', async () => {
  const binary = process.env.DIALDECK_PACKAGED_APP;
  expect(binary, 'tests/electron/run.mjs packages the app (electron-builder --dir) before this test; it did not: see its output').toBeTruthy();
  const wire = await getCurrentFuseWire(binary!);
  const wanted = new Map(Object.entries((await loadBuilderConfig()).electronFuses ?? {}));
  for (const [key, value] of REQUIRED_FUSES) expect(wanted.get(key), key).toBe(value);
  for (const [key, option] of fuseKeys()) expect(wire[option], key).toBe(wanted.get(key) ? FuseState.ENABLE : FuseState.DISABLE);
});
