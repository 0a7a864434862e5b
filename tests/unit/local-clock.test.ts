import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localClock } from '../../shared/domain/localWindows';
import { formatForDisplay } from '../../shared/domain/phoneFormat';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const ZONES = ['America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London', 'Etc/UTC', 'Etc/GMT+5', 'America/Phoenix'];

describe('the local clock the rep reads', () => {
  it("is the zone's wall clock as HH:mm at any instant, across every 2026 change (luxon as the reference)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-12-31T00:00:00Z'), max: Date.parse('2027-01-02T00:00:00Z') }), fc.constantFrom(...ZONES), (at, zone) => {
        expect(localClock(at, zone)).toBe(DateTime.fromMillis(at, { zone }).toFormat('HH:mm'));
      }),
      { numRuns: 5000 },
    );
    // Midnight is 00:00, not 24:00.
    expect(localClock(Date.parse('2026-03-04T05:00:00Z'), 'America/New_York')).toBe('00:00');
  });

  it('formats a number once and gives the same text as libphonenumber every time', () => {
    for (const e164 of ['+14155552671', '+442079460958', '+61291234567', '+35312345678']) {
      const expected = parsePhoneNumberFromString(e164)!.formatInternational();
      expect(formatForDisplay(e164)).toBe(expected);
      expect(formatForDisplay(e164)).toBe(expected);
      expect(formatForDisplay(e164, '204')).toBe(`${expected} ext. 204`);
    }
  });
});
