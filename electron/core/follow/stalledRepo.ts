// Stalled leads dealt with: closed with a reason, or given a new next step.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

export interface StalledClosureRow {
  id: number;
  contact_id: number;
  advance_call_id: number;
  reason: string | null;
  next_step: string | null;
  next_at: number | null;
  task_id: number | null;
  at: number;
}

const insertRow = statement<never, [contactId: number, callId: number, reason: string | null, nextStep: string | null, nextAt: number | null, taskId: number | null, at: number]>(
  'INSERT INTO stalled_closures (contact_id, advance_call_id, reason, next_step, next_at, task_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const lastHandled = statement<{ contact_id: number; at: number }>('SELECT contact_id, max(at) AS at FROM stalled_closures GROUP BY contact_id');
const ofContact = statement<StalledClosureRow, [contactId: number]>(
  'SELECT id, contact_id, advance_call_id, reason, next_step, next_at, task_id, at FROM stalled_closures WHERE contact_id = ? ORDER BY at DESC, id DESC',
);
const reasonsBetween = statement<{ reason: string }, [from: number, to: number]>('SELECT reason FROM stalled_closures WHERE reason IS NOT NULL AND at >= ? AND at < ? ORDER BY at, id');

export function insertStalledClosure(db: Database, c: { contactId: number; callId: number; reason: string | null; nextStep: string | null; nextAt: number | null; taskId: number | null; at: number }): number {
  return Number(insertRow(db).run(c.contactId, c.callId, c.reason, c.nextStep, c.nextAt, c.taskId, c.at).lastInsertRowid);
}
/** When each lead's stalled step was last dealt with. */
export function stalledHandledAt(db: Database): Map<number, number> {
  return new Map(lastHandled(db).all().map((r) => [r.contact_id, r.at]));
}
export function stalledClosuresOf(db: Database, contactId: number): StalledClosureRow[] {
  return ofContact(db).all(contactId);
}
export function stalledReasonsBetween(db: Database, from: number, to: number): string[] {
  return reasonsBetween(db).all(from, to).map((r) => r.reason);
}
