// The heat map: the prospect's local weekday × hour (06:00–21:00), each cell a rate with its
// counts and a 90 % credible interval, greyed where too few calls say anything.
import { betaInterval } from './beta';
import { HEATMAP_END_HOUR, HEATMAP_FIRST_HOUR } from './metrics';

export type HeatmapMetric = 'connect' | 'voicemail-return';
export const HEATMAP_METRICS: readonly HeatmapMetric[] = ['connect', 'voicemail-return'];

/** Below this many calls (dials, or voicemails left) a cell is greyed: its interval is too wide
 *  to read anything into (with 20 calls a 30 % rate's 90 % interval is still about ±16 points). */
export const HEATMAP_MIN_CALLS = 20;

export interface HeatmapCell {
  weekday: number;
  hour: number;
  calls: number;
  hits: number;
  /** hits / calls; null for an empty cell. */
  rate: number | null;
  /** The 90 % credible interval of the rate under a uniform Beta(1, 1) prior. */
  low: number;
  high: number;
  enough: boolean;
}

/** Every cell Monday–Sunday × 06–20, from the per-slot counts (slot = weekday × 24 + hour). */
export function heatmapCells(counts: readonly { slot: number; calls: number; hits: number }[]): HeatmapCell[] {
  const bySlot = new Map(counts.map((c) => [c.slot, c]));
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = HEATMAP_FIRST_HOUR; hour < HEATMAP_END_HOUR; hour++) {
      const found = bySlot.get(weekday * 24 + hour);
      const calls = found?.calls ?? 0;
      const hits = found?.hits ?? 0;
      const interval = betaInterval(1 + hits, 1 + calls - hits);
      cells.push({ weekday, hour, calls, hits, rate: calls === 0 ? null : hits / calls, low: interval.low, high: interval.high, enough: calls >= HEATMAP_MIN_CALLS });
    }
  }
  return cells;
}

