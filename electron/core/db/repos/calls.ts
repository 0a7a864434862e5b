import type { Database } from 'better-sqlite3';
import type { Outcome } from '../../../../shared/domain/dispositions';

export interface CallRow {
  id: number;
  contact_id: number;
  dial_uri: string;
  number: string;
  dialed_at: number;
  ended_at: number | null;
  outcome: Outcome | null;
  notes: string;
}

export function insertDialledCall(
  db: Database,
  call: { contactId: number; dialUri: string; number: string; dialedAt: number },
): number {
  const result = db
    .prepare('INSERT INTO calls (contact_id, dial_uri, number, dialed_at) VALUES (?, ?, ?, ?)')
    .run(call.contactId, call.dialUri, call.number, call.dialedAt);
  return Number(result.lastInsertRowid);
}

export function getCall(db: Database, id: number): CallRow | undefined {
  return db.prepare('SELECT * FROM calls WHERE id = ?').get(id) as CallRow | undefined;
}

export function setCallOutcome(db: Database, id: number, outcome: Outcome, notes: string, endedAt: number): void {
  db.prepare('UPDATE calls SET outcome = ?, notes = ?, ended_at = ? WHERE id = ?').run(outcome, notes, endedAt, id);
}

export function listCallsForContact(db: Database, contactId: number): CallRow[] {
  return db
    .prepare('SELECT * FROM calls WHERE contact_id = ? ORDER BY dialed_at DESC, id DESC')
    .all(contactId) as CallRow[];
}

export function countCalls(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
}
