// The preview over a damaged call log (issue #16, acceptance 2): it starts in its recovery mode
// and serves the recovery screen's channels (and only those) until a backup is restored; then
// the app answers on the restored file. "Quit" on the recovery screen stops the preview.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';

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
    expect(preview.output()).toContain('Quit on the recovery screen');
  } finally {
    await preview.stop();
  }
});
