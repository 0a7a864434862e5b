// Contacts: the leads, as imported, added and edited, and what their last call was.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import type { Outcome } from '../../../shared/domain/dispositions';
import { MERGE_FILLABLE, type MergeFillableFields } from '../../../shared/domain/leads/mergeFill';
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
  /** Its country and every state it may be in, space-separated: whose calling rules apply. */
  jurisdictions: string;
}

/** Everything a new contact row needs; the columns the database fills itself are left out. */
export type NewContactRow = Omit<ContactRow, 'id' | 'updated_at' | 'last_called_at' | 'last_outcome'>;

const INSERT_COLUMNS = [
  'first_name', 'last_name', 'company', 'title', 'email', 'email_key', 'phone_raw', 'e164', 'extension',
  'other_phones', 'time_zones', 'tz_source', 'country', 'region', 'city', 'postcode', 'kind', 'line_type',
  'notes', 'owner', 'custom_fields', 'status', 'dud_reason', 'import_id', 'source_row', 'created_at', 'updated_at', 'jurisdictions',
] as const;
const CONTACT_COLUMNS = `id, ${INSERT_COLUMNS.join(', ')}, last_called_at, last_outcome`;

// Positional parameters: binding 27 named ones per row was most of an import's time.
const VALUES_OF_ONE = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
const insertRow = statement<never, unknown[]>(`INSERT INTO contacts (${INSERT_COLUMNS.join(', ')}) VALUES ${VALUES_OF_ONE}`);
const fillEmpty = statement<never, NewContactRow & { id: number; updated_at: number }>(
  `UPDATE contacts SET
     first_name = CASE WHEN first_name = '' THEN @first_name ELSE first_name END,
     last_name  = CASE WHEN last_name  = '' THEN @last_name  ELSE last_name  END,
     company    = CASE WHEN company    = '' THEN @company    ELSE company    END,
     title      = CASE WHEN title      = '' THEN @title      ELSE title      END,
     email      = CASE WHEN email      = '' THEN @email      ELSE email      END,
     email_key  = COALESCE(email_key, @email_key),
     e164       = COALESCE(e164, @e164),
     extension  = COALESCE(extension, @extension),
     phone_raw  = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL THEN @phone_raw ELSE phone_raw END,
     time_zones = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL AND time_zones = '' THEN @time_zones ELSE time_zones END,
     tz_source  = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL AND time_zones = '' THEN @tz_source ELSE tz_source END,
     jurisdictions = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL AND time_zones = '' THEN @jurisdictions ELSE jurisdictions END,
     status     = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL AND status = 'dud' THEN 'active' ELSE status END,
     dud_reason = CASE WHEN e164 IS NULL AND @e164 IS NOT NULL AND status = 'dud' THEN NULL ELSE dud_reason END,
     country    = CASE WHEN country    = '' THEN @country    ELSE country    END,
     region     = CASE WHEN region     = '' THEN @region     ELSE region     END,
     city       = CASE WHEN city       = '' THEN @city       ELSE city       END,
     postcode   = CASE WHEN postcode   = '' THEN @postcode   ELSE postcode   END,
     notes      = CASE WHEN notes      = '' THEN @notes      ELSE notes      END,
     owner      = CASE WHEN owner      = '' THEN @owner      ELSE owner      END,
     -- The row's extra columns the lead has no value for (the lead's own values stay).
     custom_fields = json_patch(@custom_fields, custom_fields),
     updated_at = @updated_at
   WHERE id = @id`,
);
const byId = statement<ContactRow, [id: number]>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`);
const byE164 = statement<ContactRow, [e164: string]>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE e164 = ? ORDER BY id LIMIT 1`);
const duplicateKeys = statement<{ id: number; e164: string | null; email_key: string | null; extension: string | null; first_name: string; last_name: string }>(
  'SELECT id, e164, email_key, extension, first_name, last_name FROM contacts ORDER BY id',
);
const markCalled = statement<never, [at: number, outcome: Outcome | null, updatedAt: number, id: number]>('UPDATE contacts SET last_called_at = ?, last_outcome = ?, updated_at = ? WHERE id = ?');
const putBackLastCalled = statement<never, [lastCalledAt: number | null, id: number, dialledAt: number]>('UPDATE contacts SET last_called_at = ? WHERE id = ? AND last_called_at = ?');
const contactCount = scalar<number>('SELECT count(*) FROM contacts');
const everyContact = statement<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts ORDER BY id`);
const everyContactForExport = statement<ContactRow & { do_not_call: 0 | 1 }>(
  `SELECT c.*, (c.e164 IS NOT NULL AND EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164)) AS do_not_call FROM contacts c ORDER BY c.id`,
);
const zoneSets = scalar<string>("SELECT DISTINCT time_zones FROM contacts WHERE time_zones != ''");
const updateFields = statement<never, EditableContactFields & { id: number; at: number }>(
  `UPDATE contacts SET first_name = @first_name, last_name = @last_name, company = @company, title = @title,
     email = @email, email_key = @email_key, phone_raw = @phone_raw, e164 = @e164, extension = @extension,
     time_zones = @time_zones, tz_source = @tz_source, jurisdictions = @jurisdictions, kind = @kind, line_type = @line_type, notes = @notes,
     status = @status, dud_reason = @dud_reason, updated_at = @at
   WHERE id = @id`,
);
const markDud = statement<never, [reason: string, at: number, id: number]>("UPDATE contacts SET status = 'dud', dud_reason = ?, updated_at = ? WHERE id = ?");

// The contacts list's filters as fixed statements: an absent filter (null) matches everything.
// A number typed in any format is looked up through the e164 index; other text by name, company,
// email or digits of the number.
type SearchParams = { e164: string | null; like: string | null; digits: string | null; match: string | null; status: ContactStatus | null; kind: LeadKind | null; zone: string | null; importId: number | null; campaignId: number | null; tagId: number | null };
// Also what Ctrl+K's index finds (lead_search, migration 014): names without their accents
// ("Jose" is José) and every number of a lead, its other phones too.
const INDEXED = '(@match IS NOT NULL AND id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH @match))';
const OTHER_FILTERS = `(@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind)
  AND (@zone IS NULL OR (' ' || time_zones || ' ') LIKE @zone) AND (@importId IS NULL OR import_id = @importId)
  AND (@campaignId IS NULL OR id IN (SELECT contact_id FROM campaign_leads WHERE campaign_id = @campaignId))
  AND (@tagId IS NULL OR id IN (SELECT contact_id FROM lead_tags WHERE tag_id = @tagId))`;
const TEXT_FILTER = String.raw`(@like IS NULL OR (first_name || ' ' || last_name) LIKE @like ESCAPE '\' OR company LIKE @like ESCAPE '\'
  OR email LIKE @like ESCAPE '\' OR (@digits IS NOT NULL AND e164 LIKE @digits) OR ${INDEXED})`;
const searchByText = statement<ContactRow, SearchParams & { limit: number; offset: number }>(
  `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${TEXT_FILTER} AND ${OTHER_FILTERS} ORDER BY id LIMIT @limit OFFSET @offset`,
);
const searchByPhone = statement<ContactRow, SearchParams & { limit: number; offset: number }>(
  `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE (e164 = @e164 OR ${INDEXED}) AND ${OTHER_FILTERS} ORDER BY id LIMIT @limit OFFSET @offset`,
);
const countByText = scalar<number, SearchParams>(`SELECT count(*) FROM contacts WHERE ${TEXT_FILTER} AND ${OTHER_FILTERS}`);
const countByPhone = scalar<number, SearchParams>(`SELECT count(*) FROM contacts WHERE (e164 = @e164 OR ${INDEXED}) AND ${OTHER_FILTERS}`);
const idsByText = scalar<number, SearchParams>(`SELECT id FROM contacts WHERE ${TEXT_FILTER} AND ${OTHER_FILTERS} ORDER BY id`);
const idsByPhone = scalar<number, SearchParams>(`SELECT id FROM contacts WHERE (e164 = @e164 OR ${INDEXED}) AND ${OTHER_FILTERS} ORDER BY id`);

type EditableContactFields = Pick<ContactRow, 'first_name' | 'last_name' | 'company' | 'title' | 'email' | 'email_key' | 'phone_raw' | 'e164' | 'extension' | 'time_zones' | 'tz_source' | 'jurisdictions' | 'kind' | 'line_type' | 'notes' | 'status' | 'dud_reason'>;

export function prepareInsertContact(db: Database): (c: NewContactRow) => number {
  const insert = insertRow(db);
  return (c) =>
    Number(
      insert.run(
        c.first_name, c.last_name, c.company, c.title, c.email, c.email_key, c.phone_raw, c.e164, c.extension,
        c.other_phones, c.time_zones, c.tz_source, c.country, c.region, c.city, c.postcode, c.kind, c.line_type,
        c.notes, c.owner, c.custom_fields, c.status, c.dud_reason, c.import_id, c.source_row, c.created_at, c.created_at, c.jurisdictions,
      ).lastInsertRowid,
    );
}

/** The import's insert: a classified row's values in column order (as imports/rows.ts builds
 *  them, read from a flat array at an offset), then where it came from. Positional parameters:
 *  binding 27 named ones per row, or reading them out of JSON inside SQLite, were both about
 *  twice as slow. */
export function prepareInsertContactValues(db: Database): (values: readonly unknown[], offset: number, importId: number, at: number) => number {
  const insert = insertRow(db);
  const params: unknown[] = new Array<unknown>(INSERT_COLUMNS.length);
  return (v, o, importId, at) => {
    putContactParams(params, 0, v, o, importId, at);
    return Number(insert.run(...params).lastInsertRowid);
  };
}

/** One contact's INSERT_COLUMNS parameters, in order, into `params` from `p`: its ContactValues
 *  at `o` in `v`, with the import and the time the row is written. */
function putContactParams(params: unknown[], p: number, v: readonly unknown[], o: number, importId: number, at: number): void {
  for (let k = 0; k <= 22; k++) params[p + k] = v[o + k];
  params[p + 23] = importId;
  params[p + 24] = v[o + 23];
  params[p + 25] = at;
  params[p + 26] = at;
  params[p + 27] = v[o + 24];
}

/** How many contacts one INSERT of an import writes. One statement per contact made the search
 *  index (FTS5, kept by a trigger) write a segment of its own for every contact: it flushes its
 *  pending terms at each statement's savepoint, which cost an import three times its own time. */
const CONTACTS_PER_INSERT = 500;
const insertManyRows = statement<never, unknown[]>(`INSERT INTO contacts (${INSERT_COLUMNS.join(', ')}) VALUES ${Array<string>(CONTACTS_PER_INSERT).fill(VALUES_OF_ONE).join(', ')}`);

/** Insert an import batch's contacts (flat ContactValues, `perContact` values each) and return
 *  their ids in order: CONTACTS_PER_INSERT to a statement, the rest one by one. A statement's
 *  rows take consecutive ids (each new rowid is the largest plus one, and nothing else writes
 *  in between), checked against the rows it reports inserted. */
export function prepareInsertContactBatch(db: Database, perContact: number): (flat: readonly unknown[], importId: number, at: number) => number[] {
  const one = prepareInsertContactValues(db);
  const many = insertManyRows(db);
  const params: unknown[] = new Array<unknown>(CONTACTS_PER_INSERT * INSERT_COLUMNS.length);
  return (flat, importId, at) => {
    const ids: number[] = [];
    const count = flat.length / perContact;
    let next = 0;
    for (; next + CONTACTS_PER_INSERT <= count; next += CONTACTS_PER_INSERT) {
      for (let c = 0; c < CONTACTS_PER_INSERT; c++) putContactParams(params, c * INSERT_COLUMNS.length, flat, (next + c) * perContact, importId, at);
      const result = many.run(...params);
      const last = Number(result.lastInsertRowid);
      if (result.changes !== CONTACTS_PER_INSERT) throw new Error(`an insert of ${CONTACTS_PER_INSERT} contacts wrote ${result.changes}`);
      for (let id = last - CONTACTS_PER_INSERT + 1; id <= last; id++) ids.push(id);
    }
    for (; next < count; next++) ids.push(one(flat, next * perContact, importId, at));
    return ids;
  };
}

export function insertContact(db: Database, c: NewContactRow): number {
  return prepareInsertContact(db)(c);
}

/** Merge from an import: fill only the fields that are empty on the existing contact. A lead
 *  that had no valid number (a dud) and is given one is a dud no more: it takes the number as
 *  written, its zones where it had none, and is callable. (Every right-hand side reads the row as
 *  it was before this update.) */
export function fillEmptyFields(db: Database, fields: NewContactRow & { id: number; updated_at: number }): void {
  fillEmpty(db).run(fields);
}

const mergeFillable = statement<MergeFillableFields, [id: number]>(`SELECT ${MERGE_FILLABLE.join(', ')} FROM contacts WHERE id = ?`);
const putMergeFillable = statement<never, MergeFillableFields & { id: number; updated_at: number }>(
  `UPDATE contacts SET ${MERGE_FILLABLE.map((column) => `${column} = @${column}`).join(', ')}, updated_at = @updated_at WHERE id = @id`,
);

/** The fields a merge can fill, as they are now (what a merge changed, what a split takes back). */
export function mergeFillableFieldsOf(db: Database, id: number): MergeFillableFields | undefined {
  return mergeFillable(db).get(id);
}

/** Write the fields a merge can fill (a split taking back what its merge filled). */
export function setMergeFillableFields(db: Database, id: number, fields: MergeFillableFields, at: number): void {
  putMergeFillable(db).run({ ...fields, id, updated_at: at });
}

export function getContact(db: Database, id: number): ContactRow | undefined {
  return byId(db).get(id);
}

export function findContactByE164(db: Database, e164: string): ContactRow | undefined {
  return byE164(db).get(e164);
}

const peopleOnNumber = statement<{ id: number; first_name: string; last_name: string; company: string; extension: string | null; email_key: string | null }, [e164: string]>(
  'SELECT id, first_name, last_name, company, extension, email_key FROM contacts WHERE e164 = ? ORDER BY id',
);

/** Everyone on a number, for the same-person check of a lead added by hand. */
export function contactsOnNumber(db: Database, e164: string): { id: number; first_name: string; last_name: string; company: string; extension: string | null; email_key: string | null }[] {
  return peopleOnNumber(db).all(e164);
}

/** How many of a number's other leads are listed by name (a switchboard can have hundreds). */
export const SHARERS_LISTED = 20;
const sharingNumber = statement<{ id: number; first_name: string; last_name: string; company: string; extension: string | null }, [e164: string, id: number]>(
  `SELECT id, first_name, last_name, company, extension FROM contacts WHERE e164 = ? AND id <> ? ORDER BY id LIMIT ${SHARERS_LISTED}`,
);
const sharingNumberCount = scalar<number, [e164: string, id: number]>('SELECT count(*) FROM contacts WHERE e164 = ? AND id <> ?');

/** The other leads on this number (colleagues behind a switchboard, a shared office line): the
 *  first SHARERS_LISTED by name, and how many there are in all (counted only when the list is full). */
export function contactsSharingNumber(db: Database, e164: string, exceptId: number): { listed: { id: number; first_name: string; last_name: string; company: string; extension: string | null }[]; total: number } {
  const listed = sharingNumber(db).all(e164, exceptId);
  return { listed, total: listed.length < SHARERS_LISTED ? listed.length : (sharingNumberCount(db).get(e164, exceptId) ?? listed.length) };
}

/** Who is already known, for an import's duplicate check: every person on each number (with
 *  their extension, name and email: a number is shared by colleagues behind a switchboard) and
 *  every person with each email (an address such as info@ is shared too). */
export function loadDuplicateKeys(db: Database): { phones: KnownPerson[]; emails: KnownEmail[] } {
  const phones: KnownPerson[] = [];
  const emails: KnownEmail[] = [];
  for (const row of duplicateKeys(db).iterate()) {
    if (row.e164) phones.push([row.e164, row.id, row.extension, row.first_name, row.last_name, row.email_key]);
    if (row.email_key) emails.push([row.email_key, row.id, row.first_name, row.last_name]);
  }
  return { phones, emails };
}

/** [email key, contact id, first name, last name], as it crosses to the import's worker. */
export type KnownEmail = [emailKey: string, id: number, firstName: string, lastName: string];

/** [e164, contact id, extension, first name, last name, email key]: compact, as it crosses to
 *  the import's worker. */
export type KnownPerson = [e164: string, id: number, extension: string | null, firstName: string, lastName: string, emailKey: string | null];

export function markContactCalled(db: Database, id: number, at: number, outcome: Outcome | null): void {
  markCalled(db).run(at, outcome, at, id);
}

/** A dial the phone did not take: the contact's last call is what it was before that dial, unless
 *  another has been recorded since the one at `dialledAt`. */
export function restoreLastCalled(db: Database, id: number, lastCalledAt: number | null, dialledAt: number): void {
  putBackLastCalled(db).run(lastCalledAt, id, dialledAt);
}

export interface ContactFilter {
  text: string;
  /** The query read as a phone number, when it is one. */
  e164: string | null;
  /** Digits of the query, for partial number matches. */
  digits: string;
  /** The query as Ctrl+K's index reads it (an FTS5 expression), or null. */
  match: string | null;
  status: ContactStatus | null;
  kind: LeadKind | null;
  zone: string | null;
  importId: number | null;
  campaignId: number | null;
  tagId: number | null;
}

function searchParams(f: ContactFilter): SearchParams {
  const text = f.e164 ? null : f.text || null;
  return {
    e164: f.e164,
    like: text === null ? null : `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`,
    digits: text !== null && f.digits.length >= 3 ? `%${f.digits}%` : null,
    match: f.match,
    status: f.status,
    kind: f.kind,
    zone: f.zone ? `% ${f.zone} %` : null,
    importId: f.importId,
    campaignId: f.campaignId,
    tagId: f.tagId,
  };
}

export function searchContacts(db: Database, f: ContactFilter, limit: number, offset: number): ContactRow[] {
  return (f.e164 ? searchByPhone : searchByText)(db).all({ ...searchParams(f), limit, offset });
}

export function countContactsMatching(db: Database, f: ContactFilter): number {
  return (f.e164 ? countByPhone : countByText)(db).get(searchParams(f))!;
}

/** Every lead the filter finds (adding a filtered list to a campaign): ids only. */
export function contactIdsMatching(db: Database, f: ContactFilter): number[] {
  return (f.e164 ? idsByPhone : idsByText)(db).all(searchParams(f));
}

export function countContacts(db: Database): number {
  return contactCount(db).get()!;
}

export function allContacts(db: Database): IterableIterator<ContactRow> {
  return everyContact(db).iterate();
}

/** Every contact in id order with whether its number is on the do-not-call list, one row at a
 *  time: the contacts export reads them as it writes, so the list is never held whole. */
export function iterateContactsForExport(db: Database): IterableIterator<ContactRow & { do_not_call: 0 | 1 }> {
  return everyContactForExport(db).iterate();
}

export function distinctZones(db: Database): string[] {
  return [...new Set(zoneSets(db).all().flatMap((zones) => zones.split(' ')))].sort();
}

export function updateContactFields(db: Database, id: number, f: EditableContactFields, at: number): void {
  updateFields(db).run({ ...f, id, at });
}

const writeOtherPhones = statement<never, [json: string, at: number, id: number]>('UPDATE contacts SET other_phones = ?, updated_at = ? WHERE id = ?');

/** A lead's other phones, as a whole (one marked a wrong number). */
export function setOtherPhones(db: Database, id: number, json: string, at: number): void {
  writeOtherPhones(db).run(json, at, id);
}

/** Wrong number: the lead becomes a dud (kept, with why, for the duds export). */
export function markContactDud(db: Database, id: number, reason: string, at: number): void {
  markDud(db).run(reason, at, id);
}
