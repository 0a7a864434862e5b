import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import { tierRank } from '../../../shared/domain/queueRules';

// What falls due: promised callbacks (and agreed next steps) on the queue, and open tasks.

export interface DueItemRow {
  kind: 'callback' | 'task';
  /** The queue row's contact id, or the task's id. */
  ref: number;
  contact_id: number;
  due_at: number;
  title: string;
  first_name: string;
  last_name: string;
  company: string;
  time_zones: string;
  notice: string | null;
}

const PENDING_CALLBACK = "q.tier = 'callback' AND q.closed IS NULL AND q.blocked IS NULL";

// The callbacks not yet told are read through their own index (migration 004), named: SQLite
// took the open callbacks' index (034), which also holds those told and not yet called back, and
// stepped over each of them at every wake of the scheduler — ~2 ms for each of these two reads at
// 100,000 leads with 1,300 such callbacks (the queue bench's file), after every write.
/** The next callback not yet told. */
export const NEXT_CALLBACK_SQL = `SELECT min(q.due_at) FROM queue_state q INDEXED BY queue_callbacks_pending WHERE ${PENDING_CALLBACK} AND q.notified_at IS NULL`;
const nextCallback = scalar<number | null>(NEXT_CALLBACK_SQL);
const nextTask = scalar<number | null>('SELECT min(due_at) FROM tasks WHERE done_at IS NULL AND notified_at IS NULL');

export function nextPendingCallbackAt(db: Database): number | null {
  return nextCallback(db).get() ?? null;
}

export function nextPendingTaskAt(db: Database): number | null {
  return nextTask(db).get() ?? null;
}

const CALLBACK_COLUMNS = "'callback' AS kind, q.contact_id AS ref, q.contact_id, q.due_at, q.why AS title, c.first_name, c.last_name, c.company, c.time_zones, q.notice";
const TASK_COLUMNS = "'task' AS kind, t.id AS ref, t.contact_id, t.due_at, t.title, c.first_name, c.last_name, c.company, c.time_zones, t.notice";

/** Callbacks and tasks due by `at` that nobody was told about yet, oldest first. */
export const UNNOTICED_DUE_SQL = `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q INDEXED BY queue_callbacks_pending JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.notified_at IS NULL AND q.due_at <= @at
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.notified_at IS NULL AND t.due_at <= @at)
     ORDER BY due_at, kind, ref`;
const unnoticedDueStatement = statement<DueItemRow, { at: number }>(UNNOTICED_DUE_SQL);

export function unnoticedDue(db: Database, at: number): DueItemRow[] {
  return unnoticedDueStatement(db).all({ at });
}

/** Callbacks and tasks held back while notifications were quiet (notice 'held') and still open,
 *  oldest first: told once the quiet ends (migration 044's indexes). */
const heldDueStatement = statement<DueItemRow>(
  `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q INDEXED BY queue_callbacks_held JOIN contacts c ON c.id = q.contact_id
       WHERE q.notice = 'held' AND ${PENDING_CALLBACK}
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t INDEXED BY tasks_held JOIN contacts c ON c.id = t.contact_id
       WHERE t.notice = 'held' AND t.done_at IS NULL)
     ORDER BY due_at, kind, ref`,
);

export function heldDue(db: Database): DueItemRow[] {
  return heldDueStatement(db).all();
}

/** Everything due now and still open (notified or not), for the "due now" strip and the badge. */
const openDueStatement = statement<DueItemRow, { at: number }>(
  `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.due_at <= @at
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.due_at <= @at)
     ORDER BY due_at, kind, ref LIMIT 200`,
);

export function openDue(db: Database, at: number): DueItemRow[] {
  return openDueStatement(db).all({ at });
}

/** How many callbacks and tasks are due by `at` and still open: every one, not the strip's first
 *  200. Contacts are never deleted, so no join is needed to count them. */
const openDueCountStatement = scalar<number, { at: number }>(
  `SELECT (SELECT count(*) FROM queue_state q INDEXED BY queue_callbacks_open WHERE ${PENDING_CALLBACK} AND q.due_at <= @at)
        + (SELECT count(*) FROM tasks INDEXED BY tasks_open_by_due WHERE done_at IS NULL AND due_at <= @at)`,
);

export function countOpenDue(db: Database, at: number): number {
  return openDueCountStatement(db).get({ at }) ?? 0;
}

/** Callbacks and open tasks due in [from, to), for the upcoming timeline. */
const dueBetweenStatement = statement<DueItemRow, { from: number; to: number }>(
  `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.due_at >= @from AND q.due_at < @to
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.due_at >= @from AND t.due_at < @to)
     ORDER BY due_at, kind, ref LIMIT 500`,
);

export function dueBetween(db: Database, from: number, to: number): DueItemRow[] {
  return dueBetweenStatement(db).all({ from, to });
}

const markCallbackNoticed = statement<never, [at: number, notice: string, contactId: number]>('UPDATE queue_state SET notified_at = ?, notice = ? WHERE contact_id = ?');
const markTaskNoticed = statement<never, [at: number, notice: string, id: number]>('UPDATE tasks SET notified_at = ?, notice = ? WHERE id = ?');

export function markNoticed(db: Database, items: readonly DueItemRow[], at: number, notice: 'notified' | 'missed' | 'held'): void {
  const callback = markCallbackNoticed(db);
  const task = markTaskNoticed(db);
  for (const item of items) (item.kind === 'callback' ? callback : task).run(at, notice, item.ref);
}

/** Due retries (and voicemail-ready retries) per zone key, for "voicemail window open for 12
 *  queued leads". */
const retriesByZone = statement<{ zone_id: number; n: number }, [rank: number, zoneIdsJson: string, at: number, restAt: number]>(
  `SELECT zone_id, count(*) AS n FROM queue_state INDEXED BY queue_next
     WHERE rank = ? AND zone_id IN (SELECT value FROM json_each(?)) AND wait_at <= ? AND coalesce(voicemail_rest_until, 0) <= ?
     GROUP BY zone_id`,
);

export function dueRetriesByZone(db: Database, zoneIds: readonly number[], at: number): Map<number, number> {
  const rows = retriesByZone(db).all(tierRank('retry'), JSON.stringify(zoneIds), at, at);
  return new Map(rows.map((r) => [r.zone_id, r.n]));
}

/** Zone keys that have queued leads of the given ranks (one seek per zone key). */
// One statement: an index probe per zone key and rank inside SQLite, not a round trip each.
const queuedZoneKeys = scalar<number, [ranksJson: string]>(
  `SELECT z.id FROM zone_keys z
   WHERE EXISTS (SELECT 1 FROM queue_state q INDEXED BY queue_next WHERE q.rank IN (SELECT value FROM json_each(?)) AND q.zone_id = z.id)
   ORDER BY z.id`,
);

/** The zone keys that have queued leads of the given ranks. */
export function zonesWithQueued(db: Database, ranks: readonly number[]): number[] {
  return queuedZoneKeys(db).all(JSON.stringify(ranks));
}

export interface MissedReportRow {
  id: number;
  created_at: number;
  summary: string;
  items: string;
  shown_at: number | null;
}

const insertMissed = statement<never, [at: number, summary: string, items: string]>('INSERT INTO missed_reports (created_at, summary, items) VALUES (?, ?, ?)');
const unshownMissed = statement<MissedReportRow>('SELECT id, created_at, summary, items, shown_at FROM missed_reports WHERE shown_at IS NULL ORDER BY id DESC LIMIT 1');
const markShown = statement<never, [at: number, id: number]>('UPDATE missed_reports SET shown_at = ? WHERE id = ? AND shown_at IS NULL');

const updateMissed = statement<never, [at: number, summary: string, items: string, id: number]>('UPDATE missed_reports SET created_at = ?, summary = ?, items = ? WHERE id = ? AND shown_at IS NULL');

export function insertMissedReport(db: Database, at: number, summary: string, items: unknown): number {
  return Number(insertMissed(db).run(at, summary, JSON.stringify(items)).lastInsertRowid);
}

/** The unshown report, grown by what fell due while the app was closed again. */
export function updateMissedReport(db: Database, id: number, at: number, summary: string, items: unknown): void {
  updateMissed(db).run(at, summary, JSON.stringify(items), id);
}

export function unshownMissedReport(db: Database): MissedReportRow | undefined {
  return unshownMissed(db).get();
}

export function markMissedShown(db: Database, id: number, at: number): void {
  markShown(db).run(at, id);
}
