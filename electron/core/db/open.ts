import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { backupFolderFor, newBackupPath } from '../backups/files';
import { isOk, summarise, writeCopy } from '../backups/copies';
import { BUSY_TIMEOUT_MS } from './busy';
import { quickCheck } from './health';
import { registerSqlFunctions } from './functions';
import { LATEST_SCHEMA_VERSION, NewerDatabaseError, migrate, schemaVersion } from './migrations';
import { DatabaseFileError } from './openErrors';

export { BUSY_TIMEOUT_MS };

export interface OpenOptions {
  /** Stop at this schema version (tests of the migrations). */
  migrateTo?: number;
  /** Dates the name a damaged file is kept under, and a backup taken before a migration; now
   *  when left out. */
  now?: Date;
}

/** Open (creating if needed) the one database file with the pragmas the call log relies on,
 *  then migrate it. Whatever stops it is a DatabaseFileError naming the file, why, and what to
 *  do: a newer Dialdeck's file (refused without a byte of it changing), a file or folder this
 *  user cannot write, a damaged file (an emptied one is first moved aside, never deleted). */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const now = options.now ?? new Date();
  const problem = accessProblem(file);
  if (problem) throw problem;
  setAsideIfEmpty(file, now);
  // Checked before any read-write connection, whose close would checkpoint the WAL into a
  // damaged file and delete it: a file refused here keeps every byte, its WAL included.
  let checked = false;
  if (fs.existsSync(file)) checked = refuseNewerOrDamaged(file);
  else createFile(file, now);
  const db = openSqlite(file, { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
  try {
    applyPragmas(db);
    registerSqlFunctions(db);
    // Every start checks the file as SQLite sees it (its WAL applied): a damaged file stops the
    // start, untouched, and the app offers its way out (the recovery screen). Here only when the
    // read-only check could not run (a WAL only a writer can recover).
    if (!checked) refuseDamaged(db, file);
    // SQLite opens a file it may not write read-only without a word: find out now, not at the
    // first disposition. Taking the write lock writes nothing.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    backUpBeforeMigrating(db, file, options.migrateTo ?? LATEST_SCHEMA_VERSION, now);
    migrate(db, options.migrateTo);
    return db;
  } catch (error) {
    db.close();
    throw explained(error, file);
  }
}

/** PRAGMA quick_check over the whole file (through its WAL): anything but "ok" is damage. */
function refuseDamaged(db: Database, file: string): void {
  const problems = quickCheck(db);
  if (!isOk(problems)) throw damagedError(file, problems);
}

function damagedError(file: string, problems: readonly string[]): DatabaseFileError {
  return new DatabaseFileError(
    'damaged',
    file,
    `The call log file ${file} is damaged: SQLite's integrity check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${summarise(problems)}). ` +
      'The file has not been changed. Restore the latest good backup, save what can still be read, or quit.',
    null,
    problems,
  );
}

/** A migration changes the file for good: a copy of it as it was goes to backups/ first. */
function backUpBeforeMigrating(db: Database, file: string, target: number, now: Date): void {
  const from = schemaVersion(db);
  if (from === 0 || from >= Math.min(target, LATEST_SCHEMA_VERSION)) return;
  const folder = backupFolderFor(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
    writeCopy(db, newBackupPath(folder, now, 'before-migration'));
  } catch (error) {
    // No migration without its backup: the file stays as it is, readable by this version's
    // predecessor, until the copy can be made.
    throw new DatabaseFileError(
      'no_access',
      file,
      `Dialdeck must update the format of ${file} (schema version ${from} to ${Math.min(target, LATEST_SCHEMA_VERSION)}) and backs it up first, but the backup in ${folder} could not be written (${error instanceof Error ? error.message : String(error)}). ` +
        'Nothing was changed. Free some disk space or make that folder writable, then start Dialdeck again.',
    );
  }
}

export function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a disposition the screen acknowledged survives power loss, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 32 MB of page cache: the queue and imports touch many pages; a desk has memory to spare.
  db.pragma('cache_size = -32768');
  // The small sorts and IN lists of the disposition's reads (ORDER BY over a lead's rows) are
  // kept in memory rather than in a temporary file: they are a few rows each.
  db.pragma('temp_store = MEMORY');
}

/** Refuse a file from a newer Dialdeck or a damaged one, before any read-write connection.
 *  Returns whether the check ran. */
function refuseNewerOrDamaged(file: string): boolean {
  let probe: ReadOnlyCheck | null;
  try {
    probe = checkReadOnly(file);
  } catch (error) {
    throw explained(error, file);
  }
  if (probe === null) return false;
  if (probe.version > LATEST_SCHEMA_VERSION) throw new NewerDatabaseError(probe.version, LATEST_SCHEMA_VERSION, file);
  if (probe.problems !== null && !isOk(probe.problems)) throw damagedError(file, probe.problems);
  return probe.problems !== null;
}

export interface ReadOnlyCheck {
  version: number;
  /** quick_check's lines; null for a file from a newer Dialdeck (not checked). */
  problems: string[] | null;
}

/** Read the schema version, then check the file (quick_check), on a read-only connection: unlike
 *  a read-write one, it does not checkpoint the WAL into the file when it closes, so a file
 *  found newer or damaged keeps every byte. Null when only a writer can read it (a hot journal to
 *  roll back, a WAL index to rebuild); throws what SQLite threw otherwise. */
export function checkReadOnly(file: string): ReadOnlyCheck | null {
  // A reader of a WAL-mode file makes its -wal and -shm when they are not there, and leaves them:
  // those it made (empty of any change) go again, so a refused file's folder is as it was.
  const made = ['-wal', '-shm'].filter((suffix) => !fs.existsSync(`${file}${suffix}`));
  try {
    const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      const version = schemaVersion(probe);
      return { version, problems: version <= LATEST_SCHEMA_VERSION ? quickCheck(probe) : null };
    } finally {
      probe.close();
      if (made.includes('-wal') && sizeOrZero(`${file}-wal`) === 0) for (const suffix of made) fs.rmSync(`${file}${suffix}`, { force: true });
    }
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY') return null;
    throw error;
  }
}

function sizeOrZero(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function openSqlite(file: string, options: BetterSqlite3.Options): Database {
  try {
    return new BetterSqlite3(file, options);
  } catch (error) {
    throw explained(error, file);
  }
}

/** A Dialdeck database is never empty (it is created whole, below), so an empty one was emptied:
 *  by a disk or a sync tool, or a copy cut short. SQLite would silently start a new database in
 *  it (a 1-byte file too: its Unix layer reports those as empty) and delete any WAL beside it,
 *  which may be all that is left. So the file is moved aside with its WAL, and this start stops
 *  to say so; the next one begins a new file. */
function setAsideIfEmpty(file: string, now: Date): void {
  const size = sizeOf(file);
  if (size === null || size > 1) return;
  const walBytes = sizeOf(`${file}-wal`) ?? 0;
  let keptAs: string;
  try {
    keptAs = keepAside(file, now, { withFile: true });
  } catch (error) {
    throw new DatabaseFileError(
      'damaged',
      file,
      `Dialdeck's database ${file} is empty, so it is damaged, and it could not be moved aside (${error instanceof Error ? error.message : String(error)}); nothing was deleted. ` +
        `Move it and any ${path.basename(file)}-wal beside it (or ${path.basename(file)}.damaged-*) to another folder, then start Dialdeck again, or choose another data folder (--data-dir=FOLDER or DIALDECK_DATA_DIR).`,
    );
  }
  const wal =
    walBytes > 0
      ? ` The changes that were waiting beside it (${walBytes} bytes) are kept with it as ${keptAs}-wal: they may be all that is left of the data, so keep both for whoever recovers it.`
      : '';
  throw new DatabaseFileError(
    'damaged',
    file,
    `Dialdeck's database ${file} is empty (${size === 1 ? '1 byte' : '0 bytes'}), so it is damaged: a Dialdeck database is never empty. ` +
      `It has been kept as ${keptAs}; nothing was deleted.${wal} ` +
      `Start Dialdeck (or the command) again to begin a new, empty database, or first put a backup copy of your database in its place as ${file}.`,
    keptAs,
  );
}

/** A new database comes into being whole: built under another name and linked into place, so
 *  no one (a crash, a second process starting at the same moment) ever sees it empty. */
function createFile(file: string, now: Date): void {
  // A WAL whose database was deleted would be replayed into the new file: keep it aside.
  if ((sizeOf(`${file}-wal`) ?? 0) > 0) {
    const keptAs = keepAside(file, now, { withFile: false });
    console.warn(`[dialdeck] ${file}-wal was left without its database file; kept as ${keptAs}-wal, and a new database started.`);
  }
  const draft = `${file}.new-${process.pid}`;
  const removeDraft = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${draft}${suffix}`, { force: true }));
  removeDraft();
  try {
    const db = openSqlite(draft, { timeout: BUSY_TIMEOUT_MS });
    try {
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      const code = errnoCode(error);
      // EEXIST: another process created it first, and its file is the one to use.
      if (code === 'EEXIST') return;
      // A file system without hard links (FAT, some network drives).
      if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') && !fs.existsSync(file)) fs.renameSync(draft, file);
      else throw error;
    }
  } finally {
    removeDraft();
  }
}

/** Move a damaged file with its WAL and shared-memory file to a free dated name beside it
 *  (dialdeck.sqlite.damaged-…); returns that name. Nothing is deleted. */
export function setDamagedFileAside(file: string, now: Date): string {
  return keepAside(file, now, { withFile: true });
}

/** Move the file's WAL and shared-memory file (and the file itself, withFile) to a free dated
 *  name beside it; returns that name. */
function keepAside(file: string, now: Date, { withFile }: { withFile: boolean }): string {
  const base = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  let keptAs = base;
  for (let n = 2; ['', '-wal', '-shm'].some((suffix) => fs.existsSync(`${keptAs}${suffix}`)); n++) keptAs = `${base}-${n}`;
  // The WAL first: left behind, it would be replayed into whatever file next takes this name.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${keptAs}${suffix}`);
  }
  if (withFile) fs.renameSync(file, keptAs);
  return keptAs;
}

/** What stops this user writing the database, its WAL, or the folder that holds them, checked by
 *  trying (permission bits alone do not tell: a read-only disk, an immutable folder, ACLs). */
function accessProblem(file: string): DatabaseFileError | null {
  const folder = path.dirname(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    const blocker = nearestExisting(folder);
    const reason = blocker !== null && !fs.statSync(blocker).isDirectory() ? 'is a file, not a folder' : reasonFor(error);
    return noAccess(file, `Dialdeck cannot create the folder ${folder} for its database ${file}: ${blocker ?? folder} ${reason}.`, { folder, permission: isPermission(error) });
  }
  const probe = path.join(folder, `.dialdeck-write-check-${process.pid}`);
  try {
    fs.closeSync(fs.openSync(probe, 'w'));
    fs.rmSync(probe, { force: true });
  } catch (error) {
    return noAccess(file, `Dialdeck cannot use its database ${file}: the folder ${folder} ${reasonFor(error)}.`, { folder, permission: isPermission(error) });
  }
  for (const part of [file, `${file}-wal`, `${file}-shm`]) {
    const error = whyNotWritable(part);
    if (error) return noAccess(file, `Dialdeck cannot use its database ${file}: the file ${part} ${reasonFor(error)}.`, { permission: isPermission(error) });
  }
  return null;
}

/** Why this user cannot write an existing file, without opening it: closing any descriptor of a
 *  database file drops every SQLite lock this process holds on it. */
function whyNotWritable(file: string): { code: string } | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (stat.isDirectory()) return { code: 'EISDIR' };
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch (error) {
    return { code: errnoCode(error) ?? 'EACCES' };
  }
  // access() answers for the real user; running as another effective user (a setuid launcher,
  // an admin's sudo -u), the mode bits decide.
  const euid = process.geteuid?.();
  if (euid === undefined || euid === process.getuid?.() || euid === 0) return null;
  const groups = [process.getegid!(), ...process.getgroups!()];
  const bit = stat.uid === euid ? 0o200 : groups.includes(stat.gid) ? 0o020 : 0o002;
  return stat.mode & bit ? null : { code: 'EACCES' };
}

function noAccess(file: string, what: string, where: { folder?: string; permission: boolean }): DatabaseFileError {
  const elsewhere = 'choose another data folder (start Dialdeck with --data-dir=FOLDER, or set DIALDECK_DATA_DIR)';
  let advice: string;
  if (!where.permission) advice = `${capitalised(elsewhere)}.`;
  else if (where.folder !== undefined) advice = `${capitalised(elsewhere)}, or give this user write permission to ${where.folder}.`;
  else advice = `Make it writable for this user (it may be marked read-only, or belong to another user), or ${elsewhere}.`;
  return new DatabaseFileError('no_access', file, `${what} ${advice} Nothing was changed.`);
}

/** SQLite's own errors, told in the same terms: which file, why, what to do. */
function explained(error: unknown, file: string): unknown {
  if (error instanceof DatabaseFileError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error;
  if (code.startsWith('SQLITE_CORRUPT')) return damagedError(file, [(error as Error).message]);
  if (code === 'SQLITE_NOTADB') {
    return new DatabaseFileError(
      'damaged',
      file,
      `${file} is not a Dialdeck database, or it is damaged (SQLite says: ${(error as Error).message}). The file has not been changed. ` +
        'Put a backup copy of your database in its place, or move this file elsewhere to start a new, empty database, or choose another data folder (--data-dir=FOLDER or DIALDECK_DATA_DIR).',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return (
      accessProblem(file) ??
      new DatabaseFileError(
        'no_access',
        file,
        `Dialdeck cannot open its database ${file} (SQLite says: ${(error as Error).message}). Check that this user can read and write it and its folder, or choose another data folder (start Dialdeck with --data-dir=FOLDER, or set DIALDECK_DATA_DIR).`,
      )
    );
  }
  return error;
}

function reasonFor(error: unknown): string {
  switch (errnoCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'is read-only for this user (permission denied)';
    case 'EROFS':
      return 'is on a read-only disk';
    case 'ENOSPC':
      return 'is on a disk that is full';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'is a file, not a folder';
    default:
      return `cannot be written (${error instanceof Error ? error.message : String(error)})`;
  }
}

const isPermission = (error: unknown) => ['EACCES', 'EPERM'].includes(errnoCode(error) ?? '');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function nearestExisting(folder: string): string | null {
  for (let at = folder; ; at = path.dirname(at)) {
    if (fs.existsSync(at)) return at;
    if (path.dirname(at) === at) return null;
  }
}

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof BetterSqlite3.SqliteError ? error.code : undefined;
}

/** A second connection, read-only, for work off the main thread (exports): in WAL mode it reads
 *  while the app's one writing connection carries on. */
export function openReadOnly(file: string): Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/** Run async work inside one read transaction, so every statement in it sees the same snapshot
 *  however long it takes (a count and the rows it counted agree). */
export async function inReadSnapshot<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}
