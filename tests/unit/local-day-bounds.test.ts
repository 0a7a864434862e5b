import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { forgetLocalDays, localDayBounds } from '../../shared/domain/localWindows';

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
