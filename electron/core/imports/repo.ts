import type { Database, Statement } from 'better-sqlite3';

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

export function insertImport(
  db: Database,
  i: { fileName: string; encoding: string; delimiter: string; headers: string[]; mapping: string[]; onDuplicate: 'merge' | 'skip'; country: string; at: number; sha256: string },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, encoding, delimiter, headers, mapping, on_duplicate, country, started_at, file_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(i.fileName, i.encoding, i.delimiter, JSON.stringify(i.headers), JSON.stringify(i.mapping), i.onDuplicate, i.country, i.at, i.sha256).lastInsertRowid,
  );
}

export function updateImportCounts(
  db: Database,
  id: number,
  c: { dataRows: number; imported: number; merged: number; skipped: number; rejected: number; finishedAt: number | null },
): void {
  db.prepare(
    `UPDATE imports SET data_rows = ?, imported = ?, merged = ?, skipped = ?, rejected = ?, finished_at = ? WHERE id = ?`,
  ).run(c.dataRows, c.imported, c.merged, c.skipped, c.rejected, c.finishedAt, id);
}

export function prepareUpdateImportCounts(db: Database, importId: () => number) {
  const statement = db.prepare('UPDATE imports SET data_rows = ?, imported = ?, merged = ?, skipped = ?, rejected = ?, last_row = ? WHERE id = ?');
  return (c: { dataRows: number; imported: number; merged: number; skipped: number; rejected: number }, lastRow: number) =>
    statement.run(c.dataRows, c.imported, c.merged, c.skipped, c.rejected, lastRow, importId());
}

/** Why an import stopped before its end (null: it is running again). */
export function setImportStopReason(db: Database, id: number, reason: string | null): void {
  db.prepare('UPDATE imports SET stop_reason = ? WHERE id = ?').run(reason, id);
}

/** Imports that stopped before their end and that the rep has not dealt with yet. */
export function listUnfinishedImports(db: Database): ImportRow[] {
  return db.prepare('SELECT * FROM imports WHERE finished_at IS NULL ORDER BY id').all() as ImportRow[];
}

/** "Keep what was imported": the import is finished as it stands. */
export function keepUnfinishedImport(db: Database, id: number, at: number): boolean {
  return db.prepare('UPDATE imports SET finished_at = ?, kept_at = ? WHERE id = ? AND finished_at IS NULL').run(at, at, id).changes === 1;
}

/** The rejected rows of one import by reason, and how many of them were kept as dud leads. */
export function rejectedReasonCounts(db: Database, importId: number): { reasons: { reason: string; count: number }[]; duds: number } {
  const reasons = db
    .prepare("SELECT reason, COUNT(*) AS count FROM import_rows WHERE import_id = ? AND outcome = 'rejected' GROUP BY reason")
    .all(importId) as { reason: string; count: number }[];
  const { duds } = db
    .prepare("SELECT COUNT(*) AS duds FROM import_rows WHERE import_id = ? AND outcome = 'rejected' AND contact_id IS NOT NULL")
    .get(importId) as { duds: number };
  return { reasons, duds };
}

export function getImport(db: Database, id: number): ImportRow | undefined {
  return db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
}

export function listImports(db: Database): ImportRow[] {
  return db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportRow[];
}

export function prepareInsertImportRow(db: Database): Statement<[number, number, RowOutcome, string, string, number | null]> {
  return db.prepare('INSERT INTO import_rows (import_id, row_number, outcome, reason, raw, contact_id) VALUES (?, ?, ?, ?, ?, ?)');
}

export function listImportRows(db: Database, importId: number, outcome: RowOutcome | null, limit: number, offset: number): ImportRowRecord[] {
  return db
    .prepare(
      `SELECT * FROM import_rows WHERE import_id = ? AND (? IS NULL OR outcome = ?) ORDER BY row_number LIMIT ? OFFSET ?`,
    )
    .all(importId, outcome, outcome, limit, offset) as ImportRowRecord[];
}

/** What "duds to return" needs before its rows: the imports with rejected rows (in import
 *  order, with their file name and header), the most cells any rejected row has, and how many
 *  rejected rows there are. */
export function rejectedRowsShape(
  db: Database,
  importId: number | null,
): { imports: { id: number; fileName: string; headers: string[] }[]; widestRow: number; rows: number } {
  const imports = db
    .prepare(
      `SELECT i.id, i.file_name, i.headers FROM imports i
       WHERE (? IS NULL OR i.id = ?) AND EXISTS (SELECT 1 FROM import_rows r WHERE r.import_id = i.id AND r.outcome = 'rejected')
       ORDER BY i.id`,
    )
    .all(importId, importId) as { id: number; file_name: string; headers: string }[];
  // json_array_length counts each row's cells inside SQLite, so a 10 MB row never becomes a string here.
  const { widest, n } = db
    .prepare(
      `SELECT coalesce(max(json_array_length(raw)), 0) AS widest, count(*) AS n FROM import_rows
       WHERE outcome = 'rejected' AND (? IS NULL OR import_id = ?)`,
    )
    .get(importId, importId) as { widest: number; n: number };
  return { imports: imports.map((i) => ({ id: i.id, fileName: i.file_name, headers: JSON.parse(i.headers) as string[] })), widestRow: widest, rows: n };
}

/** One import's rejected rows in row order, one at a time, for "duds to return". One import per
 *  statement: the index then gives the order, where ordering several imports' rows at once made
 *  SQLite sort them, every row's cells held in memory. */
export function iterateRejectedRows(db: Database, importId: number): IterableIterator<{ raw: string; row_number: number; reason: string }> {
  return db
    .prepare(`SELECT raw, row_number, reason FROM import_rows WHERE import_id = ? AND outcome = 'rejected' ORDER BY row_number`)
    .iterate(importId) as IterableIterator<{ raw: string; row_number: number; reason: string }>;
}

export function getRememberedMapping(db: Database, headerKey: string): string[] | undefined {
  const row = db.prepare('SELECT mapping FROM import_mappings WHERE header_key = ?').get(headerKey) as { mapping: string } | undefined;
  return row ? (JSON.parse(row.mapping) as string[]) : undefined;
}

export function rememberMapping(db: Database, headerKey: string, mapping: string[], at: number): void {
  db.prepare(
    `INSERT INTO import_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(headerKey, JSON.stringify(mapping), at);
}

/** Rows that did not become a contact of their own: duplicates (with the contact they matched)
 *  and rejected rows that left no dud contact behind. */
export function listRowsWithoutOwnContact(db: Database): (ImportRowRecord & { file_name: string })[] {
  return db
    .prepare(
      `SELECT r.*, i.file_name FROM import_rows r JOIN imports i ON i.id = r.import_id
       WHERE r.outcome IN ('merged', 'skipped') OR r.contact_id IS NULL
       ORDER BY r.import_id, r.row_number`,
    )
    .all() as (ImportRowRecord & { file_name: string })[];
}

/** Every remembered mapping, for the import worker to pick one by the headers it reads. */
export function listRememberedMappings(db: Database): [string, string[]][] {
  return (db.prepare('SELECT header_key, mapping FROM import_mappings').all() as { header_key: string; mapping: string }[]).map((row) => [
    row.header_key,
    JSON.parse(row.mapping) as string[],
  ]);
}
