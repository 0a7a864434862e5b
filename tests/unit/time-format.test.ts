import { describe, expect, it, vi } from 'vitest';
import { parseTypedTime } from '../../shared/domain/quickTimes';
import { unbrokenTime } from './helpers';
import { dateTimeIn, leadTime, localClock, prepareZoneFormats, spokenDate, theirTimeBeside, timeIn } from '../../shared/domain/timeFormat';

// The chosen time's preview on the call screen (9, then T): "next year" showed "Thu, Mar 4" with
// no year, read as this March.
describe('a time’s date shows its year when it is not this year', () => {
  // Wednesday 4 March 2026, 14:47 in Indianapolis.
  const now = Date.parse('2026-03-04T19:47:00Z');
  const zone = 'America/Indiana/Indianapolis';

  it('the preview of "next year" says 2027; of "next week" no year', () => {
    const nextYear = parseTypedTime('next year', now, zone);
    const nextWeek = parseTypedTime('next week', now, zone);
    if (!nextYear.ok || !nextWeek.ok) throw new Error('not read');
    expect(dateTimeIn(nextYear.at, zone, now)).toMatch(/Mar\s4.*2027/);
    expect(dateTimeIn(nextWeek.at, zone, now)).toMatch(/Mar\s11/);
    expect(dateTimeIn(nextWeek.at, zone, now)).not.toMatch(/2026/);
    expect(dateTimeIn(now + 60 * 60 * 1000, zone, now)).toMatch(/Mar\s4/); // today still has its date
  });

  it('the year is the one in that zone: New Year’s Eve in New York is 1 January in London', () => {
    const eve = Date.parse('2026-12-31T23:00:00Z'); // 18:00 in New York, 23:00 in London
    const at = Date.parse('2027-01-01T01:00:00Z'); // 20:00 New York 31 Dec, 01:00 London 1 Jan
    expect(dateTimeIn(at, 'America/New_York', eve)).not.toMatch(/2027|2026/);
    expect(dateTimeIn(at, 'Europe/London', eve)).toMatch(/2027/);
  });

  it('timeIn with `now` adds the year to a date of another year, and nothing to today', () => {
    expect(timeIn(Date.parse('2027-03-04T19:47:00Z'), zone, now)).toMatch(/Mar\s4.*2027/);
    expect(timeIn(now + 60 * 60 * 1000, zone, now)).not.toMatch(/Mar|2026/);
    expect(timeIn(Date.parse('2026-03-11T18:47:00Z'), zone, now)).not.toMatch(/2026/);
  });
});

// The Tasks and Promises screens: the rep's time (with its date) in one column, the lead's beside
// it with the date only when their clock is on another day, so neither is cut at 1024×640.
describe('a lead’s time beside the rep’s', () => {
  it('is the time and zone alone on the same day, whatever day that is', () => {
    // Thursday 5 March 2026, 15:00 UTC: 10:00 in New York.
    const at = Date.parse('2026-03-05T15:00:00Z');
    const beside = theirTimeBeside(at, 'America/New_York', 'UTC');
    expect(beside).toMatch(/^10:00\sAM\sEST$/);
  });

  it('carries the lead’s date when their clock is on another day', () => {
    // 15:00 UTC on Thursday 5 March is 02:00 on Friday 6 March in Sydney (AEDT, UTC+11).
    const at = Date.parse('2026-03-05T15:00:00Z');
    const beside = theirTimeBeside(at, 'Australia/Sydney', 'UTC');
    expect(beside).toMatch(/Fri.*Mar\s6/);
    expect(beside).toMatch(/2:00\sAM/);
    expect(beside).not.toMatch(/Thu|Mar\s5/);
  });

  it('is the rep’s own day that decides, not UTC’s', () => {
    // 03:00 UTC on 5 March: 22:00 on 4 March in New York (the lead) and in Chicago (21:00, the rep).
    const at = Date.parse('2026-03-05T03:00:00Z');
    expect(theirTimeBeside(at, 'America/New_York', 'America/Chicago')).toMatch(/^10:00\sPM\sEST$/);
    // A rep in London is already on the 5th: the lead's date is said.
    expect(theirTimeBeside(at, 'America/New_York', 'Europe/London')).toMatch(/Wed.*Mar\s4.*10:00\sPM\sEST/);
  });
});

// The reasons, the due strip and the notifications: the lead's time, the rep's beside it.
describe('a lead’s time with the rep’s', () => {
  const clock = (at: number, zone: string, withDate: boolean) =>
    unbrokenTime(new Intl.DateTimeFormat(undefined, { ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}), hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: zone }).format(at));
  const now = Date.parse('2026-03-04T15:00:00Z'); // Wednesday 10:00 in New York, 16:00 in Berlin

  it('today on both clocks: no dates; the same clock: the lead’s alone', () => {
    const at = Date.parse('2026-03-04T17:00:00Z');
    expect(leadTime(at, 'America/New_York', now, 'Europe/Berlin')).toBe(`${clock(at, 'America/New_York', false)} · ${clock(at, 'Europe/Berlin', false)}\u00a0yours`);
    expect(leadTime(at, 'Europe/London', now, 'Etc/UTC')).toBe(clock(at, 'Europe/London', false)); // London is on UTC in March
  });

  it('another day on both clocks, the same date: the date once', () => {
    const at = Date.parse('2026-03-05T07:00:00Z'); // Thursday 02:00 in New York, 08:00 in Berlin
    expect(leadTime(at, 'America/New_York', now, 'Europe/Berlin')).toBe(`${clock(at, 'America/New_York', true)} · ${clock(at, 'Europe/Berlin', false)}\u00a0yours`);
  });

  it('the two clocks on different dates: each says its own', () => {
    const at = Date.parse('2026-03-05T04:00:00Z'); // Wednesday 23:00 in New York, Thursday 05:00 in Berlin
    expect(leadTime(at, 'America/New_York', now, 'Europe/Berlin')).toBe(`${clock(at, 'America/New_York', false)} · ${clock(at, 'Europe/Berlin', true)}\u00a0yours`);
    const later = Date.parse('2026-03-06T04:00:00Z'); // Thursday 23:00 in New York, Friday 05:00 in Berlin
    expect(leadTime(later, 'America/New_York', now, 'Europe/Berlin')).toBe(`${clock(later, 'America/New_York', true)} · ${clock(later, 'Europe/Berlin', true)}\u00a0yours`);
  });
});

describe('a time is never split across two lines', () => {
  it('no space inside a drawn time breaks, only those after a comma and around the "·"', () => {
    const now = Date.parse('2026-03-04T15:00:00Z');
    for (const at of [now, now + 20 * 3600_000, now + 400 * 86_400_000]) {
      for (const text of [leadTime(at, 'America/New_York', now, 'Europe/Berlin'), timeIn(at, 'Asia/Tokyo', now), dateTimeIn(at, 'America/Chicago', now), theirTimeBeside(at, 'Australia/Sydney', 'Etc/UTC')]) {
        expect(text.replace(/ · /g, ''), text).not.toMatch(/[^,]\u0020/);
      }
    }
  });
});

describe('a zone’s formatters built ahead (the queue’s warming)', () => {
  it('after prepareZoneFormats, a lead’s time, clock, date and spoken date in that zone build no formatter', () => {
    // A zone no other test here draws in, so nothing else has built its formatters.
    const zone = 'Asia/Kathmandu';
    const now = Date.parse('2026-03-04T12:00:00Z');
    prepareZoneFormats(zone);
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      spokenDate(now, zone);
      localClock(now, zone);
      timeIn(now - 3 * 86_400_000, zone, now);
      dateTimeIn(now - 400 * 86_400_000, zone, now);
      leadTime(now, zone, now, zone);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('an unknown zone is left alone (no throw; its times are drawn in UTC as before)', () => {
    expect(() => prepareZoneFormats('Not/AZone')).not.toThrow();
    expect(spokenDate(Date.parse('2026-03-04T12:00:00Z'), 'Not/AZone')).toBe(spokenDate(Date.parse('2026-03-04T12:00:00Z'), 'UTC'));
  });
});
