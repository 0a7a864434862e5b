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
