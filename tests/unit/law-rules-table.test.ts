// Issue #12, acceptance 1: every shipped calling rule, held to the text of its source. For each
// rule the expected hours, days and holidays are written out below from the statute or the
// regulator's page as quoted (NOT read from rules.ts), and every window edge is checked — a minute
// before opening, at opening, a minute before closing, at closing — on a weekday, each weekend
// day, the rule's holidays and the day after, and the daylight-saving days of its hemisphere
// (US/Canada: Sun 8 Mar and Sun 1 Nov 2026; Australia: Sun 5 Apr and Sun 4 Oct 2026). Each case is
// asked twice: of rulesBrokenAt (what the call screen records) and of callingHours with only that
// rule on and the desk open all day (what the queue offers). Rolling caps: three calls in 24 hours
// hold the fourth back until exactly 24 hours after the first, not until local midnight.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callingHours, type CallingHoursSettings, type WeeklyHours } from '../../shared/domain/callingHours';
import { capBlock, rulesBrokenAt, type Law } from '../../shared/domain/law/engine';
import { CALLING_RULES, RULES_BY_ID } from '../../shared/domain/law/rules';
import { DEFAULT_QUEUE_SETTINGS, retryPlan, type QueueLeadBase, type QueueSettings } from '../../shared/domain/queueRules';
import { timeToken } from '../../shared/domain/timeText';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// The desk open 00:00–23:59 every day for both line types: only the rule under test closes a lead.
const allDay = { start: '00:00', end: '23:59' };
const ALL_DAY: WeeklyHours = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };
const WIDE_DESK: CallingHoursSettings = { residential: ALL_DAY, business: ALL_DAY, byCountry: {} };

type Window = [start: string, end: string] | null;
/** What a source says: the hours on each ISO weekday (1 Monday … 7 Sunday), and dates it closes. */
interface Statute {
  id: string;
  /** The zone the lead is in, for the test. */
  zone: string;
  /** The source, as the test reads it. */
  text: string;
  hours: Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Window>;
  /** Local dates the source closes (its holidays), and the day after each, which it does not. */
  holidays: string[];
  afterHolidays: string[];
  /** Days that are a holiday somewhere but that this source does not close. */
  notClosing: string[];
}

const days = (weekday: Window, saturday: Window, sunday: Window): Statute['hours'] => ({ 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: saturday, 7: sunday });

// A plain Wednesday and a weekend, in both hemispheres' ordinary time.
const ORDINARY = ['2026-03-04', '2026-03-14', '2026-03-15'];
// North America's 2026 clock changes (second Sunday of March, first Sunday of November), with the
// Saturday before and the Monday after.
const US_DST = ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02'];
// Australia's (NSW, VIC, SA, TAS, ACT): first Sunday of April ends it, first Sunday of October
// starts it. The Monday after 5 April is Easter Monday, so the Tuesday stands in.
const AU_DST = ['2026-04-04', '2026-04-05', '2026-04-07', '2026-10-03', '2026-10-04', '2026-10-05'];

const STATUTES: Statute[] = [
  {
    id: 'us-federal', zone: 'America/New_York',
    // 47 CFR § 64.1200(c)(1): no telephone solicitation to a residential subscriber "before the
    // hour of 8 a.m. or after 9 p.m. (local time at the called party's location)". No holidays.
    text: '47 CFR § 64.1200(c)(1): 8 a.m. to 9 p.m. local time, every day',
    hours: days(['08:00', '21:00'], ['08:00', '21:00'], ['08:00', '21:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25', '2026-07-04'],
  },
  {
    id: 'ca-crtc', zone: 'America/Toronto',
    // CRTC Unsolicited Telecommunications Rules, Part III: "between the hours of 9:00 a.m. and
    // 9:30 p.m. on weekdays and between 10:00 a.m. and 6:00 p.m. on weekends".
    text: 'CRTC Telemarketing Rules Part III: weekdays 9:00–21:30, weekends 10:00–18:00',
    hours: days(['09:00', '21:30'], ['10:00', '18:00'], ['10:00', '18:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-07-01', '2026-12-25'],
  },
  {
    id: 'au-standard', zone: 'Australia/Sydney',
    // Telemarketing and Research Calls Industry Standard 2017 (ACMA): "Weekdays between 9 am and
    // 8 pm, Saturdays between 9 am and 5 pm, NEVER on a Sunday or national public holiday".
    text: 'Industry Standard 2017 (F2017L00323): weekdays 9–20, Saturday 9–17, never Sunday or a national public holiday',
    hours: days(['09:00', '20:00'], ['09:00', '17:00'], null),
    // Australia Day (Mon 26 Jan), Good Friday (3 Apr), Easter Monday (6 Apr): national.
    holidays: ['2026-01-26', '2026-04-03', '2026-04-06'], afterHolidays: ['2026-01-27', '2026-04-04', '2026-04-07'],
    // Labour Day (Mon 5 Oct) is a holiday in NSW, the ACT and SA only: not national.
    notClosing: ['2026-10-05'],
  },
  {
    id: 'us-fl', zone: 'America/New_York',
    // Fla. Stat. § 501.616(6)(a): not "before 8 a.m. or after 8 p.m." at the called person's location.
    text: 'Fla. Stat. § 501.616(6): 8 a.m. to 8 p.m., every day',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-wa', zone: 'America/Los_Angeles',
    // RCW 19.158.040(2): no calls "received before 8:00 a.m. or after 8:00 p.m. at the call
    // recipient's local time".
    text: 'RCW 19.158.040(2): 8:00 a.m. to 8:00 p.m., every day',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-md', zone: 'America/New_York',
    // Md. Com. Law § 14-4501 et seq. (Stop the Spam Calls Act, as reported): 8 a.m. to 8 p.m.
    text: 'Md. Code, Com. Law § 14-4501 et seq. (as reported): 8 a.m. to 8 p.m.',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-ok', zone: 'America/Chicago',
    // 15 O.S. § 775C.1 et seq. (as reported): no sales calls "before 8 a.m. and after 8 p.m.".
    text: '15 O.S. § 775C.1 et seq. (as reported): 8 a.m. to 8 p.m.',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-la', zone: 'America/Chicago',
    // La. R.S. 45:811: only "between the hours of 8:00 a.m. and 8:00 p.m., Monday through
    // Saturday", never "on days declared to be a state holiday, or Sundays".
    text: 'La. R.S. 45:811: 8:00–20:00 Monday–Saturday, not on a state holiday or Sunday',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], null),
    // New Year's Day (Thu 1 Jan) and Christmas (Fri 25 Dec) are Louisiana state holidays.
    holidays: ['2026-01-01', '2026-12-25'], afterHolidays: ['2026-01-02', '2026-12-26'], notClosing: [],
  },
  {
    id: 'us-ri', zone: 'America/New_York',
    // R.I. Gen. Laws § 5-61-2: "Monday through Friday, except a state or federal holiday, nine
    // o'clock (9:00 a.m.) to six o'clock (6:00 p.m.); Saturday ten o'clock (10:00 a.m.) to five
    // o'clock (5:00 p.m.)"; no Sunday hours.
    text: 'R.I. Gen. Laws § 5-61-2: Mon–Fri 9–18 except state or federal holidays, Sat 10–17',
    hours: days(['09:00', '18:00'], ['10:00', '17:00'], null),
    // Victory Day (second Monday of August, a Rhode Island holiday) and Christmas (a Friday).
    holidays: ['2026-08-10', '2026-12-25'], afterHolidays: ['2026-08-11', '2026-12-26'], notClosing: [],
  },
  {
    id: 'us-ut', zone: 'America/Denver',
    // Utah Code § 13-25a-103(3): no calls "between the hours of 9 p.m. and 8 a.m. local time;
    // (b) on a Sunday; or (c) on a legal holiday".
    text: 'Utah Code § 13-25a-103(3): 8 a.m. to 9 p.m., not Sundays or legal holidays',
    hours: days(['08:00', '21:00'], ['08:00', '21:00'], null),
    // Pioneer Day (Fri 24 July) is a Utah legal holiday.
    holidays: ['2026-07-24', '2026-12-25'], afterHolidays: ['2026-07-25', '2026-12-26'], notClosing: [],
  },
  {
    id: 'us-ms', zone: 'America/Chicago',
    // Miss. Code § 77-3-723: "between the hours of 8:00 a.m. and 8:00 p.m. … No telephone
    // solicitations may be made on a Sunday." No holidays named.
    text: 'Miss. Code § 77-3-723: 8:00–20:00, never on a Sunday',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], null),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-ma', zone: 'America/New_York',
    // 201 CMR 12.02(2): no calls "between the hours of 8:00 P.M. to 8:00 A.M., local time".
    text: '201 CMR 12.02(2): 8:00 a.m. to 8:00 p.m.',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-pa', zone: 'America/New_York',
    // 73 P.S. § 2245(a)(10) (Act 73 of 2019, as reported): 8 a.m. to 9 p.m.; no calls on legal
    // holidays, Good Friday and Election Day among them.
    text: '73 P.S. § 2245(a)(10): 8–21, not on legal holidays (Good Friday and Election Day included)',
    hours: days(['08:00', '21:00'], ['08:00', '21:00'], ['08:00', '21:00']),
    // Good Friday (3 Apr), Election Day (Tue 3 Nov: the Tuesday after the first Monday), Christmas.
    holidays: ['2026-04-03', '2026-11-03', '2026-12-25'], afterHolidays: ['2026-04-04', '2026-11-04', '2026-12-26'], notClosing: [],
  },
  {
    id: 'us-or', zone: 'America/Los_Angeles',
    // ORS 646.561 et seq. as amended by HB 3865 (2025), as reported: "outside the hours of 8 a.m.
    // to 8 p.m.", in force 1 January 2026.
    text: 'ORS 646.561 et seq. (HB 3865, 2025): 8 a.m. to 8 p.m.',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-tx', zone: 'America/Chicago',
    // Tex. Bus. & Com. Code § 301.051 (as reported): 9 a.m.–9 p.m. weekdays and Saturday,
    // noon–9 p.m. Sunday.
    text: 'Tex. Bus. & Com. Code § 301.051: 9–21 Monday–Saturday, 12–21 Sunday',
    hours: days(['09:00', '21:00'], ['09:00', '21:00'], ['12:00', '21:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
  {
    id: 'us-wy', zone: 'America/Denver',
    // Wyo. Stat. § 40-12-302 (as reported): 8 a.m. to 8 p.m.
    text: 'Wyo. Stat. § 40-12-302: 8 a.m. to 8 p.m.',
    hours: days(['08:00', '20:00'], ['08:00', '20:00'], ['08:00', '20:00']),
    holidays: [], afterHolidays: [], notClosing: ['2026-12-25'],
  },
];

/** "HH:mm" moved by whole minutes (within the day). */
function shift(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

interface Case {
  local: string;
  open: boolean;
}

/** The cases a source gives for one local date: the four edges of its window, or a closed day
 *  asked at the start, middle and end of what would be its hours. */
function casesOn(statute: Statute, date: string): Case[] {
  const weekday = DateTime.fromISO(date).weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  const window = statute.holidays.includes(date) ? null : statute.hours[weekday];
  if (window === null) return ['00:00', '08:00', '09:00', '10:00', '12:00', '16:59', '19:59', '20:59', '23:58'].map((t) => ({ local: `${date}T${t}`, open: false }));
  const [start, end] = window;
  return [
    { local: `${date}T${shift(start, -1)}`, open: false },
    { local: `${date}T${start}`, open: true },
    { local: `${date}T${shift(end, -1)}`, open: true },
    { local: `${date}T${end}`, open: false },
    { local: `${date}T00:00`, open: false },
    { local: `${date}T23:58`, open: false },
  ];
}

function datesFor(statute: Statute): string[] {
  const dst = statute.zone.startsWith('Australia/') ? AU_DST : US_DST;
  return [...new Set([...ORDINARY, ...dst, ...statute.holidays, ...statute.afterHolidays, ...statute.notClosing])].sort();
}

const instant = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toMillis();

describe.each(STATUTES)('$id — $text', (statute) => {
  const rule = RULES_BY_ID.get(statute.id)!;
  // The rule alone: its own place (no country rule beside a state's), residential (every rule
  // covers residential lines), only this rule switched on.
  const lead = { jurisdictions: [rule.place], lineType: 'residential' as const, timeZones: [statute.zone] };
  const only: Law = { enabled: new Set([rule.id]) };
  const cases = datesFor(statute).flatMap((date) => casesOn(statute, date));

  it('is shipped, with its citation', () => {
    expect(rule).toBeDefined();
    expect(rule.citation).not.toBe('');
  });

  it('rulesBrokenAt names it exactly when the source forbids the call (window edges, weekend, holidays and the day after, DST days)', () => {
    const wrong = cases.filter((c) => rulesBrokenAt(lead, instant(c.local, statute.zone), []).some((b) => b.rule.id === rule.id) === c.open);
    expect(wrong.map((c) => `${c.local} ${statute.zone}: source says ${c.open ? 'open' : 'closed'}`)).toEqual([]);
  });

  it('callingHours (what the queue offers) opens exactly when the source allows the call', () => {
    const wrong = cases.filter((c) => callingHours(lead, new Date(instant(c.local, statute.zone)), WIDE_DESK, only).allowed !== c.open);
    expect(wrong.map((c) => `${c.local} ${statute.zone}: source says ${c.open ? 'open' : 'closed'}`)).toEqual([]);
  });
});

describe('every shipped rule has a table above', () => {
  it('no rule goes untested', () => {
    expect(CALLING_RULES.map((r) => r.id).sort()).toEqual(STATUTES.map((s) => s.id).sort());
  });
});

describe('the daylight-saving days, as UTC instants written out by hand', () => {
  // A fixed-offset reading of a zone would put these edges an hour off.
  const at = (iso: string) => Date.parse(iso);
  const federal = { jurisdictions: ['US'], lineType: 'residential' as const, timeZones: ['America/New_York'] };
  const crtc = { jurisdictions: ['CA'], lineType: 'residential' as const, timeZones: ['America/Toronto'] };
  const acma = { jurisdictions: ['AU'], lineType: 'residential' as const, timeZones: ['Australia/Sydney'] };
  const broken = (lead: typeof federal, iso: string) => rulesBrokenAt(lead, at(iso), []).map((b) => b.rule.id);

  it('47 CFR § 64.1200(c)(1) on Sun 8 Mar 2026 (EDT from 02:00): 08:00 is 12:00Z; on Sun 1 Nov (EST from 02:00): 08:00 is 13:00Z', () => {
    expect(broken(federal, '2026-03-08T11:59:00Z')).toEqual(['us-federal']);
    expect(broken(federal, '2026-03-08T12:00:00Z')).toEqual([]);
    expect(broken(federal, '2026-11-01T12:59:00Z')).toEqual(['us-federal']);
    expect(broken(federal, '2026-11-01T13:00:00Z')).toEqual([]);
    // 21:00 EST on 1 Nov is 02:00Z on 2 Nov.
    expect(broken(federal, '2026-11-02T01:59:00Z')).toEqual([]);
    expect(broken(federal, '2026-11-02T02:00:00Z')).toEqual(['us-federal']);
  });

  it('CRTC Part III on Sun 8 Mar 2026 in Toronto: weekend 10:00 EDT is 14:00Z, 18:00 EDT is 22:00Z', () => {
    expect(broken(crtc, '2026-03-08T13:59:00Z')).toEqual(['ca-crtc']);
    expect(broken(crtc, '2026-03-08T14:00:00Z')).toEqual([]);
    expect(broken(crtc, '2026-03-08T21:59:00Z')).toEqual([]);
    expect(broken(crtc, '2026-03-08T22:00:00Z')).toEqual(['ca-crtc']);
  });

  it('ACMA Standard 2017 around the Sydney changes: Sat 4 Apr 09:00 AEDT is 22:00Z on 3 Apr; Tue 7 Apr 09:00 AEST is 23:00Z on 6 Apr; Mon 5 Oct 09:00 AEDT is 22:00Z on 4 Oct', () => {
    // Friday 3 April is Good Friday in Sydney (closed all day, so 22:00Z there is still closed).
    expect(broken(acma, '2026-04-03T21:59:00Z')).toEqual(['au-standard']);
    expect(broken(acma, '2026-04-03T22:00:00Z')).toEqual([]);
    expect(broken(acma, '2026-04-06T22:59:00Z')).toEqual(['au-standard']);
    expect(broken(acma, '2026-04-06T23:00:00Z')).toEqual([]);
    expect(broken(acma, '2026-10-04T21:59:00Z')).toEqual(['au-standard']);
    expect(broken(acma, '2026-10-04T22:00:00Z')).toEqual([]);
  });
});

describe('ACMA Standard 2017: the holidays kept across Australia close Saturdays too, on every day a state keeps them', () => {
  const acma = { jurisdictions: ['AU'], lineType: 'residential' as const, timeZones: ['Australia/Sydney'] };
  const sydneyNoonOn = (date: string) => Date.parse(`${date}T02:00:00Z`); // 12:00 AEST / 13:00 AEDT
  // Saturday 25 December 2027 is Christmas Day in New South Wales; South Australia and the Northern
  // Territory keep it on Monday 27. Saturday 26 December 2026 is Boxing Day in six states.
  it.each(['2027-12-25', '2027-12-27', '2026-12-26', '2026-12-28'])('closed on %s', (date) => {
    expect(rulesBrokenAt(acma, sydneyNoonOn(date), []).map((b) => b.rule.id)).toEqual(['au-standard']);
  });
  // An ordinary Saturday and a holiday not kept across Australia (Queensland's October King's Birthday).
  it.each(['2027-12-18', '2027-10-04'])('open on %s', (date) => {
    expect(rulesBrokenAt(acma, sydneyNoonOn(date), []).map((b) => b.rule.id)).toEqual([]);
  });
});

describe('who each rule covers: 47 CFR § 64.1200(c)(1) protects residential subscribers; the CRTC rules and Fla. Stat. § 501.616 bind every call', () => {
  // Wednesday 4 March 2026, 22:00 in New York / Toronto: after every one of these rules' hours.
  const late = Date.parse('2026-03-05T03:00:00Z');
  it('a business line at 22:00 breaks the Canadian and Florida rules but not the federal one', () => {
    expect(rulesBrokenAt({ jurisdictions: ['US'], lineType: 'business', timeZones: ['America/New_York'] }, late, []).map((b) => b.rule.id)).toEqual([]);
    expect(rulesBrokenAt({ jurisdictions: ['US'], lineType: 'residential', timeZones: ['America/New_York'] }, late, []).map((b) => b.rule.id)).toEqual(['us-federal']);
    expect(rulesBrokenAt({ jurisdictions: ['CA'], lineType: 'business', timeZones: ['America/Toronto'] }, late, []).map((b) => b.rule.id)).toEqual(['ca-crtc']);
    expect(rulesBrokenAt({ jurisdictions: ['US-FL'], lineType: 'business', timeZones: ['America/New_York'] }, late, []).map((b) => b.rule.id)).toEqual(['us-fl']);
  });
});

describe('a rule not yet in force: ORS 646.561 as amended takes effect 1 January 2026', () => {
  const oregon = { jurisdictions: ['US-OR'], lineType: 'residential' as const, timeZones: ['America/Los_Angeles'] };
  it('a call at 21:00 on 31 Dec 2025 breaks nothing; at 21:00 on 1 Jan 2026 it breaks the rule', () => {
    expect(rulesBrokenAt(oregon, instant('2025-12-31T21:00', 'America/Los_Angeles'), [])).toEqual([]);
    expect(rulesBrokenAt(oregon, instant('2026-01-01T21:00', 'America/Los_Angeles'), []).map((b) => b.rule.id)).toEqual(['us-or']);
  });
});

// "More than three commercial telephone solicitation phone calls from any number to a person over
// a 24-hour period on the same subject matter" (Fla. Stat. § 501.616(6)(b)); Maryland, Oklahoma
// and Oregon as reported: at most three in 24 hours.
describe.each([
  { id: 'us-fl', place: 'US-FL', zone: 'America/New_York', source: 'Fla. Stat. § 501.616(6)(b)' },
  { id: 'us-md', place: 'US-MD', zone: 'America/New_York', source: 'Md. Com. Law § 14-4501 et seq. (as reported)' },
  { id: 'us-ok', place: 'US-OK', zone: 'America/Chicago', source: '15 O.S. § 775C.1 et seq. (as reported)' },
  { id: 'us-or', place: 'US-OR', zone: 'America/Los_Angeles', source: 'ORS 646.561 et seq. (as reported)' },
])('$source: three calls in any 24 hours', ({ id, place, zone }) => {
  const rule = RULES_BY_ID.get(id)!;
  const lead = { jurisdictions: [place], lineType: 'residential' as const, timeZones: [zone] };
  const capOf = (calls: number[], at: number) => rulesBrokenAt(lead, at, calls).filter((b) => b.rule.id === id);
  // Tuesday 10 March 2026, 10:00, 11:00 and 18:00 on the lead's clock.
  const first = instant('2026-03-10T10:00', zone);
  const calls = [first, first + HOUR, first + 8 * HOUR];

  it('two calls leave the third free; three block the fourth', () => {
    expect(capOf(calls.slice(0, 2), first + 9 * HOUR)).toEqual([]);
    expect(capOf(calls, first + 9 * HOUR)).toHaveLength(1);
  });

  it('the fourth stays blocked at local midnight and a minute before 24 hours; it is allowed exactly 24 hours after the first', () => {
    const midnight = instant('2026-03-11T00:00', zone);
    expect(capOf(calls, midnight)).toHaveLength(1);
    expect(capOf(calls, first + 24 * HOUR - MINUTE)).toHaveLength(1);
    expect(capOf(calls, first + 24 * HOUR)).toEqual([]);
    expect(capBlock([rule], calls, first + 9 * HOUR)?.until).toBe(first + 24 * HOUR);
    // The next is due 24 hours after the second, once a fourth was made at the first's 24 hours.
    expect(capBlock([rule], [...calls, first + 24 * HOUR], first + 24 * HOUR + MINUTE)?.until).toBe(first + HOUR + 24 * HOUR);
  });
});

describe('Fla. Stat. § 501.616(6)(b) in the queue: the retry after a third call waits 24 hours from the first', () => {
  const lead: QueueLeadBase = { id: 1, kind: 'outbound', createdAt: Date.parse('2026-03-01T00:00:00Z'), timeZones: ['America/New_York'], lineType: 'residential', jurisdictions: ['US', 'US-FL'], country: 'US' };
  // No gap, no daily cap, retry at once: only the rolling cap can hold it back.
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, minimumGapMinutes: 0, noAnswerRetryMinutes: 0, maxAttemptsPerDay: 100 };

  it('three unanswered calls on Tue 10 Mar at 10:00, 11:00, 18:00 EDT: due Wed 11 Mar 10:00 EDT (14:00Z), not at midnight', () => {
    const times = [Date.parse('2026-03-10T14:00:00Z'), Date.parse('2026-03-10T15:00:00Z'), Date.parse('2026-03-10T22:00:00Z')];
    const history = times.map((at) => ({ at, outcome: 'no_answer' as const }));
    const plan = retryPlan(lead, { outcome: 'no_answer' }, history, times[2]! + MINUTE, settings);
    expect(plan).toMatchObject({ dueAt: Date.parse('2026-03-11T14:00:00Z'), capRule: 'us-fl' });
    // Two calls: no hold.
    expect(retryPlan(lead, { outcome: 'no_answer' }, history.slice(0, 2), times[1]! + MINUTE, settings).dueAt).toBe(times[1]! + MINUTE);
  });

  it('across the clock change: three calls from Sat 7 Mar 10:00 EST (15:00Z); the fourth at 15:00Z on Sunday, which is 11:00 EDT', () => {
    const times = [Date.parse('2026-03-07T15:00:00Z'), Date.parse('2026-03-07T16:00:00Z'), Date.parse('2026-03-07T17:00:00Z')];
    const history = times.map((at) => ({ at, outcome: 'no_answer' as const }));
    const plan = retryPlan(lead, { outcome: 'no_answer' }, history, times[2]! + MINUTE, settings);
    expect(plan.dueAt).toBe(Date.parse('2026-03-08T15:00:00Z'));
    expect(plan.why).toBe(`3 calls in the last 24 hours (Florida), next at ${timeToken(Date.parse('2026-03-08T15:00:00Z'), 'America/New_York')}`); // 11:00 EDT
  });
});
