// Measure (#15): the numbers of a range, the session strip, the heat map. Every count is the
// domain's definition (shared/domain/metrics.ts) as SQL (./repo.ts).
import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { CoreContext } from '../context';
import { daysBetween, EMPTY_TOTALS, hoursBetween, localDayNumber, measureZone, ratesOf, slotNumber, todayRange, addTotals, type Totals } from '../../../shared/domain/metrics';
import { heatmapCells, HEATMAP_MIN_CALLS, type HeatmapMetric } from '../../../shared/domain/heatmap';
import { suggestWindow } from '../../../shared/domain/learnedWindows';
import { placeCall, slotCounts, totalsByBucket, totalsByImport, unplacedCalls } from './repo';

const PLACE_BATCH = 5000;

/** Put every call not yet placed on its prospect's clock (local weekday × hour and date), in
 *  batches, each committed. New calls are few between two reads; a log from before migration
 *  018 is placed once, on the first read. */
export function placeCalls(db: Database): number {
  let placed = 0;
  const batch = db.transaction(() => {
    const rows = unplacedCalls(db, PLACE_BATCH);
    for (const row of rows) {
      const zone = measureZone(row.timeZones);
      placeCall(db, row.id, slotNumber(row.at, zone), localDayNumber(row.at, zone));
    }
    return rows.length;
  });
  for (;;) {
    const count = batch.immediate();
    placed += count;
    if (count < PLACE_BATCH) return placed;
  }
}

export type Grouping = 'day' | 'hour' | 'import';

export interface Group {
  key: string;
  label: string;
  totals: Totals;
}

/** The totals of [from, to) and, with `by`, per the rep's day, the rep's hour of day, or import. */
export function summary(ctx: CoreContext, from: number, to: number, by: Grouping | undefined) {
  const db = ctx.db;
  placeCalls(db);
  const whole = totalsByBucket(db, [{ from, to }]).get(0) ?? EMPTY_TOTALS;
  let groups: Group[] = [];
  if (by === 'day') {
    const days = daysBetween(from, to, ctx.repTimeZone);
    const totals = totalsByBucket(db, days);
    groups = days.map((day, i) => ({ key: day.key, label: DateTime.fromISO(day.key).toFormat('ccc d LLL'), totals: totals.get(i) ?? EMPTY_TOTALS }));
  } else if (by === 'hour') {
    const hours = hoursBetween(from, to, ctx.repTimeZone);
    const totals = totalsByBucket(db, hours);
    const byHour = new Map<number, Totals>();
    hours.forEach((h, i) => byHour.set(h.hour, addTotals(byHour.get(h.hour) ?? EMPTY_TOTALS, totals.get(i) ?? EMPTY_TOTALS)));
    groups = [...byHour.keys()]
      .sort((a, b) => a - b)
      .map((hour) => ({ key: String(hour).padStart(2, '0'), label: `${String(hour).padStart(2, '0')}:00`, totals: byHour.get(hour)! }));
  } else if (by === 'import') {
    groups = totalsByImport(db, from, to).map(({ importId, fileName, ...totals }) => ({
      key: importId === null ? 'none' : String(importId),
      label: importId === null ? 'Added by hand' : (fileName ?? `Import ${importId}`),
      totals,
    }));
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    totals: whole,
    rates: ratesOf(whole),
    groups: groups.map((g) => ({ ...g, rates: ratesOf(g.totals) })),
  };
}

/** The session strip: today on the rep's clock, and the goals. */
export function session(ctx: CoreContext) {
  const now = ctx.clock.now().getTime();
  const today = todayRange(now, ctx.repTimeZone);
  placeCalls(ctx.db);
  const totals = totalsByBucket(ctx.db, [today]).get(0) ?? EMPTY_TOTALS;
  return { day: DateTime.fromMillis(now, { zone: ctx.repTimeZone }).toISODate() ?? '', totals, rates: ratesOf(totals), goals: ctx.settings.get('dailyGoals') };
}

/** The heat map of a metric over [from, to). */
export function heatmap(ctx: CoreContext, metric: HeatmapMetric, from: number, to: number) {
  placeCalls(ctx.db);
  return { metric, minCalls: HEATMAP_MIN_CALLS, cells: heatmapCells(slotCounts(ctx.db, metric, from, to)) };
}

/** How far back the learned windows look: long enough for hundreds of voicemails an hour on a
 *  busy desk, short enough to follow a change in the list. */
const LEARNING_DAYS = 180;

/** The voicemail window the rep's own weekday log suggests, or null (never on thin data). */
export function windowSuggestion(ctx: CoreContext) {
  placeCalls(ctx.db);
  const now = ctx.clock.now().getTime();
  const byHour = new Map<number, { hour: number; voicemails: number; returned: number }>();
  for (const cell of slotCounts(ctx.db, 'voicemail-return', now - LEARNING_DAYS * 86_400_000, now)) {
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
