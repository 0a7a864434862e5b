import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, NewerDatabaseError, migrate, schemaVersion } from './migrations';

export const BUSY_TIMEOUT_MS = 5000;

/** Open (creating if needed) the one database file with the pragmas the call log relies on,
 *  then migrate it. Throws NewerDatabaseError, untouched, for a file from a newer Dialdeck. */
export function openDatabase(file: string, options: { migrateTo?: number } = {}): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // Refuse a newer file before touching it, not even to change its journal mode.
    const fileVersion = schemaVersion(db);
    if (fileVersion > LATEST_SCHEMA_VERSION) throw new NewerDatabaseError(fileVersion, LATEST_SCHEMA_VERSION);
    applyPragmas(db);
    migrate(db, options.migrateTo);
    return db;
  } catch (error) {
    db.close();
    throw error;
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
