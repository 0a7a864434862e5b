// "Save what can still be read": every row of every table that SQLite can still read from a
// damaged call log, written to one CSV file per table and into a fresh database (built by
// Dialdeck's own migrations at the damaged file's schema version, so it can be restored like any
// backup). The damaged file is never written: a working copy of it (and of its WAL) is read.
//
// How rows are found past the damage: a table is read in key order in batches; where a batch
// fails, row by row; where a row cannot be read, the next key that can be reached is searched
// for (doubling the step, then halving it back), and reading carries on from there. A table
// without rowids is read up from its first key and down from its last until each meets damage.
// What could not be read is listed in the folder's README.txt.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { emitCsvLine, UTF8_BOM } from '../../../shared/domain/csvExport';
import { BUSY_TIMEOUT_MS } from '../db/busy';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { allRowsInOrder, insertInto, rowsFromRowid, rowsByKey, schemaVersionOf, tableShapes, type TableShape } from './repo';

const BATCH = 500;
const FIRST_ROWID = Number.MIN_SAFE_INTEGER;
const LAST_ROWID = Number.MAX_SAFE_INTEGER;
const CHUNK_CHARS = 256 * 1024;
export const SALVAGED_DATABASE = 'dialdeck-salvaged.sqlite';

export interface SalvagedTable {
  name: string;
  /** Rows read and written to the CSV file. */
  rows: number;
  /** Of those, rows the fresh database refused (a value that no longer fits its column). */
  notStored: number;
  csv: string;
  /** Stretches of the table that could not be read, in words. */
  unreadable: string[];
}

export interface SalvageReport {
  folder: string;
  /** The fresh database with every row it could take; null when nothing could be read. */
  database: string | null;
  schemaVersion: number | null;
  tables: SalvagedTable[];
  /** Why nothing at all could be read (the file's own table of contents is damaged). */
  problem: string | null;
}

export interface SalvageJob {
  damagedFile: string;
  folder: string;
  now: string;
}

/** Read what is left of `damagedFile` into `folder` (created; it must not exist yet). */
export function salvageDatabase(job: SalvageJob, onProgress: (table: string, rows: number) => void = () => undefined): SalvageReport {
  fs.mkdirSync(job.folder, { recursive: false });
  const work = path.join(job.folder, '.work');
  const source = openWorkingCopy(job.damagedFile, work);
  try {
    let shapes: TableShape[];
    let version: number;
    try {
      version = schemaVersionOf(source);
      shapes = tableShapes(source);
    } catch (error) {
      const problem = `The file's own list of tables cannot be read (SQLite says: ${error instanceof Error ? error.message : String(error)}), so no table can be found in it. Keep the damaged file for a specialist.`;
      writeReadme(job, { folder: job.folder, database: null, schemaVersion: null, tables: [], problem });
      return { folder: job.folder, database: null, schemaVersion: null, tables: [], problem };
    }
    const freshFile = path.join(job.folder, SALVAGED_DATABASE);
    const fresh = openDatabase(freshFile, { migrateTo: version >= 1 && version <= LATEST_SCHEMA_VERSION ? version : LATEST_SCHEMA_VERSION, now: new Date(job.now) });
    const tables: SalvagedTable[] = [];
    try {
      fresh.pragma('foreign_keys = OFF');
      for (const shape of shapes) tables.push(salvageTable(source, fresh, shape, job.folder, onProgress));
      fresh.pragma('journal_mode = DELETE');
    } finally {
      fresh.close();
    }
    const report: SalvageReport = { folder: job.folder, database: freshFile, schemaVersion: version, tables, problem: null };
    writeReadme(job, report);
    return report;
  } finally {
    source.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** How many calls in a damaged file have an id above `afterId` (logged after a backup whose
 *  newest call it was), and whether every stretch of the table could be read to count them. */
export function countCallsAfter(damagedFile: string, afterId: number, scratch: string): { count: number; complete: boolean } | null {
  const source = openWorkingCopy(damagedFile, scratch);
  try {
    const calls = tableShapes(source).find((shape) => shape.name === 'calls');
    if (!calls) return null;
    const read = rowsFromRowid(source, calls, 'rowid-only');
    let count = 0;
    const scan = scanByRowid((from, limit) => read.all(from, limit), afterId + 1, (rows) => (count += rows.length));
    return { count, complete: scan.unreadable.length === 0 };
  } catch {
    return null;
  } finally {
    source.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A copy of the damaged file and its WAL, opened for reading: SQLite may need to rebuild the
 *  WAL's index to read it, which only a connection that may write can do. */
function openWorkingCopy(damagedFile: string, work: string): Database {
  fs.mkdirSync(work, { recursive: true });
  const copy = path.join(work, 'source.sqlite');
  fs.copyFileSync(damagedFile, copy);
  if (fs.existsSync(`${damagedFile}-wal`)) fs.copyFileSync(`${damagedFile}-wal`, `${copy}-wal`);
  return new BetterSqlite3(copy, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

function salvageTable(source: Database, fresh: Database, shape: TableShape, folder: string, onProgress: (table: string, rows: number) => void): SalvagedTable {
  const csv = path.join(folder, `${shape.name}.csv`);
  const withRowidColumn = shape.withoutRowidKey === null && shape.rowidAlias === null;
  const header = [...(withRowidColumn ? ['rowid'] : []), ...shape.columns];
  const out = new CsvFile(csv, header);
  const target = freshColumns(fresh, shape);
  const insert = target ? insertInto(fresh, shape.name, target.columns, shape.withoutRowidKey === null) : null;
  let rows = 0;
  let notStored = 0;
  const store = fresh.transaction((batch: unknown[][]) => {
    for (const row of batch) {
      // row: [rowid, ...columns] for a rowid table, [...columns] without.
      const values = shape.withoutRowidKey === null ? row.slice(1) : row;
      out.line([...(withRowidColumn ? [row[0]] : []), ...values]);
      rows++;
      if (!insert || !target) continue;
      try {
        insert.run(...(shape.withoutRowidKey === null ? [row[0]] : []), ...target.positions.map((i) => values[i]));
      } catch {
        notStored++;
      }
    }
  });
  const take = (batch: unknown[][]) => {
    store(batch);
    onProgress(shape.name, rows);
  };
  let unreadable: string[];
  try {
    if (shape.withoutRowidKey === null) {
      const read = rowsFromRowid(source, shape, 'all');
      unreadable = scanByRowid((from, limit) => read.all(from, limit), FIRST_ROWID, take).unreadable;
    } else if (shape.withoutRowidKey.length === 1) {
      unreadable = scanByKey(source, shape, take);
    } else {
      unreadable = scanForwardOnly(source, shape, take);
    }
  } finally {
    out.close();
  }
  if (!target) unreadable = [...unreadable, 'the fresh database has no such table: its rows are in the CSV file only'];
  return { name: shape.name, rows, notStored, csv, unreadable };
}

/** The source table's columns that the fresh database's table of the same name also has. */
function freshColumns(fresh: Database, shape: TableShape): { columns: string[]; positions: number[] } | null {
  const freshShape = tableShapes(fresh).find((candidate) => candidate.name === shape.name);
  if (!freshShape) return null;
  const have = new Set(freshShape.columns);
  const positions = shape.columns.flatMap((column, i) => (have.has(column) ? [i] : []));
  return { columns: positions.map((i) => shape.columns[i]!), positions };
}

/** Rows from a rowid on (`rowid >= from`), at most `limit`, as [rowid, ...columns]. */
type Reader = (from: number, limit: number) => unknown[][];

/** Every row of a rowid table SQLite can still reach, in order, from rowid `start` on. */
export function scanByRowid(read: Reader, start: number, take: (rows: unknown[][]) => void): { unreadable: string[] } {
  const unreadable: string[] = [];
  const reaches = (from: number) => {
    try {
      read(from, 1);
      return true;
    } catch {
      return false;
    }
  };
  let from = start;
  // After a failed batch, this many rows are read one at a time before batches are tried again.
  let singly = 0;
  for (;;) {
    const limit = singly > 0 ? 1 : BATCH;
    let rows: unknown[][];
    try {
      rows = read(from, limit);
    } catch {
      if (limit > 1) {
        singly = BATCH;
        continue;
      }
      const resume = nextReachable(reaches, from);
      const where = from === start ? 'from the start' : `from rowid ${from}`;
      if (resume === null) {
        unreadable.push(`the rows ${where} to the end of the table`);
        break;
      }
      unreadable.push(`the rows ${where} to rowid ${resume - 1}`);
      from = resume;
      continue;
    }
    if (rows.length === 0) break;
    take(rows);
    from = Number(rows.at(-1)![0]) + 1;
    if (singly > 0) singly--;
    else if (rows.length < limit) break;
  }
  return { unreadable };
}

/** The smallest rowid past `failedFrom` from which reading succeeds again (or null: none does):
 *  the step doubles until a read succeeds, then halves back to the boundary. */
function nextReachable(reaches: (from: number) => boolean, failedFrom: number): number | null {
  let failed = failedFrom;
  let step = 1;
  let reached: number;
  for (;;) {
    const probe = Math.min(failed + step, LAST_ROWID);
    if (reaches(probe)) {
      reached = probe;
      break;
    }
    if (probe === LAST_ROWID) return null;
    failed = probe;
    step *= 2;
  }
  while (reached - failed > 1) {
    const middle: number = failed + Math.floor((reached - failed) / 2);
    if (reaches(middle)) reached = middle;
    else failed = middle;
  }
  return reached;
}

/** A table without rowids (one-column key): up from the first key until damage, then down from
 *  the last until damage or the rows already read. */
function scanByKey(source: Database, shape: TableShape, take: (rows: unknown[][]) => void): string[] {
  const { up, down } = rowsByKey(source, shape);
  const keyAt = shape.columns.indexOf(shape.withoutRowidKey![0]!);
  const unreadable: string[] = [];
  let after: unknown = null;
  let complete = false;
  let singly = false;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = up.all({ after, limit: singly ? 1 : BATCH });
    } catch {
      if (!singly) {
        singly = true;
        continue;
      }
      break;
    }
    if (rows.length === 0) {
      complete = true;
      break;
    }
    take(rows);
    after = rows.at(-1)![keyAt];
    if (!singly && rows.length < BATCH) {
      complete = true;
      break;
    }
  }
  if (complete) return unreadable;
  // Down from the last key, until damage or the last key read going up.
  let before: unknown = null;
  let lastDown: unknown = null;
  singly = false;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = down.all({ before, floor: after, limit: singly ? 1 : BATCH });
    } catch {
      if (!singly) {
        singly = true;
        continue;
      }
      unreadable.push(`the rows between key ${JSON.stringify(after)} and key ${JSON.stringify(lastDown)}`);
      break;
    }
    if (rows.length === 0) break;
    take(rows);
    before = lastDown = rows.at(-1)![keyAt];
  }
  return unreadable;
}

/** A table keyed by several columns without rowids (none of Dialdeck's): up until damage. */
function scanForwardOnly(source: Database, shape: TableShape, take: (rows: unknown[][]) => void): string[] {
  try {
    for (const row of allRowsInOrder(source, shape)) take([row]);
    return [];
  } catch {
    return ['the rows after the last one saved (this table can only be read in one direction)'];
  }
}

/** A CSV file written as it goes (Excel-safe cells, UTF-8 with BOM, CRLF). */
class CsvFile {
  private readonly fd: number;
  private chunk = UTF8_BOM;

  constructor(file: string, header: readonly string[]) {
    this.fd = fs.openSync(file, 'wx');
    this.line(header);
  }

  line(values: readonly unknown[]): void {
    emitCsvLine(values.map(cellText), (piece) => {
      this.chunk += piece;
      if (this.chunk.length >= CHUNK_CHARS) this.flush();
    });
  }

  close(): void {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  private flush(): void {
    fs.writeSync(this.fd, this.chunk);
    this.chunk = '';
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
  return String(value);
}

function writeReadme(job: SalvageJob, report: SalvageReport): void {
  const lines = [
    'Dialdeck: what could still be read from a damaged call log',
    '',
    `Damaged file: ${job.damagedFile}`,
    `Read on:      ${job.now}`,
    '',
  ];
  if (report.problem) lines.push(report.problem);
  else {
    lines.push(`${SALVAGED_DATABASE}: a fresh database (schema version ${report.schemaVersion}) with every row it could take.`);
    lines.push('Restore it like a backup (npm run cli -- restore <this file>) if no backup is newer.', '');
    for (const table of report.tables) {
      lines.push(`${table.name}.csv: ${table.rows} rows${table.notStored > 0 ? ` (${table.notStored} of them could not be stored in the fresh database)` : ''}`);
      for (const stretch of table.unreadable) lines.push(`  could not be read: ${stretch}`);
    }
  }
  fs.writeFileSync(path.join(job.folder, 'README.txt'), `${lines.join('\r\n')}\r\n`);
}
