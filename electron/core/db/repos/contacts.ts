import type { Database } from 'better-sqlite3';
import type { Outcome } from '../../../../shared/domain/dispositions';

export interface ContactRow {
  id: number;
  first_name: string;
  last_name: string;
  company: string;
  phone_raw: string;
  e164: string;
  extension: string | null;
  created_at: number;
  updated_at: number;
  last_called_at: number | null;
  last_outcome: Outcome | null;
}

export interface NewContactRow {
  firstName: string;
  lastName: string;
  company: string;
  phoneRaw: string;
  e164: string;
  extension: string | null;
  at: number;
}

export function insertContact(db: Database, c: NewContactRow): number {
  const result = db
    .prepare(
      `INSERT INTO contacts (first_name, last_name, company, phone_raw, e164, extension, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.firstName, c.lastName, c.company, c.phoneRaw, c.e164, c.extension, c.at, c.at);
  return Number(result.lastInsertRowid);
}

export function getContact(db: Database, id: number): ContactRow | undefined {
  return db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
}

export function findContactByE164(db: Database, e164: string): ContactRow | undefined {
  return db.prepare('SELECT * FROM contacts WHERE e164 = ? ORDER BY id LIMIT 1').get(e164) as ContactRow | undefined;
}

export function markContactCalled(db: Database, id: number, at: number, outcome: Outcome | null): void {
  db.prepare('UPDATE contacts SET last_called_at = ?, last_outcome = ?, updated_at = ? WHERE id = ?').run(at, outcome, at, id);
}

/** Never-called leads first (oldest added first), then the longest since their last call. */
export function listQueue(db: Database, limit: number): ContactRow[] {
  return db
    .prepare(
      `SELECT * FROM contacts
       ORDER BY last_called_at IS NOT NULL, last_called_at, id
       LIMIT ?`,
    )
    .all(limit) as ContactRow[];
}

export function countContacts(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
}
