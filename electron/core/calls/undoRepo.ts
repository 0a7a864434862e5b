// The rows a disposition changes, read as they are (for the undo snapshot), and put back. Each
// table's columns are named here once: tests/unit/undo.test.ts holds them to the schema, so a
// column added by a later migration cannot be silently left out of an undo.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

type Row = Record<string, unknown>;

/** A table the disposition can touch: its key, its stored columns (generated ones excluded), and
 *  which of its rows a disposition on (contactId, number) can change. */
interface UndoTable {
  name: 'contacts' | 'queue_state' | 'dnc' | 'tasks' | 'redial_loops' | 'note_drafts' | 'complaint_cases';
  key: string;
  columns: readonly string[];
  scope: string;
  /** Columns the app changes by itself with time (a reminder of the row's due_at marked as
   *  notified): not a reason to refuse an undo, and kept as they are while due_at comes back the
   *  same. */
  ignoredWhenComparing: readonly string[];
  /** Also the rows of every other lead with the call's number (a do-not-call blocks them all),
   *  read by the table's contact_id column. */
  sharersOfNumber?: boolean;
}

export const UNDO_TABLES: readonly UndoTable[] = [
  {
    name: 'contacts',
    key: 'id',
    columns: [
      'id', 'first_name', 'last_name', 'company', 'title', 'email', 'email_key', 'phone_raw', 'e164', 'extension', 'other_phones', 'time_zones', 'tz_source', 'country',
      'region', 'city', 'postcode', 'kind', 'line_type', 'notes', 'owner', 'custom_fields', 'status', 'dud_reason', 'import_id', 'source_row', 'created_at', 'updated_at',
      'last_called_at', 'last_outcome', 'jurisdictions',
    ],
    scope: 'id = @contactId',
    ignoredWhenComparing: [],
  },
  {
    name: 'queue_state',
    key: 'contact_id',
    columns: [
      'contact_id', 'zone_id', 'kind', 'import_id', 'tier', 'due_at', 'why', 'closed', 'blocked', 'voicemail_rest_until', 'last_attempt_at', 'attempts_today', 'cap_reached',
      'pinned_at', 'hidden_until', 'hidden_kind', 'notified_at', 'notice', 'cap_rule',
    ],
    // The lead's row, and those of every lead with the same number (do-not-call blocks them all).
    scope: 'contact_id = @contactId',
    ignoredWhenComparing: ['notified_at', 'notice'],
    sharersOfNumber: true,
  },
  { name: 'dnc', key: 'e164', columns: ['e164', 'added_at', 'source', 'relisted_at', 'relisted_by'], scope: 'e164 = @number', ignoredWhenComparing: [] },
  {
    name: 'tasks',
    key: 'id',
    columns: ['id', 'contact_id', 'kind', 'title', 'due_at', 'call_id', 'created_at', 'done_at', 'notified_at', 'notice', 'email_situation', 'first_due_at', 'case_id'],
    scope: 'contact_id = @contactId',
    ignoredWhenComparing: ['notified_at', 'notice'],
  },
  {
    name: 'redial_loops',
    key: 'id',
    columns: ['id', 'contact_id', 'started_at', 'ends_at', 'next_dial_at', 'attempts', 'last_call_id', 'status', 'ended_at', 'end_reason'],
    scope: 'contact_id = @contactId',
    ignoredWhenComparing: [],
  },
  { name: 'note_drafts', key: 'contact_id', columns: ['contact_id', 'text', 'updated_at'], scope: 'contact_id = @contactId', ignoredWhenComparing: [] },
  // The close-the-loop call closes the lead's complaint case: undoing it opens the case again.
  {
    name: 'complaint_cases',
    key: 'id',
    columns: ['id', 'contact_id', 'opened_call_id', 'opened_at', 'facts', 'facts_at', 'close_task_id', 'close_due_at', 'closed_at', 'closed_call_id'],
    scope: 'contact_id = @contactId',
    ignoredWhenComparing: [],
  },
];

/** The rows of every undo table, by table name. */
export type UndoRows = ReadonlyMap<string, readonly Row[]>;

/** As stored in disposition_undo (a JSON object of table → rows, readUndoSnapshot) and back. */
export function undoRowsFromJson(text: string): UndoRows {
  return new Map(Object.entries(JSON.parse(text) as object) as [string, Row[]][]);
}

// Statement texts built once, at load, from the constant table descriptions above (never from values).
const statements = new Map(
  UNDO_TABLES.map((t) => {
    const cols = t.columns.join(', ');
    const updates = t.columns.filter((c) => c !== t.key).map((c) => `${c} = excluded.${c}`).join(', ');
    return [
      t.name,
      {
        byKey: statement<Row, [key: unknown]>(`SELECT ${cols} FROM ${t.name} WHERE ${t.key} = ?`),
        remove: statement<never, [key: unknown]>(`DELETE FROM ${t.name} WHERE ${t.key} = ?`),
        upsert: statement<never, Row>(`INSERT INTO ${t.name} (${cols}) VALUES (${t.columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT (${t.key}) DO UPDATE SET ${updates}`),
      },
    ] as const;
  }),
);

function statementsOf(table: UndoTable) {
  return statements.get(table.name)!;
}

/** Each table's rows in scope as a JSON array, built by SQLite, in the order its index gives
 *  (undo finds rows by key; sorting them cost a temporary b-tree per table). A table whose rows
 *  also include those of the number's other leads reads them by key beside the lead's own (an OR
 *  over both in one condition cannot use either index). */
function tableJson(t: UndoTable): string {
  const object = `json_object(${t.columns.map((c) => `'${c}', ${c}`).join(', ')})`;
  const rows = t.sharersOfNumber
    ? `(SELECT * FROM ${t.name} WHERE ${t.scope} UNION ALL SELECT * FROM ${t.name} WHERE contact_id IN (SELECT id FROM contacts WHERE e164 = @number AND id <> @contactId))`
    : `(SELECT * FROM ${t.name} WHERE ${t.scope})`;
  return `json((SELECT json_group_array(${object}) FROM ${rows}))`;
}

// The whole snapshot in one statement, as disposition_undo stores it: twice a disposition, it was
// eight lookups each time, their rows made into objects and then into JSON by hand.
const snapshot = scalar<string, { contactId: number; number: string }>(`SELECT json_object(${UNDO_TABLES.map((t) => `'${t.name}', ${tableJson(t)}`).join(', ')})`);

/** The rows a disposition on this lead and number can change, as they are now: a JSON object of
 *  table → rows (undoRowsFromJson reads it back). */
export function readUndoSnapshot(db: Database, contactId: number, number: string): string {
  return snapshot(db).get({ contactId, number })!;
}

/** Writes back only the columns given, so that SQLite touches no index (and fires no trigger,
 *  such as the lead search's) over a column the disposition did not change: rewriting the whole
 *  lead re-indexed it for search and dirtied a page per index, each synced. The statement texts
 *  come from the table's constant column names, one per set of columns met. */
const updatesByColumns = new Map<string, ReturnType<typeof statement<never, Row>>>();
function updateOf(t: UndoTable, columns: readonly string[]) {
  const key = `${t.name}:${columns.join(',')}`;
  let found = updatesByColumns.get(key);
  if (!found) {
    found = statement<never, Row>(`UPDATE ${t.name} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE ${t.key} = @${t.key}`);
    updatesByColumns.set(key, found);
  }
  return found;
}

/** Put `before` back, in the caller's transaction, unless the rows the disposition left (`after`)
 *  are no longer as it left them: then nothing is written and the first table that differs is
 *  returned (a row the disposition deleted that exists again counts). Rows are read by key, so
 *  rows added since for other leads do not count. Rows the disposition created (in `after`, not
 *  in `before`) are deleted; every row of `before` is made as it was, writing only the columns
 *  that differ now. */
export function restoreUndoRows(db: Database, before: UndoRows, after: UndoRows): UndoTable['name'] | null {
  const current = new Map<string, Map<unknown, Row>>();
  for (const t of UNDO_TABLES) {
    const ignored = new Set(t.ignoredWhenComparing);
    const rows = new Map<unknown, Row>();
    for (const left of after.get(t.name) ?? []) {
      const now = statementsOf(t).byKey(db).get(left[t.key]);
      if (!now || t.columns.some((c) => !ignored.has(c) && now[c] !== left[c])) return t.name;
      rows.set(left[t.key], now);
    }
    // A row the disposition deleted (a draft it cleared) that is back since (a new draft typed)
    // is a change like any other: writing the old one over it would lose it.
    for (const gone of before.get(t.name) ?? []) {
      if (!rows.has(gone[t.key]) && statementsOf(t).byKey(db).get(gone[t.key])) return t.name;
    }
    current.set(t.name, rows);
  }
  for (const t of UNDO_TABLES) {
    const rows = before.get(t.name) ?? [];
    const kept = new Set(rows.map((r) => r[t.key]));
    const now = current.get(t.name)!;
    for (const [key] of now) if (!kept.has(key)) statementsOf(t).remove(db).run(key);
    for (const row of rows) {
      const found = now.get(row[t.key]);
      if (!found) {
        // Deleted by the disposition (a draft it cleared): written back whole.
        statementsOf(t).upsert(db).run(row);
        continue;
      }
      // A reminder that fired since, for the same due time the undo puts back, has been told:
      // writing back "not yet notified" would tell it again.
      const told = t.ignoredWhenComparing.length > 0 && found.due_at === row.due_at ? new Set(t.ignoredWhenComparing) : null;
      const differing = t.columns.filter((c) => found[c] !== row[c] && !told?.has(c));
      if (differing.length > 0) updateOf(t, differing)(db).run(Object.fromEntries([t.key, ...differing].map((c) => [c, row[c]])));
    }
  }
  return null;
}

// The snapshots themselves.

export interface UndoRecordRow {
  call_id: number;
  contact_id: number;
  outcome: string;
  created_at: number;
  before: string;
  after: string;
  undone_at: number | null;
}

const insertRecord = statement<never, [callId: number, contactId: number, outcome: string, createdAt: number, before: string, after: string]>(
  'INSERT INTO disposition_undo (call_id, contact_id, outcome, created_at, before, after) VALUES (?, ?, ?, ?, ?, ?)',
);
const recordOf = statement<UndoRecordRow, [callId: number]>('SELECT call_id, contact_id, outcome, created_at, before, after, undone_at FROM disposition_undo WHERE call_id = ?');
const markRecordUndone = statement<never, [at: number, callId: number]>('UPDATE disposition_undo SET undone_at = ? WHERE call_id = ?');
const dropOld = statement<never, [before: number]>('DELETE FROM disposition_undo WHERE undone_at IS NULL AND created_at < ?');
const markCallUndone = statement<never, [at: number, id: number]>('UPDATE calls SET undone_at = ? WHERE id = ?');
const laterCall = statement<{ id: number; dialed_at: number }, [contactId: number, callId: number]>(
  // The earliest dialled, in the order of the calls_by_contact index (by id it took a sort).
  'SELECT id, dialed_at FROM calls WHERE contact_id = ? AND id > ? AND dial_failure IS NULL ORDER BY dialed_at, id LIMIT 1',
);

export function insertUndoRecord(db: Database, r: { callId: number; contactId: number; outcome: string; at: number; before: string; after: string }): void {
  insertRecord(db).run(r.callId, r.contactId, r.outcome, r.at, r.before, r.after);
}

export function getUndoRecord(db: Database, callId: number): UndoRecordRow | undefined {
  return recordOf(db).get(callId);
}

export function markUndone(db: Database, callId: number, at: number): void {
  markRecordUndone(db).run(at, callId);
  markCallUndone(db).run(at, callId);
}

/** Snapshots older than `before` that nobody undid are dropped (the undone ones stay, as audit). */
export function dropOldUndoRecords(db: Database, before: number): void {
  dropOld(db).run(before);
}

/** The lead's first call after this one (a dial the phone did not take changed nothing). */
export function callAfter(db: Database, contactId: number, callId: number): { id: number; dialed_at: number } | undefined {
  return laterCall(db).get(contactId, callId);
}
