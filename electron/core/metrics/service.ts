// Measure (#15): the numbers of a range, the session strip, the heat map. Every count is the
// domain's definition (shared/domain/metrics.ts) as SQL (./repo.ts).
import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { localDayBounds } from '../../../shared/domain/localWindows';
import { wallClock } from '../../../shared/domain/timeFormat';
import type { CoreContext } from '../context';
import { EMPTY_TOTALS, isoDateOfDay, localDayNumber, localKey, localSegments, measureZone, offsetSpans, ratesOf, slotNumber, todayRange, addTotals, type Totals } from '../../../shared/domain/metrics';
import { heatmapCells, HEATMAP_MIN_CALLS, type HeatmapMetric } from '../../../shared/domain/heatmap';
import { suggestWindow } from '../../../shared/domain/learnedWindows';
import {
  applyTallyChange,
  backfillLeft,
  clearPendingTallies,
  filteredCallContributions,
  importFileNames,
  hasPendingTallies,
  HOUR_MS,
  keptSlotCounts,
  keptTotalsByBucket,
  keptTotalsByImport,
  keptTotalsByLocalUnit,
  pendingTallyChanges,
  placeCall,
  preparePendingTallies,
  queueTallyBackfill,
  slotCounts,
  tallyBackfill,
  totalsByBucket,
  totalsByImport,
  unplacedCalls,
  type CallContribution,
  type LeadFilter,
  type SlotCount,
  TALLY_BITS,
  contributionTotals,
} from './repo';

const PLACE_BATCH = 5000;

/** The prospect's local weekday·hour slot and local day of a call, read once from luxon. */
function placeOf(at: number, timeZones: string): { slot: number; day: number } {
  const local = DateTime.fromMillis(at, { zone: measureZone(timeZones) });
  if (!local.isValid) return { slot: slotNumber(at, 'UTC'), day: localDayNumber(at, 'UTC') };
  return { slot: local.weekday * 24 + local.hour, day: Math.round(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000) };
}

/** Place up to `limit` calls not yet on their prospect's clock; returns how many. */
export function placeSomeCalls(db: Database, limit: number): number {
  return db.transaction(() => {
    const rows = unplacedCalls(db, limit);
    for (const row of rows) {
      const { slot, day } = placeOf(row.at, row.timeZones);
      placeCall(db, row.id, slot, day);
    }
    return rows.length;
  }).immediate();
}

/** Place every call not yet on its prospect's clock, in committed batches (the command line and
 *  the benches; the app does it in the background, see TallyBackfill). */
export function placeCalls(db: Database): number {
  let placed = 0;
  for (;;) {
    const count = placeSomeCalls(db, PLACE_BATCH);
    placed += count;
    if (count < PLACE_BATCH) return placed;
  }
}

/** Re-count the calls a write touched (call_tally_pending, filled by triggers): each one's old
 *  contribution out of call_tallies, its new one in. Called inside the disposition's and the
 *  undo's transactions, and before every read for what other writers left. */
export function applyTallies(db: Database): void {
  if (!hasPendingTallies(db)) return;
  // Inside a write's transaction (a dial, a disposition, an undo) the count is part of it, and
  // anything that fails rolls all of it back: no savepoint of its own (and no new transaction
  // function, ~5 µs at every disposition).
  if (db.inTransaction) countPending(db);
  else db.transaction(countPending)(db);
}

function countPending(db: Database): void {
  for (const row of preparePendingTallies(db)) {
    const { slot, day } = placeOf(row.at, row.timeZones);
    placeCall(db, row.id, slot, day);
  }
  for (const change of pendingTallyChanges(db)) {
    if (change.mask !== change.oldMask || change.talk !== change.oldTalk || change.importId !== change.oldImport) applyTallyChange(db, change);
  }
  clearPendingTallies(db);
}

/** Count the next `limit` calls of an older log (newest first); false when there are none left. */
export function countSomeCalls(db: Database, limit: number): boolean {
  return db.transaction(() => {
    const below = queueTallyBackfill(db, limit);
    applyTallies(db);
    return below !== 0;
  }).immediate();
}

/** How far the count of an older log is; null when the kept counts are complete. */
export function countingProgress(db: Database): { done: number; total: number } | null {
  const { below, total } = tallyBackfill(db);
  const left = backfillLeft(db, below);
  if (below === 0 && left.unplaced === 0) return null;
  // Placing and counting are each half of the work.
  const all = Math.max(1, total);
  const done = Math.round((Math.max(0, all - left.unplaced) + Math.max(0, all - left.uncounted)) / 2);
  return { done: Math.min(done, all), total: all };
}

/** Finish the count in one go (the command line: it has no screen to keep responsive). */
export function finishCounting(db: Database): void {
  placeCalls(db);
  while (countSomeCalls(db, PLACE_BATCH));
  applyTallies(db);
}

/** The count of an older log in the app: small chunks on the event loop, each committed and
 *  under a few milliseconds, so a disposition or a screen's read never waits behind it; the
 *  screens hear of progress at most once a second, and when it is done. */
export class TallyBackfill {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private lastNotice = 0;
  private chunk = 200;

  constructor(
    private readonly ctx: CoreContext,
    /** How long one chunk may hold the thread. */
    private readonly budgetMs = 8,
  ) {}

  start(): void {
    if (countingProgress(this.ctx.db) !== null) this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => this.step(), 0);
  }

  private step(): void {
    this.timer = null;
    if (this.closed) return;
    const { db } = this.ctx;
    const started = performance.now();
    const more = placeSomeCalls(db, this.chunk) === this.chunk || countSomeCalls(db, this.chunk);
    const took = performance.now() - started;
    // Keep each chunk near the budget whatever the machine's speed.
    this.chunk = Math.max(20, Math.min(5000, Math.round(this.chunk * (took > this.budgetMs ? 0.7 : 1.2))));
    const now = Date.now();
    if (!more || now - this.lastNotice > 1000) {
      this.lastNotice = now;
      const progress = countingProgress(db) ?? { done: 1, total: 1 };
      this.ctx.effects.emit('stats.counting', more ? progress : { done: progress.total, total: progress.total });
    }
    if (more) this.schedule();
  }
}

export type Grouping = 'day' | 'hour' | 'import';

export interface Group {
  key: string;
  label: string;
  totals: Totals;
}

/** A range as the whole UTC hours the kept counts answer for, and the edges (less than an hour
 *  each) summed from the calls. */
function splitRange(from: number, to: number): { hours: { from: number; to: number } | null; edges: { from: number; to: number }[] } {
  const firstHour = Math.ceil(from / HOUR_MS);
  const endHour = Math.floor(to / HOUR_MS);
  if (firstHour > endHour) return { hours: null, edges: [{ from, to }] };
  const edges = [
    { from, to: firstHour * HOUR_MS },
    { from: endHour * HOUR_MS, to },
  ].filter((e) => e.to > e.from);
  // Under an hour that still crosses an hour's start (23:05 to 00:00:00.001): no whole hour,
  // but two edges, each within one hour, so each is keyed by the hour it lies in.
  return { hours: firstHour < endHour ? { from: firstHour, to: endHour } : null, edges };
}

/** The totals of each [from, to) bucket: from the kept counts when they are complete (whole
 *  hours there, the edges from the calls), else from the calls. */
function bucketTotals(db: Database, buckets: readonly { from: number; to: number }[], complete: boolean): Totals[] {
  if (!complete) {
    const summed = totalsByBucket(db, buckets);
    return buckets.map((_, i) => summed.get(i) ?? EMPTY_TOTALS);
  }
  const hours: { from: number; to: number }[] = [];
  const hourOwner: number[] = [];
  const edges: { from: number; to: number }[] = [];
  const edgeOwner: number[] = [];
  buckets.forEach((bucket, i) => {
    const split = splitRange(bucket.from, bucket.to);
    if (split.hours) {
      hours.push(split.hours);
      hourOwner.push(i);
    }
    for (const edge of split.edges) {
      edges.push(edge);
      edgeOwner.push(i);
    }
  });
  const totals = buckets.map(() => EMPTY_TOTALS);
  if (hours.length > 0) for (const [k, t] of keptTotalsByBucket(db, hours)) totals[hourOwner[k]!] = addTotals(totals[hourOwner[k]!]!, t);
  if (edges.length > 0) for (const [k, t] of totalsByBucket(db, edges)) totals[edgeOwner[k]!] = addTotals(totals[edgeOwner[k]!]!, t);
  return totals;
}

/** The totals of [from, to) per the rep's local hour of day or local date, with every key the
 *  range touches (in order) even where nothing was called. Over a whole-hour offset the kept
 *  counts are summed per key in SQL (one statement per stretch of constant offset, its partial
 *  edge hours from the calls); on a half-hour offset, or while the count is incomplete, each
 *  local hour or day is its own bucket. */
function localTotals(db: Database, from: number, to: number, zone: string, unit: 'hour' | 'day', complete: boolean): { keys: number[]; totals: Map<number, Totals> } {
  const totals = new Map<number, Totals>();
  const add = (key: number, t: Totals) => totals.set(key, addTotals(totals.get(key) ?? EMPTY_TOTALS, t));
  const keys: number[] = [];
  const seen = new Set<number>();
  const addSegments = (segments: readonly { from: number; to: number; key: number }[]) => {
    for (const segment of segments) {
      if (seen.has(segment.key)) continue;
      seen.add(segment.key);
      keys.push(segment.key);
    }
  };
  for (const span of offsetSpans(from, to, zone)) {
    if (!complete || span.offsetMinutes % 60 !== 0) {
      const segments = localSegments(span.from, span.to, zone, unit);
      addSegments(segments);
      bucketTotals(db, segments, complete).forEach((t, i) => add(segments[i]!.key, t));
      continue;
    }
    addSegments(localSegments(span.from, span.to, zone, unit));
    const split = splitRange(span.from, span.to);
    if (split.hours) for (const [key, t] of keptTotalsByLocalUnit(db, unit, split.hours.from, split.hours.to, span.offsetMinutes / 60)) add(key, t);
    if (split.edges.length > 0) for (const [i, t] of totalsByBucket(db, split.edges)) add(localKey(split.edges[i]!.from, span.offsetMinutes, unit), t);
  }
  return { keys, totals };
}

type ImportTotals = Totals & { importId: number | null; fileName: string | null };
const hasAnyCount = ({ importId: _id, fileName: _name, ...t }: ImportTotals) => Object.values(t).some((v) => v !== 0);

function importTotals(db: Database, from: number, to: number, complete: boolean): ImportTotals[] {
  if (!complete) return totalsByImport(db, from, to);
  const split = splitRange(from, to);
  const parts = [...(split.hours ? keptTotalsByImport(db, split.hours.from, split.hours.to) : []), ...split.edges.flatMap((e) => totalsByImport(db, e.from, e.to))];
  const byImport = new Map<number | null, ImportTotals>();
  for (const { importId, fileName, ...totals } of parts) {
    const sum = byImport.get(importId);
    byImport.set(importId, { importId, fileName: sum?.fileName ?? fileName, ...addTotals(sum ?? EMPTY_TOTALS, totals) });
  }
  return [...byImport.values()].filter(hasAnyCount).sort((a, b) => (a.importId ?? -1) - (b.importId ?? -1));
}


function slotTotals(db: Database, metric: HeatmapMetric, from: number, to: number, complete: boolean): SlotCount[] {
  if (!complete) return slotCounts(db, metric, from, to);
  const split = splitRange(from, to);
  const parts = [...(split.hours ? keptSlotCounts(db, metric, split.hours.from, split.hours.to) : []), ...split.edges.flatMap((e) => slotCounts(db, metric, e.from, e.to))];
  const bySlot = new Map<number, SlotCount>();
  for (const part of parts) {
    const sum = bySlot.get(part.slot) ?? { slot: part.slot, calls: 0, hits: 0 };
    bySlot.set(part.slot, { slot: part.slot, calls: sum.calls + part.calls, hits: sum.hits + part.hits });
  }
  return [...bySlot.values()].filter((c) => c.calls > 0);
}

/** Before a read: what other writers left to re-count, and whether the kept counts are complete. */
function readyToRead(db: Database): { complete: boolean; counting: { done: number; total: number } | null } {
  applyTallies(db);
  const counting = countingProgress(db);
  return { complete: counting === null, counting };
}

const WEEKDAY_NAMES = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mon 2 Mar" for a local date (days since 1970-01-01, a Thursday), without a luxon DateTime each. */
function dayLabel(day: number): string {
  const date = new Date(day * 86_400_000);
  return `${WEEKDAY_NAMES[((day % 7) + 7) % 7]} ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]}`;
}

/** What one call adds to the totals (its kept-count mask and talk time). */
function addContribution(t: Totals, c: CallContribution): Totals {
  return addTotals(t, contributionTotals(c.mask, c.talk));
}

/** The index of the piece holding `at` (pieces in order, covering the range). */
function pieceOf(pieces: readonly { from: number; to: number }[], at: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pieces[mid]!.from <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

const filtering = (filter: LeadFilter) => filter.campaignId !== null || filter.tagId !== null;
export const NO_FILTER: LeadFilter = { campaignId: null, tagId: null };

/** The summary of a campaign's and/or tag's leads: their calls folded by range, by the rep's
 *  day or hour and by import, from the calls. */
function filteredSummary(db: Database, from: number, to: number, zone: string, by: Grouping | undefined, filter: LeadFilter): { whole: Totals; groups: Group[] } {
  const calls = filteredCallContributions(db, filter, from, to);
  const whole = calls.reduce(addContribution, EMPTY_TOTALS);
  if (by === 'day' || by === 'hour') {
    const pieces = localSegments(from, to, zone, by);
    const totals = new Map<number, Totals>();
    for (const call of calls) {
      const key = pieces[pieceOf(pieces, call.at)]!.key;
      totals.set(key, addContribution(totals.get(key) ?? EMPTY_TOTALS, call));
    }
    const keys = [...new Set(pieces.map((p) => p.key))];
    if (by === 'day') return { whole, groups: keys.map((day) => ({ key: isoDateOfDay(day), label: dayLabel(day), totals: totals.get(day) ?? EMPTY_TOTALS })) };
    return { whole, groups: keys.sort((a, b) => a - b).map((hour) => hourGroup(hour, totals.get(hour) ?? EMPTY_TOTALS)) };
  }
  if (by === 'import') {
    const names = importFileNames(db);
    const byImport = new Map<number | null, Totals>();
    for (const call of calls) byImport.set(call.importId, addContribution(byImport.get(call.importId) ?? EMPTY_TOTALS, call));
    const groups = [...byImport.entries()]
      .sort(([a], [b]) => (a ?? -1) - (b ?? -1))
      .map(([importId, totals]) => importGroup(importId, importId === null ? null : (names.get(importId) ?? null), totals));
    return { whole, groups };
  }
  return { whole, groups: [] };
}

const hourGroup = (hour: number, totals: Totals): Group => ({ key: String(hour).padStart(2, '0'), label: wallClock(hour * 60), totals });
const importGroup = (importId: number | null, fileName: string | null, totals: Totals): Group => ({
  key: importId === null ? 'none' : String(importId),
  label: importId === null ? 'Added by hand' : (fileName ?? `Import ${importId}`),
  totals,
});

/** The totals of [from, to) and, with `by`, per the rep's day, the rep's hour of day, or import;
 *  with a filter, only the calls of the leads in that campaign and/or with that tag. */
export function summary(ctx: CoreContext, from: number, to: number, by: Grouping | undefined, filter: LeadFilter = NO_FILTER) {
  const db = ctx.db;
  const { complete, counting } = readyToRead(db);
  let whole: Totals;
  let groups: Group[] = [];
  if (filtering(filter)) {
    ({ whole, groups } = filteredSummary(db, from, to, ctx.repTimeZone, by, filter));
  } else {
    whole = bucketTotals(db, [{ from, to }], complete)[0]!;
    if (by === 'day') {
      const days = localTotals(db, from, to, ctx.repTimeZone, 'day', complete);
      groups = days.keys.map((day) => ({ key: isoDateOfDay(day), label: dayLabel(day), totals: days.totals.get(day) ?? EMPTY_TOTALS }));
    } else if (by === 'hour') {
      const hours = localTotals(db, from, to, ctx.repTimeZone, 'hour', complete);
      groups = [...hours.keys].sort((a, b) => a - b).map((hour) => hourGroup(hour, hours.totals.get(hour) ?? EMPTY_TOTALS));
    } else if (by === 'import') {
      groups = importTotals(db, from, to, complete).map(({ importId, fileName, ...totals }) => importGroup(importId, fileName, totals));
    }
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    totals: whole,
    rates: ratesOf(whole),
    groups: groups.map((g) => ({ ...g, rates: ratesOf(g.totals) })),
    counting,
  };
}

/** The session strip: today on the rep's clock, and the goals. */
export function session(ctx: CoreContext) {
  const now = ctx.clock.now().getTime();
  const today = todayRange(now, ctx.repTimeZone);
  const { complete } = readyToRead(ctx.db);
  const totals = bucketTotals(ctx.db, [today], complete)[0]!;
  return { day: localDayBounds(now, ctx.repTimeZone).iso, totals, rates: ratesOf(totals), goals: ctx.settings.get('dailyGoals') };
}

/** The heat map of a metric over [from, to). */
export function heatmap(ctx: CoreContext, metric: HeatmapMetric, from: number, to: number, filter: LeadFilter = NO_FILTER) {
  const { complete, counting } = readyToRead(ctx.db);
  const counts = filtering(filter) ? filteredSlotCounts(ctx.db, metric, from, to, filter) : slotTotals(ctx.db, metric, from, to, complete);
  return { metric, minCalls: HEATMAP_MIN_CALLS, cells: heatmapCells(counts), counting };
}

/** Per prospect's weekday·hour, the filter's leads only: dials and connects, or voicemails and
 *  those returned (calls not yet placed on their prospect's clock left out, as unfiltered). */
function filteredSlotCounts(db: Database, metric: HeatmapMetric, from: number, to: number, filter: LeadFilter): SlotCount[] {
  const [callBit, hitBit] = metric === 'connect' ? [TALLY_BITS.dial, TALLY_BITS.connect] : [TALLY_BITS.voicemail, TALLY_BITS.returned];
  const bySlot = new Map<number, SlotCount>();
  for (const call of filteredCallContributions(db, filter, from, to)) {
    if (call.slot < 0 || (call.mask & callBit) === 0) continue;
    const cell = bySlot.get(call.slot) ?? { slot: call.slot, calls: 0, hits: 0 };
    cell.calls++;
    if ((call.mask & hitBit) !== 0) cell.hits++;
    bySlot.set(call.slot, cell);
  }
  return [...bySlot.values()];
}

/** How far back the learned windows look: long enough for hundreds of voicemails an hour on a
 *  busy desk, short enough to follow a change in the list. */
const LEARNING_DAYS = 180;

/** The voicemail window the rep's own weekday log suggests, or null (never on thin data). */
export function windowSuggestion(ctx: CoreContext) {
  const { complete } = readyToRead(ctx.db);
  const now = ctx.clock.now().getTime();
  const byHour = new Map<number, { hour: number; voicemails: number; returned: number }>();
  for (const cell of slotTotals(ctx.db, 'voicemail-return', now - LEARNING_DAYS * 86_400_000, now, complete)) {
    const weekday = Math.floor(cell.slot / 24);
    if (weekday > 5) continue;
    const hour = cell.slot % 24;
    const sum = byHour.get(hour) ?? { hour, voicemails: 0, returned: 0 };
    sum.voicemails += cell.calls;
    sum.returned += cell.hits;
    byHour.set(hour, sum);
  }
  const found = suggestWindow([...byHour.values()], ctx.settings.get('queue').voicemail.windows);
  return {
    suggestion: found && { text: found.text, probability: found.probability, betterHour: found.better.hour, worseHour: found.worse.hour, windows: found.windows },
  };
}
