// The persistent queue's rows: one per lead with its stored plan, the zone keys they are asked
// by, and the backlog an import leaves for their building.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
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
  /** A calling rule's rolling cap holds the lead until due_at (the rule's id). */
  cap_rule: string | null;
  rank: number | null;
  wait_at: number;
}

const COLUMNS = 'q.*, q.rank AS rank, q.wait_at AS wait_at';

const ZONE_JOIN = 'JOIN zone_keys z ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones AND z.jurisdictions = places_with_rules(c.jurisdictions)';
const FRESH_TIER = "CASE c.kind WHEN 'inbound' THEN 'inbound' ELSE 'fresh' END";
const BLOCKED = "CASE WHEN c.status = 'dud' OR c.e164 IS NULL THEN 'dud' WHEN EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) THEN 'dnc' END";

// Which contacts a sync covers: one, a list (JSON), an id range (an import's backlog), a number.
const ONE = 'c.id = ?';
const LIST = 'c.id IN (SELECT value FROM json_each(?))';
const RANGE = 'c.id BETWEEN ? AND ?';
const NUMBER = 'c.e164 = ?';
// Per lead, by its key: an IN list over every row blocked 'dnc' scanned the whole queue (ms at 100,000).
const NUMBER_STILL_LISTED = "c.e164 = ? AND EXISTS (SELECT 1 FROM queue_state s WHERE s.contact_id = c.id AND s.blocked = 'dnc')";

/** The zone keys of the contacts chosen exist afterwards (their places narrowed to those with a
 *  calling rule: see placesWithRules). */
function zoneKeysFor(which: string) {
  return `INSERT OR IGNORE INTO zone_keys (line_type, country, zones, jurisdictions) SELECT DISTINCT c.line_type, c.country, c.time_zones, places_with_rules(c.jurisdictions) FROM contacts c WHERE ${which}`;
}

/** Create or refresh the queue rows of the contacts chosen: zone key, kind, import and whether
 *  the lead is blocked (dud, do-not-call) follow the contact; a new row starts with the plan of a
 *  lead never dialled. */
function syncFor(which: string) {
  return `
    INSERT INTO queue_state (contact_id, zone_id, kind, import_id, tier, due_at, blocked)
      SELECT c.id, z.id, c.kind, c.import_id, ${FRESH_TIER}, c.created_at, ${BLOCKED}
      FROM contacts c ${ZONE_JOIN} WHERE ${which}
    ON CONFLICT (contact_id) DO UPDATE SET
      zone_id = excluded.zone_id, kind = excluded.kind, import_id = excluded.import_id, blocked = excluded.blocked,
      tier = CASE WHEN queue_state.last_attempt_at IS NULL AND queue_state.tier IN ('fresh', 'inbound') THEN excluded.tier ELSE queue_state.tier END`;
}

const zoneKeysOfOne = statement<never, [contactId: number]>(zoneKeysFor(ONE));
const syncOne = statement<never, [contactId: number]>(syncFor(ONE));
const zoneKeysOfList = statement<never, [idsJson: string]>(zoneKeysFor(LIST));
const syncList = statement<never, [idsJson: string]>(syncFor(LIST));
const zoneKeysOfNumber = statement<never, [e164: string]>(zoneKeysFor(NUMBER));
const syncNumber = statement<never, [e164: string]>(syncFor(NUMBER));
const syncNumberStillListed = statement<never, [e164: string]>(syncFor(NUMBER_STILL_LISTED));
const zoneKeysOfRange = statement<never, [fromId: number, toId: number]>(zoneKeysFor(RANGE));
// Built from the backlog: a lead that has a row keeps it.
const buildRange = statement<never, [fromId: number, toId: number]>(
  `INSERT INTO queue_state (contact_id, zone_id, kind, import_id, tier, due_at, blocked)
     SELECT c.id, z.id, c.kind, c.import_id, ${FRESH_TIER}, c.created_at, ${BLOCKED}
     FROM contacts c ${ZONE_JOIN} WHERE ${RANGE}
   ON CONFLICT (contact_id) DO NOTHING`,
);
const addBacklog = statement<never, [fromId: number, toId: number]>('INSERT INTO queue_backlog (from_id, to_id) VALUES (?, ?)');
const anyBacklog = scalar<number>('SELECT 1 FROM queue_backlog LIMIT 1');
const firstBacklog = statement<{ rowid: number; from_id: number; to_id: number }>('SELECT rowid, from_id, to_id FROM queue_backlog ORDER BY rowid LIMIT 1');
const dropBacklog = statement<never, [rowid: number]>('DELETE FROM queue_backlog WHERE rowid = ?');
const advanceBacklog = statement<never, [fromId: number, rowid: number]>('UPDATE queue_backlog SET from_id = ? WHERE rowid = ?');
const blockListed = statement<never>(
  `UPDATE queue_state SET blocked = 'dnc'
   WHERE blocked IS NULL AND contact_id IN (SELECT c.id FROM dnc d JOIN contacts c ON c.e164 = d.e164)`,
);
const stateOf = statement<QueueStateRow, [contactId: number]>(`SELECT ${COLUMNS} FROM queue_state q WHERE q.contact_id = ?`);
const writePlan = statement<never, StoredPlan & { contact_id: number }>(
  `UPDATE queue_state SET tier = @tier, due_at = @due_at, why = @why, closed = @closed,
     voicemail_rest_until = @voicemail_rest_until, last_attempt_at = @last_attempt_at,
     attempts_today = @attempts_today, cap_reached = @cap_reached, cap_rule = @cap_rule,
     pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL, notified_at = NULL, notice = NULL
   WHERE contact_id = @contact_id`,
);
const writeAttempt = statement<never, [at: number, attemptsToday: number, contactId: number]>(
  'UPDATE queue_state SET last_attempt_at = ?, attempts_today = ?, pinned_at = NULL, hidden_until = NULL, hidden_kind = NULL WHERE contact_id = ?',
);
const putBackAttempt = statement<never, AttemptState & { contact_id: number; attempt_at: number }>(
  `UPDATE queue_state SET last_attempt_at = @last_attempt_at, attempts_today = @attempts_today, pinned_at = @pinned_at,
     hidden_until = @hidden_until, hidden_kind = @hidden_kind
   WHERE contact_id = @contact_id AND last_attempt_at = @attempt_at`,
);
const writePinned = statement<never, { pinnedAt: number | null; contactId: number }>(
  'UPDATE queue_state SET pinned_at = @pinnedAt, hidden_until = CASE WHEN @pinnedAt IS NULL THEN hidden_until END, hidden_kind = CASE WHEN @pinnedAt IS NULL THEN hidden_kind END WHERE contact_id = @contactId',
);
const writeHidden = statement<never, [until: number | null, kind: 'snooze' | 'skip' | null, contactId: number]>('UPDATE queue_state SET hidden_until = ?, hidden_kind = ?, pinned_at = NULL WHERE contact_id = ?');
const writeRestored = statement<never, [at: number, contactId: number]>(
  `UPDATE queue_state SET closed = NULL, hidden_until = NULL, hidden_kind = NULL, why = 'restored to the queue',
     tier = coalesce(tier, 'retry'), due_at = coalesce(due_at, ?)
   WHERE contact_id = ?`,
);
const writeClosed = statement<never, [closed: string | null, why: string, contactId: number]>('UPDATE queue_state SET closed = ?, why = ?, pinned_at = NULL WHERE contact_id = ?');
const allZoneKeys = statement<ZoneKeyRow>('SELECT id, line_type, country, zones, jurisdictions FROM zone_keys ORDER BY id');
const pinned = statement<QueueStateRow>(`SELECT ${COLUMNS} FROM queue_state q WHERE q.pinned_at IS NOT NULL AND q.rank IS NOT NULL ORDER BY q.pinned_at, q.contact_id`);
/** rest: 0 any, 1 only leads free to take a voicemail, 2 only those not yet free. */
const tierRowsStatement = statement<QueueStateRow, { keys: string; rank: number; at: number; limit: number; rest: 0 | 1 | 2 } & TierFilter>(
  `SELECT ${COLUMNS} FROM json_each(@keys) k
   JOIN queue_state q ON q.contact_id IN (
     SELECT q2.contact_id FROM queue_state q2 INDEXED BY queue_next
     WHERE q2.rank = @rank AND q2.zone_id = k.value AND q2.wait_at <= @at
       AND (@rest = 0 OR (@rest = 1 AND coalesce(q2.voicemail_rest_until, 0) <= @at) OR (@rest = 2 AND q2.voicemail_rest_until > @at))
       AND (@importId IS NULL OR q2.import_id = @importId) AND (@kind IS NULL OR q2.kind = @kind)
       AND (@campaignId IS NULL OR q2.contact_id IN (SELECT contact_id FROM campaign_leads WHERE campaign_id = @campaignId))
       AND (@tagId IS NULL OR q2.contact_id IN (SELECT contact_id FROM lead_tags WHERE tag_id = @tagId))
     ORDER BY q2.wait_at, q2.contact_id LIMIT @limit)
   ORDER BY q.wait_at, q.contact_id LIMIT @limit`,
);
// The other way to the same rows: the tier's due leads read in waiting order across all zone
// keys, keeping the first ones whose key is open. Cheaper than a seek per open key when most
// keys are open (a day's calling hours), and the leads of closed keys at the head of the tier (a
// night's callbacks) are stepped over inside SQLite, not made into rows: bounded, after TIER_SCAN
// leads without enough open ones the seeks answer instead.
export const TIER_SCAN = 512;
// The open keys come as a blob with a byte per key id (1: open): a byte read per lead, where an
// IN-list over json_each was built into a temporary index at every pick (~20 µs).
const tierInWaitingOrder = scalar<number, { rank: number; at: number; scan: number; open: Buffer; limit: number; rest: 0 | 1 | 2; importId: number | null; kind: LeadKind | null }>(
  `SELECT contact_id FROM (
     SELECT contact_id, zone_id, voicemail_rest_until, import_id, kind, wait_at FROM queue_state INDEXED BY queue_wait
     WHERE rank = @rank AND wait_at <= @at ORDER BY wait_at, contact_id LIMIT @scan)
   WHERE substr(@open, zone_id + 1, 1) = x'01'
     AND (@rest = 0 OR (@rest = 1 AND coalesce(voicemail_rest_until, 0) <= @at) OR (@rest = 2 AND voicemail_rest_until > @at))
     AND (@importId IS NULL OR import_id = @importId) AND (@kind IS NULL OR kind = @kind)
   ORDER BY wait_at, contact_id LIMIT @limit`,
);
/** Whether the tier holds more due leads than a scan reads. */
const tierLongerThanScan = scalar<number, { rank: number; at: number; scan: number }>(
  'SELECT count(*) FROM (SELECT 1 FROM queue_state INDEXED BY queue_wait WHERE rank = @rank AND wait_at <= @at LIMIT @scan)',
);

const nextWaitInRank = scalar<number | null, [rank: number, at: number]>(
  'SELECT min(wait_at) FROM queue_state INDEXED BY queue_wait WHERE rank = ? AND wait_at > ?',
);

/** The next instant after `at` a queued lead of one of the ranks stops waiting (a retry falls
 *  due, a snooze or skip ends): one seek per rank. */
export function nextWaitAfter(db: Database, ranks: readonly number[], at: number): number | null {
  let next: number | null = null;
  for (const rank of ranks) {
    const wait = nextWaitInRank(db).get(rank, at) ?? null;
    if (wait !== null && (next === null || wait < next)) next = wait;
  }
  return next;
}

const waiting = statement<QueueStateRow, { at: number; keys: string; only: string | null; limit: number } & TierFilter>(
  `SELECT ${COLUMNS} FROM queue_state q
   WHERE (q.rank IS NOT NULL OR q.blocked IS NOT NULL OR q.closed IS NOT NULL)
     AND (@only IS NULL OR q.zone_id IN (SELECT value FROM json_each(@only)))
     AND (q.wait_at > @at OR q.rank IS NULL OR q.zone_id IN (SELECT value FROM json_each(@keys)))
     AND (@importId IS NULL OR q.import_id = @importId) AND (@kind IS NULL OR q.kind = @kind)
     AND (@campaignId IS NULL OR q.contact_id IN (SELECT contact_id FROM campaign_leads WHERE campaign_id = @campaignId))
     AND (@tagId IS NULL OR q.contact_id IN (SELECT contact_id FROM lead_tags WHERE tag_id = @tagId))
   ORDER BY q.rank IS NULL, q.wait_at, q.contact_id LIMIT @limit`,
);
const queuedCount = scalar<number>('SELECT count(*) FROM queue_state WHERE rank IS NOT NULL');

export function syncQueueRow(db: Database, contactId: number): void {
  zoneKeysOfOne(db).run(contactId);
  syncOne(db).run(contactId);
}

/** The same for many contacts at once (an import batch's merges): two statements, not two per lead. */
export function syncQueueRows(db: Database, contactIds: readonly number[]): void {
  if (contactIds.length === 0) return;
  const ids = JSON.stringify(contactIds);
  zoneKeysOfList(db).run(ids);
  syncList(db).run(ids);
}

/** An import batch's new leads (ids fromId…toId) wait here, in the batch's transaction, for
 *  their queue rows: one small row per batch instead of a queue row per lead. */
export function prepareAddToQueueBacklog(db: Database): (fromId: number, toId: number) => void {
  const insert = addBacklog(db);
  return (fromId, toId) => void insert.run(fromId, toId);
}

export function hasQueueBacklog(db: Database): boolean {
  return anyBacklog(db).get() !== undefined;
}

/** Build the queue rows of up to `maxRows` leads from the backlog, in one transaction; returns how
 *  many leads it covered (0: nothing pending). Idempotent: a lead that has a row keeps it. */
export function buildQueueFromBacklog(db: Database, maxRows: number): number {
  return db
    .transaction(() => {
      const next = firstBacklog(db).get();
      if (!next) return 0;
      const to = Math.min(next.to_id, next.from_id + maxRows - 1);
      zoneKeysOfRange(db).run(next.from_id, to);
      buildRange(db).run(next.from_id, to);
      if (to >= next.to_id) dropBacklog(db).run(next.rowid);
      else advanceBacklog(db).run(to + 1, next.rowid);
      return to - next.from_id + 1;
    })
    .immediate();
}

export function syncQueueRowsForNumber(db: Database, e164: string): void {
  zoneKeysOfNumber(db).run(e164);
  syncNumber(db).run(e164);
}

/** After a number comes off the do-not-call list: the leads on it still blocked as listed are
 *  read again (the others are left unwritten; their zone keys exist already). */
export function unblockUnlistedNumber(db: Database, e164: string): void {
  syncNumberStillListed(db).run(e164);
}

/** After a do-not-call import: block every lead whose number is now listed. */
export function blockListedNumbers(db: Database): number {
  return blockListed(db).run().changes;
}

export function getQueueState(db: Database, contactId: number): QueueStateRow | undefined {
  return stateOf(db).get(contactId);
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
  cap_rule: string | null;
}

/** A new plan after a disposition: pins and snoozes end with it (the rep has dealt with the lead). */
export function storePlan(db: Database, contactId: number, plan: StoredPlan): void {
  writePlan(db).run({ ...plan, contact_id: contactId });
}

export function recordAttempt(db: Database, contactId: number, at: number, attemptsToday: number): void {
  writeAttempt(db).run(at, attemptsToday, contactId);
}

/** What a dial changes on the lead's queue row, to put back when the phone does not take it. */
export type AttemptState = Pick<QueueStateRow, 'last_attempt_at' | 'attempts_today' | 'pinned_at' | 'hidden_until' | 'hidden_kind'>;

/** A dial the phone did not take reached nobody: the row goes back to `before`, unless another
 *  attempt has been recorded since the one at `attemptAt`. */
export function restoreAttemptState(db: Database, contactId: number, attemptAt: number, before: AttemptState): void {
  putBackAttempt(db).run({
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
  writePinned(db).run({ pinnedAt, contactId });
}

export function setHidden(db: Database, contactId: number, until: number | null, kind: 'snooze' | 'skip' | null): void {
  writeHidden(db).run(until, kind, contactId);
}

/** Back into the queue: a lead closed by an outcome is due again now, as a retry. */
export function restoreToQueue(db: Database, contactId: number, at: number): void {
  writeRestored(db).run(at, contactId);
}

const writeCapHold = statement<never, [until: number, rule: string, why: string, contactId: number]>('UPDATE queue_state SET due_at = ?, cap_rule = ?, why = ? WHERE contact_id = ?');

/** A calling rule's rolling cap holds the lead until `until`. */
export function holdForCap(db: Database, contactId: number, until: number, rule: string, why: string): void {
  writeCapHold(db).run(until, rule, why, contactId);
}

export function setClosed(db: Database, contactId: number, closed: string | null, why: string): void {
  writeClosed(db).run(closed, why, contactId);
}

export interface ZoneKeyRow {
  id: number;
  line_type: LineType;
  country: string;
  zones: string;
  jurisdictions: string;
}

/** Every zone key (a few dozen: line type × country × zone set). */
export function zoneKeys(db: Database): ZoneKeyRow[] {
  return allZoneKeys(db).all();
}

export function pinnedRows(db: Database): QueueStateRow[] {
  return pinned(db).all();
}

export type RestFilter = 'any' | 'rested' | 'resting';
const REST = new Map<RestFilter, 0 | 1 | 2>([
  ['any', 0],
  ['rested', 1],
  ['resting', 2],
]);

export interface TierFilter {
  importId: number | null;
  kind: LeadKind | null;
  /** Only leads in this campaign / with this tag. */
  campaignId: number | null;
  tagId: number | null;
}

/** The open zone keys as the scan reads them: byte `id` is 1 when key `id` is open. */
export function openKeyBytes(zoneIds: readonly number[]): Buffer {
  const bytes = Buffer.alloc(Math.max(0, ...zoneIds) + 1);
  for (const id of zoneIds) bytes[id] = 1;
  return bytes;
}

/** What the picks learnt of the tiers' heads, and the open keys' bytes. Tiers whose head was found
 *  blocked by leads of closed zones are kept with the open keys then. Such a head
 *  stays blocked while the same keys are open (its leads wait for their zones to open; leads
 *  falling due join the tier's tail), so the pick goes straight to the seeks rather than reading
 *  TIER_SCAN leads and counting them again to learn the same; every RESCAN_AFTER picks it reads
 *  the head again in case it was called through meanwhile. Either way the rows are the same: this
 *  only chooses the cheaper read. */
export class TierReadMemory {
  static readonly RESCAN_AFTER = 64;
  private readonly blocked = new Map<string, { open: string; picks: number }>();
  private readonly bytes = new Map<string, Buffer>();

  /** Whether to read the tier's head first. */
  scanFirst(tier: string, open: string): boolean {
    const known = this.blocked.get(tier);
    if (known === undefined || known.open !== open) return true;
    known.picks++;
    if (known.picks < TierReadMemory.RESCAN_AFTER) return false;
    this.blocked.delete(tier);
    return true;
  }

  scanned(tier: string, open: string, wasBlocked: boolean): void {
    // Bounded: a tier is a rank with its filters and limit, a few dozen in a session.
    if (wasBlocked && this.blocked.size >= 64) this.blocked.clear();
    if (wasBlocked) this.blocked.set(tier, { open, picks: 0 });
    else this.blocked.delete(tier);
  }

  /** The keys' text (the memory's key) and JSON (the seeks' parameter), made once per array: the
   *  queue keeps its split of the zone keys between the instants hours open or close, so the
   *  same arrays come back pick after pick. */
  textsOf(zoneIds: readonly number[]): { open: string; json: string } {
    let texts = this.texts.get(zoneIds);
    if (texts === undefined) this.texts.set(zoneIds, (texts = { open: zoneIds.join(' '), json: JSON.stringify(zoneIds) }));
    return texts;
  }
  private readonly texts = new WeakMap<readonly number[], { open: string; json: string }>();

  /** The open keys' bytes, kept while the same keys are open: a buffer made at every read was
   *  memory outside the heap that brought the collector into the dispositions. */
  bytesOf(open: string, zoneIds: readonly number[]): Buffer {
    let bytes = this.bytes.get(open);
    if (bytes === undefined) {
      // A handful of open sets are in use at once (the tiers' keys, the voicemail split).
      if (this.bytes.size >= 16) this.bytes.clear();
      bytes = openKeyBytes(zoneIds);
      this.bytes.set(open, bytes);
    }
    return bytes;
  }
}

/** The longest-waiting due leads of one rank across the given zone keys: the tier's head read in
 *  waiting order, or one seek on queue_next per key, merged. rested/resting: only leads free to
 *  take / not yet free to take a voicemail. `memory`: what earlier picks learnt of the tier's head. */
export function tierRows(db: Database, rank: number, zoneIds: readonly number[], at: number, limit: number, rest: RestFilter, filter: TierFilter, memory: TierReadMemory | null = null): QueueStateRow[] {
  if (zoneIds.length === 0) return [];
  const texts = memory?.textsOf(zoneIds);
  // A campaign or tag filter narrows in SQL (the scan below reads no memberships).
  if (limit <= TIER_SCAN / 4 && filter.campaignId === null && filter.tagId === null) {
    const tier = `${rank} ${rest} ${filter.importId} ${filter.kind} ${limit}`;
    const open = texts?.open ?? zoneIds.join(' ');
    if (memory === null || memory.scanFirst(tier, open)) {
      const found = tierInWaitingOrder(db).all({ rank, at, scan: TIER_SCAN, open: memory === null ? openKeyBytes(zoneIds) : memory.bytesOf(open, zoneIds), limit, rest: REST.get(rest)!, importId: filter.importId, kind: filter.kind });
      // Enough found, or every due lead of the tier read: that is the answer, in waiting order.
      const answered = found.length >= limit || tierLongerThanScan(db).get({ rank, at, scan: TIER_SCAN })! < TIER_SCAN;
      memory?.scanned(tier, open, !answered);
      if (answered) return found.map((id) => stateOf(db).get(id)!);
    }
  }
  return tierRowsStatement(db).all({ keys: texts?.json ?? JSON.stringify(zoneIds), rank, at, limit, rest: REST.get(rest)!, importId: filter.importId, kind: filter.kind, campaignId: filter.campaignId, tagId: filter.tagId });
}

/** Leads in the queue but not offered at `at` (not due, snoozed, or in a closed zone), soonest
 *  due first, for the "not callable now" view; `onlyZoneIds`: of those zone keys only (a time-zone
 *  filter: in the statement, so its LIMIT counts only the rows asked for). */
export function waitingRows(db: Database, at: number, closedZoneIds: readonly number[], limit: number, filter: TierFilter, onlyZoneIds: readonly number[] | null = null): QueueStateRow[] {
  return waiting(db).all({ at, keys: JSON.stringify(closedZoneIds), only: onlyZoneIds === null ? null : JSON.stringify(onlyZoneIds), limit, importId: filter.importId, kind: filter.kind, campaignId: filter.campaignId, tagId: filter.tagId });
}

export function countQueued(db: Database): number {
  return queuedCount(db).get()!;
}
