// Learned voicemail windows: never a suggestion on thin data, one when a synthetic log makes an
// hour clearly better, and the posterior numbers checked against references written here
// independently (a seeded Monte Carlo with its own gamma sampler; the Beta CDF by plain
// trapezoid integration of the unnormalised density, with no log-gamma at all).
import { describe, expect, it } from 'vitest';
import { betaCdf, betaInterval, probabilityGreater } from '../../shared/domain/beta';
import { DEFAULT_VOICEMAIL } from '../../shared/domain/callingHours';
import { estimateHours, MIN_VOICEMAILS, moveHour, PRIOR_MEAN_IN_WINDOW, PRIOR_MEAN_OUTSIDE, PRIOR_STRENGTH, suggestWindow, type HourCount } from '../../shared/domain/learnedWindows';

const WINDOWS = DEFAULT_VOICEMAIL.windows; // 06:45–08:00, 16:30–18:30

/** A small, seeded generator (mulberry32) so the Monte Carlo is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
/** Marsaglia–Tsang gamma sampler (shape ≥ 1; boosted below 1). */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
function betaSample(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}
/** P(X ≤ x) by the trapezoid rule over the unnormalised density, normalised by its own integral. */
function cdfByIntegration(x: number, a: number, b: number, steps = 200_000): number {
  const f = (t: number) => (t <= 0 || t >= 1 ? 0 : Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t)));
  let below = 0;
  let total = 0;
  const h = 1 / steps;
  for (let i = 0; i < steps; i++) {
    const t = (i + 0.5) * h; // midpoints: the density may be infinite at an end
    const area = f(t) * h;
    total += area;
    if (t < x) below += area;
  }
  return below / total;
}

const hours = (...entries: [hour: number, voicemails: number, returned: number][]): HourCount[] => entries.map(([hour, voicemails, returned]) => ({ hour, voicemails, returned }));

describe('the Beta maths against independent references', () => {
  it('the CDF and the 90 % interval match numeric integration', () => {
    for (const [a, b] of [
      [1, 1],
      [2.2, 37.8],
      [31.2, 290.8],
      [0.8, 19.2],
    ] as const) {
      for (const x of [0.02, 0.05, 0.1, 0.3]) expect(betaCdf(x, a, b)).toBeCloseTo(cdfByIntegration(x, a, b), 4);
      const { low, high } = betaInterval(a, b);
      expect(cdfByIntegration(low, a, b)).toBeCloseTo(0.05, 3);
      expect(cdfByIntegration(high, a, b)).toBeCloseTo(0.95, 3);
    }
  });

  it('P(X > Y) matches a 200,000-draw Monte Carlo', () => {
    const random = rng(15);
    for (const [a1, b1, a2, b2] of [
      [31.2, 290.8, 10.2, 321.8],
      [5, 95, 4, 96],
      [1.2, 18.8, 0.8, 19.2],
    ] as const) {
      let wins = 0;
      const draws = 200_000;
      for (let i = 0; i < draws; i++) if (betaSample(a1, b1, random) > betaSample(a2, b2, random)) wins++;
      // Monte Carlo's standard error here is at most 0.0011: 0.005 is over four of them.
      expect(Math.abs(probabilityGreater(a1, b1, a2, b2) - wins / draws)).toBeLessThan(0.005);
    }
  });

  it('each hour’s posterior is its prior (by window) plus its counts', () => {
    const [seven] = estimateHours(hours([7, 300, 9]), WINDOWS).filter((e) => e.hour === 7);
    expect(seven!.alpha).toBeCloseTo(PRIOR_MEAN_IN_WINDOW * PRIOR_STRENGTH + 9);
    expect(seven!.beta).toBeCloseTo((1 - PRIOR_MEAN_IN_WINDOW) * PRIOR_STRENGTH + 291);
    const [eleven] = estimateHours(hours([11, 50, 5]), WINDOWS).filter((e) => e.hour === 11);
    expect(eleven!.alpha).toBeCloseTo(PRIOR_MEAN_OUTSIDE * PRIOR_STRENGTH + 5);
    expect(eleven!.inWindow).toBe(false);
  });
});

describe('suggesting a voicemail window', () => {
  it('suggests an hour the log makes clearly better, in plain words with the numbers, and the windows to adopt', () => {
    // A synthetic weekday log: 15:00 is outside the windows, 07:00 inside; 10:00 is better still
    // but has too few voicemails to say so.
    const log = hours([7, 312, 9], [15, 320, 30], [17, 300, 15], [10, 80, 20]);
    const suggestion = suggestWindow(log, WINDOWS);
    expect(suggestion).not.toBeNull();
    expect(suggestion!.better.hour).toBe(15);
    expect(suggestion!.worse.hour).toBe(7);
    // 30/320 against 9/312: 0.09375 / 0.028846… = 3.25.
    expect(suggestion!.ratio).toBeCloseTo(30 / 320 / (9 / 312), 6);
    expect(suggestion!.text).toContain('Voicemails left 3:00\u00a0PM–4:00\u00a0PM their time were returned 3.3× as often as 7:00\u00a0AM–8:00\u00a0AM');
    expect(suggestion!.text).toContain('632 voicemails');
    expect(suggestion!.probability).toBeGreaterThanOrEqual(0.95);
    // 07:00–08:00 is cut out of 06:45–08:00 (15 minutes left: dropped); 15:00–16:00 is added.
    expect(suggestion!.windows).toEqual([
      { start: '15:00', end: '16:00' },
      { start: '16:30', end: '18:30' },
    ]);
  });

  it('suggests nothing below the data threshold, however different the rates', () => {
    expect(suggestWindow(hours([7, MIN_VOICEMAILS - 1, 0], [15, 400, 80]), WINDOWS)).toBeNull();
    expect(suggestWindow(hours([7, 400, 4], [15, MIN_VOICEMAILS - 1, 60]), WINDOWS)).toBeNull();
  });

  it('suggests nothing when the better hour is not 95 % probable', () => {
    // 12/300 against 9/312: better, but far from certain.
    expect(suggestWindow(hours([7, 312, 9], [15, 300, 12]), WINDOWS)).toBeNull();
  });

  it('moves an hour out of one window and into another, keeping pieces of 30 minutes or more', () => {
    expect(moveHour([{ start: '06:30', end: '08:30' }], 7, 12)).toEqual([
      { start: '06:30', end: '07:00' },
      { start: '08:00', end: '08:30' },
      { start: '12:00', end: '13:00' },
    ]);
  });
});
