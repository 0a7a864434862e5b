// The SQL of backups: a consistent copy into another file, what a backup holds, and the read
// snapshot an online backup is taken from.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

// VACUUM INTO takes its file name as a bound parameter: the copy is one consistent snapshot,
// compacted, in a single file (no WAL beside it).
const vacuumInto = statement<never, [file: string]>('VACUUM INTO ?');
const schemaObjects = scalar<number>('SELECT count(*) FROM sqlite_master');
const callTotal = scalar<number>('SELECT count(*) FROM calls');
const lastCallId = scalar<number | null>('SELECT max(id) FROM calls');
const tableNames = scalar<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('calls', 'contacts', 'settings')");

/** A consistent copy of the whole database in `file` (which must not exist). Blocks its
 *  connection while it runs: for the moments nothing else runs (before a migration, a restore). */
export function copyInto(db: Database, file: string): void {
  vacuumInto(db).run(file);
}

/** Begin a read transaction and read once, so the connection holds one snapshot from here until
 *  the transaction ends, whatever other connections commit meanwhile. */
export function holdReadSnapshot(db: Database): void {
  db.exec('BEGIN');
  schemaObjects(db).get();
}

export function releaseReadSnapshot(db: Database): void {
  if (db.inTransaction) db.exec('COMMIT');
}

export interface HeldCalls {
  calls: number;
  /** The newest call's id: a call with a greater id in another file was logged after this one. */
  lastCallId: number | null;
}

/** How many calls a database holds, and the newest one's id. */
export function heldCalls(db: Database): HeldCalls {
  return { calls: callTotal(db).get()!, lastCallId: lastCallId(db).get() ?? null };
}

/** Whether the file has Dialdeck's own tables (calls, contacts, settings). */
export function hasDialdeckTables(db: Database): boolean {
  return tableNames(db).all().length === 3;
}
