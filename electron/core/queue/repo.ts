import { sql } from '../db/statements';
import type { Database, Statement } from 'better-sqlite3';
import type { StoredTier } from '../../../shared/domain/queueRules';
import type { LeadKind, LineType } from '../../../shared/domain/leads/vocabulary';

export interface QueueStateRow {
  contact_id: number;
  zone_id: number;
  kind: LeadKind;
  import_id: number | null;
  tier: StoredTier | null;
  due_at: number | null;
  why: string;
  closed: string | null;
  blocked: 'dnc' | 'dud' | null;
  voicemail_rest_until: number | null;
  last_attempt_at: number | null;
  attempts_today: number;
  cap_reached: number;
  pinned_at: number | null;
  hidden_until: number | null;
  hidden_kind: 'snooze' | 'skip' | null;
  rank: number | null;
  wait_at: number;
}

const COLUMNS = 'q.*, q.rank AS rank, q.wait_at AS wait_at';

/** The zone keys of the contacts matching `where` (SQL over contacts c) exist afterwards. */
function zoneKeysSql(where: string): string {
  return `INSERT OR IGNORE INTO zone_keys (line_type, country, zones) SELECT DISTINCT c.line_type, c.country, c.time_zones FROM contacts c WHERE ${where}`;
}

const ZONE_JOIN = 'JOIN zone_keys z ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones';
const FRESH_TIER = "CASE c.kind WHEN 'inbound' THEN 'inbound' ELSE 'fresh' END";
const DUD = "c.status = 'dud' OR c.e164 IS NULL";

/** Create or refresh the queue rows of the contacts matching `where`: zone key, kind, import and
 *  whether the lead is blocked (dud, do-not-call) follow the contact; a new row starts with the
 *  plan of a lead never dialled. */
function syncSql(where: string): string {
  return `
    INSERT INTO queue_state (contact_id, zone_id, kind, import_id, tier, due_at, blocked)
      SELECT c.id, z.id, c.kind, c.import_id, ${FRESH_TIER}, c.created_at,
             CASE WHEN ${DUD} THEN 'dud' WHEN EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) THEN 'dnc' END
      FROM contacts c ${ZONE_JOIN} WHERE ${where}
    ON CONFLICT (contact_id) DO UPDATE SET
      zone_id = excluded.zone_id, kind = excluded.kind, import_id = excluded.import_id, blocked = excluded.blocked,
      tier = CASE WHEN queue_state.last_attempt_at IS NULL AND queue_state.tier IN ('fresh', 'inbound') THEN excluded.tier ELSE queue_state.tier END`;
}

export function syncQueueRow(db: Database, contactId: number): void {
  sql(db, zoneKeysSql('c.id = ?')).run(contactId);
  sql(db, syncSql('c.id = ?')).run(contactId);
}

/** The same for many contacts at once (an import batch's merges): two statements, not two per lead. */
export function syncQueueRows(db: Database, contactIds: readonly number[]): void {
  if (contactIds.length === 0) return;
  const ids = JSON.stringify(contactIds);
  sql(db, zoneKeysSql('c.id IN (SELECT value FROM json_each(?))')).run(ids);
  sql(db, syncSql('c.id IN (SELECT value FROM json_each(?))')).run(ids);
}

/** An import batch's new leads (ids fromId…toId) wait here, in the batch's transaction, for
 *  their queue rows: one small row per batch instead of a queue row per lead. */
export function prepareAddToQueueBacklog(db: Database): (fromId: number, toId: number) => void {
  const insert = db.prepare('INSERT INTO queue_backlog (from_id, to_id) VALUES (?, ?)');
  return (fromId, toId) => void insert.run(fromId, toId);
}

export function hasQueueBacklog(db: Database): boolean {
  return sql(db, 'SELECT 1 FROM queue_backlog LIMIT 1').get() !== undefined;
}

/** Build the queue rows of up to `maxRows` leads from the backlog, in one transaction; returns how
 *  many leads it covered (0: nothing pending). Idempotent: a lead that has a row keeps it. */
export function buildQueueFromBacklog(db: Database, maxRows: number): number {
  return db
    .transaction(() => {
      const next = sql(db, 'SELECT rowid, from_id, to_id FROM queue_backlog ORDER BY rowid LIMIT 1').get() as { rowid: number; from_id: number; to_id: number } | undefined;
      if (!next) return 0;
      const to = Math.min(next.to_id, next.from_id + maxRows - 1);
      sql(db, zoneKeysSql('c.id BETWEEN ? AND ?')).run(next.from_id, to);
      sql(
        db,
        `INSERT INTO queue_state (contact_id, zone_id, kind, import_id, tier, due_at, blocked)
           SELECT c.id, z.id, c.kind, c.import_id, ${FRESH_TIER}, c.created_at,
                  CASE WHEN ${DUD} THEN 'dud' WHEN EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) THEN 'dnc' END
           FROM contacts c ${ZONE_JOIN} WHERE c.id BETWEEN ? AND ?
         ON CONFLICT (contact_id) DO NOTHING`,
      ).run(next.from_id, to);
      if (to >= next.to_id) sql(db, 'DELETE FROM queue_backlog WHERE rowid = ?').run(next.rowid);
      else sql(db, 'UPDATE queue_backlog SET from_id = ? WHERE rowid = ?').run(to + 1, next.rowid);
      return to - next.from_id + 1;
    })
    .immediate();
}

export function syncQueueRowsForNumber(db: Database, e164: string): void {
  sql(db, zoneKeysSql('c.e164 = ?')).run(e164);
  sql(db, syncSql('c.e164 = ?')).run(e164);
}

/** After a do-not-call import: block every lead whose number is now listed. */
export function blockListedNumbers(db: Database): number {
  return sql(db, 
      `UPDATE queue_state SET blocked = 'dnc'
       WHERE blocked IS NULL AND contact_id IN (SELECT c.id FROM dnc d JOIN contacts c ON c.e164 = d.e164)`,
    )
    .run().changes;
}

export function getQueueState(db: Database, contactId: number): QueueStateRow | undefined {
  return sql(db, `SELECT ${COLUMNS} FROM queue_state q WHERE q.contact_id = ?`).get(contactId) as QueueStateRow | undefined;
}

export interface StoredPlan {
  tier: StoredTier | null;
  due_at: number | null;
  why: string;
  closed: string | null;
  voicemail_rest_until: number | null;
  last_attempt_at: number | null;
  attempts_today: number;
  cap_reached: number;
}

/** A new plan after a disposition: pins and snoozes end with it (the rep has dealt with the lead). */
export function storePlan(db: Database, contactId: number, plan: StoredPlan): void {
  sql(db, 
    `UPDATE queue_state SET tier = @tier, due_at = @due_at, why = @why, closed = @closed,
       voicemail_rest_until = @voicemail_rest_until, last_attempt_at = @last_attempt_at,
       attempts_today = @attempts_today, cap_reached = @cap_reached,
       pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL, notified_at = NULL, notice = NULL
     WHERE contact_id = @contact_id`,
  ).run({ ...plan, contact_id: contactId });
}

export function recordAttempt(db: Database, contactId: number, at: number, attemptsToday: number): void {
  sql(db, 'UPDATE queue_state SET last_attempt_at = ?, attempts_today = ?, pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL WHERE contact_id = ?').run(at, attemptsToday, contactId);
}

/** What a dial changes on the lead's queue row, to put back when the phone does not take it. */
export type AttemptState = Pick<QueueStateRow, 'last_attempt_at' | 'attempts_today' | 'pinned_at' | 'hidden_until' | 'hidden_kind'>;

/** A dial the phone did not take reached nobody: the row goes back to `before`, unless another
 *  attempt has been recorded since the one at `attemptAt`. */
export function restoreAttemptState(db: Database, contactId: number, attemptAt: number, before: AttemptState): void {
  sql(
    db,
    `UPDATE queue_state SET last_attempt_at = @last_attempt_at, attempts_today = @attempts_today, pinned_at = @pinned_at,
       hidden_until = @hidden_until, hidden_kind = @hidden_kind
     WHERE contact_id = @contact_id AND last_attempt_at = @attempt_at`,
  ).run({
    last_attempt_at: before.last_attempt_at,
    attempts_today: before.attempts_today,
    pinned_at: before.pinned_at,
    hidden_until: before.hidden_until,
    hidden_kind: before.hidden_kind,
    contact_id: contactId,
    attempt_at: attemptAt,
  });
}

export function setPinned(db: Database, contactId: number, pinnedAt: number | null): void {
  sql(db, 'UPDATE queue_state SET pinned_at = ?, hidden_until = CASE WHEN ? IS NULL THEN hidden_until END, hidden_kind = CASE WHEN ? IS NULL THEN hidden_kind END WHERE contact_id = ?').run(pinnedAt, pinnedAt, pinnedAt, contactId);
}

export function setHidden(db: Database, contactId: number, until: number | null, kind: 'snooze' | 'skip' | null): void {
  sql(db, 'UPDATE queue_state SET hidden_until = ?, hidden_kind = ?, pinned_at = NULL WHERE contact_id = ?').run(until, kind, contactId);
}

/** Back into the queue: a lead closed by an outcome is due again now, as a retry. */
export function restoreToQueue(db: Database, contactId: number, at: number): void {
  sql(db, 
    `UPDATE queue_state SET closed = NULL, hidden_until = NULL, hidden_kind = NULL, why = 'restored to the queue',
       tier = coalesce(tier, 'retry'), due_at = coalesce(due_at, ?)
     WHERE contact_id = ?`,
  ).run(at, contactId);
}

export function setClosed(db: Database, contactId: number, closed: string | null, why: string): void {
  sql(db, 'UPDATE queue_state SET closed = ?, why = ?, pinned_at = NULL WHERE contact_id = ?').run(closed, why, contactId);
}

export interface ZoneKeyRow {
  id: number;
  line_type: LineType;
  country: string;
  zones: string;
}

/** Every zone key (a few dozen: line type × country × zone set). */
export function zoneKeys(db: Database): ZoneKeyRow[] {
  return sql(db, 'SELECT id, line_type, country, zones FROM zone_keys ORDER BY id').all() as ZoneKeyRow[];
}

export function pinnedRows(db: Database): QueueStateRow[] {
  return sql(db, `SELECT ${COLUMNS} FROM queue_state q WHERE q.pinned_at IS NOT NULL AND q.rank IS NOT NULL ORDER BY q.pinned_at, q.contact_id`).all() as QueueStateRow[];
}

export type RestFilter = 'any' | 'rested' | 'resting';

export interface TierFilter {
  importId: number | null;
  kind: LeadKind | null;
}

/** The longest-waiting due leads of one rank across the given zone keys: one seek on
 *  queue_next per key, merged. rested/resting: only leads free to take / not yet free to take
 *  a voicemail. Prepared once per shape and kept. */
export class TierQuery {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  run(rank: number, zoneIds: readonly number[], at: number, limit: number, rest: RestFilter, filter: TierFilter): QueueStateRow[] {
    if (zoneIds.length === 0) return [];
    const shape = `${rest}:${filter.importId !== null}:${filter.kind !== null}`;
    let statement = this.statements.get(shape);
    if (!statement) {
      const restSql = rest === 'rested' ? 'AND coalesce(q2.voicemail_rest_until, 0) <= @at' : rest === 'resting' ? 'AND q2.voicemail_rest_until > @at' : '';
      const importSql = filter.importId !== null ? 'AND q2.import_id = @importId' : '';
      const kindSql = filter.kind !== null ? 'AND q2.kind = @kind' : '';
      statement = this.db.prepare(
        `SELECT ${COLUMNS} FROM json_each(@keys) k
         JOIN queue_state q ON q.contact_id IN (
           SELECT q2.contact_id FROM queue_state q2 INDEXED BY queue_next
           WHERE q2.rank = @rank AND q2.zone_id = k.value AND q2.wait_at <= @at ${restSql} ${importSql} ${kindSql}
           ORDER BY q2.wait_at, q2.contact_id LIMIT @limit)
         ORDER BY q.wait_at, q.contact_id LIMIT @limit`,
      );
      this.statements.set(shape, statement);
    }
    return statement.all({ keys: JSON.stringify(zoneIds), rank, at, limit, importId: filter.importId, kind: filter.kind }) as QueueStateRow[];
  }
}

/** Leads in the queue but not offered at `at` (not due, snoozed, or in a closed zone), soonest
 *  due first, for the "not callable now" view. */
export function waitingRows(db: Database, at: number, closedZoneIds: readonly number[], limit: number, filter: TierFilter): QueueStateRow[] {
  return sql(db, 
      `SELECT ${COLUMNS} FROM queue_state q
       WHERE (q.rank IS NOT NULL OR q.blocked IS NOT NULL OR q.closed IS NOT NULL)
         AND (q.wait_at > @at OR q.rank IS NULL OR q.zone_id IN (SELECT value FROM json_each(@keys)))
         AND (@importId IS NULL OR q.import_id = @importId) AND (@kind IS NULL OR q.kind = @kind)
       ORDER BY q.rank IS NULL, q.wait_at, q.contact_id LIMIT @limit`,
    )
    .all({ at, keys: JSON.stringify(closedZoneIds), limit, importId: filter.importId, kind: filter.kind }) as QueueStateRow[];
}

export function countQueued(db: Database): number {
  return (sql(db, 'SELECT count(*) AS n FROM queue_state WHERE rank IS NOT NULL').get() as { n: number }).n;
}

/** Changes whenever another connection commits (the CLI writing while the app runs). Prepared
 *  once: db.pragma() prepares anew on every call, which the queue's hot path cannot afford. */
export function dataVersion(db: Database): number {
  return sql(db, 'PRAGMA data_version').pluck().get() as number;
}
