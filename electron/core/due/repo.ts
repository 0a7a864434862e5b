import type { Database } from 'better-sqlite3';
import { sql } from '../db/statements';
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

export function nextPendingCallbackAt(db: Database): number | null {
  const row = sql(db, `SELECT min(q.due_at) AS at FROM queue_state q WHERE ${PENDING_CALLBACK} AND q.notified_at IS NULL`).get() as { at: number | null };
  return row.at;
}

export function nextPendingTaskAt(db: Database): number | null {
  const row = sql(db, 'SELECT min(due_at) AS at FROM tasks WHERE done_at IS NULL AND notified_at IS NULL').get() as { at: number | null };
  return row.at;
}

const CALLBACK_COLUMNS = "'callback' AS kind, q.contact_id AS ref, q.contact_id, q.due_at, q.why AS title, c.first_name, c.last_name, c.company, c.time_zones, q.notice";
const TASK_COLUMNS = "'task' AS kind, t.id AS ref, t.contact_id, t.due_at, t.title, c.first_name, c.last_name, c.company, c.time_zones, t.notice";

/** Callbacks and tasks due by `at` that nobody was told about yet, oldest first. */
export function unnoticedDue(db: Database, at: number): DueItemRow[] {
  return sql(
    db,
    `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.notified_at IS NULL AND q.due_at <= @at
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.notified_at IS NULL AND t.due_at <= @at)
     ORDER BY due_at, kind, ref`,
  ).all({ at }) as DueItemRow[];
}

/** Everything due now and still open (notified or not), for the "due now" strip and the badge. */
export function openDue(db: Database, at: number): DueItemRow[] {
  return sql(
    db,
    `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.due_at <= @at
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.due_at <= @at)
     ORDER BY due_at, kind, ref LIMIT 200`,
  ).all({ at }) as DueItemRow[];
}

/** Callbacks and open tasks due in [from, to), for the upcoming timeline. */
export function dueBetween(db: Database, from: number, to: number): DueItemRow[] {
  return sql(
    db,
    `SELECT * FROM (
       SELECT ${CALLBACK_COLUMNS} FROM queue_state q JOIN contacts c ON c.id = q.contact_id
       WHERE ${PENDING_CALLBACK} AND q.due_at >= @from AND q.due_at < @to
       UNION ALL
       SELECT ${TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
       WHERE t.done_at IS NULL AND t.due_at >= @from AND t.due_at < @to)
     ORDER BY due_at, kind, ref LIMIT 500`,
  ).all({ from, to }) as DueItemRow[];
}

export function markNoticed(db: Database, items: readonly DueItemRow[], at: number, notice: 'notified' | 'missed'): void {
  const callback = sql(db, 'UPDATE queue_state SET notified_at = ?, notice = ? WHERE contact_id = ?');
  const task = sql(db, 'UPDATE tasks SET notified_at = ?, notice = ? WHERE id = ?');
  for (const item of items) (item.kind === 'callback' ? callback : task).run(at, notice, item.ref);
}

/** Due retries (and voicemail-ready retries) per zone key, for "voicemail window open for 12
 *  queued leads". */
export function dueRetriesByZone(db: Database, zoneIds: readonly number[], at: number): Map<number, number> {
  const rows = sql(
    db,
    `SELECT zone_id, count(*) AS n FROM queue_state INDEXED BY queue_next
     WHERE rank = ? AND zone_id IN (SELECT value FROM json_each(?)) AND wait_at <= ? AND coalesce(voicemail_rest_until, 0) <= ?
     GROUP BY zone_id`,
  ).all(tierRank('retry'), JSON.stringify(zoneIds), at, at) as { zone_id: number; n: number }[];
  return new Map(rows.map((r) => [r.zone_id, r.n]));
}

/** Zone keys that have queued leads of the given ranks (one seek per zone key). */
export function zonesWithQueued(db: Database, zoneIds: readonly number[], ranks: readonly number[]): number[] {
  const has = sql(db, 'SELECT 1 FROM queue_state INDEXED BY queue_next WHERE rank = ? AND zone_id = ? LIMIT 1');
  return zoneIds.filter((id) => ranks.some((rank) => has.get(rank, id) !== undefined));
}

export interface MissedReportRow {
  id: number;
  created_at: number;
  summary: string;
  items: string;
  shown_at: number | null;
}

export function insertMissedReport(db: Database, at: number, summary: string, items: unknown): number {
  return Number(sql(db, 'INSERT INTO missed_reports (created_at, summary, items) VALUES (?, ?, ?)').run(at, summary, JSON.stringify(items)).lastInsertRowid);
}

export function unshownMissedReport(db: Database): MissedReportRow | undefined {
  return sql(db, 'SELECT * FROM missed_reports WHERE shown_at IS NULL ORDER BY id DESC LIMIT 1').get() as MissedReportRow | undefined;
}

export function markMissedShown(db: Database, id: number, at: number): void {
  sql(db, 'UPDATE missed_reports SET shown_at = ? WHERE id = ? AND shown_at IS NULL').run(at, id);
}
