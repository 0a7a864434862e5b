// The desk's commands (issue #16, acceptance 3): backup [--out], backups, restore [--yes] and
// call-event, run as an admin runs them (`npm run cli -- …`), against real files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { checkpoint, damagePages, pagesOf, seedCalls, sha256 } from './desk-helpers';
import { makeCore, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]) {
  const result = spawnSync(TSX, ['electron/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DIALDECK_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) as Record<string, unknown> };
}

async function deskWithCalls(calls: number): Promise<string> {
  const t = makeCore();
  await seedCalls(t.core, calls);
  t.core.close();
  return t.dir;
}

function callCount(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backup, backups, restore', () => {
  it('backup --json writes a checked backup into backups/, and backups --json lists it with its time, size, schema version and calls', async () => {
    const dir = await deskWithCalls(25);
    const made = cli('backup', '--data-dir', dir, '--json');
    expect(made.code).toBe(0);
    const backup = made.json();
    expect(backup).toMatchObject({ ok: true, reason: 'manual', calls: 25, schemaVersion: LATEST_SCHEMA_VERSION, problem: null });
    expect(path.dirname(backup.file as string)).toBe(path.join(dir, 'backups'));
    expect(callCount(backup.file as string)).toBe(25);

    const listed = cli('backups', '--data-dir', dir, '--json');
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual({
      folder: path.join(dir, 'backups'),
      backups: [{ file: backup.file, name: backup.name, createdAt: backup.createdAt, reason: 'manual', bytes: fs.statSync(backup.file as string).size, schemaVersion: LATEST_SCHEMA_VERSION, calls: 25, problem: null }],
    });
  });

  it('backup --out FILE writes there, and refuses to write over a file', async () => {
    const dir = await deskWithCalls(3);
    const out = path.join(tempDir(), 'handover.sqlite');
    expect(cli('backup', '--data-dir', dir, '--out', out, '--json').json()).toMatchObject({ ok: true, file: out, calls: 3 });
    const again = cli('backup', '--data-dir', dir, '--out', out, '--json');
    expect(again.code).toBe(2);
    expect(again.json()).toMatchObject({ ok: false, error: expect.stringContaining('already exists') });
  });

  it('backups lists a damaged backup as unusable, and works while the call log itself is damaged', async () => {
    const dir = await deskWithCalls(3000);
    const backup = cli('backup', '--data-dir', dir, '--json').json();
    damagePages(backup.file as string, pagesOf(backup.file as string, 'calls', 'leaf').slice(3, 5));
    const file = path.join(dir, 'dialdeck.sqlite');
    checkpoint(file);
    damagePages(file, pagesOf(file, 'calls', 'leaf').slice(3, 5));
    const listed = cli('backups', '--data-dir', dir, '--json');
    expect(listed.code).toBe(0);
    expect((listed.json().backups as { problem: string | null; calls: number | null }[])[0]).toMatchObject({ calls: null, problem: expect.stringContaining('damaged') });
  });

  it('restore without --yes only says what it would do; with --yes it restores and keeps the current file as a backup', async () => {
    const dir = await deskWithCalls(30);
    const backup = cli('backup', '--data-dir', dir, '--json').json();
    const later = makeCore(dir);
    await seedCalls(later.core, 5, '+1 212 555 0143');
    later.core.close();
    const file = path.join(dir, 'dialdeck.sqlite');

    const asked = cli('restore', backup.file as string, '--data-dir', dir);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('holds 30 calls');
    expect(asked.stderr).toContain('Run again with --yes');
    expect(callCount(file)).toBe(35);

    const done = cli('restore', backup.file as string, '--yes', '--data-dir', dir, '--json');
    expect(done.code).toBe(0);
    const result = done.json();
    expect(result).toMatchObject({ ok: true, restoredFrom: backup.file, database: file, calls: 30, previous: { kind: 'backup' } });
    expect(callCount(file)).toBe(30);
    expect(callCount((result.previous as { keptAs: string }).keptAs)).toBe(35);
  });

  it('restore refuses a damaged file (exit 2) and a held call log (exit 1), changing nothing', async () => {
    const dir = await deskWithCalls(3000);
    const backup = cli('backup', '--data-dir', dir, '--json').json();
    const file = path.join(dir, 'dialdeck.sqlite');
    const damaged = path.join(tempDir(), 'damaged.sqlite');
    fs.copyFileSync(backup.file as string, damaged);
    damagePages(damaged, pagesOf(damaged, 'calls', 'leaf').slice(7, 9));
    checkpoint(file);
    const before = sha256(file);
    const refused = cli('restore', damaged, '--yes', '--data-dir', dir, '--json');
    expect(refused.code).toBe(2);
    expect(refused.json()).toMatchObject({ ok: false, error: expect.stringMatching(/damaged.*The current call log was not changed/) });
    expect(sha256(file)).toBe(before);

    const running = makeCore(dir);
    const held = cli('restore', backup.file as string, '--yes', '--data-dir', dir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('another Dialdeck (the app, the preview or a command) has');
    running.core.close();
  });
});

describe('call-event', () => {
  it('ended --duration 95 sets the matching call’s talk time; connected for a number nobody called is kept unmatched (exit 0)', async () => {
    const t = makeCore();
    const lead = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 415 555 2671' });
    const dialled = await t.call<{ id: number }>('calls.dial', { contactId: lead.id, override: true });
    const other = await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', phone: '+1 212 555 0143' });
    const otherCall = await t.call<{ id: number }>('calls.dial', { contactId: other.id, override: true });
    t.core.close();
    // The test clock stood at 17:00; the phone reports the end at 17:03 with 95 s of talk.
    const ended = cli('call-event', 'ended', '--number', '+14155552671', '--duration', '95', '--at', '2026-03-02T17:03:00Z', '--data-dir', t.dir, '--json');
    expect(ended.code).toBe(0);
    expect(ended.json()).toEqual({
      ok: true,
      eventId: 1,
      kind: 'ended',
      e164: '+14155552671',
      at: '2026-03-02T17:03:00.000Z',
      matched: true,
      callId: dialled.id,
      contactId: lead.id,
      talkSeconds: 95,
    });
    const db = new BetterSqlite3(path.join(t.dir, 'dialdeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT id, talk_seconds_reported AS talk, connected_at, talk_ended_at FROM calls ORDER BY id').all()).toEqual([
      { id: dialled.id, talk: 95, connected_at: Date.parse('2026-03-02T17:01:25Z'), talk_ended_at: Date.parse('2026-03-02T17:03:00Z') },
      { id: otherCall.id, talk: null, connected_at: null, talk_ended_at: null },
    ]);
    db.close();

    const unknown = cli('call-event', 'connected', '--number', '+44 20 7946 0958', '--data-dir', t.dir, '--json');
    expect(unknown.code).toBe(0);
    expect(unknown.json()).toMatchObject({ ok: true, matched: false, callId: null, e164: '+442079460958' });
  });

  it('refuses what is not a call event, with the usage', () => {
    const dir = tempDir();
    expect(cli('call-event', 'rang', '--number', '1', '--data-dir', dir).code).toBe(2);
    expect(cli('call-event', 'ended', '--data-dir', dir).stderr).toContain('--number');
    expect(cli('call-event', 'ended', '--number', '1', '--duration', '1.5', '--data-dir', dir).stderr).toContain('whole seconds');
  });
});
