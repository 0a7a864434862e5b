import { sql } from '../statements';
import type { Database, Statement } from 'better-sqlite3';
import type { StoredTier } from '../../../../shared/domain/queueRules';

export interface QueueStateRow {
  contact_id: number;
  zone_key: string;
  kind: 'inbound' | 'outbound';
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

/** Create or refresh the queue rows of the contacts matching `where` (SQL over contacts c):
 *  zone key, kind, import and whether the lead is blocked (dud, do-not-call) follow the contact;
 *  a new row starts with the plan of a lead never dialled. */
function syncSql(where: string): string {
  return `
    INSERT INTO queue_state (contact_id, zone_key, kind, import_id, tier, due_at, blocked)
      SELECT c.id, c.line_type || '|' || c.country || '|' || c.time_zones, c.kind, c.import_id,
             CASE c.kind WHEN 'inbound' THEN 'inbound' ELSE 'fresh' END, c.created_at,
             CASE WHEN c.status = 'dud' OR c.e164 IS NULL THEN 'dud'
                  WHEN EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) THEN 'dnc' END
      FROM contacts c WHERE ${where}
    ON CONFLICT (contact_id) DO UPDATE SET
      zone_key = excluded.zone_key, kind = excluded.kind, import_id = excluded.import_id, blocked = excluded.blocked,
      tier = CASE WHEN queue_state.last_attempt_at IS NULL AND queue_state.tier IN ('fresh', 'inbound') THEN excluded.tier ELSE queue_state.tier END`;
}

export function syncQueueRow(db: Database, contactId: number): void {
  sql(db, syncSql('c.id = ?')).run(contactId);
}

export function prepareSyncQueueRange(db: Database): (fromId: number, toId: number) => void {
  const statement = sql(db, syncSql('c.id BETWEEN ? AND ?'));
  return (fromId, toId) => void statement.run(fromId, toId);
}

export function syncQueueRowsForNumber(db: Database, e164: string): void {
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
       pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL
     WHERE contact_id = @contact_id`,
  ).run({ ...plan, contact_id: contactId });
}

export function recordAttempt(db: Database, contactId: number, at: number, attemptsToday: number): void {
  sql(db, 'UPDATE queue_state SET last_attempt_at = ?, attempts_today = ?, pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL WHERE contact_id = ?').run(at, attemptsToday, contactId);
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

/** Every zone key that has a lead in the queue, found by skipping through queue_next (one
 *  seek per rank and key) rather than reading every entry. */
export function queuedZoneKeys(db: Database): string[] {
  const nextKey = sql(db, 'SELECT zone_key FROM queue_state WHERE rank = ? AND zone_key > ? ORDER BY rank, zone_key LIMIT 1').pluck();
  const keys = new Set<string>();
  for (const rank of [1, 2, 3, 4]) {
    let key = nextKey.get(rank, '') as string | undefined;
    while (key !== undefined) {
      keys.add(key);
      key = nextKey.get(rank, key) as string | undefined;
    }
  }
  return [...keys].sort();
}

export function pinnedRows(db: Database): QueueStateRow[] {
  return sql(db, `SELECT ${COLUMNS} FROM queue_state q WHERE q.pinned_at IS NOT NULL AND q.rank IS NOT NULL ORDER BY q.pinned_at, q.contact_id`).all() as QueueStateRow[];
}

export type RestFilter = 'any' | 'rested' | 'resting';

export interface TierFilter {
  importId: number | null;
  kind: 'inbound' | 'outbound' | null;
}

/** The longest-waiting due leads of one rank across the given zone keys: one seek on
 *  queue_next per key, merged. rested/resting: only leads free to take / not yet free to take
 *  a voicemail. Prepared once per shape and kept. */
export class TierQuery {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  run(rank: number, zoneKeys: readonly string[], at: number, limit: number, rest: RestFilter, filter: TierFilter): QueueStateRow[] {
    if (zoneKeys.length === 0) return [];
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
           WHERE q2.rank = @rank AND q2.zone_key = k.value AND q2.wait_at <= @at ${restSql} ${importSql} ${kindSql}
           ORDER BY q2.wait_at, q2.contact_id LIMIT @limit)
         ORDER BY q.wait_at, q.contact_id LIMIT @limit`,
      );
      this.statements.set(shape, statement);
    }
    return statement.all({ keys: JSON.stringify(zoneKeys), rank, at, limit, importId: filter.importId, kind: filter.kind }) as QueueStateRow[];
  }
}

/** Leads in the queue but not offered at `at` (not due, snoozed, or in a closed zone), soonest
 *  due first, for the "not callable now" view. */
export function waitingRows(db: Database, at: number, closedZoneKeys: readonly string[], limit: number, filter: TierFilter): QueueStateRow[] {
  return sql(db, 
      `SELECT ${COLUMNS} FROM queue_state q
       WHERE (q.rank IS NOT NULL OR q.blocked IS NOT NULL OR q.closed IS NOT NULL)
         AND (q.wait_at > @at OR q.rank IS NULL OR q.zone_key IN (SELECT value FROM json_each(@keys)))
         AND (@importId IS NULL OR q.import_id = @importId) AND (@kind IS NULL OR q.kind = @kind)
       ORDER BY q.rank IS NULL, q.wait_at, q.contact_id LIMIT @limit`,
    )
    .all({ at, keys: JSON.stringify(closedZoneKeys), limit, importId: filter.importId, kind: filter.kind }) as QueueStateRow[];
}

export function countQueued(db: Database): number {
  return (sql(db, 'SELECT count(*) AS n FROM queue_state WHERE rank IS NOT NULL').get() as { n: number }).n;
}
