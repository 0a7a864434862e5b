// The rep's days and hours by arithmetic on the zone's offset (shared/domain/metrics.ts
// offsetSpans / localSegments), held against luxon reading each instant on its own; and the
// stats by day and by the rep's hour for reps in half-hour zones and across DST changes, held
// against the plain fold with luxon's day and hour of each call. The heat map's Beta quantile,
// now found by Newton's steps, against a plain bisection of the CDF.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { localSegments, offsetSpans, tally, type MeasuredCall } from '../../shared/domain/metrics';
import { betaCdf, betaQuantile } from '../../shared/domain/beta';
import type { Outcome } from '../../shared/domain/dispositions';
import type { ResponseOf } from '../../shared/ipc/contract';
import { makeCore, type TestCore } from './helpers';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Each zone with a stretch of time around one of its clock changes (or none). */
const CASES: [zone: string, around: string][] = [
  ['America/New_York', '2026-03-08T07:00:00Z'], // 02:00 → 03:00
  ['America/New_York', '2026-11-01T06:00:00Z'], // 02:00 → 01:00
  ['Europe/London', '2026-03-29T01:00:00Z'],
  ['Asia/Kolkata', '2026-03-01T00:00:00Z'], // +05:30, no DST
  ['Asia/Kathmandu', '2026-03-01T00:00:00Z'], // +05:45
  ['America/St_Johns', '2026-03-08T05:30:00Z'], // −03:30 → −02:30
  ['Australia/Lord_Howe', '2026-04-05T15:00:00Z'], // +11:00 → +10:30 (a half-hour change)
  ['America/Santiago', '2026-04-05T03:00:00Z'], // at local midnight
  ['UTC', '2026-03-01T00:00:00Z'],
];

function luxonKey(at: number, zone: string, unit: 'hour' | 'day'): number {
  const local = DateTime.fromMillis(at, { zone });
  return unit === 'hour' ? local.hour : Math.round(Date.UTC(local.year, local.month - 1, local.day) / DAY);
}

describe("the rep's hours and days by arithmetic", () => {
  it.each(CASES)('%s around %s: pieces cover the range, one key each, the key luxon reads', (zone, around) => {
    const centre = Date.parse(around);
    fc.assert(
      fc.property(
        fc.integer({ min: -3 * DAY, max: 3 * DAY }),
        fc.integer({ min: 1, max: 4 * DAY }),
        fc.constantFrom<'hour' | 'day'>('hour', 'day'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 5, maxLength: 20 }),
        (start, length, unit, picks) => {
          const from = centre + start;
          const to = from + length;
          const segments = localSegments(from, to, zone, unit);
          expect(segments[0]!.from).toBe(from);
          expect(segments.at(-1)!.to).toBe(to);
          segments.forEach((s, i) => {
            expect(s.to).toBeGreaterThan(s.from);
            if (i > 0) expect(s.from).toBe(segments[i - 1]!.to);
            // Never longer than its unit plus an hour the clock is set back (01:00–02:00 twice is
            // one piece of hour 1), and one key throughout.
            expect(s.to - s.from).toBeLessThanOrEqual((unit === 'hour' ? HOUR : DAY) + HOUR);
            expect(luxonKey(s.from, zone, unit), `${new Date(s.from).toISOString()} ${unit}`).toBe(s.key);
            expect(luxonKey(s.to - 1, zone, unit), `${new Date(s.to - 1).toISOString()} ${unit}`).toBe(s.key);
          });
          for (const pick of picks) {
            const at = from + Math.floor(pick * length);
            const found = segments.find((s) => s.from <= at && at < s.to)!;
            expect(found.key, new Date(at).toISOString()).toBe(luxonKey(at, zone, unit));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds each clock change to the millisecond', () => {
    const spans = offsetSpans(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'), 'America/New_York');
    expect(spans.map((s) => [new Date(s.from).toISOString(), s.offsetMinutes])).toEqual([
      ['2026-01-01T00:00:00.000Z', -300],
      ['2026-03-08T07:00:00.000Z', -240],
      ['2026-11-01T06:00:00.000Z', -300],
    ]);
    const lordHowe = offsetSpans(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'), 'Australia/Lord_Howe');
    expect(lordHowe.map((s) => s.offsetMinutes)).toEqual([660, 630, 660]);
    for (const span of lordHowe.slice(1)) {
      expect(DateTime.fromMillis(span.from, { zone: 'Australia/Lord_Howe' }).offset).toBe(span.offsetMinutes);
      expect(DateTime.fromMillis(span.from - 1, { zone: 'Australia/Lord_Howe' }).offset).not.toBe(span.offsetMinutes);
    }
  });
});

describe('stats by day and by hour for reps in half-hour zones and across clock changes', () => {
  const cores: TestCore[] = [];
  afterAll(() => cores.forEach((t) => t.core.close()));

  it.each([
    ['Asia/Kolkata', '2026-03-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-02T00:00:00Z'],
    ['America/St_Johns', '2026-03-05T00:00:00Z'],
    ['America/New_York', '2026-10-29T00:00:00Z'],
  ])('rep in %s from %s: each group equals the fold over the calls luxon puts in it', async (repZone, startIso) => {
    const t = makeCore(undefined, { repZone });
    cores.push(t);
    const db = t.core.db;
    const contact = Number(db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Lead', '+14155551000', '+14155551000', 'America/Chicago', 0, 0)").run().lastInsertRowid);
    const insert = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, talk_seconds_reported) VALUES (?, 'tel:x', 'x', ?, ?, ?)");
    const start = Date.parse(startIso);
    const outcomes: Outcome[] = ['conversation', 'no_answer', 'advance', 'voicemail_left', 'conversion'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 7 * DAY }), outcome: fc.constantFrom(...outcomes), talk: fc.integer({ min: 0, max: 600 }) }), { minLength: 5, maxLength: 60 }),
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.integer({ min: HOUR / 2, max: 5 * DAY }),
        async (generated, fromOffset, length) => {
          db.exec('DELETE FROM calls');
          const calls: MeasuredCall[] = generated.map((g) => {
            const at = start + g.offset;
            const id = Number(insert.run(contact, at, g.outcome, g.talk).lastInsertRowid);
            return { id, contactId: contact, at, outcome: g.outcome, direction: 'outbound', undone: false, dialFailed: false, redial: false, talkSeconds: g.talk, zone: 'America/Chicago', importId: null };
          });
          const from = start + fromOffset;
          const to = from + length;
          const inRange = calls.filter((c) => c.at >= from && c.at < to);
          const iso = (ms: number) => new Date(ms).toISOString();
          const byDay = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'day' });
          const dayOf = (at: number) => DateTime.fromMillis(at, { zone: repZone }).toISODate()!;
          const wantDays = [...new Set(Array.from({ length: Math.ceil(length / HOUR) + 1 }, (_, i) => dayOf(Math.min(to - 1, from + i * HOUR))))];
          expect(byDay.groups.map((g) => g.key)).toEqual(wantDays);
          for (const group of byDay.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => dayOf(c.at) === group.key), calls));
          const byHour = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'hour' });
          const hourOf = (at: number) => DateTime.fromMillis(at, { zone: repZone }).hour;
          for (const group of byHour.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => hourOf(c.at) === Number(group.key)), calls));
          expect(byHour.groups.reduce((n, g) => n + g.totals.conversations, 0)).toBe(tally(inRange, calls).conversations);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('a range under an hour that crosses the start of an hour', () => {
  it('puts a call at the hour in that hour, not the one the range began in (fast-check seed 149701739)', async () => {
    const t = makeCore(undefined, { repZone: 'Australia/Lord_Howe' }); // +11:00 on 4 April 2026
    try {
      const db = t.core.db;
      const contact = Number(db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Lead', '+14155551000', '+14155551000', 'America/Chicago', 0, 0)").run().lastInsertRowid);
      const at = Date.parse('2026-04-04T00:00:00Z'); // 11:00 in Lord Howe
      db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome) VALUES (?, 'tel:x', 'x', ?, 'conversation')").run(contact, at);
      const from = new Date(at - 54 * 60_000).toISOString(); // 10:06 their time
      const to = new Date(at + 1).toISOString();
      const byHour = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from, to, by: 'hour' });
      expect(byHour.groups.map((g) => [g.key, g.totals.conversations])).toEqual([
        ['10', 0],
        ['11', 1],
      ]);
    } finally {
      t.core.close();
    }
  });
});

describe('the Beta quantile', () => {
  /** A plain bisection of the CDF, 80 halvings: the reference. */
  const bisected = (p: number, a: number, b: number) => {
    let low = 0;
    let high = 1;
    for (let i = 0; i < 80; i++) {
      const mid = (low + high) / 2;
      if (betaCdf(mid, a, b) < p) low = mid;
      else high = mid;
    }
    return (low + high) / 2;
  };
  it.each([
    [1, 1],
    [1, 21],
    [21, 1],
    [0.8, 19.2],
    [31.2, 290.8],
    [4001, 16001],
    [150_001, 30_001],
  ])('Beta(%d, %d) at 5 % and 95 % as the bisection finds it', (a, b) => {
    for (const p of [0.05, 0.5, 0.95]) expect(Math.abs(betaQuantile(p, a, b) - bisected(p, a, b))).toBeLessThan(1e-9);
  });
});
