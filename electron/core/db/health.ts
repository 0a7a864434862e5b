import type { Database } from 'better-sqlite3';

/** PRAGMA quick_check: "ok", or the problems SQLite found. */
export function quickCheck(db: Database): string[] {
  return (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
}

export function pragmaValue(db: Database, name: 'journal_mode' | 'synchronous' | 'foreign_keys' | 'busy_timeout'): unknown {
  return db.pragma(name, { simple: true });
}
