import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localClock, spokenDate, wallClock, wallRange } from '../../shared/domain/timeFormat';
import { formatForDisplay } from '../../shared/domain/phoneFormat';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const ZONES = ['America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London', 'Etc/UTC', 'Etc/GMT+5', 'America/Phoenix'];

/** The minutes since midnight a drawn clock says, read back in either convention ("3:01 PM",
 *  "15:01"): an independent reading, so the reference below can be luxon's wall clock. */
function readClock(text: string): number {
  const found = /^(\d{1,2}):(\d{2})(?: ([AP])M)?$/.exec(text.replace(/[\u00a0\u202f]/g, ' '));
  if (!found) throw new Error(`not a clock: ${JSON.stringify(text)}`);
  const hour = Number(found[1]);
  const minute = Number(found[2]);
  return (found[3] === undefined ? hour : (hour % 12) + (found[3] === 'P' ? 12 : 0)) * 60 + minute;
}

// Whether this machine's locale reads the clock in twelve hours (the US's does).
const twelveHours = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h1') ?? false;

describe('the local clock the rep reads', () => {
  it("is the zone's wall clock at any instant, across every 2026 change (luxon as the reference), in the OS locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-12-31T00:00:00Z'), max: Date.parse('2027-01-02T00:00:00Z') }), fc.constantFrom(...ZONES), (at, zone) => {
        const clock = localClock(at, zone);
        const wall = DateTime.fromMillis(at, { zone });
        expect(readClock(clock)).toBe(wall.hour * 60 + wall.minute);
        // In the locale's own convention, as every other time on screen, and never cut in two.
        expect(/[AP]M$/.test(clock)).toBe(twelveHours);
        expect(clock).not.toContain(' ');
      }),
      { numRuns: 5000 },
    );
    // Midnight is the start of the day (12:00 AM, 0:00), not its end.
    expect(readClock(localClock(Date.parse('2026-03-04T05:00:00Z'), 'America/New_York'))).toBe(0);
  });

  it('draws a time of day from a rule or a setting ("HH:mm", or minutes) the same way, the end of the day as midnight', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(readClock(wallClock(hhmm))).toBe(minutes);
      expect(wallClock(minutes)).toBe(wallClock(hhmm));
      expect(/[AP]M$/.test(wallClock(hhmm))).toBe(twelveHours);
    }
    expect(wallClock('24:00')).toBe(twelveHours ? wallClock('00:00') : '24:00');
    // Where clocks run 0–23 the end of the day is 24:00, not the 0:00 it began with.
    expect(wallClock('24:00', 'de-DE')).toBe('24:00');
    expect(wallClock('00:00', 'de-DE')).toBe('0:00');
    expect(wallClock('20:30', 'de-DE')).toBe('20:30');
    expect(wallClock('24:00', 'en-US').replace(/\s/g, ' ')).toBe('12:00 AM');
    expect(wallRange('08:00', '20:00')).toBe(`${wallClock(480)}–${wallClock(1200)}`);
    expect(readClock(wallRange('08:00', '20:00').split('–')[1]!)).toBe(20 * 60);
    // What is not a time of day is left as it came, not drawn as a wrong one.
    expect(wallClock('25:00')).toBe('25:00');
    expect(wallClock('8')).toBe('8');
  });

  it("says a script's date on the lead's calendar: Tuesday evening in New York is Wednesday in UTC", () => {
    const at = Date.parse('2026-03-04T03:00:00Z');
    expect(spokenDate(at, 'America/New_York')).toMatch(/^Tuesday\b/);
    expect(spokenDate(at, 'America/New_York')).toMatch(/\bMarch\b/);
    expect(spokenDate(at, 'America/New_York')).toMatch(/\b3\b/);
    expect(spokenDate(at, 'UTC')).toMatch(/^Wednesday\b.*\b4\b/);
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
