import { sql } from '../db/statements';
import type { Database, Statement } from 'better-sqlite3';
import type { Outcome } from '../../../shared/domain/dispositions';
import type { ContactStatus, LeadKind, LineType, TimeZoneSource } from '../../../shared/domain/leads/vocabulary';

export interface ContactRow {
  id: number;
  first_name: string;
  last_name: string;
  company: string;
  title: string;
  email: string;
  email_key: string | null;
  phone_raw: string;
  e164: string | null;
  extension: string | null;
  other_phones: string;
  time_zones: string;
  tz_source: TimeZoneSource;
  country: string;
  region: string;
  city: string;
  postcode: string;
  kind: LeadKind;
  line_type: LineType;
  notes: string;
  owner: string;
  custom_fields: string;
  status: ContactStatus;
  dud_reason: string | null;
  import_id: number | null;
  source_row: number | null;
  created_at: number;
  updated_at: number;
  last_called_at: number | null;
  last_outcome: Outcome | null;
}

/** Everything a new contact row needs; the columns the database fills itself are left out. */
export type NewContactRow = Omit<ContactRow, 'id' | 'updated_at' | 'last_called_at' | 'last_outcome'>;

const INSERT_COLUMNS = [
  'first_name', 'last_name', 'company', 'title', 'email', 'email_key', 'phone_raw', 'e164', 'extension',
  'other_phones', 'time_zones', 'tz_source', 'country', 'region', 'city', 'postcode', 'kind', 'line_type',
  'notes', 'owner', 'custom_fields', 'status', 'dud_reason', 'import_id', 'source_row', 'created_at', 'updated_at',
] as const;

export function prepareInsertContact(db: Database): (c: NewContactRow) => number {
  // Positional parameters: binding 27 named ones per row was most of an import's time.
  const statement = sql(db, `INSERT INTO contacts (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`);
  return (c) =>
    Number(
      statement.run(
        c.first_name, c.last_name, c.company, c.title, c.email, c.email_key, c.phone_raw, c.e164, c.extension,
        c.other_phones, c.time_zones, c.tz_source, c.country, c.region, c.city, c.postcode, c.kind, c.line_type,
        c.notes, c.owner, c.custom_fields, c.status, c.dud_reason, c.import_id, c.source_row, c.created_at, c.created_at,
      ).lastInsertRowid,
    );
}

/** The import's insert: a classified row's values in column order (as importRows.ts builds
 *  them, read from a flat array at an offset), then where it came from. Positional parameters: binding 27 named ones per row, or
 *  reading them out of JSON inside SQLite, were both about twice as slow. */
export function prepareInsertContactValues(db: Database): (values: readonly unknown[], offset: number, importId: number, at: number) => number {
  const statement = sql(db, `INSERT INTO contacts (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`);
  return (v, o, importId, at) =>
    Number(
      statement.run(
        v[o], v[o + 1], v[o + 2], v[o + 3], v[o + 4], v[o + 5], v[o + 6], v[o + 7], v[o + 8], v[o + 9], v[o + 10], v[o + 11],
        v[o + 12], v[o + 13], v[o + 14], v[o + 15], v[o + 16], v[o + 17], v[o + 18], v[o + 19], v[o + 20], v[o + 21], v[o + 22],
        importId, v[o + 23], at, at,
      ).lastInsertRowid,
    );
}

export function insertContact(db: Database, c: NewContactRow): number {
  return prepareInsertContact(db)(c);
}

/** Merge from an import: fill only the fields that are empty on the existing contact. */
export function prepareFillEmptyFields(db: Database): Statement {
  return sql(db, 
    `UPDATE contacts SET
       first_name = CASE WHEN first_name = '' THEN @first_name ELSE first_name END,
       last_name  = CASE WHEN last_name  = '' THEN @last_name  ELSE last_name  END,
       company    = CASE WHEN company    = '' THEN @company    ELSE company    END,
       title      = CASE WHEN title      = '' THEN @title      ELSE title      END,
       email      = CASE WHEN email      = '' THEN @email      ELSE email      END,
       email_key  = COALESCE(email_key, @email_key),
       e164       = COALESCE(e164, @e164),
       extension  = COALESCE(extension, @extension),
       country    = CASE WHEN country    = '' THEN @country    ELSE country    END,
       region     = CASE WHEN region     = '' THEN @region     ELSE region     END,
       city       = CASE WHEN city       = '' THEN @city       ELSE city       END,
       postcode   = CASE WHEN postcode   = '' THEN @postcode   ELSE postcode   END,
       notes      = CASE WHEN notes      = '' THEN @notes      ELSE notes      END,
       owner      = CASE WHEN owner      = '' THEN @owner      ELSE owner      END,
       updated_at = @updated_at
     WHERE id = @id`,
  );
}

export function getContact(db: Database, id: number): ContactRow | undefined {
  return sql(db, 'SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
}

export function findContactByE164(db: Database, e164: string): ContactRow | undefined {
  return sql(db, 'SELECT * FROM contacts WHERE e164 = ? ORDER BY id LIMIT 1').get(e164) as ContactRow | undefined;
}

/** Every known phone and email key → the first contact that has it, for duplicate detection. */
export function loadDuplicateKeys(db: Database): { phones: Map<string, number>; emails: Map<string, number> } {
  const phones = new Map<string, number>();
  const emails = new Map<string, number>();
  for (const row of sql(db, 'SELECT id, e164, email_key FROM contacts ORDER BY id').iterate() as Iterable<{ id: number; e164: string | null; email_key: string | null }>) {
    if (row.e164 && !phones.has(row.e164)) phones.set(row.e164, row.id);
    if (row.email_key && !emails.has(row.email_key)) emails.set(row.email_key, row.id);
  }
  return { phones, emails };
}

export function markContactCalled(db: Database, id: number, at: number, outcome: Outcome | null): void {
  sql(db, 'UPDATE contacts SET last_called_at = ?, last_outcome = ?, updated_at = ? WHERE id = ?').run(at, outcome, at, id);
}

/** A dial the phone did not take: the contact's last call is what it was before that dial, unless
 *  another has been recorded since the one at `dialledAt`. */
export function restoreLastCalled(db: Database, id: number, lastCalledAt: number | null, dialledAt: number): void {
  sql(db, 'UPDATE contacts SET last_called_at = ? WHERE id = ? AND last_called_at = ?').run(lastCalledAt, id, dialledAt);
}

/** Callable leads only (active, with a number, not on the do-not-call list): never-called
 *  first (oldest added first), then the longest since their last call. */
export function listQueue(db: Database, limit: number): ContactRow[] {
  return sql(db, 
      `SELECT c.* FROM contacts c
       WHERE c.status = 'active' AND c.e164 IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164)
       ORDER BY c.last_called_at IS NOT NULL, c.last_called_at, c.id
       LIMIT ?`,
    )
    .all(limit) as ContactRow[];
}

export interface ContactFilter {
  text: string;
  /** The query read as a phone number, when it is one. */
  e164: string | null;
  /** Digits of the query, for partial number matches. */
  digits: string;
  status: ContactStatus | null;
  kind: LeadKind | null;
  zone: string | null;
  importId: number | null;
}

function filterSql(f: ContactFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.e164) {
    clauses.push('e164 = ?');
    params.push(f.e164);
  } else if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const parts = ["(first_name || ' ' || last_name) LIKE ? ESCAPE '\\'", "company LIKE ? ESCAPE '\\'", "email LIKE ? ESCAPE '\\'"];
    params.push(like, like, like);
    if (f.digits.length >= 3) {
      parts.push('e164 LIKE ?');
      params.push(`%${f.digits}%`);
    }
    clauses.push(`(${parts.join(' OR ')})`);
  }
  if (f.status) {
    clauses.push('status = ?');
    params.push(f.status);
  }
  if (f.kind) {
    clauses.push('kind = ?');
    params.push(f.kind);
  }
  if (f.zone) {
    clauses.push("(' ' || time_zones || ' ') LIKE ?");
    params.push(`% ${f.zone} %`);
  }
  if (f.importId !== null) {
    clauses.push('import_id = ?');
    params.push(f.importId);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function searchContacts(db: Database, f: ContactFilter, limit: number, offset: number): ContactRow[] {
  const { where, params } = filterSql(f);
  return sql(db, `SELECT * FROM contacts ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...params, limit, offset) as ContactRow[];
}

export function countContactsMatching(db: Database, f: ContactFilter): number {
  const { where, params } = filterSql(f);
  return (sql(db, `SELECT count(*) AS n FROM contacts ${where}`).get(...params) as { n: number }).n;
}

export function countContacts(db: Database): number {
  return (sql(db, 'SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
}

export function allContacts(db: Database): IterableIterator<ContactRow> {
  return sql(db, 'SELECT * FROM contacts ORDER BY id').iterate() as IterableIterator<ContactRow>;
}

/** Every contact in id order with whether its number is on the do-not-call list, one row at a
 *  time: the contacts export reads them as it writes, so the list is never held whole. */
export function iterateContactsForExport(db: Database): IterableIterator<ContactRow & { do_not_call: 0 | 1 }> {
  return sql(
    db,
    `SELECT c.*, (c.e164 IS NOT NULL AND EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164)) AS do_not_call
     FROM contacts c ORDER BY c.id`,
  ).iterate() as IterableIterator<ContactRow & { do_not_call: 0 | 1 }>;
}

export function distinctZones(db: Database): string[] {
  const rows = sql(db, "SELECT DISTINCT time_zones FROM contacts WHERE time_zones != ''").all() as { time_zones: string }[];
  return [...new Set(rows.flatMap((r) => r.time_zones.split(' ')))].sort();
}

export function updateContactFields(
  db: Database,
  id: number,
  f: Pick<ContactRow, 'first_name' | 'last_name' | 'company' | 'title' | 'email' | 'email_key' | 'phone_raw' | 'e164' | 'extension' | 'time_zones' | 'tz_source' | 'kind' | 'line_type' | 'notes' | 'status' | 'dud_reason'>,
  at: number,
): void {
  sql(db, 
    `UPDATE contacts SET first_name = @first_name, last_name = @last_name, company = @company, title = @title,
       email = @email, email_key = @email_key, phone_raw = @phone_raw, e164 = @e164, extension = @extension,
       time_zones = @time_zones, tz_source = @tz_source, kind = @kind, line_type = @line_type, notes = @notes,
       status = @status, dud_reason = @dud_reason, updated_at = @at
     WHERE id = @id`,
  ).run({ ...f, id, at });
}

/** Wrong number: the lead becomes a dud (kept, with why, for the duds export). */
export function markContactDud(db: Database, id: number, reason: string, at: number): void {
  sql(db, "UPDATE contacts SET status = 'dud', dud_reason = ?, updated_at = ? WHERE id = ?").run(reason, at, id);
}
