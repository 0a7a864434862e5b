// Skips with their reasons (migration 015).
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

const insertSkip = statement<never, [contactId: number, at: number, until: number, reason: string]>('INSERT INTO skips (contact_id, at, until, reason) VALUES (?, ?, ?, ?)');
const reasonUntil = statement<{ reason: string }, [contactId: number, until: number]>('SELECT reason FROM skips WHERE contact_id = ? AND until = ? ORDER BY id DESC LIMIT 1');

export function recordSkip(db: Database, contactId: number, at: number, until: number, reason: string): void {
  insertSkip(db).run(contactId, at, until, reason);
}

/** The reason of the skip that hides the lead until `until`, if it was a skip with a reason. */
export function skipReasonUntil(db: Database, contactId: number, until: number): string | null {
  return reasonUntil(db).get(contactId, until)?.reason ?? null;
}
