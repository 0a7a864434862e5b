// The measure's SQL: each call placed on the prospect's clock, and the aggregates of a range
// (by bucket, by import, by the prospect's weekday × hour). The counting rules are the domain's
// (shared/domain/metrics.ts): the outcome lists are written from its constants, and a property
// test holds these sums equal to its plain fold.
//
// Two columns come from other changes (#13): calls.undone_at (an undone call: the time it was
// undone) and calls.direction. A call log
// without them has only outbound calls, none undone; the table's columns are read once per
// connection and the statements are chosen from fixed texts accordingly.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import { addTotals, CONNECT_OUTCOMES, CONVERSATION_OUTCOMES, outcomeListSql, type Totals } from '../../../shared/domain/metrics';
import type { ExportedCall } from '../../../shared/domain/callExports';

interface CallShape {
  undone: boolean;
  direction: boolean;
}
const shapes = new WeakMap<Database, CallShape>();

/** Which of the optional columns this call log has (read once per connection). */
export function callShape(db: Database): CallShape {
  let shape = shapes.get(db);
  if (!shape) {
    const columns = new Set((db.pragma('table_info(calls)') as { name: string }[]).map((c) => c.name));
    shape = { undone: columns.has('undone_at'), direction: columns.has('direction') };
    shapes.set(db, shape);
  }
  return shape;
}

/** The SQL conditions for one call alias, on this call log's shape. Fixed texts only. */
function conditions(shape: CallShape, alias: string) {
  const counted = shape.undone ? `${alias}.undone_at IS NULL` : '1';
  const outbound = shape.direction ? `coalesce(${alias}.direction, 'outbound') = 'outbound'` : '1';
  const inbound = shape.direction ? `${alias}.direction = 'inbound'` : '0';
  const dial = `(${outbound} AND ${alias}.dial_failure IS NULL)`;
  return { counted, inbound, dial };
}

/** The talk time a call adds, as the domain's talkSecondsOf (one rule, held equal to it by the
 *  property test): the phone's count; else an inbound call's logged length, or an outbound call
 *  that reached a person from the dial to the hang-up (H) or the disposition, to the nearest
 *  second. A log from before migration 023 has only the phone's count. Fixed texts only. */
function talkSql(shape: CallShape, alias: string, none: '0' | 'NULL' = '0'): string {
  // none: what a call with nothing to time gives (the exports leave its cell empty).
  if (!shape.direction) return `coalesce(${alias}.talk_seconds_reported, ${none})`;
  const c = conditions(shape, alias);
  const end = `coalesce(${alias}.hung_up_at, ${alias}.ended_at)`;
  return `coalesce(${alias}.talk_seconds_reported, CASE WHEN ${c.inbound} THEN coalesce(${alias}.talk_seconds_logged, 0)
    WHEN ${c.dial} AND ${alias}.outcome IN ${outcomeListSql(CONNECT_OUTCOMES)} AND ${end} IS NOT NULL THEN (max(0, ${end} - ${alias}.dialed_at) + 500) / 1000 ELSE ${none} END)`;
}

/** The last local day (days since the epoch) on which a lead's call still returns a voicemail
 *  left on `day` with local weekday `slot / 24`: 5 business days later, i.e. a week on for a
 *  weekday, the next Friday for a weekend (the domain's voicemailReturnDeadline, in days). */
const RETURN_LAST_DAY = (alias: string) => `${alias}.local_day + CASE ${alias}.local_slot / 24 WHEN 6 THEN 6 WHEN 7 THEN 5 ELSE 7 END`;

function returnedSql(shape: CallShape, v: string): string {
  const i = conditions(shape, 'i');
  if (i.inbound === '0') return '0';
  return `EXISTS (SELECT 1 FROM calls i WHERE i.contact_id = ${v}.contact_id AND i.dialed_at > ${v}.dialed_at AND i.local_day <= ${RETURN_LAST_DAY(v)} AND ${i.inbound} AND ${i.counted})`;
}

function totalsColumns(shape: CallShape): string {
  const k = conditions(shape, 'k');
  const voicemail = `(${k.dial} AND k.outcome = 'voicemail_left')`;
  return `
    coalesce(sum(${k.dial}), 0) AS dials,
    coalesce(sum(${k.dial} AND k.loop_id IS NOT NULL), 0) AS redials,
    coalesce(sum(${k.dial} AND k.outcome IN ${outcomeListSql(CONNECT_OUTCOMES)}), 0) AS connects,
    coalesce(sum(k.outcome IN ${outcomeListSql(CONVERSATION_OUTCOMES)}), 0) AS conversations,
    coalesce(sum(k.outcome = 'advance'), 0) AS advances,
    coalesce(sum(k.outcome = 'conversion'), 0) AS conversions,
    coalesce(sum(${talkSql(shape, 'k')}), 0) AS talkSeconds,
    coalesce(sum(${voicemail}), 0) AS voicemails,
    coalesce(sum(CASE WHEN ${voicemail} THEN ${returnedSql(shape, 'k')} ELSE 0 END), 0) AS voicemailsReturned`;
}

// Buckets are passed as one JSON array of [from, to) pairs, so a range by day or by the rep's
// hour is one statement whatever its length; each bucket is one seek on calls_measure.
const BUCKETS = `WITH b(i, s, e) AS (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@buckets))`;

type TotalsRow = Totals & { bucket: number };
type ImportTotalsRow = Totals & { importId: number | null; fileName: string | null };

const SHAPES: readonly CallShape[] = [
  { undone: false, direction: false },
  { undone: true, direction: false },
  { undone: false, direction: true },
  { undone: true, direction: true },
];
const shapeIndex = (shape: CallShape) => (shape.undone ? 1 : 0) + (shape.direction ? 2 : 0);

function perShape<T>(build: (shape: CallShape) => T): (db: Database) => T {
  const built = SHAPES.map(build);
  return (db) => built[shapeIndex(callShape(db))]!;
}

const bucketTotals = perShape((shape) =>
  statement<TotalsRow, { buckets: string }>(
    `${BUCKETS} SELECT b.i AS bucket, ${totalsColumns(shape)} FROM b JOIN calls k INDEXED BY calls_measure ON k.dialed_at >= b.s AND k.dialed_at < b.e WHERE ${conditions(shape, 'k').counted} GROUP BY b.i`,
  ),
);

const importTotals = perShape((shape) =>
  statement<ImportTotalsRow, { from: number; to: number }>(
    `SELECT c.import_id AS importId, m.file_name AS fileName, ${totalsColumns(shape)}
     FROM calls k INDEXED BY calls_measure JOIN contacts c ON c.id = k.contact_id LEFT JOIN imports m ON m.id = c.import_id
     WHERE k.dialed_at >= @from AND k.dialed_at < @to AND ${conditions(shape, 'k').counted}
     GROUP BY c.import_id ORDER BY c.import_id`,
  ),
);

/** The totals of each [from, to) bucket (buckets with no calls are absent). */
export function totalsByBucket(db: Database, buckets: readonly { from: number; to: number }[]): Map<number, Totals> {
  const rows = bucketTotals(db)(db).all({ buckets: JSON.stringify(buckets.map((b) => [b.from, b.to])) });
  return new Map(rows.map(({ bucket, ...totals }) => [bucket, totals]));
}

/** The totals of [from, to) per lead import (null: leads added by hand). */
export function totalsByImport(db: Database, from: number, to: number): ImportTotalsRow[] {
  return importTotals(db)(db).all({ from, to });
}

export interface SlotCount {
  slot: number;
  /** Dials (connect) or voicemails left (voicemail-return) in the cell. */
  calls: number;
  /** Of those, connects or voicemails returned. */
  hits: number;
}

const connectSlots = perShape((shape) => {
  const k = conditions(shape, 'k');
  return statement<SlotCount, { from: number; to: number }>(
    `SELECT k.local_slot AS slot, count(*) AS calls, sum(k.outcome IN ${outcomeListSql(CONNECT_OUTCOMES)}) AS hits
     FROM calls k INDEXED BY calls_measure WHERE k.dialed_at >= @from AND k.dialed_at < @to AND k.local_slot >= 0 AND ${k.dial} AND ${k.counted}
     GROUP BY k.local_slot`,
  );
});

const voicemailSlots = perShape((shape) => {
  const k = conditions(shape, 'k');
  return statement<SlotCount, { from: number; to: number }>(
    `SELECT k.local_slot AS slot, count(*) AS calls, sum(${returnedSql(shape, 'k')}) AS hits
     FROM calls k INDEXED BY calls_voicemails
     WHERE k.outcome = 'voicemail_left' AND k.dialed_at >= @from AND k.dialed_at < @to AND k.local_slot >= 0 AND ${k.dial} AND ${k.counted}
     GROUP BY k.local_slot`,
  );
});

/** Per prospect's weekday × hour: dials and connects, or voicemails and those returned. */
export function slotCounts(db: Database, metric: 'connect' | 'voicemail-return', from: number, to: number): SlotCount[] {
  return (metric === 'connect' ? connectSlots : voicemailSlots)(db)(db).all({ from, to });
}

// Placing calls on the prospect's clock (migration 018).

export interface UnplacedCall {
  id: number;
  at: number;
  timeZones: string;
}
const unplaced = statement<UnplacedCall, [limit: number]>(
  'SELECT k.id, k.dialed_at AS at, c.time_zones AS timeZones FROM calls k INDEXED BY calls_unplaced JOIN contacts c ON c.id = k.contact_id WHERE k.local_slot IS NULL ORDER BY k.id LIMIT ?',
);
const place = statement<never, [slot: number, day: number, id: number]>('UPDATE calls SET local_slot = ?, local_day = ? WHERE id = ?');

export function unplacedCalls(db: Database, limit: number): UnplacedCall[] {
  return unplaced(db).all(limit);
}

export function placeCall(db: Database, id: number, slot: number, day: number): void {
  place(db).run(slot, day, id);
}

// The kept counts (migration 027): call_tallies per UTC hour × local slot × import, each call's
// own contribution kept on it (tally_mask, tally_talk, tally_import), the calls to re-count in
// call_tally_pending.

/** One bit per count in tally_mask; the same conditions as the sums above. */
export const TALLY_BITS = { dial: 1, redial: 2, connect: 4, conversation: 8, advance: 16, conversion: 32, voicemail: 64, returned: 128 } as const;
export const HOUR_MS = 3_600_000;

function maskSql(shape: CallShape, k: string): string {
  const c = conditions(shape, k);
  const voicemail = `(${c.dial} AND ${k}.outcome = 'voicemail_left')`;
  const bit = (condition: string, value: number) => `(coalesce(${condition}, 0) * ${value})`;
  return `CASE WHEN ${c.counted} THEN ${[
    bit(c.dial, TALLY_BITS.dial),
    bit(`${c.dial} AND ${k}.loop_id IS NOT NULL`, TALLY_BITS.redial),
    bit(`${c.dial} AND ${k}.outcome IN ${outcomeListSql(CONNECT_OUTCOMES)}`, TALLY_BITS.connect),
    bit(`${k}.outcome IN ${outcomeListSql(CONVERSATION_OUTCOMES)}`, TALLY_BITS.conversation),
    bit(`${k}.outcome = 'advance'`, TALLY_BITS.advance),
    bit(`${k}.outcome = 'conversion'`, TALLY_BITS.conversion),
    bit(voicemail, TALLY_BITS.voicemail),
    `(CASE WHEN ${voicemail} THEN ${returnedSql(shape, k)} ELSE 0 END * ${TALLY_BITS.returned})`,
  ].join(' + ')} ELSE 0 END`;
}

/** An inbound call pending re-count re-counts the voicemails of its lead it may have returned
 *  (left in the 12 days before it: 5 business days and a weekend or two, with room). */
const expandPending = perShape((shape) =>
  shape.direction
    ? statement<never>(
        `INSERT OR IGNORE INTO call_tally_pending (call_id)
         SELECT v.id FROM call_tally_pending p CROSS JOIN calls i ON i.id = p.call_id
         CROSS JOIN calls v INDEXED BY calls_by_contact ON v.contact_id = i.contact_id AND v.dialed_at < i.dialed_at AND v.dialed_at >= i.dialed_at - 1036800000
         WHERE i.direction = 'inbound' AND v.outcome = 'voicemail_left'`,
      )
    : null,
);

const unplacedPending = statement<UnplacedCall>(
  // CROSS JOIN: from the few pending calls out, never from every unplaced call of an older log in.
  'SELECT k.id, k.dialed_at AS at, coalesce(c.time_zones, \'\') AS timeZones FROM call_tally_pending p CROSS JOIN calls k ON k.id = p.call_id LEFT JOIN contacts c ON c.id = k.contact_id WHERE k.local_slot IS NULL',
);

export interface TallyChange {
  id: number;
  hour: number;
  slot: number;
  importId: number;
  mask: number;
  talk: number;
  oldMask: number | null;
  oldTalk: number | null;
  oldImport: number | null;
}

const pendingContributions = perShape((shape) =>
  statement<TallyChange>(
    `SELECT k.id, k.dialed_at / ${HOUR_MS} AS hour, k.local_slot AS slot, coalesce(c.import_id, 0) AS importId,
       ${maskSql(shape, 'k')} AS mask, CASE WHEN ${conditions(shape, 'k').counted} THEN ${talkSql(shape, 'k')} ELSE 0 END AS talk,
       k.tally_mask AS oldMask, k.tally_talk AS oldTalk, k.tally_import AS oldImport
     FROM call_tally_pending p CROSS JOIN calls k ON k.id = p.call_id LEFT JOIN contacts c ON c.id = k.contact_id`,
  ),
);

// What a cell gains (or loses) per column: a call moving from one contribution to another is one
// upsert per table, not its old contribution taken out and its new one put in (six statements on
// most dispositions, each a seek and a write).
type CellDelta = { hour: number; day: number; slot: number; importId: number } & Totals;
const ADD_ALL = `dials = dials + excluded.dials, redials = redials + excluded.redials, connects = connects + excluded.connects,
     conversations = conversations + excluded.conversations, advances = advances + excluded.advances, conversions = conversions + excluded.conversions,
     talk_seconds = talk_seconds + excluded.talk_seconds, voicemails = voicemails + excluded.voicemails, voicemails_returned = voicemails_returned + excluded.voicemails_returned`;
const ALL_DELTAS = '@dials, @redials, @connects, @conversations, @advances, @conversions, @talkSeconds, @voicemails, @voicemailsReturned';
const addToCell = statement<never, CellDelta>(
  `INSERT INTO call_tallies (hour, slot, import_id, dials, redials, connects, conversations, advances, conversions, talk_seconds, voicemails, voicemails_returned)
   VALUES (@hour, @slot, @importId, ${ALL_DELTAS}) ON CONFLICT (hour, slot, import_id) DO UPDATE SET ${ADD_ALL}`,
);
const addToHour = statement<never, CellDelta>(
  `INSERT INTO call_hour_tallies (hour, import_id, dials, redials, connects, conversations, advances, conversions, talk_seconds, voicemails, voicemails_returned)
   VALUES (@hour, @importId, ${ALL_DELTAS}) ON CONFLICT (hour, import_id) DO UPDATE SET ${ADD_ALL}`,
);
const addToDaySlot = statement<never, CellDelta>(
  `INSERT INTO call_day_slot_tallies (day, slot, dials, connects, voicemails, voicemails_returned)
   VALUES (@day, @slot, @dials, @connects, @voicemails, @voicemailsReturned)
   ON CONFLICT (day, slot) DO UPDATE SET dials = dials + excluded.dials, connects = connects + excluded.connects, voicemails = voicemails + excluded.voicemails,
     voicemails_returned = voicemails_returned + excluded.voicemails_returned`,
);
function addEverywhere(db: Database, change: CellDelta): void {
  addToCell(db).run(change);
  addToHour(db).run(change);
  addToDaySlot(db).run(change);
}

/** What a call counts for in the totals, from its kept-count mask and talk time; `sign` -1: what
 *  taking it out removes. The one reading of TALLY_BITS as totals (the kept counts' changes, the
 *  filtered sums of measure's service). */
export function contributionTotals(mask: number, talk: number, sign: 1 | -1 = 1): Totals {
  const has = (bit: number) => ((mask & bit) !== 0 ? sign : 0);
  return {
    dials: has(TALLY_BITS.dial),
    redials: has(TALLY_BITS.redial),
    connects: has(TALLY_BITS.connect),
    conversations: has(TALLY_BITS.conversation),
    advances: has(TALLY_BITS.advance),
    conversions: has(TALLY_BITS.conversion),
    talkSeconds: sign * talk,
    voicemails: has(TALLY_BITS.voicemail),
    voicemailsReturned: has(TALLY_BITS.returned),
  };
}

/** A cell's change when a call's contribution goes from (fromMask, fromTalk) to (toMask, toTalk). */
function cellDelta(where: { hour: number; day: number; slot: number }, importId: number, from: { mask: number; talk: number }, to: { mask: number; talk: number }): CellDelta {
  return { ...where, importId, ...addTotals(contributionTotals(to.mask, to.talk), contributionTotals(from.mask, from.talk, -1)) };
}
const NOTHING = { mask: 0, talk: 0 };
const setTally = statement<never, [mask: number, talk: number, importId: number, id: number]>('UPDATE calls SET tally_mask = ?, tally_talk = ?, tally_import = ? WHERE id = ?');
const clearPending = statement<never>('DELETE FROM call_tally_pending');
const anyPending = scalar<number>('SELECT EXISTS (SELECT 1 FROM call_tally_pending)');

/** Whether any call waits to be re-counted (a read with none has nothing to write). */
export function hasPendingTallies(db: Database): boolean {
  return anyPending(db).get() === 1;
}

/** Add the voicemails an inbound pending call may have returned; the pending calls not yet on
 *  their prospect's clock. */
export function preparePendingTallies(db: Database): UnplacedCall[] {
  const expand = expandPending(db);
  if (expand) expand(db).run();
  return unplacedPending(db).all();
}

/** Each pending call's contribution as it is now and as it was counted. */
export function pendingTallyChanges(db: Database): TallyChange[] {
  return pendingContributions(db)(db).all();
}

/** Move one call's contribution: the old one out of its cell, the new one into its cell (one
 *  change of the same cell when its import is the same, as it nearly always is). */
export function applyTallyChange(db: Database, change: TallyChange): void {
  const where = { hour: change.hour, day: Math.floor(change.hour / 24), slot: change.slot };
  const before = change.oldMask === null ? NOTHING : { mask: change.oldMask, talk: change.oldTalk ?? 0 };
  const after = { mask: change.mask, talk: change.talk };
  const oldImport = change.oldImport ?? 0;
  if (change.oldMask !== null && oldImport !== change.importId) {
    addEverywhere(db, cellDelta(where, oldImport, before, NOTHING));
    addEverywhere(db, cellDelta(where, change.importId, NOTHING, after));
  } else addEverywhere(db, cellDelta(where, change.importId, before, after));
  setTally(db).run(change.mask, change.talk, change.importId, change.id);
}

export function clearPendingTallies(db: Database): void {
  clearPending(db).run();
}

// The calls of the leads in a campaign and/or with a tag (the dashboard's filter): read from
// those leads out (calls_by_contact), each call's contribution as the kept counts would add it
// (the same mask), for the service to fold by range, day, hour, import and cell. The kept counts
// are per import, not per campaign or tag, so a filtered read is summed from the calls.
export interface LeadFilter {
  campaignId: number | null;
  tagId: number | null;
}
export interface CallContribution {
  at: number;
  /** The prospect's weekday·hour; -1 for a call not yet placed on their clock. */
  slot: number;
  importId: number | null;
  mask: number;
  talk: number;
}
type FilterKind = 'campaign' | 'tag' | 'both';
const MEMBERS = new Map<FilterKind, string>([
  ['campaign', 'SELECT contact_id FROM campaign_leads WHERE campaign_id = @campaign'],
  ['tag', 'SELECT contact_id FROM lead_tags WHERE tag_id = @tag'],
  ['both', 'SELECT contact_id FROM campaign_leads WHERE campaign_id = @campaign INTERSECT SELECT contact_id FROM lead_tags WHERE tag_id = @tag'],
]);
const filteredContributions = perShape((shape) => {
  const build = (kind: FilterKind) =>
    statement<CallContribution, { campaign: number | null; tag: number | null; from: number; to: number }>(
      `SELECT k.dialed_at AS at, coalesce(k.local_slot, -1) AS slot, c.import_id AS importId, ${maskSql(shape, 'k')} AS mask,
         CASE WHEN ${conditions(shape, 'k').counted} THEN ${talkSql(shape, 'k')} ELSE 0 END AS talk
       FROM (${MEMBERS.get(kind)!}) m CROSS JOIN calls k INDEXED BY calls_by_contact ON k.contact_id = m.contact_id AND k.dialed_at >= @from AND k.dialed_at < @to
       JOIN contacts c ON c.id = k.contact_id`,
    );
  return new Map<FilterKind, ReturnType<typeof build>>([
    ['campaign', build('campaign')],
    ['tag', build('tag')],
    ['both', build('both')],
  ]);
});

/** Each call of [from, to) of the filter's leads, with what it counts. */
export function filteredCallContributions(db: Database, filter: LeadFilter, from: number, to: number): CallContribution[] {
  const kind: FilterKind = filter.campaignId !== null && filter.tagId !== null ? 'both' : filter.campaignId !== null ? 'campaign' : 'tag';
  return filteredContributions(db).get(kind)!(db).all({ campaign: filter.campaignId, tag: filter.tagId, from, to });
}

const importNames = statement<{ id: number; fileName: string }>('SELECT id, file_name AS fileName FROM imports');

/** Every import's file name by id (a desk has dozens of imports, not thousands). */
export function importFileNames(db: Database): Map<number, string> {
  return new Map(importNames(db).all().map((row) => [row.id, row.fileName]));
}

// Counting a log written before migration 027, newest first.
const backfillRow = statement<{ below: number; total: number }>('SELECT below, total FROM call_tally_backfill WHERE id = 1');
const backfillIds = scalar<number, { below: number; limit: number }>('SELECT id FROM calls WHERE id < @below AND tally_mask IS NULL ORDER BY id DESC LIMIT @limit');
const queueOne = statement<never, [id: number]>('INSERT OR IGNORE INTO call_tally_pending (call_id) VALUES (?)');
const setBelow = statement<never, [below: number]>('UPDATE call_tally_backfill SET below = ? WHERE id = 1');
const firstUnplaced = scalar<number | null>('SELECT min(id) FROM calls INDEXED BY calls_unplaced WHERE local_slot IS NULL');
const lastCall = scalar<number | null>('SELECT max(id) FROM calls');

export function tallyBackfill(db: Database): { below: number; total: number } {
  return backfillRow(db).get() ?? { below: 0, total: 0 };
}

/** Queue the next `limit` uncounted calls below the cursor; returns the new cursor (0: done). */
export function queueTallyBackfill(db: Database, limit: number): number {
  const { below } = tallyBackfill(db);
  if (below === 0) return 0;
  const ids = backfillIds(db).all({ below, limit });
  for (const id of ids) queueOne(db).run(id);
  const next = ids.length < limit ? 0 : ids.at(-1)!;
  setBelow(db).run(next);
  return next;
}

/** About how many calls are still to place and to count, from ids (placing goes up from the
 *  lowest unplaced id, counting down from the cursor): two index seeks, never a count, as every
 *  read asks while the background count runs. `below` is the cursor, as the caller read it. */
export function backfillLeft(db: Database, below: number): { unplaced: number; uncounted: number } {
  const first = firstUnplaced(db).get() ?? null;
  return { unplaced: first === null ? 0 : (lastCall(db).get() ?? first) - first + 1, uncounted: below };
}

// Reading the kept counts: whole UTC hours [fromHour, toHour).
const SUMS = `coalesce(sum(t.dials), 0) AS dials, coalesce(sum(t.redials), 0) AS redials, coalesce(sum(t.connects), 0) AS connects,
  coalesce(sum(t.conversations), 0) AS conversations, coalesce(sum(t.advances), 0) AS advances, coalesce(sum(t.conversions), 0) AS conversions,
  coalesce(sum(t.talk_seconds), 0) AS talkSeconds, coalesce(sum(t.voicemails), 0) AS voicemails, coalesce(sum(t.voicemails_returned), 0) AS voicemailsReturned`;
const keptBucketTotals = statement<TotalsRow, { buckets: string }>(`${BUCKETS} SELECT b.i AS bucket, ${SUMS} FROM b JOIN call_hour_tallies t ON t.hour >= b.s AND t.hour < b.e GROUP BY b.i`);
const keptImportTotals = statement<ImportTotalsRow, { from: number; to: number }>(
  `SELECT nullif(t.import_id, 0) AS importId, m.file_name AS fileName, ${SUMS} FROM call_hour_tallies t LEFT JOIN imports m ON m.id = t.import_id
   WHERE t.hour >= @from AND t.hour < @to GROUP BY t.import_id ORDER BY t.import_id`,
);
const keptConnectSlots = statement<SlotCount, { from: number; to: number }>(
  'SELECT slot, sum(dials) AS calls, sum(connects) AS hits FROM call_tallies WHERE hour >= @from AND hour < @to AND slot >= 0 GROUP BY slot HAVING sum(dials) > 0',
);
const keptVoicemailSlots = statement<SlotCount, { from: number; to: number }>(
  'SELECT slot, sum(voicemails) AS calls, sum(voicemails_returned) AS hits FROM call_tallies WHERE hour >= @from AND hour < @to AND slot >= 0 GROUP BY slot HAVING sum(voicemails) > 0',
);
const keptDayConnectSlots = statement<SlotCount, { from: number; to: number }>(
  'SELECT slot, sum(dials) AS calls, sum(connects) AS hits FROM call_day_slot_tallies WHERE day >= @from AND day < @to AND slot >= 0 GROUP BY slot HAVING sum(dials) > 0',
);
const keptDayVoicemailSlots = statement<SlotCount, { from: number; to: number }>(
  'SELECT slot, sum(voicemails) AS calls, sum(voicemails_returned) AS hits FROM call_day_slot_tallies WHERE day >= @from AND day < @to AND slot >= 0 GROUP BY slot HAVING sum(voicemails) > 0',
);

// The same summed per the rep's local hour of day or local date, over whole UTC hours on one
// whole-hour offset (@shift hours): each UTC hour then lies in one local hour and one local date.
const keptLocalHourTotals = statement<TotalsRow, { from: number; to: number; shift: number }>(
  `SELECT (t.hour + CAST(@shift AS INTEGER)) % 24 AS bucket, ${SUMS} FROM call_hour_tallies t WHERE t.hour >= @from AND t.hour < @to GROUP BY bucket`,
);
const keptLocalDayTotals = statement<TotalsRow, { from: number; to: number; shift: number }>(
  `SELECT (t.hour + CAST(@shift AS INTEGER)) / 24 AS bucket, ${SUMS} FROM call_hour_tallies t WHERE t.hour >= @from AND t.hour < @to GROUP BY bucket`,
);

/** The kept totals of whole UTC hours [fromHour, toHour) per local hour of day or local date
 *  (days since 1970-01-01), on an offset of `shiftHours` whole hours. */
export function keptTotalsByLocalUnit(db: Database, unit: 'hour' | 'day', fromHour: number, toHour: number, shiftHours: number): Map<number, Totals> {
  // Hours since 1970 plus an offset of at most ±14 h: positive, so % and / are the arithmetic ones.
  const rows = (unit === 'hour' ? keptLocalHourTotals : keptLocalDayTotals)(db).all({ from: fromHour, to: toHour, shift: shiftHours });
  return new Map(rows.map(({ bucket, ...totals }) => [bucket, totals]));
}

/** The kept totals of each bucket of whole hours (buckets with nothing kept are absent). */
export function keptTotalsByBucket(db: Database, hourBuckets: readonly { from: number; to: number }[]): Map<number, Totals> {
  const rows = keptBucketTotals(db).all({ buckets: JSON.stringify(hourBuckets.map((b) => [b.from, b.to])) });
  return new Map(rows.map(({ bucket, ...totals }) => [bucket, totals]));
}

export function keptTotalsByImport(db: Database, fromHour: number, toHour: number): ImportTotalsRow[] {
  return keptImportTotals(db).all({ from: fromHour, to: toHour });
}

/** Per slot over whole hours [fromHour, toHour): its whole UTC days from the day table, the hours
 *  around them from the hour table. */
export function keptSlotCounts(db: Database, metric: 'connect' | 'voicemail-return', fromHour: number, toHour: number): SlotCount[] {
  const byHour = (metric === 'connect' ? keptConnectSlots : keptVoicemailSlots)(db);
  const firstDay = Math.ceil(fromHour / 24);
  const endDay = Math.floor(toHour / 24);
  if (firstDay >= endDay) return byHour.all({ from: fromHour, to: toHour });
  return [
    ...(metric === 'connect' ? keptDayConnectSlots : keptDayVoicemailSlots)(db).all({ from: firstDay, to: endDay }),
    ...(fromHour < firstDay * 24 ? byHour.all({ from: fromHour, to: firstDay * 24 }) : []),
    ...(endDay * 24 < toHour ? byHour.all({ from: endDay * 24, to: toHour }) : []),
  ];
}

// The call log for an export (exports/rows.ts, on the export worker's own connection).
/** A call as the exports read it: the domain's exported call, with the redial loop it was in
 *  (the export says only whether it was a redial). */
export type CallExportRow = Omit<ExportedCall, 'redial'> & { loopId: number | null };
const exportedCalls = perShape((shape) =>
  statement<CallExportRow, { from: number; to: number }>(
    `SELECT k.id, k.dialed_at AS dialedAt, k.ended_at AS endedAt, ${shape.direction ? "coalesce(k.direction, 'outbound')" : "'outbound'"} AS direction, k.outcome,
       ${talkSql(shape, 'k', 'NULL')} AS talkSeconds, k.loop_id AS loopId, k.dial_failure AS dialFailure, k.undone_at AS undoneAt, k.number, k.notes, k.next_step AS nextStep,
       k.next_at AS nextAt, k.callback_at AS callbackAt, k.reason, k.contact_id AS contactId, coalesce(c.first_name, '') AS firstName, coalesce(c.last_name, '') AS lastName,
       coalesce(c.company, '') AS company, coalesce(c.email, '') AS email
     FROM calls k INDEXED BY calls_measure LEFT JOIN contacts c ON c.id = k.contact_id
     WHERE k.dialed_at >= @from AND k.dialed_at < @to ORDER BY k.dialed_at, k.id`,
  ),
);
const exportedCount = scalar<number, { from: number; to: number }>('SELECT count(*) FROM calls INDEXED BY calls_measure WHERE dialed_at >= @from AND dialed_at < @to');

/** The calls of [from, to), oldest first, one at a time. */
export function iterateCallsForExport(db: Database, from: number, to: number): IterableIterator<CallExportRow> {
  return exportedCalls(db)(db).iterate({ from, to });
}

export function countCallsForExport(db: Database, from: number, to: number): number {
  return exportedCount(db).get({ from, to })!;
}
