// The preview over a damaged call log (issue #16, acceptance 2): it starts in its recovery mode
// and serves the recovery screen's channels (and only those) until a backup is restored; then
// the app answers on the restored file. "Quit" on the recovery screen stops the preview.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

/** A call log with `before` calls in its backup and `after` more since, then damaged: pages of
 *  the calls table overwritten. Built through a preview, as the app would have written it. */
async function damagedDataDir(before: number, after: number): Promise<{ dataDir: string; backupName: string }> {
  const dataDir = makeDataDir();
  const preview = await startPreview(dataDir);
  try {
    await invokeCore(preview, 'settings.confirm', {});
    const lead = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 415 555 2671' });
    const log = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: lead.id, override: true });
        await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'no_answer', notes: `Rang out. ${'Note text '.repeat(30)}` });
      }
    };
    await log(before);
    const backup = await invokeCore<{ name: string }>(preview, 'backups.create', {});
    await log(after);
    await preview.stop();
    const file = path.join(dataDir, 'dialdeck.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
    db.close();
    if (leaves.length < 2) throw new Error(`the calls table has ${leaves.length} leaf pages: log more calls to damage some`);
    const fd = fs.openSync(file, 'r+');
    for (const page of leaves.slice(1, 3)) fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (page - 1) * 4096);
    fs.closeSync(fd);
    return { dataDir, backupName: backup.name };
  } finally {
    await preview.stop();
  }
}

async function envelope(preview: RunningPreview, channel: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': preview.token, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, request }),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

test('a damaged call log: the preview serves the recovery channels only; saving what can be read, then restoring, brings the app back', async () => {
  test.setTimeout(120_000);
  const { dataDir, backupName } = await damagedDataDir(20, 15);
  const file = path.join(dataDir, 'dialdeck.sqlite');
  const damagedBytes = fs.readFileSync(file);
  const preview = await startPreview(dataDir);
  try {
    expect(preview.output()).toContain('The call log is damaged: the preview serves the recovery screen.');
    const status = await invokeCore<{ state: string; latestBackup: { name: string; calls: number }; callsAfterBackup: { count: number } | null; canSaveReadable: boolean }>(preview, 'recovery.status', {});
    expect(status).toMatchObject({ state: 'damaged', latestBackup: { name: backupName, calls: 20 }, canSaveReadable: true });
    expect(status.callsAfterBackup?.count).toBeLessThanOrEqual(15);
    expect(await envelope(preview, 'queue.list', {})).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    expect(await envelope(preview, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'database_damaged' } });

    const saved = await invokeCore<{ folder: string; database: string; tables: { name: string; rows: number }[] }>(preview, 'recovery.saveReadable', {});
    expect(fs.existsSync(path.join(saved.folder, 'calls.csv'))).toBe(true);
    expect(saved.tables.find((t) => t.name === 'contacts')?.rows).toBe(1);
    expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);

    const restored = await invokeCore<{ calls: number; damagedKeptAs: string }>(preview, 'recovery.restore', {});
    expect(restored.calls).toBe(20);
    expect(fs.readFileSync(restored.damagedKeptAs).equals(damagedBytes)).toBe(true);
    await expect.poll(async () => (await envelope(preview, 'recovery.status', {})).value).toEqual({ state: 'ok' });
    const calls = await invokeCore<{ total: number }>(preview, 'calls.search', {});
    expect(calls.total).toBe(20);
  } finally {
    await preview.stop();
  }
});

test('Quit on the recovery screen stops the preview', async () => {
  test.setTimeout(120_000);
  const { dataDir } = await damagedDataDir(20, 0);
  const preview = await startPreview(dataDir);
  try {
    expect(await invokeCore(preview, 'recovery.quit', {})).toEqual({});
    await expect.poll(() => fetch(preview.origin).then(() => 'answering', () => 'stopped'), { timeout: 15_000 }).toBe('stopped');
    await expect.poll(() => preview.output(), { timeout: 5_000 }).toContain('Quit on the recovery screen');
  } finally {
    await preview.stop();
  }
});

test('the recovery screen, by keyboard: only "The call log file is damaged", what a restore would lose, save what can be read, then restore brings the app back with the backup\'s calls', async ({ page }) => {
  test.setTimeout(180_000);
  const before = 20;
  const after = 15;
  const { dataDir, backupName } = await damagedDataDir(before, after);
  const file = path.join(dataDir, 'dialdeck.sqlite');
  const damagedBytes = fs.readFileSync(file);
  const preview = await startPreview(dataDir);
  try {
    await page.goto(preview.url);
    const screen = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The call log file is damaged');
    // Nothing of the app but the way out: no screens to go to.
    await expect(page.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
    // The latest good backup: the one taken by hand after the first 20 calls, holding them.
    await expect(screen).toContainText(`holding ${before} calls`);
    await expect(screen).toContainText(backupName);
    // What a restore would lose: the calls logged after it, at most the 15 logged, counted where readable.
    const loss = await page.locator('.recovery-loss').textContent();
    const lost = Number(/^(\d+) calls?/.exec(loss ?? '')?.[1]);
    expect(lost, loss ?? '').toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(after);
    await shootScreen(page, 'recovery-screen');

    // S: every readable row saved, with where it went; the damaged file is not changed.
    await page.keyboard.press('s');
    const saved = page.getByRole('status', { name: 'What was saved' });
    await expect(saved).toBeVisible({ timeout: 60_000 });
    const folder = (await saved.locator('code').first().textContent()) ?? '';
    expect(path.dirname(folder)).toBe(dataDir);
    expect(fs.existsSync(path.join(folder, 'calls.csv'))).toBe(true);
    // The one lead the file held is among what was read.
    await expect(saved.getByRole('listitem').filter({ hasText: /^contacts: / })).toHaveText('contacts: 1 row');
    expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);
    await shootScreen(page, 'recovery-saved');

    // R: the backup in place, and the app starts on it with its calls.
    await page.keyboard.press('r');
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('Alt+L');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Calls ${before} calls`);
    const kept = fs.readdirSync(dataDir).filter((name) => name.startsWith('dialdeck.sqlite.damaged-') && !name.endsWith('-wal') && !name.endsWith('-shm'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, kept[0]!)).equals(damagedBytes)).toBe(true);
  } finally {
    await preview.stop();
  }
});
