// Ctrl+K: leads found through the FTS5 index that triggers keep in step with `contacts`
// (migration 014).
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
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

// What an import left to index (migration 043): its batches' id ranges, indexed many at a time.
// A lead in a range may be in the index already (an edit's trigger put it there): it is left out.
const pause = statement('INSERT OR IGNORE INTO lead_search_paused (only) VALUES (1)');
const resume = statement('DELETE FROM lead_search_paused');
const addBacklog = statement<never, [fromId: number, toId: number]>('INSERT INTO lead_search_backlog (from_id, to_id) VALUES (?, ?)');
const anyBacklog = scalar<number>('SELECT 1 FROM lead_search_backlog LIMIT 1');
const firstBacklog = statement<{ rowid: number; from_id: number; to_id: number }>('SELECT rowid, from_id, to_id FROM lead_search_backlog ORDER BY rowid LIMIT 1');
const dropBacklog = statement<never, [rowid: number]>('DELETE FROM lead_search_backlog WHERE rowid = ?');
const advanceBacklog = statement<never, [fromId: number, rowid: number]>('UPDATE lead_search_backlog SET from_id = ? WHERE rowid = ?');
const indexRange = statement<never, { from: number; to: number }>(
  `INSERT INTO lead_search (rowid, name, company, email, phones)
     SELECT NEW.id, NEW.first_name || ' ' || NEW.last_name, NEW.company, NEW.email, trim(coalesce(replace(NEW.e164, '+', ''), '') || ' ' || coalesce((
         SELECT group_concat(replace(json_extract(value, '$.e164'), '+', ''), ' ')
           FROM json_each(NEW.other_phones) WHERE json_extract(value, '$.e164') IS NOT NULL), ''))
       FROM contacts AS NEW
      WHERE NEW.id BETWEEN @from AND @to AND NEW.id NOT IN (SELECT rowid FROM lead_search WHERE rowid BETWEEN @from AND @to)`,
);

/** The contacts written from now until resumeLeadSearchIndex, in the same transaction, are not
 *  indexed one by one: their range goes into the backlog (addLeadSearchBacklog). */
export function pauseLeadSearchIndex(db: Database): void {
  pause(db).run();
}

export function resumeLeadSearchIndex(db: Database): void {
  resume(db).run();
}

export function addLeadSearchBacklog(db: Database, fromId: number, toId: number): void {
  addBacklog(db).run(fromId, toId);
}

export function hasLeadSearchBacklog(db: Database): boolean {
  return anyBacklog(db).get() !== undefined;
}

/** Index up to `most` ids of the oldest backlog range; returns how many ids it covered (0 when
 *  the backlog is empty). */
export function indexLeadSearchBacklog(db: Database, most: number): number {
  const range = firstBacklog(db).get();
  if (!range) return 0;
  const to = Math.min(range.to_id, range.from_id + most - 1);
  indexRange(db).run({ from: range.from_id, to });
  if (to >= range.to_id) dropBacklog(db).run(range.rowid);
  else advanceBacklog(db).run(to + 1, range.rowid);
  return to - range.from_id + 1;
}

/** What an import left to index goes into the index now, before a search reads it (about half a
 *  second for 100,000 leads, only when a search comes before the pauses after the import did it). */
export function ensureLeadSearchIndexed(db: Database): void {
  if (!hasLeadSearchBacklog(db)) return;
  db.transaction(() => {
    while (indexLeadSearchBacklog(db, 50_000) > 0);
  }).immediate();
}
