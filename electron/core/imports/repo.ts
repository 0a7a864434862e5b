// Imports: each run over a file, what became of its rows that did not become a lead of their own,
// and the column mappings remembered per set of headers.
import type { Database, Statement } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import type { ImportLines } from './rows';
import type { ContactRow } from '../contacts/repo';
import { WRONG_NUMBER_PREFIX } from '../../../shared/domain/dud';

export interface ImportRow {
  id: number;
  file_name: string;
  encoding: string;
  delimiter: string;
  headers: string;
  mapping: string;
  on_duplicate: 'merge' | 'skip';
  country: string;
  started_at: number;
  finished_at: number | null;
  data_rows: number;
  imported: number;
  merged: number;
  skipped: number;
  rejected: number;
  /** The last file row whose outcome is committed (rows are written in file order). */
  last_row: number;
  file_sha256: string | null;
  /** Why an unfinished import stopped, when it stopped with an error (a crash leaves none). */
  stop_reason: string | null;
  /** Set when the rep chose to keep what an interrupted import had written. */
  kept_at: number | null;
  /** What its leads are when a row does not say: business, residential or mixed. */
  lines: ImportLines;
}

export type RowOutcome = 'rejected' | 'merged' | 'skipped';

export interface ImportRowRecord {
  id: number;
  import_id: number;
  row_number: number;
  outcome: RowOutcome;
  reason: string;
  raw: string;
  contact_id: number | null;
}

const IMPORT_COLUMNS = 'id, file_name, encoding, delimiter, headers, mapping, on_duplicate, country, started_at, finished_at, data_rows, imported, merged, skipped, rejected, last_row, file_sha256, stop_reason, kept_at, lines';
const IMPORT_ROW_COLUMNS = 'id, import_id, row_number, outcome, reason, raw, contact_id';
const insert = statement<never, [fileName: string, encoding: string, delimiter: string, headers: string, mapping: string, onDuplicate: 'merge' | 'skip', country: string, at: number, sha256: string, lines: ImportLines]>(
  `INSERT INTO imports (file_name, encoding, delimiter, headers, mapping, on_duplicate, country, started_at, file_sha256, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const writeCounts = statement<never, [dataRows: number, imported: number, merged: number, skipped: number, rejected: number, finishedAt: number | null, id: number]>(
  'UPDATE imports SET data_rows = ?, imported = ?, merged = ?, skipped = ?, rejected = ?, finished_at = ? WHERE id = ?',
);
const writeProgress = statement<never, [dataRows: number, imported: number, merged: number, skipped: number, rejected: number, lastRow: number, id: number]>(
  'UPDATE imports SET data_rows = ?, imported = ?, merged = ?, skipped = ?, rejected = ?, last_row = ? WHERE id = ?',
);
const writeStopReason = statement<never, [reason: string | null, id: number]>('UPDATE imports SET stop_reason = ? WHERE id = ?');
const unfinished = statement<ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM imports WHERE finished_at IS NULL ORDER BY id`);
const keep = statement<never, [finishedAt: number, keptAt: number, id: number]>('UPDATE imports SET finished_at = ?, kept_at = ? WHERE id = ? AND finished_at IS NULL');
const reasonCounts = statement<{ reason: string; count: number }, [importId: number]>(
  "SELECT reason, COUNT(*) AS count FROM import_rows WHERE import_id = ? AND outcome = 'rejected' GROUP BY reason",
);
const dudCount = scalar<number, [importId: number]>("SELECT COUNT(*) FROM import_rows WHERE import_id = ? AND outcome = 'rejected' AND contact_id IS NOT NULL");
const byId = statement<ImportRow, [id: number]>(`SELECT ${IMPORT_COLUMNS} FROM imports WHERE id = ?`);
const newestFirst = statement<ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY id DESC`);
const insertRow = statement<never, [importId: number, rowNumber: number, outcome: RowOutcome, reason: string, raw: string, contactId: number | null]>(
  'INSERT INTO import_rows (import_id, row_number, outcome, reason, raw, contact_id) VALUES (?, ?, ?, ?, ?, ?)',
);
const rowsPage = statement<ImportRowRecord, { importId: number; outcome: RowOutcome | null; limit: number; offset: number }>(
  `SELECT ${IMPORT_ROW_COLUMNS} FROM import_rows WHERE import_id = @importId AND (@outcome IS NULL OR outcome = @outcome) ORDER BY row_number LIMIT @limit OFFSET @offset`,
);
// A lead a call found to be a wrong number (calls/attempts.ts, dud.ts wrongNumberReason).
const WRONG_NUMBER_DUD = `c.status = 'dud' AND c.dud_reason LIKE '${WRONG_NUMBER_PREFIX}%'`;
const wrongNumberCount = scalar<number, { importId: number | null }>(
  `SELECT count(*) FROM contacts c WHERE c.import_id IS NOT NULL AND (@importId IS NULL OR c.import_id = @importId) AND ${WRONG_NUMBER_DUD}`,
);
/** What the export writes of such a lead: the fields an import maps columns to. */
export type WrongNumberLeadRow = Pick<
  ContactRow,
  'id' | 'first_name' | 'last_name' | 'company' | 'title' | 'email' | 'phone_raw' | 'extension' | 'other_phones' | 'time_zones' | 'country' | 'region' | 'city' | 'postcode' | 'kind' | 'line_type' | 'notes' | 'owner' | 'custom_fields' | 'source_row'
> & { dud_reason: string };
const wrongNumberLeadsOfImport = statement<WrongNumberLeadRow, [importId: number]>(
  `SELECT c.id, c.first_name, c.last_name, c.company, c.title, c.email, c.phone_raw, c.extension, c.other_phones, c.time_zones, c.country, c.region,
     c.city, c.postcode, c.kind, c.line_type, c.notes, c.owner, c.custom_fields, c.dud_reason, c.source_row
   FROM contacts c WHERE c.import_id = ? AND ${WRONG_NUMBER_DUD} ORDER BY c.source_row, c.id`,
);

/** One import's leads that a call found to be a wrong number, in row order, one at a time. */
export function iterateWrongNumberLeads(db: Database, importId: number): IterableIterator<WrongNumberLeadRow> {
  return wrongNumberLeadsOfImport(db).iterate(importId);
}

const importsWithRejected = statement<{ id: number; file_name: string; headers: string; mapping: string; widest: number }, { importId: number | null }>(
  `SELECT i.id, i.file_name, i.headers, i.mapping,
     (SELECT coalesce(max(json_array_length(r.raw)), 0) FROM import_rows r WHERE r.import_id = i.id AND r.outcome = 'rejected') AS widest
   FROM imports i
   WHERE (@importId IS NULL OR i.id = @importId)
     AND (EXISTS (SELECT 1 FROM import_rows r WHERE r.import_id = i.id AND r.outcome = 'rejected')
       OR EXISTS (SELECT 1 FROM contacts c WHERE c.import_id = i.id AND ${WRONG_NUMBER_DUD}))
   ORDER BY i.id`,
);
// json_array_length (above) counts each row's cells inside SQLite, so a 10 MB row never becomes a
// string here.
const rejectedCount = scalar<number, { importId: number | null }>(
  `SELECT count(*) FROM import_rows WHERE outcome = 'rejected' AND (@importId IS NULL OR import_id = @importId)`,
);
const rejectedOfImport = statement<{ raw: string; row_number: number; reason: string }, [importId: number]>(
  `SELECT raw, row_number, reason FROM import_rows WHERE import_id = ? AND outcome = 'rejected' ORDER BY row_number`,
);
const mappingOf = scalar<string, [headerKey: string]>('SELECT mapping FROM import_mappings WHERE header_key = ?');
const remember = statement<never, [headerKey: string, mapping: string, at: number]>(
  `INSERT INTO import_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?)
   ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
);
const withoutOwnContact = statement<ImportRowRecord & { file_name: string }>(
  `SELECT r.id, r.import_id, r.row_number, r.outcome, r.reason, r.raw, r.contact_id, i.file_name FROM import_rows r JOIN imports i ON i.id = r.import_id
   WHERE r.outcome IN ('merged', 'skipped') OR r.contact_id IS NULL
   ORDER BY r.import_id, r.row_number`,
);
const allMappings = statement<{ header_key: string; mapping: string }>('SELECT header_key, mapping FROM import_mappings');

export function insertImport(
  db: Database,
  i: { fileName: string; encoding: string; delimiter: string; headers: string[]; mapping: string[]; onDuplicate: 'merge' | 'skip'; country: string; at: number; sha256: string; lines?: ImportLines },
): number {
  return Number(insert(db).run(i.fileName, i.encoding, i.delimiter, JSON.stringify(i.headers), JSON.stringify(i.mapping), i.onDuplicate, i.country, i.at, i.sha256, i.lines ?? 'mixed').lastInsertRowid);
}

export function updateImportCounts(
  db: Database,
  id: number,
  c: { dataRows: number; imported: number; merged: number; skipped: number; rejected: number; finishedAt: number | null },
): void {
  writeCounts(db).run(c.dataRows, c.imported, c.merged, c.skipped, c.rejected, c.finishedAt, id);
}

export function prepareUpdateImportCounts(db: Database, importId: () => number) {
  const update = writeProgress(db);
  return (c: { dataRows: number; imported: number; merged: number; skipped: number; rejected: number }, lastRow: number) =>
    update.run(c.dataRows, c.imported, c.merged, c.skipped, c.rejected, lastRow, importId());
}

/** Why an import stopped before its end (null: it is running again). */
export function setImportStopReason(db: Database, id: number, reason: string | null): void {
  writeStopReason(db).run(reason, id);
}

/** Imports that stopped before their end and that the rep has not dealt with yet. */
export function listUnfinishedImports(db: Database): ImportRow[] {
  return unfinished(db).all();
}

/** "Keep what was imported": the import is finished as it stands. */
export function keepUnfinishedImport(db: Database, id: number, at: number): boolean {
  return keep(db).run(at, at, id).changes === 1;
}

/** The rejected rows of one import by reason, and how many of them were kept as dud leads. */
export function rejectedReasonCounts(db: Database, importId: number): { reasons: { reason: string; count: number }[]; duds: number } {
  return { reasons: reasonCounts(db).all(importId), duds: dudCount(db).get(importId)! };
}

export function getImport(db: Database, id: number): ImportRow | undefined {
  return byId(db).get(id);
}

export function listImports(db: Database): ImportRow[] {
  return newestFirst(db).all();
}

export function prepareInsertImportRow(db: Database): Statement<[number, number, RowOutcome, string, string, number | null], never> {
  return insertRow(db);
}

export function listImportRows(db: Database, importId: number, outcome: RowOutcome | null, limit: number, offset: number): ImportRowRecord[] {
  return rowsPage(db).all({ importId, outcome, limit, offset });
}

/** What "duds to return" needs before its rows: the imports with rejected rows or leads a call
 *  found to be a wrong number (in import order, with their file name, header, mapping and the most
 *  cells any of its rejected rows has), and how many rows that makes. */
export function rejectedRowsShape(
  db: Database,
  importId: number | null,
): { imports: { id: number; fileName: string; headers: string[]; mapping: string[]; widest: number }[]; rows: number } {
  const imports = importsWithRejected(db).all({ importId });
  const n = rejectedCount(db).get({ importId })! + wrongNumberCount(db).get({ importId })!;
  return { imports: imports.map((i) => ({ id: i.id, fileName: i.file_name, headers: JSON.parse(i.headers) as string[], mapping: JSON.parse(i.mapping) as string[], widest: i.widest })), rows: n };
}

/** One import's rejected rows in row order, one at a time, for "duds to return". One import per
 *  statement: the index then gives the order, where ordering several imports' rows at once made
 *  SQLite sort them, every row's cells held in memory. */
export function iterateRejectedRows(db: Database, importId: number): IterableIterator<{ raw: string; row_number: number; reason: string }> {
  return rejectedOfImport(db).iterate(importId);
}

export function getRememberedMapping(db: Database, headerKey: string): string[] | undefined {
  const mapping = mappingOf(db).get(headerKey);
  return mapping === undefined ? undefined : (JSON.parse(mapping) as string[]);
}

export function rememberMapping(db: Database, headerKey: string, mapping: string[], at: number): void {
  remember(db).run(headerKey, JSON.stringify(mapping), at);
}

/** Rows that did not become a contact of their own: duplicates (with the contact they matched)
 *  and rejected rows that left no dud contact behind. */
export function listRowsWithoutOwnContact(db: Database): (ImportRowRecord & { file_name: string })[] {
  return withoutOwnContact(db).all();
}

/** Every remembered mapping, for the import worker to pick one by the headers it reads. */
export function listRememberedMappings(db: Database): [string, string[]][] {
  return allMappings(db)
    .all()
    .map((row) => [row.header_key, JSON.parse(row.mapping) as string[]]);
}

// Merged rows, kept so a wrong merge can be split (migration 013).

export interface MergedRow {
  id: number;
  import_id: number;
  row_number: number;
  raw: string;
  contact_id: number;
  split_contact_id: number | null;
  split_at: number | null;
  /** What the merge changed on the lead (MergeFilled as JSON); null when nothing, or merged before migration 042. */
  filled: string | null;
  /** The tags its merge added to the lead, as JSON [tag id, added_at] pairs; null when none, or merged before migration 045. */
  tags_added: string | null;
  file_name: string;
  headers: string;
  mapping: string;
  country: string;
  lines: ImportLines;
}

const MERGED_COLUMNS = 'r.id, r.import_id, r.row_number, r.raw, r.contact_id, r.split_contact_id, r.split_at, r.filled, r.tags_added, i.file_name, i.headers, i.mapping, i.country, i.lines';
const mergedOfContact = statement<MergedRow, [contactId: number]>(
  `SELECT ${MERGED_COLUMNS} FROM import_rows r JOIN imports i ON i.id = r.import_id WHERE r.contact_id = ? AND r.outcome = 'merged' ORDER BY r.import_id, r.row_number`,
);
const mergedById = statement<MergedRow, [id: number]>(`SELECT ${MERGED_COLUMNS} FROM import_rows r JOIN imports i ON i.id = r.import_id WHERE r.id = ? AND r.outcome = 'merged'`);
const markSplit = statement<never, [contactId: number, at: number, id: number]>('UPDATE import_rows SET split_contact_id = ?, split_at = ? WHERE id = ? AND split_contact_id IS NULL');

/** The rows merged into a contact, oldest import first. */
export function mergedRowsOf(db: Database, contactId: number): MergedRow[] {
  return mergedOfContact(db).all(contactId);
}

export function getMergedRow(db: Database, id: number): MergedRow | undefined {
  return mergedById(db).get(id);
}

const setFilled = statement<never, [filled: string, id: number]>("UPDATE import_rows SET filled = ? WHERE id = ? AND outcome = 'merged'");

/** Keep with a merged row what its merge changed on the lead, for a split to take back. */
export function setMergedRowFilled(db: Database, id: number, filled: string): void {
  setFilled(db).run(filled, id);
}

const setTagsAdded = statement<never, [tagsAdded: string, id: number]>("UPDATE import_rows SET tags_added = ? WHERE id = ? AND outcome = 'merged'");

/** Keep with a merged row the tags its merge added to the lead ([tag id, added_at] pairs). */
export function setMergedRowTagsAdded(db: Database, id: number, tagsAdded: readonly (readonly [number, number])[]): void {
  setTagsAdded(db).run(JSON.stringify(tagsAdded), id);
}

export function markMergedRowSplit(db: Database, id: number, contactId: number, at: number): boolean {
  return markSplit(db).run(contactId, at, id).changes > 0;
}
