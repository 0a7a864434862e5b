// Backups (issue #16): an online backup while another connection goes on logging calls, retention,
// the automatic backups on the one timer, a backup before every migration, restore (refusing a
// damaged, newer or held file, keeping the current one), and the integrity check at every start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { writeOnlineBackupOffThread } from '../../electron/core/backups/copies';
import { backupNames } from '../../electron/core/backups/files';
import { restoreDatabase } from '../../electron/core/backups/restore';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, schemaVersion } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { DatabaseFileError } from '../../electron/core/db/openErrors';
import { CoreError } from '../../electron/core/errors';
import type { Backup } from '../../shared/ipc/contract';
import { checkpoint, damagePages, pagesOf, quickCheckOf, seedCalls, sha256 } from './desk-helpers';
import { makeCore, tempDir } from './helpers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// An automatic backup is a whole-file copy on a worker thread, then a check of it: with another
// test file running on the second core it can take longer than waitFor's default second.
const BACKUP_WRITTEN = { timeout: 15_000, interval: 20 };

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

function callIds(file: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM calls ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('an online backup', () => {
  it('taken while a second connection logs calls passes quick_check and holds every call committed before it started (and none after)', async () => {
    const t = makeCore();
    const contactId = await seedCalls(t.core, 20_000);
    const file = path.join(t.dir, 'dialdeck.sqlite');
    // The command line (or any other process) logging calls on its own connection meanwhile.
    const other = new BetterSqlite3(file, { timeout: 5000 });
    other.pragma('synchronous = FULL');
    const logCall = other.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, notes) VALUES (?, 'tel:+14155552671', '+14155552671', ?, 'no_answer', 'logged during the backup')");
    const committedBefore = callIds(file);
    let loggedDuring = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        logCall.run(contactId, Date.now());
        loggedDuring++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Paced slowly (20 pages a step, 5 ms apart), so that the copy spans many of the other
    // connection's commits; the app's pace only makes it quicker.
    const dest = path.join(t.dir, 'backups', 'slow.sqlite');
    fs.mkdirSync(path.dirname(dest));
    const facts = await writeOnlineBackupOffThread(file, dest, { pagesPerStep: 20, flushEveryPages: 200, pauseMs: 5 });
    writing = false;
    await writer;
    other.close();
    const backup = { file: dest, name: 'slow.sqlite', ...facts };

    // The writer really ran while the copy was being made (it is a copy in many steps).
    expect(loggedDuring).toBeGreaterThan(20);
    expect(quickCheckOf(backup.file)).toEqual(['ok']);
    const inBackup = callIds(backup.file);
    const atEnd = callIds(file);
    expect(atEnd.length).toBe(committedBefore.length + loggedDuring);
    // Every call committed before it started is in it…
    expect(inBackup.slice(0, committedBefore.length)).toEqual(committedBefore);
    // …it is one consistent moment (the calls up to some point, none missing in between)…
    expect(inBackup).toEqual(atEnd.slice(0, inBackup.length));
    // …and that moment is its start: the calls logged while it was being copied are not in it.
    expect(inBackup.length).toBeLessThan(atEnd.length - 5);
    expect(backup).toMatchObject({ calls: inBackup.length, schemaVersion: LATEST_SCHEMA_VERSION, lastCallId: inBackup.at(-1) });
    // One self-contained file: no WAL beside it, no draft left.
    expect(fs.readdirSync(path.dirname(backup.file))).toEqual([backup.name]);
    t.core.close();
  });

  it('through the service: into backups/, on its worker thread, checked, with what it holds', async () => {
    const t = makeCore();
    await seedCalls(t.core, 300);
    const backup = await t.core.backups.create('manual');
    expect(backup).toMatchObject({ reason: 'manual', calls: 300, schemaVersion: LATEST_SCHEMA_VERSION, problem: null });
    expect(path.dirname(backup.file)).toBe(path.join(t.dir, 'backups'));
    expect(quickCheckOf(backup.file)).toEqual(['ok']);
    expect(callIds(backup.file)).toHaveLength(300);
    t.core.close();
  });

  it('with --out goes to that file, never over an existing one, and is never pruned', async () => {
    const t = makeCore();
    await seedCalls(t.core, 10);
    const out = path.join(tempDir(), 'copy.sqlite');
    const backup = await t.core.backups.create('manual', out);
    expect(backup.file).toBe(out);
    expect(callIds(out)).toHaveLength(10);
    const error = await rejection(t.core.backups.create('manual', out));
    expect(error).toBeInstanceOf(CoreError);
    expect((error as Error).message).toContain('already exists');
    t.core.close();
  });
});

describe('retention', () => {
  it('keeps exactly the newest N backups (the setting), and leaves files that are not its own alone', async () => {
    const t = makeCore();
    await seedCalls(t.core, 5);
    await t.call('settings.update', { backupsKept: 3 });
    const folder = path.join(t.dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'my-own-copy.sqlite'), 'not Dialdeck’s to delete');
    const made: Backup[] = [];
    for (let i = 0; i < 6; i++) {
      made.push(await t.core.backups.create('manual'));
      t.clock.advance(7 * MINUTE);
    }
    const kept = backupNames(folder).map((b) => b.name);
    expect(kept).toEqual(made.slice(-3).reverse().map((b) => b.name));
    expect(fs.existsSync(path.join(folder, 'my-own-copy.sqlite'))).toBe(true);
    const listed = await t.call<{ kept: number; backups: Backup[] }>('backups.list', {});
    expect(listed.kept).toBe(3);
    expect(listed.backups.map((b) => b.name)).toEqual(kept);
    expect(listed.backups.every((b) => b.calls === 5 && b.schemaVersion === LATEST_SCHEMA_VERSION && b.problem === null)).toBe(true);
    t.core.close();
  });

  it('a copy taken before a restore or a migration is outside that count: it stays 90 days, however many backups follow', async () => {
    const t = makeCore();
    await t.call('settings.update', { backupsKept: 2 });
    const folder = path.join(t.dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    // The copies a restore and a migration left, as they name them, a day before now.
    const dayAgo = t.clock.now().getTime() - 24 * 60 * MINUTE;
    const safety = ['before-restore', 'before-migration'].map((reason) => `dialdeck-${new Date(dayAgo).toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`);
    for (const name of safety) fs.writeFileSync(path.join(folder, name), 'a whole copy');
    for (let i = 0; i < 5; i++) {
      await t.core.backups.create('daily');
      t.clock.advance(24 * 60 * MINUTE);
    }
    const names = () => backupNames(folder).map((b) => b.name);
    // The newest two of the others (the app's own start and daily backups among them).
    expect(names().filter((n) => !safety.includes(n))).toHaveLength(2);
    expect(names()).toEqual(expect.arrayContaining(safety));
    // 90 days after they were taken (and a minute), the next backup deletes them.
    t.clock.advance(dayAgo + 90 * 24 * 60 * MINUTE + MINUTE - t.clock.now().getTime());
    await t.core.backups.create('manual');
    expect(names().some((n) => safety.includes(n))).toBe(false);
    t.core.close();
  });

  it('with N = 1 keeps only the newest', async () => {
    const t = makeCore();
    await t.call('settings.update', { backupsKept: 1 });
    await t.core.backups.create('manual');
    t.clock.advance(MINUTE);
    const newest = await t.core.backups.create('manual');
    expect(backupNames(path.join(t.dir, 'backups')).map((b) => b.name)).toEqual([newest.name]);
    t.core.close();
  });
});

describe('automatic backups', () => {
  it('one within a minute of start (none yet), then one a day, on the scheduler’s one timer', async () => {
    const t = makeCore();
    await seedCalls(t.core, 3);
    const folder = path.join(t.dir, 'backups');
    const names = () => backupNames(folder).map((b) => b.reason);
    expect(names()).toEqual([]);
    t.clock.advance(MINUTE);
    await vi.waitFor(() => expect(names()).toEqual(['start']), BACKUP_WRITTEN);
    expect(t.clock.pendingTimers).toBe(1);
    // Nothing more until a day after it.
    for (let i = 0; i < 23; i++) t.clock.advance(60 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(names()).toEqual(['start']);
    t.clock.advance(61 * MINUTE);
    await vi.waitFor(() => expect(names()).toEqual(['daily', 'start']), BACKUP_WRITTEN);
    t.core.close();
  });

  it('at start, the drafts a killed process left (a backup cut short, a restore staged) are deleted; a running one’s and other files stay', async () => {
    const dir = tempDir();
    makeCore(dir).core.close();
    // A pid no process has any more: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    const left = [
      path.join(folder, `dialdeck-2026-03-02T17-00-00-000Z-manual.sqlite.partial-${gone}-k3j4h5g6`),
      path.join(folder, `dialdeck-2026-03-02T17-00-00-000Z-manual.sqlite.partial-${gone}-k3j4h5g6-journal`),
      path.join(dir, `dialdeck.sqlite.restoring-${gone}`),
    ];
    const kept = [
      path.join(folder, `dialdeck-2026-03-02T17-00-00-000Z-daily.sqlite.partial-${process.pid}-a1b2c3d4`),
      path.join(folder, 'my-copy.sqlite.partial-notes'),
    ];
    for (const file of [...left, ...kept]) fs.writeFileSync(file, 'x'.repeat(1000));
    const t = makeCore(dir);
    expect(left.filter((file) => fs.existsSync(file))).toEqual([]);
    expect(kept.filter((file) => fs.existsSync(file))).toEqual(kept);
    t.core.close();
  });

  it('a backup named while the clock was ahead puts off neither the daily backups nor is rotated away, and a clock behind deletes none of the real ones', async () => {
    const t = makeCore();
    await t.call('settings.update', { backupsKept: 2 });
    await seedCalls(t.core, 2);
    const folder = path.join(t.dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    // Named by a clock a year ahead (taken then, the clock since put right), and a year's worth of
    // real daily backups for a clock that has since fallen a year behind: all after now.
    const nameAt = (at: number, reason: string) => `dialdeck-${new Date(at).toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;
    const start = t.clock.now().getTime();
    const ahead = [nameAt(start + 365 * DAY, 'daily'), nameAt(start + 366 * DAY, 'daily'), nameAt(start + 367 * DAY, 'start')];
    for (const name of ahead) fs.writeFileSync(path.join(folder, name), 'a whole copy');
    const taken = () => backupNames(folder).filter((b) => !ahead.includes(b.name));
    // Within a minute of start, then a day later and the day after: none put off a year.
    t.clock.advance(MINUTE);
    await vi.waitFor(() => expect(taken().map((b) => b.reason)).toEqual(['start']), BACKUP_WRITTEN);
    for (let day = 1; day <= 2; day++) {
      for (let hour = 0; hour < 25; hour++) t.clock.advance(60 * MINUTE);
      await vi.waitFor(() => expect(taken()[0]!.createdAt.getTime()).toBeGreaterThan(start + day * DAY), BACKUP_WRITTEN);
    }
    // Two kept of the three taken (the setting), the newest; and the ones named ahead all there.
    // (The oldest is deleted just after the new one is in place: waited for, not raced.)
    await vi.waitFor(() => expect(taken().map((b) => b.reason)).toEqual(['daily', 'daily']), BACKUP_WRITTEN);
    expect(ahead.filter((name) => fs.existsSync(path.join(folder, name)))).toEqual(ahead);
    t.core.close();
  });

  it('at start, none when the newest backup is less than a day old', async () => {
    const dir = tempDir();
    const first = makeCore(dir);
    await first.core.backups.create('manual');
    first.core.close();
    const again = makeCore(dir, { clock: undefined });
    again.clock.advance(DAY - 2 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backupNames(path.join(dir, 'backups'))).toHaveLength(1);
    again.core.close();
  });
});

describe('before every migration', () => {
  it('the file as it was goes to backups/ before it is migrated, checked, with its calls', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'dialdeck.sqlite');
    // The version before the latest (versions may have gaps between branches' numbers).
    const previous = MIGRATIONS.at(-2)!.version;
    const older = openDatabase(file, { migrateTo: previous });
    older.exec("INSERT INTO contacts (first_name, phone_raw, e164, created_at, updated_at) VALUES ('Ana', '+14155552671', '+14155552671', 0, 0)");
    older.exec("INSERT INTO calls (contact_id, dial_uri, number, dialed_at) VALUES (1, 'tel:+14155552671', '+14155552671', 1), (1, 'tel:+14155552671', '+14155552671', 2)");
    older.close();
    openDatabase(file, { now: new Date('2026-03-02T15:00:00Z') }).close();
    const backups = backupNames(path.join(dir, 'backups'));
    expect(backups.map((b) => b.name)).toEqual(['dialdeck-2026-03-02T15-00-00-000Z-before-migration.sqlite']);
    const copy = new BetterSqlite3(backups[0]!.file, { readonly: true });
    expect(schemaVersion(copy)).toBe(previous);
    expect(copy.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 2 });
    copy.close();
    // Opening again migrates nothing, so backs up nothing.
    openDatabase(file).close();
    expect(backupNames(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('a new database is not backed up (there is nothing to keep)', () => {
    const dir = tempDir();
    openDatabase(path.join(dir, 'dialdeck.sqlite')).close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});

/** A database with calls, closed and checkpointed, and a backup of it. */
/** 3,000 calls checkpointed (and backed up), 400 more still in the WAL when the power goes: the
 *  file and its WAL as they are on the disk, copied while the app holds them; then pages of the
 *  calls in the file damaged. With the two files' hashes as they were. */
async function damagedWithWal() {
  const t = makeCore();
  await seedCalls(t.core, 3000);
  const backup = await t.core.backups.create('manual');
  t.core.db.pragma('wal_checkpoint(TRUNCATE)');
  await seedCalls(t.core, 400, '+1 212 555 0143');
  const crash = tempDir();
  for (const suffix of ['', '-wal']) fs.copyFileSync(path.join(t.dir, `dialdeck.sqlite${suffix}`), path.join(crash, `dialdeck.sqlite${suffix}`));
  t.core.close();
  const file = path.join(crash, 'dialdeck.sqlite');
  damagePages(file, pagesOf(file, 'calls', 'leaf').slice(20, 23));
  return { file, backup, before: { file: sha256(file), wal: sha256(`${file}-wal`) } };
}

async function withBackup(calls: number) {
  const t = makeCore();
  await seedCalls(t.core, calls);
  const backup = await t.core.backups.create('manual');
  t.core.close();
  const file = path.join(t.dir, 'dialdeck.sqlite');
  checkpoint(file);
  return { dir: t.dir, file, backup };
}

describe('restore', () => {
  it('puts the backup in place and keeps the current file as a backup (with the calls logged since)', async () => {
    const { dir, file, backup } = await withBackup(40);
    // Ten more calls after the backup: the current file has them, the backup does not.
    const later = makeCore(dir);
    await seedCalls(later.core, 10, '+1 212 555 0143');
    later.core.close();
    expect(callIds(file)).toHaveLength(50);

    const outcome = await restoreDatabase(file, backup.file, new Date('2026-03-05T10:00:00Z'));
    expect(outcome.facts.calls).toBe(40);
    expect(outcome.previous).toEqual({ kind: 'backup', keptAs: path.join(dir, 'backups', 'dialdeck-2026-03-05T10-00-00-000Z-before-restore.sqlite') });
    expect(callIds(file)).toHaveLength(40);
    expect(callIds(outcome.previous!.keptAs)).toHaveLength(50);
    expect(quickCheckOf(outcome.previous!.keptAs)).toEqual(['ok']);
    // The backup itself is still there, and the app opens the restored file.
    expect(fs.existsSync(backup.file)).toBe(true);
    const reopened = makeCore(dir);
    expect(await reopened.call<{ total: number }>('calls.search', {})).toMatchObject({ total: 40 });
    reopened.core.close();
  });

  it('refuses a damaged file and keeps the current one exactly as it was', async () => {
    const { file, backup } = await withBackup(3000);
    const damaged = path.join(tempDir(), 'damaged.sqlite');
    fs.copyFileSync(backup.file, damaged);
    const leaves = pagesOf(damaged, 'calls', 'leaf');
    damagePages(damaged, leaves.slice(10, 14));
    const before = sha256(file);
    const error = await rejection(restoreDatabase(file, damaged, new Date()));
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('invalid_request');
    expect((error as Error).message).toMatch(/damaged .*integrity check.*The current call log was not changed/s);
    expect(sha256(file)).toBe(before);
    expect(backupNames(path.dirname(backup.file)).map((b) => b.reason)).toEqual(['manual']);
  });

  it('refuses a file from a newer Dialdeck and keeps the current one', async () => {
    const { file, backup } = await withBackup(5);
    const newer = path.join(tempDir(), 'newer.sqlite');
    fs.copyFileSync(backup.file, newer);
    const db = new BetterSqlite3(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(file);
    const error = await rejection(restoreDatabase(file, newer, new Date()));
    expect((error as Error).message).toContain('written by a newer Dialdeck');
    expect(sha256(file)).toBe(before);
  });

  it('refuses a file that is not a Dialdeck database, and the call log itself', async () => {
    const { file } = await withBackup(1);
    const stranger = path.join(tempDir(), 'other.sqlite');
    new BetterSqlite3(stranger).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect(((await rejection(restoreDatabase(file, stranger, new Date()))) as Error).message).toContain('not Dialdeck’s'.replace('’', "'"));
    const text = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(text, 'hello '.repeat(1000));
    expect(((await rejection(restoreDatabase(file, text, new Date()))) as Error).message).toContain('cannot be read as a database');
    expect(((await rejection(restoreDatabase(file, file, new Date()))) as Error).message).toContain('is the call log itself');
  });

  it('refuses while another Dialdeck has the call log open, and says so', async () => {
    const { dir, file, backup } = await withBackup(5);
    const running = makeCore(dir);
    const before = callIds(file);
    const error = await rejection(restoreDatabase(file, backup.file, new Date()));
    expect((error as CoreError).code).toBe('conflict');
    expect((error as Error).message).toContain('another Dialdeck (the app, the preview or a command) has');
    expect(callIds(file)).toEqual(before);
    // The running app carries on with its file.
    expect(await running.call<{ total: number }>('calls.search', {})).toMatchObject({ total: 5 });
    running.core.close();
    expect(backupNames(path.join(dir, 'backups')).map((b) => b.reason)).toEqual(['manual']);
  });

  it('over a damaged call log: the damaged file is moved aside whole (with its WAL), never deleted', async () => {
    const { dir, file, backup } = await withBackup(3000);
    damagePages(file, pagesOf(file, 'calls', 'leaf').slice(5, 8));
    const damagedSha = sha256(file);
    const outcome = await restoreDatabase(file, backup.file, new Date('2026-03-05T10:00:00Z'));
    expect(outcome.previous).toEqual({ kind: 'damaged', keptAs: path.join(dir, 'dialdeck.sqlite.damaged-2026-03-05T10-00-00-000Z') });
    expect(sha256(outcome.previous!.keptAs)).toBe(damagedSha);
    expect(callIds(file)).toHaveLength(3000);
  });

  it('over a damaged call log with calls still in its WAL (the power went): both are moved aside exactly as they were, the WAL not checkpointed in', async () => {
    const { file, backup, before } = await damagedWithWal();
    const crash = path.dirname(file);
    const outcome = await restoreDatabase(file, backup.file, new Date('2026-03-05T10:00:00Z'));
    const keptAs = path.join(crash, 'dialdeck.sqlite.damaged-2026-03-05T10-00-00-000Z');
    expect(outcome.previous).toEqual({ kind: 'damaged', keptAs });
    expect({ file: sha256(keptAs), wal: sha256(`${keptAs}-wal`) }).toEqual(before);
    expect(callIds(file)).toHaveLength(3000);
  });
});

describe('the integrity check at every start', () => {
  it('a damaged file with calls still in its WAL (the power went): the start changes neither, the WAL is not checkpointed in', async () => {
    const { file, before } = await damagedWithWal();
    const error = thrown(() => openDatabase(file));
    expect((error as DatabaseFileError).problem).toBe('damaged');
    expect((error as Error).message).toMatch(/The file has not been changed/);
    expect({ file: sha256(file), wal: sha256(`${file}-wal`) }).toEqual(before);
  });

  it('stops the start on a damaged file, says so, and changes not a byte of it', async () => {
    const { file } = await withBackup(3000);
    damagePages(file, pagesOf(file, 'calls', 'leaf').slice(20, 22));
    const before = sha256(file);
    const files = () => fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith('dialdeck.sqlite'));
    const listed = files();
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as DatabaseFileError).problem).toBe('damaged');
    expect((error as DatabaseFileError).keptAs).toBeNull();
    expect((error as Error).message).toMatch(/The call log file .* is damaged.*The file has not been changed/s);
    expect((error as DatabaseFileError).problems.length).toBeGreaterThan(0);
    expect(sha256(file)).toBe(before);
    // Nothing set aside or added beside it (this test's own reading of its pages left a -wal and -shm).
    expect(files()).toEqual(listed);
  });
});
