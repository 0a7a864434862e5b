// Learned voicemail windows (#15): which hour of the prospect's day, Monday–Friday, gets
// voicemails returned, estimated per hour as a Beta-binomial, and a suggestion to move a
// voicemail window only when the rep's own log makes it ≥ 95 % probable that another hour does
// better than the weakest configured one, on enough voicemails in both.
//
// Priors (a prior worth PRIOR_STRENGTH voicemails, so a few hundred of the rep's own outweigh it):
// - Published rates of cold-call voicemails returned run from about 2 % to 8 %: ZoomInfo's 2020
//   figure of 4.8 % (quoted by Wendy Weiss, "Why your sales team should always leave voicemail
//   messages", The Network Marketing Magazine), "4–8 % in cold outbound" (UnlimCall, "Voicemail
//   strategy for outbound sales"), "only 2 %" (Skipcall, "Should you leave a cold call voicemail?",
//   2026). The prior mean outside the windows is the low middle of that range, 4 %;
// - inside the windows the desk was seeded with (06:45–08:00 and 16:30–18:30, before and after
//   the prospect's working day: shared/domain/callingHours.ts) it is the high middle, 6 %: the
//   seed's belief that those hours are better, which the data must overturn.
import { betaInterval, probabilityGreater } from './beta';
import { HEATMAP_END_HOUR, HEATMAP_FIRST_HOUR } from './metrics';
import type { LocalWindow } from './localWindows';
import { wallRange } from './timeFormat';

export const PRIOR_STRENGTH = 20;
export const PRIOR_MEAN_IN_WINDOW = 0.06;
export const PRIOR_MEAN_OUTSIDE = 0.04;
/** Voicemails an hour needs, on each side of a comparison, before anything is suggested. */
export const MIN_VOICEMAILS = 100;
/** The posterior probability a better hour must reach. */
export const MIN_PROBABILITY = 0.95;

export interface HourCount {
  /** The prospect's local hour, 0–23 (weekdays only). */
  hour: number;
  voicemails: number;
  returned: number;
}

export interface HourEstimate extends HourCount {
  inWindow: boolean;
  alpha: number;
  beta: number;
  /** The posterior mean and 90 % credible interval of the return rate. */
  mean: number;
  low: number;
  high: number;
}

export interface WindowSuggestion {
  better: HourEstimate;
  worse: HourEstimate;
  /** P(better's rate > worse's rate) under the posteriors. */
  probability: number;
  /** The observed ratio of the two return rates. */
  ratio: number;
  /** The voicemail windows with `worse`'s hour given over to `better`'s. */
  windows: LocalWindow[];
  /** In plain words, with the numbers. */
  text: string;
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Whether any configured window overlaps the hour [h, h+1). */
export function hourInWindows(hour: number, windows: readonly LocalWindow[]): boolean {
  return windows.some((w) => minutes(w.start) < (hour + 1) * 60 && minutes(w.end) > hour * 60);
}

/** Each hour's posterior, from its counts and its prior. */
export function estimateHours(counts: readonly HourCount[], windows: readonly LocalWindow[]): HourEstimate[] {
  const byHour = new Map(counts.map((c) => [c.hour, c]));
  const estimates: HourEstimate[] = [];
  for (let hour = HEATMAP_FIRST_HOUR; hour < HEATMAP_END_HOUR; hour++) {
    const count = byHour.get(hour) ?? { hour, voicemails: 0, returned: 0 };
    const inWindow = hourInWindows(hour, windows);
    const priorMean = inWindow ? PRIOR_MEAN_IN_WINDOW : PRIOR_MEAN_OUTSIDE;
    const alpha = priorMean * PRIOR_STRENGTH + count.returned;
    const beta = (1 - priorMean) * PRIOR_STRENGTH + count.voicemails - count.returned;
    const interval = betaInterval(alpha, beta);
    estimates.push({ ...count, hour, inWindow, alpha, beta, mean: alpha / (alpha + beta), low: interval.low, high: interval.high });
  }
  return estimates;
}

/** The windows with [hour, hour+1) taken out of them (pieces under 30 minutes dropped) and
 *  [newHour, newHour+1) added, merged and in order. */
export function moveHour(windows: readonly LocalWindow[], hour: number, newHour: number): LocalWindow[] {
  const cutFrom = hour * 60;
  const cutTo = cutFrom + 60;
  const pieces: [number, number][] = [];
  for (const w of windows) {
    const [s, e] = [minutes(w.start), minutes(w.end)];
    if (e <= cutFrom || s >= cutTo) pieces.push([s, e]);
    else {
      if (cutFrom - s >= 30) pieces.push([s, cutFrom]);
      if (e - cutTo >= 30) pieces.push([cutTo, e]);
    }
  }
  pieces.push([newHour * 60, newHour * 60 + 60]);
  pieces.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const p of pieces) {
    const last = merged.at(-1);
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  return merged.map(([s, e]) => ({ start: clock(s), end: clock(Math.min(e, 23 * 60 + 59)) }));
}

const hourLabel = (hour: number) => wallRange(hour * 60, hour * 60 + 60);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The best-supported move of one voicemail hour, or null: never on thin data. Compares every
 *  hour outside the windows with enough voicemails against the weakest hour inside them that
 *  has enough; suggests the pair most probably better, if that is ≥ 95 %. */
export function suggestWindow(counts: readonly HourCount[], windows: readonly LocalWindow[]): WindowSuggestion | null {
  const estimates = estimateHours(counts, windows);
  const inside = estimates.filter((e) => e.inWindow && e.voicemails >= MIN_VOICEMAILS);
  const outside = estimates.filter((e) => !e.inWindow && e.voicemails >= MIN_VOICEMAILS);
  if (inside.length === 0 || outside.length === 0) return null;
  const worse = inside.reduce((a, b) => (b.mean < a.mean ? b : a));
  let best: { better: HourEstimate; probability: number } | null = null;
  for (const candidate of outside) {
    const probability = probabilityGreater(candidate.alpha, candidate.beta, worse.alpha, worse.beta);
    if (!best || probability > best.probability) best = { better: candidate, probability };
  }
  if (!best || best.probability < MIN_PROBABILITY) return null;
  const { better, probability } = best;
  const rate = (e: HourEstimate) => (e.voicemails === 0 ? 0 : e.returned / e.voicemails);
  const ratio = rate(worse) === 0 ? Infinity : rate(better) / rate(worse);
  const times = Number.isFinite(ratio) ? `${ratio.toFixed(1)}× as often as` : 'where none were returned';
  const text =
    `Voicemails left ${hourLabel(better.hour)} their time were returned ${times} ${hourLabel(worse.hour)} ` +
    `(${better.returned} of ${better.voicemails}, ${pct(rate(better))}, against ${worse.returned} of ${worse.voicemails}, ${pct(rate(worse))}; ` +
    `${better.voicemails + worse.voicemails} voicemails). ${Math.floor(probability * 1000) / 10} % probable that ${hourLabel(better.hour)} is better. ` +
    `Move the voicemail window from ${hourLabel(worse.hour)} to ${hourLabel(better.hour)}?`;
  return { better, worse, probability, ratio, windows: moveHour(windows, worse.hour, better.hour), text };
}
