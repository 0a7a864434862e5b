import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { forgetLocalDays, localDayBounds, localWeekdayOf, sameWallTimeDaysLater } from '../../shared/domain/localWindows';

// Zones with daylight saving on different dates, a half-hour and a 45-minute offset, one that
// skipped a whole day (Samoa, 30 Dec 2011) and one with no changes.
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Adelaide', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Apia', 'America/St_Johns', 'UTC'];
// Around the 2026 spring and autumn changes of both hemispheres, and Samoa's missing day.
const AROUND = ['2026-03-08T00:00:00Z', '2026-03-29T00:00:00Z', '2026-04-05T00:00:00Z', '2026-10-04T00:00:00Z', '2026-10-25T00:00:00Z', '2026-11-01T00:00:00Z', '2011-12-29T00:00:00Z'].map(Date.parse);

describe('the local day of an instant', () => {
  it('is what luxon says, asked in any order, across daylight-saving changes (the kept day changes nothing)', () => {
    forgetLocalDays();
    const instant = fc.tuple(fc.constantFrom(...AROUND), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([base, offset]) => base + offset);
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 40 }), (asks) => {
        for (const [at, zone] of asks) {
          const start = DateTime.fromMillis(at, { zone }).startOf('day');
          expect(localDayBounds(at, zone)).toEqual({ from: start.toMillis(), to: start.plus({ days: 1 }).toMillis(), iso: start.toISODate() });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ends at the next midnight exactly: the last millisecond is still the day, midnight is the next', () => {
    forgetLocalDays();
    for (const zone of ZONES) {
      for (const base of AROUND) {
        const start = DateTime.fromMillis(base, { zone }).startOf('day');
        const next = start.plus({ days: 1 });
        expect(localDayBounds(base, zone).to).toBe(next.toMillis());
        expect(localDayBounds(next.toMillis() - 1, zone).iso).toBe(start.toISODate());
        expect(localDayBounds(next.toMillis(), zone).iso).toBe(next.toISODate());
        expect(localDayBounds(start.toMillis(), zone).iso).toBe(start.toISODate());
        expect(localDayBounds(start.toMillis() - 1, zone).iso).toBe(start.minus({ days: 1 }).toISODate());
      }
    }
  });
});

describe('the same wall time some dates later, and the weekday (the business days of a plan)', () => {
  // Lord Howe moves its clocks by half an hour.
  const zones = [...ZONES, 'Australia/Lord_Howe'];
  const instant = fc.tuple(fc.constantFrom(...AROUND), fc.integer({ min: -12 * 86_400_000, max: 3 * 86_400_000 })).map(([base, offset]) => base + offset);

  it('is what luxon gives for plus({ days }), asked in any order, starting or landing on a change of clocks', () => {
    forgetLocalDays();
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones), fc.integer({ min: 0, max: 14 })), { minLength: 1, maxLength: 40 }), (asks) => {
        for (const [at, zone, days] of asks) expect(sameWallTimeDaysLater(at, days, zone)).toBe(DateTime.fromMillis(at, { zone }).plus({ days }).toMillis());
      }),
      { numRuns: 400 },
    );
  });

  it('lands at the wall time of the hour before a spring change and of the repeated hour of an autumn one as luxon does', () => {
    forgetLocalDays();
    // 02:30 does not exist in New York on 8 March 2026, and 01:30 happens twice on 1 November.
    for (const [wall, days] of [['2026-03-07T02:30', 1], ['2026-03-01T02:30', 7], ['2026-10-31T01:30', 1], ['2026-10-25T01:30', 7], ['2011-12-29T10:00', 1]] as const) {
      for (const zone of ['America/New_York', 'Pacific/Apia']) {
        const at = DateTime.fromISO(wall, { zone }).toMillis();
        expect(sameWallTimeDaysLater(at, days, zone)).toBe(DateTime.fromMillis(at, { zone }).plus({ days }).toMillis());
      }
    }
  });

  it('gives the weekday of the local date, whichever side of midnight UTC it is', () => {
    forgetLocalDays();
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (at, zone) => {
        expect(localWeekdayOf(at, zone)).toBe(DateTime.fromMillis(at, { zone }).weekday);
      }),
      { numRuns: 1000 },
    );
  });
});
