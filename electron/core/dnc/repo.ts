// The do-not-call list: numbers in E.164, only ever added to.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

export interface DncRow {
  e164: string;
  added_at: number;
  source: string;
}

const insertDnc = statement<never, [e164: string, at: number, source: string]>('INSERT INTO dnc (e164, added_at, source) VALUES (?, ?, ?) ON CONFLICT (e164) DO NOTHING');
const listedNumber = scalar<number, [e164: string]>('SELECT 1 FROM dnc WHERE e164 = ?');
const allDnc = statement<DncRow>('SELECT e164, added_at, source FROM dnc ORDER BY added_at, e164');
const dncCount = scalar<number>('SELECT count(*) FROM dnc');

/** Adds the number if it is not listed yet; returns whether it was new. Never removes. */
export function addDnc(db: Database, e164: string, at: number, source: string): boolean {
  return insertDnc(db).run(e164, at, source).changes > 0;
}

export function isDnc(db: Database, e164: string): boolean {
  return listedNumber(db).get(e164) !== undefined;
}

export function listDnc(db: Database): DncRow[] {
  return allDnc(db).all();
}

export function countDnc(db: Database): number {
  return dncCount(db).get()!;
}
