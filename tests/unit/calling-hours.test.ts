import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callingHours, DEFAULT_CALLING_HOURS, voicemailWindows, type CallingHoursSettings } from '../../shared/domain/callingHours';
import { timeToken } from '../../shared/domain/timeText';

const NY = { timeZones: ['America/New_York'], lineType: 'residential' as const };
const iso = (ms: number | Date | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (text: string) => new Date(text);
// The instant a reason names, on New York's clock (drawn where it is read: timeText.ts).
const ny = (text: string) => timeToken(Date.parse(text), 'America/New_York');

describe('callingHours: edges of the residential day (08:00–21:00 local)', () => {
  it.each([
    ['2026-06-10T11:59:00Z', false, '2026-06-10T12:00:00.000Z', `outside calling hours until ${ny('2026-06-10T12:00:00Z')}`], // 07:59 EDT, opens 08:00
    ['2026-06-10T12:00:00Z', true, '2026-06-10T12:00:00.000Z', `inside calling hours until ${ny('2026-06-11T01:00:00Z')}`], // 08:00 EDT, closes 21:00
    ['2026-06-11T00:59:00Z', true, '2026-06-11T00:59:00.000Z', `inside calling hours until ${ny('2026-06-11T01:00:00Z')}`], // 20:59 EDT
    ['2026-06-11T01:00:00Z', false, '2026-06-11T12:00:00.000Z', `outside calling hours until ${ny('2026-06-11T12:00:00Z')}`], // 21:00 EDT Wednesday: 08:00 Thursday
  ])('at %s: allowed %s, next open %s', (instant, allowed, nextOpen, reason) => {
    const answer = callingHours(NY, at(instant));
    expect(answer.allowed).toBe(allowed);
    expect(iso(answer.nextOpen)).toBe(nextOpen);
    expect(answer.reason).toBe(reason);
  });

  it('business lines open at 06:30 and close at 20:00', () => {
    const lead = { timeZones: ['America/Chicago'], lineType: 'business' as const };
    expect(callingHours(lead, at('2026-06-10T11:29:00Z')).allowed).toBe(false); // 06:29 CDT
    expect(callingHours(lead, at('2026-06-10T11:30:00Z')).allowed).toBe(true); // 06:30 CDT
    expect(iso(callingHours(lead, at('2026-06-10T12:00:00Z')).closesAt)).toBe('2026-06-11T01:00:00.000Z'); // 20:00 CDT
  });
});

describe('callingHours on the daylight-saving days of 2026', () => {
  it.each([
    ['America/New_York', '2026-03-08', '2026-03-08T12:00:00.000Z'], // spring forward: 08:00 EDT
    ['America/New_York', '2026-03-07', '2026-03-07T13:00:00.000Z'], // the day before: 08:00 EST
    ['America/New_York', '2026-11-01', '2026-11-01T13:00:00.000Z'], // fall back: 08:00 EST
    ['Europe/London', '2026-03-29', '2026-03-29T07:00:00.000Z'], // 08:00 BST
    ['Europe/London', '2026-10-25', '2026-10-25T08:00:00.000Z'], // 08:00 GMT
    ['Australia/Sydney', '2026-04-05', '2026-04-04T22:00:00.000Z'], // 08:00 AEST (DST ended 03:00)
    ['Australia/Sydney', '2026-10-04', '2026-10-03T21:00:00.000Z'], // 08:00 AEDT (DST began 02:00)
  ])('%s on %s opens at %s', (zone, date, opens) => {
    const lead = { timeZones: [zone], lineType: 'residential' as const };
    const justBefore = new Date(Date.parse(opens) - 60_000);
    const before = callingHours(lead, justBefore);
    expect(before.allowed).toBe(false);
    expect(iso(before.nextOpen)).toBe(opens);
    expect(callingHours(lead, new Date(opens)).allowed).toBe(true);
    expect(DateTime.fromISO(opens, { zone }).toISODate()).toBe(date);
  });
});

describe('callingHours with several candidate zones', () => {
  const lead = { timeZones: ['America/Denver', 'America/North_Dakota/Center'], lineType: 'residential' as const };

  it('is callable only where every zone allows it', () => {
    // 08:30 Central is 07:30 Mountain: not yet.
    const early = callingHours(lead, at('2026-06-10T13:30:00Z'));
    expect(early.allowed).toBe(false);
    expect(iso(early.nextOpen)).toBe('2026-06-10T14:00:00.000Z'); // 08:00 MDT
    expect(early.reason).toBe(`outside calling hours until ${timeToken(Date.parse('2026-06-10T14:00:00Z'), 'America/Denver')} in all their zones`);
    // It closes at 21:00 Central (20:00 Mountain).
    expect(iso(callingHours(lead, at('2026-06-10T20:00:00Z')).closesAt)).toBe('2026-06-11T02:00:00.000Z');
  });

  it('property: whenever a lead is callable, every zone is inside its hours', () => {
    const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T23:59:00Z') }),
        fc.subarray(zones, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('residential' as const, 'business' as const),
        (instant, timeZones, lineType) => {
          const answer = callingHours({ timeZones, lineType }, new Date(instant));
          const [open, close] = lineType === 'residential' ? ['08:00', '21:00'] : ['06:30', '20:00'];
          for (const zone of timeZones) {
            const here = DateTime.fromMillis(instant, { zone });
            const local = here.toFormat('HH:mm');
            // Businesses are closed at weekends unless the desk opens them.
            const inside = local >= open && local < close && (lineType === 'residential' || here.weekday <= 5);
            if (answer.allowed) expect(inside, `${zone} at ${local}`).toBe(true);
            if (inside && timeZones.length === 1) expect(answer.allowed).toBe(true);
          }
          if (!answer.allowed && answer.nextOpen) expect(answer.nextOpen.getTime()).toBeGreaterThan(instant);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('callingHours settings', () => {
  it('per country and per weekday', () => {
    const settings: CallingHoursSettings = {
      ...DEFAULT_CALLING_HOURS,
      byCountry: { DE: { business: { 1: { start: '09:00', end: '18:00' }, 2: { start: '09:00', end: '18:00' }, 3: { start: '09:00', end: '18:00' }, 4: { start: '09:00', end: '18:00' }, 5: { start: '09:00', end: '17:00' }, 6: null, 7: null } } },
    };
    const lead = { timeZones: ['Europe/Berlin'], lineType: 'business' as const, country: 'DE' };
    expect(callingHours(lead, at('2026-06-10T06:30:00Z'), settings).allowed).toBe(false); // 08:30 CEST, opens 09:00
    expect(callingHours(lead, at('2026-06-10T07:00:00Z'), settings).allowed).toBe(true);
    // Saturday 13 June: closed all weekend, opens Monday 09:00 CEST.
    const saturday = callingHours(lead, at('2026-06-13T10:00:00Z'), settings);
    expect(saturday.allowed).toBe(false);
    expect(iso(saturday.nextOpen)).toBe('2026-06-15T07:00:00.000Z');
    // Without the country the defaults apply: Friday 18:00 CEST is after Germany's 17:00, inside
    // the default business day; and the default business week has no Saturday.
    expect(callingHours(lead, at('2026-06-12T16:00:00Z'), settings).allowed).toBe(false);
    expect(callingHours({ ...lead, country: 'FR' }, at('2026-06-12T16:00:00Z'), settings).allowed).toBe(true);
    expect(callingHours({ ...lead, country: 'FR' }, at('2026-06-13T10:00:00Z'), settings).allowed).toBe(false);
  });
});

describe('voicemailWindows', () => {
  const windows = (zone: string, from: string, to: string) =>
    voicemailWindows(zone, at(from), at(to)).map((w) => `${DateTime.fromMillis(w.start, { zone }).toFormat('ccc HH:mm')}–${DateTime.fromMillis(w.end, { zone }).toFormat('HH:mm')} ${iso(w.start)}`);

  it('weekdays 06:45–08:00 and 16:30–18:30, not Monday morning, not Friday afternoon, not weekends (New York, the week after spring forward)', () => {
    expect(windows('America/New_York', '2026-03-08T00:00:00Z', '2026-03-15T00:00:00Z')).toEqual([
      'Mon 16:30–18:30 2026-03-09T20:30:00.000Z',
      'Tue 06:45–08:00 2026-03-10T10:45:00.000Z',
      'Tue 16:30–18:30 2026-03-10T20:30:00.000Z',
      'Wed 06:45–08:00 2026-03-11T10:45:00.000Z',
      'Wed 16:30–18:30 2026-03-11T20:30:00.000Z',
      'Thu 06:45–08:00 2026-03-12T10:45:00.000Z',
      'Thu 16:30–18:30 2026-03-12T20:30:00.000Z',
      'Fri 06:45–08:00 2026-03-13T10:45:00.000Z',
    ]);
  });

  it('follows the clock change inside a week (London, 23–27 March 2026 vs 30 March)', () => {
    expect(windows('Europe/London', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      'Fri 06:45–08:00 2026-03-27T06:45:00.000Z', // GMT
      'Mon 16:30–18:30 2026-03-30T15:30:00.000Z', // BST
    ]);
  });

  it('southern hemisphere: Sydney across the April and October changes', () => {
    expect(windows('Australia/Sydney', '2026-04-02T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual([
      'Thu 16:30–18:30 2026-04-02T05:30:00.000Z', // AEDT, UTC+11
      'Fri 06:45–08:00 2026-04-02T19:45:00.000Z',
      'Mon 16:30–18:30 2026-04-06T06:30:00.000Z', // AEST, UTC+10
      'Tue 06:45–08:00 2026-04-06T20:45:00.000Z',
    ]);
    expect(windows('Australia/Sydney', '2026-10-01T00:00:00Z', '2026-10-06T00:00:00Z')).toEqual([
      'Thu 16:30–18:30 2026-10-01T06:30:00.000Z', // AEST
      'Fri 06:45–08:00 2026-10-01T20:45:00.000Z',
      'Mon 16:30–18:30 2026-10-05T05:30:00.000Z', // AEDT
      'Tue 06:45–08:00 2026-10-05T19:45:00.000Z',
    ]);
  });

  it('clips to the requested range, and an open window reports where it ends', () => {
    const [first] = voicemailWindows('America/New_York', at('2026-03-10T21:00:00Z'), at('2026-03-11T00:00:00Z'));
    expect(first).toEqual({ start: Date.parse('2026-03-10T21:00:00Z'), end: Date.parse('2026-03-10T22:30:00Z') });
  });
});
