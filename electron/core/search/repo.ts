// Ctrl+K: leads found through the FTS5 index that triggers keep in step with `contacts`
// (migration 014).
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';
import type { ContactRow } from '../contacts/repo';

// Every word must match, so the rows found are all good answers: they come oldest lead first, which
// lets FTS5 stop at the limit instead of scoring every match (bm25 over the thousands of leads a
// common first name has was most of a query's time).
const byMatch = statement<ContactRow, { match: string; limit: number }>(
  `SELECT contacts.* FROM lead_search JOIN contacts ON contacts.id = lead_search.rowid
    WHERE lead_search MATCH @match ORDER BY lead_search.rowid LIMIT @limit`,
);

// An email's start, through its index; char(1114111) is the last code point, so the range holds
// every key that starts with the prefix.
const byEmail = statement<ContactRow, { prefix: string; limit: number }>(
  `SELECT * FROM contacts WHERE email_key >= @prefix AND email_key < @prefix || char(1114111) ORDER BY email_key, id LIMIT @limit`,
);

// Digits inside a number: a scan of the e164 index (a few ms over 100,000 leads), not of the table.
// (instr is a quarter faster than LIKE '%…%' there).
const byNumberPart = statement<ContactRow, { digits: string; limit: number }>(
  `SELECT * FROM contacts WHERE id IN (SELECT id FROM contacts INDEXED BY contacts_by_e164 WHERE e164 IS NOT NULL AND instr(e164, @digits) > 0 LIMIT @limit) ORDER BY id`,
);

export function findLeadsByNumberPart(db: Database, digits: string, limit: number): ContactRow[] {
  return byNumberPart(db).all({ digits, limit });
}

export function findLeadsByEmail(db: Database, prefix: string, limit: number): ContactRow[] {
  return byEmail(db).all({ prefix, limit });
}

export function findLeads(db: Database, match: string, limit: number): ContactRow[] {
  return byMatch(db).all({ match, limit });
}
