import { sql } from '../db/statements';
import type { Database } from 'better-sqlite3';

export interface DncRow {
  e164: string;
  added_at: number;
  source: string;
}

/** Adds the number if it is not listed yet; returns whether it was new. Never removes. */
export function addDnc(db: Database, e164: string, at: number, source: string): boolean {
  return sql(db, 'INSERT INTO dnc (e164, added_at, source) VALUES (?, ?, ?) ON CONFLICT (e164) DO NOTHING').run(e164, at, source).changes > 0;
}

export function isDnc(db: Database, e164: string): boolean {
  return sql(db, 'SELECT 1 FROM dnc WHERE e164 = ?').get(e164) !== undefined;
}

export function listDnc(db: Database): DncRow[] {
  return sql(db, 'SELECT * FROM dnc ORDER BY added_at, e164').all() as DncRow[];
}

export function countDnc(db: Database): number {
  return (sql(db, 'SELECT count(*) AS n FROM dnc').get() as { n: number }).n;
}
