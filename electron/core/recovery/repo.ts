// The SQL that reads what is left of a damaged database, and writes it into a fresh one.
//
// These are the only statements whose text is not fixed at module level: a damaged file's tables
// are whatever its schema lists. Table and column names are taken only when they are plain
// identifiers (letters, digits and underscores, as every Dialdeck table and column is), and are
// always double-quoted; every value is a bound parameter.
import type { Database, Statement } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quoted = (name: string) => `"${name}"`;

export function isPlainIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !name.toLowerCase().startsWith('sqlite_');
}

export interface TableShape {
  name: string;
  columns: string[];
  /** The column that is the rowid under another name (INTEGER PRIMARY KEY), if any. */
  rowidAlias: string | null;
  /** The primary key's columns when the table has no rowid (WITHOUT ROWID); null for a rowid table. */
  withoutRowidKey: string[] | null;
}

const tablesOf = statement<{ name: string; sql: string | null }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rootpage");
const userVersion = scalar<number>('PRAGMA user_version');

/** The tables the file's schema lists (plain identifiers only), with their columns. Throws when
 *  the schema itself cannot be read. */
export function tableShapes(db: Database): TableShape[] {
  const shapes: TableShape[] = [];
  const tables = tablesOf(db).all();
  // A full-text index (lead_search, migration 014) is derived from `contacts` and rebuilt by its
  // triggers as they are copied: neither it nor its shadow tables are copied themselves.
  const virtual = tables.filter((t) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const derived = (name: string) => virtual.some((v) => name === v || (name.startsWith(`${v}_`) && ['data', 'idx', 'content', 'docsize', 'config'].includes(name.slice(v.length + 1))));
  for (const table of tables) {
    if (!isPlainIdentifier(table.name) || derived(table.name)) continue;
    const info = db.pragma(`table_info(${quoted(table.name)})`) as { name: string; type: string; pk: number }[];
    const columns = info.map((column) => column.name).filter(isPlainIdentifier);
    if (columns.length !== info.length || columns.length === 0) continue;
    const withoutRowid = /\bWITHOUT\s+ROWID\b/i.test(table.sql ?? '');
    const key = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name);
    const rowidAlias = !withoutRowid && key.length === 1 ? (info.find((column) => column.pk === 1 && column.type.toUpperCase() === 'INTEGER')?.name ?? null) : null;
    shapes.push({ name: table.name, columns, rowidAlias, withoutRowidKey: withoutRowid ? key : null });
  }
  return shapes;
}

export function schemaVersionOf(db: Database): number {
  return userVersion(db).get()!;
}

/** Rows of a rowid table from a rowid on, in rowid order, as arrays: [rowid, ...columns]. (From
 *  a rowid, not after it: seeking a key goes down to the page that would hold it, so the first
 *  row of the page after a damaged one is reached only by seeking that row itself.) */
export function rowsFromRowid(db: Database, shape: TableShape, columns: 'all' | 'rowid-only'): Statement<[from: number, limit: number], unknown[]> {
  const list = columns === 'all' ? `rowid, ${shape.columns.map(quoted).join(', ')}` : 'rowid';
  return db.prepare<[number, number], unknown[]>(`SELECT ${list} FROM ${quoted(shape.name)} WHERE rowid >= ? ORDER BY rowid LIMIT ?`).raw(true);
}

/** Rows of a WITHOUT ROWID table with a one-column key, in key order, as arrays of the columns:
 *  after `after` going up, or below `before` (and above `floor`) going down. */
export function rowsByKey(db: Database, shape: TableShape): {
  up: Statement<{ after: unknown; limit: number }, unknown[]>;
  down: Statement<{ before: unknown; floor: unknown; limit: number }, unknown[]>;
} {
  const key = quoted(shape.withoutRowidKey![0]!);
  const list = shape.columns.map(quoted).join(', ');
  const table = quoted(shape.name);
  return {
    up: db.prepare<{ after: unknown; limit: number }, unknown[]>(`SELECT ${list} FROM ${table} WHERE (@after IS NULL OR ${key} > @after) ORDER BY ${key} LIMIT @limit`).raw(true),
    down: db
      .prepare<{ before: unknown; floor: unknown; limit: number }, unknown[]>(
        `SELECT ${list} FROM ${table} WHERE (@before IS NULL OR ${key} < @before) AND (@floor IS NULL OR ${key} > @floor) ORDER BY ${key} DESC LIMIT @limit`,
      )
      .raw(true),
  };
}

/** An insert into the fresh database's table of the same name: the columns both have, and the
 *  rowid for a rowid table. A row already there (from a migration) is replaced. */
export function insertInto(db: Database, table: string, columns: readonly string[], withRowid: boolean): Statement<unknown[]> {
  const names = [...(withRowid ? ['rowid'] : []), ...columns.map(quoted)];
  return db.prepare(`INSERT OR REPLACE INTO ${quoted(table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
}

/** Every row of a table in its stored order, as arrays of the columns. */
export function allRowsInOrder(db: Database, shape: TableShape): IterableIterator<unknown[]> {
  return db.prepare<[], unknown[]>(`SELECT ${shape.columns.map(quoted).join(', ')} FROM ${quoted(shape.name)}`).raw(true).iterate();
}
