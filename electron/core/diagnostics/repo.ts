import type { Database } from 'better-sqlite3';
import { scalar } from '../db/sql';

const version = scalar<string>('SELECT sqlite_version()');

/** The SQLite library's version. */
export function sqliteVersion(db: Database): string {
  return version(db).get()!;
}
