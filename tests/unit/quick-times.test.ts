import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callableIntervals, type CallableLead } from '../../shared/domain/callingHours';
import { insideCallingHours, parseTypedTime, quickPicks, type LeadClock } from '../../shared/domain/quickTimes';

const DAY = 24 * 60 * 60 * 1000;

/** A lead's clock as the core builds it: its calling hours over the next 15 days. */
function clockOf(lead: CallableLead, now: number): LeadClock {
  return { zones: lead.timeZones, callable: callableIntervals(lead, now, now + 15 * DAY), knownUntil: now + 15 * DAY };
}

const newYorkBusiness: CallableLead = { timeZones: ['America/New_York'], lineType: 'business' };
const londonResidential: CallableLead = { timeZones: ['Europe/London'], lineType: 'residential' };

function picksAt(iso: string, lead: CallableLead) {
  const now = Date.parse(iso);
  return new Map(quickPicks(now, clockOf(lead, now)).map((p) => [p.id, p]));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('quick picks, in the lead’s time', () => {
  it('on the Friday before the US clocks go forward: Saturday is no business day, Monday 09:00 is EDT, a week on keeps the wall time', () => {
    // Friday 6 March 2026, 10:00 EST; the clocks go forward on Sunday 8 March.
    const picks = picksAt('2026-03-06T15:00:00Z', newYorkBusiness);
    expect([...picks.values()].map((p) => p.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(iso(picks.get('in_an_hour')!.at)).toBe('2026-03-06T16:00:00.000Z');
    expect(iso(picks.get('later_today')!.at)).toBe('2026-03-06T21:00:00.000Z'); // 16:00 EST
    expect(iso(picks.get('tomorrow_morning')!.at)).toBe('2026-03-07T14:00:00.000Z'); // Sat 09:00 EST
    expect(picks.get('tomorrow_morning')!.insideHours).toBe(false); // businesses are closed on Saturday
    expect(iso(picks.get('next_business_day')!.at)).toBe('2026-03-09T13:00:00.000Z'); // Mon 09:00 EDT
    // Its day is drawn beside it with the time ("Mon, Mar 9, 9:00 AM EDT"), not in the name.
    expect(picks.get('next_business_day')!.label).toBe('Next business day, morning');
    expect(picks.get('next_business_day')!.insideHours).toBe(true);
    expect(iso(picks.get('in_a_week')!.at)).toBe('2026-03-13T14:00:00.000Z'); // Fri 10:00 EDT: 167 hours on
  });

  it('on the Saturday before the UK clocks go forward: tomorrow 09:00 is BST, and so is a week on', () => {
    // Saturday 28 March 2026, 12:00 GMT; BST starts on Sunday 29 March at 01:00 UTC.
    const picks = picksAt('2026-03-28T12:00:00Z', londonResidential);
    expect(iso(picks.get('later_today')!.at)).toBe('2026-03-28T16:00:00.000Z');
    expect(iso(picks.get('tomorrow_morning')!.at)).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(picks.get('next_business_day')!.at)).toBe('2026-03-30T08:00:00.000Z'); // Monday
    expect(iso(picks.get('in_a_week')!.at)).toBe('2026-04-04T11:00:00.000Z');
  });

  it('after 16:00 their time "later today" is not offered, and says why', () => {
    // Monday 2 March 2026, 17:30 EST.
    const later = picksAt('2026-03-02T22:30:00Z', newYorkBusiness).get('later_today')!;
    expect(later.at).toBeNull();
    expect(later.unavailable).toBe('already past on their clock');
  });

  it('on a Friday evening the next business day is Monday; on a Monday it is Tuesday', () => {
    expect(iso(picksAt('2026-03-06T23:00:00Z', newYorkBusiness).get('next_business_day')!.at)).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(picksAt('2026-03-02T17:00:00Z', newYorkBusiness).get('next_business_day')!.at)).toBe('2026-03-03T14:00:00.000Z');
  });

  it('"in 1 hour" at 19:30 EST is 20:30, past a business line’s 20:00 close', () => {
    const picks = picksAt('2026-03-03T00:30:00Z', newYorkBusiness); // Monday 19:30 EST
    expect(picks.get('in_an_hour')!.insideHours).toBe(false);
    expect(picks.get('tomorrow_morning')!.insideHours).toBe(true);
  });
});

describe('typed times, read on the lead’s clock', () => {
  // Monday 2 March 2026, 12:00 in New York.
  const now = Date.parse('2026-03-02T17:00:00Z');
  const read = (text: string, zone = 'America/New_York', at = now) => {
    const typed = parseTypedTime(text, at, zone);
    return typed.ok ? new Date(typed.at).toISOString() : `error: ${typed.message}`;
  };

  it('reads the forms a rep types', () => {
    expect(read('tomorrow 9')).toBe('2026-03-03T14:00:00.000Z');
    expect(read('tue 10am')).toBe('2026-03-03T15:00:00.000Z');
    expect(read('in 2h')).toBe('2026-03-02T19:00:00.000Z');
    expect(read('fri 4')).toBe('2026-03-06T21:00:00.000Z'); // 16:00, not 04:00
    expect(read('9am')).toBe('2026-03-03T14:00:00.000Z'); // passed today: tomorrow
    expect(read('3pm')).toBe('2026-03-02T20:00:00.000Z');
  });

  it('reads them in the lead’s zone, not the rep’s', () => {
    expect(read('tomorrow 9', 'Europe/London')).toBe('2026-03-03T09:00:00.000Z');
    expect(read('tomorrow 9', 'America/Los_Angeles')).toBe('2026-03-03T17:00:00.000Z');
  });

  it('uses the offset of the day named, not of today, across a change of clocks', () => {
    // Friday 6 March, 10:00 EST; Monday 9 March is EDT (UTC−4).
    expect(read('mon 9am', 'America/New_York', Date.parse('2026-03-06T15:00:00Z'))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('says what it could not read', () => {
    expect(read('garbage')).toMatch(/^error: .*not a time/);
    expect(read('')).toMatch(/^error: Type a time/);
  });

  it('knows when a time is outside the lead’s hours, and when it cannot tell', () => {
    const lead = clockOf(newYorkBusiness, now);
    expect(insideCallingHours(Date.parse('2026-03-03T14:00:00Z'), lead)).toBe(true); // Tue 09:00
    expect(insideCallingHours(Date.parse('2026-03-04T02:00:00Z'), lead)).toBe(false); // Tue 21:00
    expect(insideCallingHours(now + 20 * DAY, lead)).toBeNull();
  });
});

describe('typed relative times keep the lead’s wall clock (the tester’s Indianapolis lead)', () => {
  // Wednesday 4 March 2026, 14:47 in Indianapolis (EST, UTC−5); the US clocks go forward on 8 March.
  const now = Date.parse('2026-03-04T19:47:00Z');
  const zone = 'America/Indiana/Indianapolis';
  const local = (text: string, at = now, z = zone) => {
    const typed = parseTypedTime(text, at, z);
    return typed.ok ? DateTime.fromMillis(typed.at, { zone: z }).toISO() : `error: ${typed.message}`;
  };

  it('"next week", "next year", "in 1 year": the same 14:47 their time, a week or a year on', () => {
    expect(local('next week')).toBe('2026-03-11T14:47:00.000-04:00'); // EDT by then: still 14:47
    expect(local('in 1 week')).toBe('2026-03-11T14:47:00.000-04:00');
    expect(local('next year')).toBe('2027-03-04T14:47:00.000-05:00');
    expect(local('in 1 year')).toBe('2027-03-04T14:47:00.000-05:00');
    expect(local('in 2 days')).toBe('2026-03-06T14:47:00.000-05:00');
    expect(local('next month')).toBe('2026-04-04T14:47:00.000-04:00');
  });

  it('"tomorrow" alone is tomorrow 09:00 their time (as the quick pick), not 09 with the minutes of now', () => {
    expect(local('tomorrow')).toBe('2026-03-05T09:00:00.000-05:00');
  });

  it('a month or a year on from the end of a month is that month’s last day, not the next month’s first', () => {
    expect(local('in 1 month', Date.parse('2026-03-31T15:00:00Z'), 'UTC')).toBe('2026-04-30T15:00:00.000Z');
    expect(local('next year', Date.parse('2028-02-29T15:00:00Z'), 'UTC')).toBe('2029-02-28T15:00:00.000Z');
  });

  const ZONES = ['Asia/Kolkata', 'Australia/Lord_Howe', 'America/New_York', 'America/Indiana/Indianapolis', 'Europe/London', 'UTC'];
  // Each phrase and what it means on the lead's clock, derived with luxon alone.
  const PHRASES: [string, (l: DateTime) => DateTime][] = [
    ['in 2 days', (l) => l.plus({ days: 2 })],
    ['next week', (l) => l.plus({ weeks: 1 })],
    ['in 3 weeks', (l) => l.plus({ weeks: 3 })],
    ['next month', (l) => l.plus({ months: 1 })],
    ['in 2 months', (l) => l.plus({ months: 2 })],
    ['next year', (l) => l.plus({ years: 1 })],
    ['in 1 year', (l) => l.plus({ years: 1 })],
    ['tomorrow', (l) => l.plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 })],
    ['in 2h', (l) => DateTime.fromMillis(l.toMillis() + 2 * 60 * 60 * 1000, { zone: l.zone })], // a span: the clocks may change meanwhile
  ];

  it('table: every relative phrase in Kolkata, Lord Howe, New York (across the March change) and Indianapolis', () => {
    const nows = ['2026-03-04T19:47:00Z', '2026-03-07T21:13:00Z', '2026-04-04T14:29:00Z', '2026-10-31T23:05:00Z', '2026-09-28T04:41:00Z'];
    for (const z of ZONES)
      for (const iso of nows)
        for (const [text, expected] of PHRASES) {
          const at = Date.parse(iso);
          const l = DateTime.fromMillis(at, { zone: z }).set({ second: 0, millisecond: 0 });
          expect(`${z} ${iso} ${text}: ${local(text, at, z)}`).toBe(`${z} ${iso} ${text}: ${expected(l).toISO()}`);
        }
  });

  it('property: any minute over two years, any of those zones, the phrase lands where luxon says', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 366 * 24 * 60 }), fc.constantFrom(...ZONES), fc.constantFrom(...PHRASES), (minutes, z, [text, expected]) => {
        const at = start + minutes * 60 * 1000;
        const want = expected(DateTime.fromMillis(at, { zone: z })).toMillis();
        const typed = parseTypedTime(text, at, z);
        // A wall time the clocks skip (Lord Howe's half hour, a spring-forward hour) has no
        // single answer; luxon's and ours both move it on, and the test asks only that.
        expect(typed.ok).toBe(true);
        if (typed.ok) expect(new Date(typed.at).toISOString()).toBe(new Date(want).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bare hours and "at": the next such time on the lead’s clock', () => {
  // Wednesday 4 March 2026, 14:47 in New York.
  const now = Date.parse('2026-03-04T19:47:00Z');
  const read = (text: string, at = now, zone = 'America/New_York') => {
    const typed = parseTypedTime(text, at, zone);
    return typed.ok ? DateTime.fromMillis(typed.at, { zone }).toISO() : `error: ${typed.message}`;
  };

  it('a bare hour from 1 to 7 is the afternoon, the next one to come', () => {
    expect(read('3')).toBe('2026-03-04T15:00:00.000-05:00'); // 13 minutes away
    expect(read('7')).toBe('2026-03-04T19:00:00.000-05:00');
    expect(read('1')).toBe('2026-03-05T13:00:00.000-05:00'); // 13:00 has passed today
    expect(read('3', Date.parse('2026-03-04T21:30:00Z'))).toBe('2026-03-05T15:00:00.000-05:00'); // at 16:30: tomorrow's
  });

  it('other bare hours are that hour, the next one to come', () => {
    expect(read('9')).toBe('2026-03-05T09:00:00.000-05:00');
    expect(read('16')).toBe('2026-03-04T16:00:00.000-05:00');
  });

  it('"at 3" and "3pm" agree: the next 15:00 their time', () => {
    expect(read('at 3')).toBe('2026-03-04T15:00:00.000-05:00');
    expect(read('3pm')).toBe('2026-03-04T15:00:00.000-05:00');
    expect(read('at 3', Date.parse('2026-03-04T21:30:00Z'))).toBe('2026-03-05T15:00:00.000-05:00');
    expect(read('at 3', Date.parse('2026-03-04T12:00:00Z'))).toBe('2026-03-04T15:00:00.000-05:00'); // 07:00: today's
  });
});
