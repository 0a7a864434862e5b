// Putting a backup (or any good Dialdeck database file) in place of the call log. The file is
// checked before anything changes: it must pass quick_check, be Dialdeck's, and be no newer than
// this version. The current file is never lost: a healthy one is copied into backups/ first
// ("before-restore"), a damaged one is moved aside whole (dialdeck.sqlite.damaged-…, with its
// WAL). Only one Dialdeck may hold the file while it is swapped: while another (the app, the
// preview, a command) has it open, the restore is refused and says so.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { quickCheck } from '../db/health';
import { checkReadOnly, setDamagedFileAside } from '../db/open';
import { CoreError } from '../errors';
import { inspectDatabaseFile, isOk, writeCopy, writeOnlineBackupOffThread, type DatabaseFacts } from './copies';
import { backupFolderFor, newBackupPath, removeDraft } from './files';

/** When nothing else runs, a restore copies as fast as it can. */
const RESTORE_PACE = { pagesPerStep: 4096, flushEveryPages: Number.MAX_SAFE_INTEGER, pauseMs: 0 };

export interface RestoreOutcome {
  /** The file restored from, and what it holds. */
  restoredFrom: string;
  facts: DatabaseFacts;
  /** What became of the file that was there: copied into backups/, or moved aside damaged;
   *  null when there was none (an emptied file was already moved aside at start). */
  previous: { kind: 'backup' | 'damaged'; keptAs: string } | null;
}

/** Check `candidate`, keep the current file, then put the candidate in its place. Throws a
 *  CoreError the rep can act on; when it does, nothing was changed. */
export async function restoreDatabase(databaseFile: string, candidate: string, now: Date): Promise<RestoreOutcome> {
  const source = path.resolve(candidate);
  if (samePath(source, databaseFile)) throw new CoreError('invalid_request', `Not restored: ${source} is the call log itself. Name a backup file.`);
  const inspection = inspectDatabaseFile(source);
  if (!inspection.ok) throw new CoreError('invalid_request', `Not restored: ${inspection.problem} The current call log was not changed.`);

  let previous: RestoreOutcome['previous'] = null;
  if (fs.existsSync(databaseFile)) {
    const current = takeAlone(databaseFile);
    if (current.state === 'held') {
      throw new CoreError(
        'conflict',
        `Not restored: another Dialdeck (the app, the preview or a command) has ${databaseFile} open. Close it, then restore again. Nothing was changed.`,
      );
    }
    if (current.state === 'healthy') {
      try {
        const folder = backupFolderFor(databaseFile);
        fs.mkdirSync(folder, { recursive: true });
        const keptAs = newBackupPath(folder, now, 'before-restore');
        writeCopy(current.db, keptAs);
        previous = { kind: 'backup', keptAs };
      } finally {
        current.db.close();
      }
    } else {
      previous = { kind: 'damaged', keptAs: setDamagedFileAside(databaseFile, now) };
    }
  }

  // The candidate is copied beside the call log under another name, then renamed into place: the
  // call log is never half a file. What SQLite kept beside the old file goes first, or it would
  // be read as part of the new one.
  const staged = `${databaseFile}.restoring-${process.pid}`;
  removeDraft(staged);
  try {
    await writeOnlineBackupOffThread(source, staged, RESTORE_PACE);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
    fs.renameSync(staged, databaseFile);
  } catch (error) {
    removeDraft(staged);
    const kept = previous ? ` The file that was there is kept as ${previous.keptAs}.` : '';
    throw new CoreError('internal', `The backup could not be put in place (${error instanceof Error ? error.message : String(error)}).${kept}`);
  }
  return { restoredFrom: source, facts: inspection.facts, previous };
}

type Current = { state: 'healthy'; db: Database } | { state: 'held' } | { state: 'damaged' };

/** The current file opened as its only user: healthy (and switched out of WAL, which SQLite
 *  allows only when no other connection has it open), held by another Dialdeck, or damaged
 *  (then it is left exactly as it is, to be moved aside whole). */
function takeAlone(file: string): Current {
  // Checked read-only first: a read-write connection's close would checkpoint the WAL of a
  // damaged file into it and delete it, and the file moved aside would not be the one there was.
  try {
    const probe = checkReadOnly(file);
    if (probe?.problems && !isOk(probe.problems)) return { state: 'damaged' };
  } catch (error) {
    if (isBusy(error)) return { state: 'held' };
    return { state: 'damaged' };
  }
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return { state: 'damaged' };
  }
  try {
    let healthy: boolean;
    try {
      healthy = isOk(quickCheck(db));
    } catch (error) {
      if (isBusy(error)) {
        db.close();
        return { state: 'held' };
      }
      healthy = false;
    }
    if (!healthy) {
      db.close();
      return { state: 'damaged' };
    }
    db.pragma('journal_mode = DELETE');
    return { state: 'healthy', db };
  } catch (error) {
    db.close();
    if (isBusy(error)) return { state: 'held' };
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

function samePath(a: string, b: string): boolean {
  const real = (file: string) => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  return real(a) === real(b);
}
