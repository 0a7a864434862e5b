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
import { statement } from '../db/sql';
import { CONNECT_OUTCOMES, CONVERSATION_OUTCOMES, outcomeListSql, type Totals } from '../../../shared/domain/metrics';

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
    coalesce(sum(coalesce(k.talk_seconds_reported, 0)), 0) AS talkSeconds,
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
