// Opening the one database file when the file or its folder is not what Dialdeck left there:
// a newer version's file with changes still in its WAL, a folder or file this user cannot write,
// a file emptied to zero bytes (with or without a WAL beside it), a WAL whose file is gone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { LATEST_SCHEMA_VERSION, NewerDatabaseError, schemaVersion } from '../../electron/core/db/migrations';
import { DatabaseFileError } from '../../electron/core/db/openErrors';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { tempDir } from './helpers';

const NOW = new Date('2026-03-02T15:04:05.678Z');
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const exists = (file: string) => fs.existsSync(file);

function thrownBy(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The user_version stored in the main file's header (bytes 60–63, big-endian), without SQLite:
 *  what the file says before any WAL frame is applied. */
function headerUserVersion(file: string): number {
  return fs.readFileSync(file).readUInt32BE(60);
}

/** A database at a newer schema version whose latest changes (the version among them) are WAL
 *  frames not yet checkpointed into the file, as a crash or power loss leaves it: copied while
 *  its writer still holds it open, since closing the writer would checkpoint. */
function newerFileWithPendingWal(): { file: string; wal: string } {
  const source = path.join(tempDir(), 'source.sqlite');
  const writer = new BetterSqlite3(source);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE base (x)');
  writer.pragma('wal_checkpoint(TRUNCATE)');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec("CREATE TABLE future (x); INSERT INTO future VALUES ('from a newer Dialdeck')");
  writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  const file = path.join(tempDir(), 'dialdeck.sqlite');
  fs.copyFileSync(source, file);
  fs.copyFileSync(`${source}-wal`, `${file}-wal`);
  writer.close();
  return { file, wal: `${file}-wal` };
}

describe('a database from a newer Dialdeck', () => {
  it('is refused without checkpointing its WAL: the file and the WAL keep their bytes', () => {
    const { file, wal } = newerFileWithPendingWal();
    // The newer version is only in the WAL, so a checkpoint would change the file.
    expect(headerUserVersion(file)).toBe(0);
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    const before = { file: sha256(file), wal: sha256(wal) };

    const error = thrownBy(() => openDatabase(file));
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect(error.message).toMatch(new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 1}.*has not been changed`, 's'));
    expect({ file: sha256(file), wal: exists(wal) ? sha256(wal) : 'the WAL is gone' }).toEqual(before);
    expect(headerUserVersion(file)).toBe(0);
  });

  it('is still the newer version when read afterwards (nothing of it was lost)', () => {
    const { file } = newerFileWithPendingWal();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    const reader = new BetterSqlite3(file, { readonly: true });
    expect(schemaVersion(reader)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(reader.prepare('SELECT x FROM future').all()).toEqual([{ x: 'from a newer Dialdeck' }]);
    reader.close();
  });
});

// Root writes anywhere, so as root the checks run with the effective user "nobody" (the real
// user stays root, so the test process can switch back); as anyone else, plain permissions do.
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
function asUnprivilegedUser<T>(work: () => T): T {
  if (!isRoot) return work();
  process.setegid!(NOBODY);
  process.seteuid!(NOBODY);
  try {
    return work();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}

/** A folder the unprivileged user may enter but not write. */
function readOnlyFolder(): string {
  const base = tempDir();
  fs.chmodSync(base, 0o755);
  const folder = path.join(base, 'data');
  fs.mkdirSync(folder);
  fs.chmodSync(folder, 0o555);
  return folder;
}

/** A folder the unprivileged user owns and may write. */
function writableFolder(): string {
  const base = tempDir();
  fs.chmodSync(base, 0o755);
  const folder = path.join(base, 'data');
  fs.mkdirSync(folder);
  if (isRoot) fs.chownSync(folder, NOBODY, NOBODY);
  return folder;
}

describe('a data folder or file this user cannot write', () => {
  it('a read-only folder, first start: the message names the file, says why and what to do; nothing is created', () => {
    const folder = readOnlyFolder();
    const file = path.join(folder, 'dialdeck.sqlite');
    const error = asUnprivilegedUser(() => thrownBy(() => openDatabase(file, { now: NOW })));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error).toMatchObject({ problem: 'no_access', file });
    expect(error.message).toContain(file);
    expect(error.message).toContain(`the folder ${folder} is read-only for this user (permission denied)`);
    expect(error.message).toMatch(/--data-dir/);
    expect(error.message).toMatch(/DIALDECK_DATA_DIR/);
    expect(error.message).toContain(`write permission to ${folder}`);
    expect(error.message).not.toMatch(/unable to open database file/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a read-only folder holding a good database: the same, and the database is untouched', () => {
    const base = tempDir();
    fs.chmodSync(base, 0o755);
    const folder = path.join(base, 'data');
    const file = path.join(folder, 'dialdeck.sqlite');
    openDatabase(file).close();
    fs.chmodSync(file, 0o666);
    fs.chmodSync(folder, 0o555);
    const before = sha256(file);
    const error = asUnprivilegedUser(() => thrownBy(() => openDatabase(file, { now: NOW })));
    expect(error).toMatchObject({ problem: 'no_access', file });
    expect(error.message).toContain(`the folder ${folder} is read-only for this user (permission denied)`);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(folder)).toEqual(['dialdeck.sqlite']);
  });

  it('a read-only database file: the message names it and says to make it writable or choose another folder', () => {
    const folder = writableFolder();
    const file = path.join(folder, 'dialdeck.sqlite');
    openDatabase(file).close();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const error = asUnprivilegedUser(() => thrownBy(() => openDatabase(file, { now: NOW })));
    expect(error).toMatchObject({ problem: 'no_access', file });
    expect(error.message).toContain(`the file ${file} is read-only for this user (permission denied)`);
    expect(error.message).toMatch(/make it writable/i);
    expect(error.message).toMatch(/--data-dir/);
    expect(sha256(file)).toBe(before);
  });

  it('a data folder that is a file: the message says so', () => {
    const base = tempDir();
    const notAFolder = path.join(base, 'data');
    fs.writeFileSync(notAFolder, 'not a folder');
    const file = path.join(notAFolder, 'dialdeck.sqlite');
    const error = thrownBy(() => openDatabase(file, { now: NOW }));
    expect(error).toMatchObject({ problem: 'no_access', file });
    expect(error.message).toContain(`${notAFolder} is a file, not a folder`);
    expect(error.message).toMatch(/--data-dir/);
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('not a folder');
  });

  it('through createCore, as the app and the command line open it', () => {
    const folder = readOnlyFolder();
    const error = asUnprivilegedUser(() =>
      thrownBy(() =>
        createCore({ paths: pathsFor(folder), clock: new FakeClock(NOW), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York', startTimers: false }),
      ),
    );
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error.message).toContain(path.join(folder, 'dialdeck.sqlite'));
  });
});

describe('a database file emptied to zero bytes', () => {
  it('is damaged: kept aside under a dated name, never deleted, and the message says so; the next start begins a new file', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    fs.writeFileSync(file, '');
    const keptAs = path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z');

    const error = thrownBy(() => openDatabase(file, { now: NOW }));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error).toMatchObject({ problem: 'damaged', file, keptAs });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/empty \(0 bytes\)/);
    expect(error.message).toContain(keptAs);
    expect(error.message).toMatch(/nothing was deleted/i);
    expect(fs.readdirSync(folder).sort()).toEqual(['dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z']);
    expect(fs.statSync(keptAs).size).toBe(0);

    const fresh = openDatabase(file, { now: NOW });
    expect(schemaVersion(fresh)).toBe(LATEST_SCHEMA_VERSION);
    fresh.close();
    expect(exists(keptAs)).toBe(true);
  });

  it('with a WAL beside it: the WAL is kept with it, byte for byte (SQLite would delete it)', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    // A WAL with frames, from a real database, beside an emptied file.
    const source = path.join(tempDir(), 'source.sqlite');
    const writer = new BetterSqlite3(source);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("CREATE TABLE contacts (name); INSERT INTO contacts VALUES ('Ana Silva')");
    fs.copyFileSync(`${source}-wal`, `${file}-wal`);
    writer.close();
    fs.writeFileSync(file, '');
    const walBefore = sha256(`${file}-wal`);
    const walBytes = fs.statSync(`${file}-wal`).size;

    const error = thrownBy(() => openDatabase(file, { now: NOW }));
    const keptAs = path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z');
    expect(error).toMatchObject({ problem: 'damaged', keptAs });
    expect(error.message).toContain(`${keptAs}-wal`);
    expect(error.message).toContain(`${walBytes} bytes`);
    expect(sha256(`${keptAs}-wal`)).toBe(walBefore);
    expect(exists(file)).toBe(false);
    expect(exists(`${file}-wal`)).toBe(false);
  });

  it('a 1-byte file is empty too (SQLite would start a new database in it): kept aside the same way', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    fs.writeFileSync(file, 'x');
    const error = thrownBy(() => openDatabase(file, { now: NOW }));
    expect(error).toMatchObject({ problem: 'damaged', keptAs: path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z') });
    expect(error.message).toMatch(/empty \(1 byte\)/);
    expect(fs.readFileSync(path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z'), 'utf8')).toBe('x');
  });

  it('two damaged files in the same instant are both kept', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    fs.writeFileSync(file, '');
    expect(() => openDatabase(file, { now: NOW })).toThrow(DatabaseFileError);
    fs.writeFileSync(file, '');
    const second = thrownBy(() => openDatabase(file, { now: NOW }));
    expect(second).toMatchObject({ keptAs: path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z-2') });
    expect(fs.readdirSync(folder).sort()).toEqual(['dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z', 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z-2']);
  });
});

describe('the command line', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const cli = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DIALDECK_DATA_DIR: '' } });

  it('check on an emptied database: exit 1 and the message on stderr; the file is kept aside, and the next check starts a new one', () => {
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'dialdeck.sqlite'), '');
    const first = cli('check', '--data-dir', folder);
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/^Error: Dialdeck's database .*dialdeck\.sqlite is empty \(0 bytes\), so it is damaged.*kept as .*dialdeck\.sqlite\.damaged-/);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith('dialdeck.sqlite.damaged-'))).toHaveLength(1);
    const second = cli('check', '--data-dir', folder, '--json');
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
  });
});

describe('a file that is not a database', () => {
  it('is reported as damaged, by name, and left as it is', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    fs.writeFileSync(file, 'Name,Phone\nAna,+14155552671\n'.repeat(200));
    const before = sha256(file);
    const error = thrownBy(() => openDatabase(file, { now: NOW }));
    expect(error).toMatchObject({ problem: 'damaged', file, keptAs: null });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a Dialdeck database, or it is damaged/);
    expect(error.message).toMatch(/has not been changed/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(folder)).toEqual(['dialdeck.sqlite']);
  });
});

describe('a WAL left behind without its database file', () => {
  it('is kept aside, not replayed into the new database', () => {
    const folder = tempDir();
    const file = path.join(folder, 'dialdeck.sqlite');
    const source = path.join(tempDir(), 'source.sqlite');
    const writer = new BetterSqlite3(source);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("CREATE TABLE stranger (x); INSERT INTO stranger VALUES ('not ours')");
    fs.copyFileSync(`${source}-wal`, `${file}-wal`);
    writer.close();
    const walBefore = sha256(`${file}-wal`);

    const db = openDatabase(file, { now: NOW });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'stranger'").get()).toEqual({ n: 0 });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    expect(sha256(path.join(folder, 'dialdeck.sqlite.damaged-2026-03-02T15-04-05-678Z-wal'))).toBe(walBefore);
  });
});
