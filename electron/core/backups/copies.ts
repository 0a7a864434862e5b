// Writing and checking backup copies. An online backup is taken while calls go on: from a
// read-only connection of its own that holds one read snapshot for the whole copy (so what it
// writes is the database as it was when the backup began, every call committed before it
// included, and another connection's commits never restart it), copied a few pages at a time with
// better-sqlite3's backup API on a worker thread, flushed to the disk as it goes, so a disposition
// never waits for it: neither for its copying and checking, nor behind a pile of its unwritten
// pages when the disposition's own commit flushes the disk.
// A copy taken when nothing else runs (before a migration, before a restore) is one VACUUM INTO.
// Every copy is checked with quick_check before it gets its name.
import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from '../db/busy';
import { quickCheck } from '../db/health';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import { copyInto, hasDialdeckTables, heldCalls, holdReadSnapshot, releaseReadSnapshot } from './repo';
import { draftPathFor, removeDraft, syncFile } from './files';
import { workerFile } from '../workerFile';
import { runWorkerJob } from '../workerJob';
import type { BackupJob, BackupMessage, InspectMessage } from './worker';

/** Pages copied per step of an online backup: about half a millisecond of work each. */
export const PAGES_PER_STEP = 100;

/** What a database file holds, as far as a backup's list or a restore needs to know. */
export interface DatabaseFacts {
  schemaVersion: number;
  calls: number;
  lastCallId: number | null;
  bytes: number;
}

/** Why a file cannot be used as a Dialdeck database (to restore, or as a backup), or its facts. */
export type Inspection = { ok: true; facts: DatabaseFacts } | { ok: false; problem: string };

/** Open a file read-only and say what it holds: refused when it is not a database, is damaged
 *  (quick_check), is not Dialdeck's, or comes from a newer Dialdeck. Nothing in it changes. */
export function inspectDatabaseFile(file: string): Inspection {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ok: false, problem: `${file} does not exist.` };
  }
  if (!stat.isFile()) return { ok: false, problem: `${file} is not a file.` };
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const problems = quickCheck(db);
    if (!isOk(problems)) return { ok: false, problem: `${file} is damaged (SQLite's integrity check: ${summarise(problems)}).` };
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      return { ok: false, problem: `${file} was written by a newer Dialdeck (schema version ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Dialdeck to use it.` };
    }
    if (version < 1 || !hasDialdeckTables(db)) return { ok: false, problem: `${file} is an SQLite database, but not Dialdeck's (it has no call log).` };
    return { ok: true, facts: { schemaVersion: version, ...heldCalls(db), bytes: stat.size } };
  } catch (error) {
    const says = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return { ok: false, problem: `${file} is damaged (SQLite's integrity check: ${says}).` };
    return { ok: false, problem: `${file} cannot be read as a database (SQLite says: ${says}).` };
  } finally {
    db?.close();
  }
}

/** How an online backup paces itself. */
export interface BackupPace {
  /** Pages copied per step. */
  pagesPerStep: number;
  /** Pages written between two flushes of the copy to the disk: a disposition's own flush (its
   *  commit, synchronous=FULL) then never waits behind a large pile of the copy's unwritten pages. */
  flushEveryPages: number;
  /** A pause after each step, leaving the disk and the processor to the app (on a worker only:
   *  it blocks its own thread). */
  pauseMs: number;
}

/** 100 pages a step, flushed every 512 KB, 10 ms apart (tests/bench/backup.bench.ts). Unpaced, a
 *  copy ran at the disk's full speed (a 1,000,000-call file in under 2 s) and a disposition's
 *  commit, which flushes the disk, waited behind it: p99 38 ms against 3.7 ms with no backup.
 *  Paced, the same copy takes a few seconds more and leaves the disk room for the commits. */
export const ONLINE_PACE: BackupPace = { pagesPerStep: PAGES_PER_STEP, flushEveryPages: 128, pauseMs: 10 };

/** Copy the database into `dest` while the app goes on writing: one read snapshot, a few pages
 *  per step. `dest` appears only once the copy is complete and checked. */
export async function writeOnlineBackup(databaseFile: string, dest: string, pace: BackupPace = ONLINE_PACE): Promise<DatabaseFacts> {
  const draft = draftPathFor(dest);
  const source = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  let fd: number | null = null;
  let unflushed = 0;
  const sleeper = pace.pauseMs > 0 ? new Int32Array(new SharedArrayBuffer(4)) : null;
  try {
    holdReadSnapshot(source);
    await source.backup(draft, {
      progress: () => {
        unflushed += pace.pagesPerStep;
        if (unflushed >= pace.flushEveryPages) {
          fd ??= fs.openSync(draft, 'r+');
          fs.fdatasyncSync(fd);
          unflushed = 0;
        }
        if (sleeper) Atomics.wait(sleeper, 0, 0, pace.pauseMs);
        return pace.pagesPerStep;
      },
    });
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    removeDraft(draft);
    throw error;
  } finally {
    if (fd !== null) fs.closeSync(fd);
    releaseReadSnapshot(source);
    source.close();
  }
  return finishCopy(draft, dest);
}

/** writeOnlineBackup on a worker thread: the copy and its check never run on the thread that
 *  logs calls. */
export function writeOnlineBackupOffThread(databaseFile: string, dest: string, pace: BackupPace = ONLINE_PACE): Promise<DatabaseFacts> {
  const file = workerFile('backupWorker', 'backups/worker.ts');
  if (!file) return Promise.reject(new Error('the backup worker is missing from this build of Dialdeck'));
  return runWorkerJob<BackupMessage, DatabaseFacts>({
    name: 'backup',
    file,
    workerData: { kind: 'copy', databaseFile, dest, pace } satisfies BackupJob,
    done: (message) => message.facts,
    failure: (message) => new Error(message),
  });
}

/** inspectDatabaseFile for each file, on a worker thread: a quick_check of every backup is
 *  seconds of reading at a large call log, which must not stop calls being logged. */
export function inspectDatabaseFilesOffThread(files: readonly string[]): Promise<Inspection[]> {
  const file = workerFile('backupWorker', 'backups/worker.ts');
  if (!file) return Promise.reject(new Error('the backup worker is missing from this build of Dialdeck'));
  return runWorkerJob<InspectMessage, Inspection[]>({
    name: 'backup check',
    file,
    workerData: { kind: 'inspect', files: [...files] } satisfies BackupJob,
    done: (message) => message.inspections,
    failure: (message) => new Error(message),
  });
}

/** A consistent copy of an open database into `dest`, in one statement (nothing else may be
 *  waiting on this connection meanwhile). Checked, then named. */
export function writeCopy(db: Database, dest: string): DatabaseFacts {
  const draft = draftPathFor(dest);
  try {
    copyInto(db, draft);
  } catch (error) {
    removeDraft(draft);
    throw error;
  }
  return finishCopy(draft, dest);
}

/** A copied file made self-contained (no WAL beside it), checked with quick_check, flushed to
 *  the disk, then renamed to its own name. A copy that fails the check is deleted, and the
 *  error says so. */
function finishCopy(draft: string, dest: string): DatabaseFacts {
  let facts: Omit<DatabaseFacts, 'bytes'>;
  try {
    const copy = new BetterSqlite3(draft, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      copy.pragma('journal_mode = DELETE');
      const problems = quickCheck(copy);
      if (!isOk(problems)) throw new Error(`the copy failed SQLite's integrity check (${summarise(problems)}), so it was deleted`);
      facts = { schemaVersion: schemaVersion(copy), ...heldCalls(copy) };
    } finally {
      copy.close();
    }
    syncFile(draft);
    fs.renameSync(draft, dest);
  } catch (error) {
    removeDraft(draft);
    throw error;
  }
  return { ...facts, bytes: fs.statSync(dest).size };
}

export function isOk(problems: readonly string[]): boolean {
  return problems.length === 1 && problems[0] === 'ok';
}

/** The first problems quick_check reported, for a message. */
export function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}
