// The do-not-call list: numbers in E.164, only ever added to.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

export interface DncRow {
  e164: string;
  added_at: number;
  source: string;
}

const insertDnc = statement<never, [e164: string, at: number, source: string]>('INSERT INTO dnc (e164, added_at, source) VALUES (?, ?, ?) ON CONFLICT (e164) DO NOTHING');
const relist = statement<never, [at: number, source: string, e164: string]>('UPDATE dnc SET relisted_at = ?, relisted_by = ? WHERE e164 = ?');
const listedNumber = scalar<number, [e164: string]>('SELECT 1 FROM dnc WHERE e164 = ?');
const allDnc = statement<DncRow>('SELECT e164, added_at, source FROM dnc ORDER BY added_at, e164');
const dncCount = scalar<number>('SELECT count(*) FROM dnc');

/** Adds the number if it is not listed yet; returns whether it was new. A number listed already
 *  keeps its first listing and records this one as the latest other (so undoing the first
 *  listing's call does not take it off the list). Never removes. */
export function addDnc(db: Database, e164: string, at: number, source: string): boolean {
  if (insertDnc(db).run(e164, at, source).changes > 0) return true;
  relist(db).run(at, source, e164);
  return false;
}

/** A listing with the latest other listing of the same number (migration 040). */
export type DncEntry = DncRow & { relisted_at: number | null; relisted_by: string | null };

const entryOf = statement<DncEntry, [e164: string]>('SELECT e164, added_at, source, relisted_at, relisted_by FROM dnc WHERE e164 = ?');

export function dncEntry(db: Database, e164: string): DncEntry | undefined {
  return entryOf(db).get(e164);
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
