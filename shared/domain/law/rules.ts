// The law where the lead is: each country's and US state's rules on when a telemarketing call may
// be made, as data, each with its source. Researched one by one (see the README's "Calling rules"
// section): a rule read in the statute or on the regulator's own page is `verified` and on by
// default; one seen only in an unofficial copy of the statute or in secondary sources is shipped
// `verified: false` and OFF by default, never guessed. Times are the called party's local time.
// Rules for automated dialers only (Alabama, South Dakota, Maine, Nevada, South Carolina) are not
// shipped: a rep dials by hand. Connecticut's hours are left out: its sources disagree.
import type { IsoWeekday, LocalWindow } from '../localWindows';

export type RuleDays = Readonly<Record<IsoWeekday, LocalWindow | null>>;

export interface CallingRule {
  /** Stable id, kept in settings: "us-fl". */
  id: string;
  /** Where it applies: a country ("US") or a state or province ("US-FL"). */
  place: string;
  /** What the rep reads first: "Florida". */
  name: string;
  /** The law or standard. */
  law: string;
  /** The section, as cited: "Fla. Stat. § 501.616(6)". */
  citation: string;
  /** Where it was read. */
  source: string;
  /** The day it took effect (local date), when known. */
  effective: string | null;
  /** Read in the statute or on the regulator's page (on by default); else shipped off. */
  verified: boolean;
  /** Residential (consumer) lines only, or every line. A lead whose line type is unknown is
   *  residential. */
  lines: 'residential' | 'all';
  /** When calls may be made, by weekday; null: no calls that day. */
  days: RuleDays;
  /** No calls on the place's public holidays ("public"), or on the country's national ones. */
  holidays: 'none' | 'public' | 'national';
  /** Public holidays the statute names that the holiday calendar lacks, by rule: computed. */
  extraHolidays?: 'good-friday-and-election-day';
  /** At most this many calls in any rolling window of this many hours. */
  cap?: { calls: number; hours: number };
  /** What the rep should know: caveats from the research. */
  note?: string;
}

const every = (window: LocalWindow): RuleDays => ({ 1: window, 2: window, 3: window, 4: window, 5: window, 6: window, 7: window });
const w = (start: string, end: string): LocalWindow => ({ start, end });

export const CALLING_RULES: readonly CallingRule[] = [
  {
    id: 'us-federal',
    place: 'US',
    name: 'United States',
    law: 'Telephone Consumer Protection Act rules (FCC)',
    citation: '47 CFR § 64.1200(c)(1)',
    source: 'FCC consumer guide "Unwanted Telephone Marketing Calls": "Telephone solicitation calls to your home are prohibited before 8 am or after 9 pm." http://purl.access.gpo.gov/GPO/LPS76294',
    effective: null,
    verified: true,
    lines: 'residential',
    days: every(w('08:00', '21:00')),
    holidays: 'none',
  },
  {
    id: 'ca-crtc',
    place: 'CA',
    name: 'Canada',
    law: 'CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules)',
    citation: 'CRTC Unsolicited Telecommunications Rules, Part III',
    source: 'CRTC "Key Unsolicited Telecommunications Rules": "between the hours of 9:00 a.m. and 9:30 p.m. on weekdays and between 10:00 a.m. and 6:00 p.m. on weekends." https://crtc.gc.ca/eng/phone/telemarketing/tobligations/rules-regles.htm',
    effective: '2008-09-30',
    verified: true,
    // The Telemarketing Rules apply to every telemarketer, calls to businesses included (DNCL site).
    lines: 'all',
    days: { 1: w('09:00', '21:30'), 2: w('09:00', '21:30'), 3: w('09:00', '21:30'), 4: w('09:00', '21:30'), 5: w('09:00', '21:30'), 6: w('10:00', '18:00'), 7: w('10:00', '18:00') },
    holidays: 'none',
  },
  {
    id: 'au-standard',
    place: 'AU',
    name: 'Australia',
    law: 'Telecommunications (Telemarketing and Research Calls) Industry Standard 2017',
    citation: 'Telemarketing and Research Calls Industry Standard 2017 (F2017L00323)',
    source: 'ACMA: "Weekdays between 9 am and 8 pm Saturdays between 9 am and 5 pm NEVER on a Sunday or national public holiday." https://www.acma.gov.au/Citizen/Phones/Landlines/Reduce-unwanted-calls/telemarketing-calls-do-you-know-your-rights',
    effective: '2017-03-29',
    verified: true,
    lines: 'all',
    days: { 1: w('09:00', '20:00'), 2: w('09:00', '20:00'), 3: w('09:00', '20:00'), 4: w('09:00', '20:00'), 5: w('09:00', '20:00'), 6: w('09:00', '17:00'), 7: null },
    holidays: 'national',
    note: 'National public holidays are taken as the days that are public holidays in all eight states and territories; the Standard\'s own definition was not read.',
  },
  {
    id: 'us-fl',
    place: 'US-FL',
    name: 'Florida',
    law: 'Florida Telemarketing Act',
    citation: 'Fla. Stat. § 501.616(6)',
    source: 'CS/SB 1120 (2021), bill text: "before 8 a.m. or after 8 p.m. … More than three commercial telephone solicitation phone calls from any number to a person over a 24-hour period on the same subject matter" https://flsenate.gov/Session/Bill/2021/1120/BillText/Filed/HTML',
    effective: '2021-07-01',
    verified: true,
    lines: 'all',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
    cap: { calls: 3, hours: 24 },
  },
  {
    id: 'us-wa',
    place: 'US-WA',
    name: 'Washington',
    law: 'Commercial Telephone Solicitation Act',
    citation: 'RCW 19.158.040(2)',
    source: 'RCW 19.158.040: "shall not place calls to any person which will be received before 8:00 a.m. or after 8:00 p.m. at the call recipient\'s local time." https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040',
    effective: null,
    verified: true,
    lines: 'all',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
  },
  {
    id: 'us-md',
    place: 'US-MD',
    name: 'Maryland',
    law: 'Stop the Spam Calls Act of 2023 (Chapter 413)',
    citation: 'Md. Code, Com. Law § 14-4501 et seq.',
    source: 'Act and effective date: https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/SB0090?ys=2023RS; hours and the 3-call cap seen only in news reports (the statute text was not read).',
    effective: '2024-01-01',
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
    cap: { calls: 3, hours: 24 },
  },
  {
    id: 'us-ok',
    place: 'US-OK',
    name: 'Oklahoma',
    law: 'Telephone Solicitation Act of 2022',
    citation: '15 O.S. § 775C.1 et seq.',
    source: 'Secondary only (State Senate release via KFOR; Consumer Finance Monitor): "Sales calls before 8 a.m. and after 8 p.m.; More than three sales calls within a 24-hour period on the same matter".',
    effective: '2022-11-01',
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
    cap: { calls: 3, hours: 24 },
  },
  {
    id: 'us-la',
    place: 'US-LA',
    name: 'Louisiana',
    law: 'Consumer Telemarketing Protection Act of 1991',
    citation: 'La. R.S. 45:811',
    source: 'Statute text on an unofficial copy: "other than between the hours of 8:00 a.m. and 8:00 p.m., Monday through Saturday … on days declared to be a state holiday, or Sundays." https://lawserver.com/?p=30183792',
    effective: null,
    verified: false,
    lines: 'residential',
    days: { 1: w('08:00', '20:00'), 2: w('08:00', '20:00'), 3: w('08:00', '20:00'), 4: w('08:00', '20:00'), 5: w('08:00', '20:00'), 6: w('08:00', '20:00'), 7: null },
    holidays: 'public',
    note: 'A holiday the governor declares, and the ban on all solicitation during a declared state of emergency, are not in any calendar: watch for them.',
  },
  {
    id: 'us-ri',
    place: 'US-RI',
    name: 'Rhode Island',
    law: 'Telephone Sales Solicitation Act',
    citation: 'R.I. Gen. Laws § 5-61-3.6 and § 5-61-2',
    source: '§ 5-61-3.6 (official): calls only "during hours of operation"; the hours (copy of § 5-61-2): "Monday through Friday, except a state or federal holiday, nine o\'clock (9:00 a.m.) to six o\'clock (6:00 p.m.); Saturday ten o\'clock (10:00 a.m.) to five o\'clock (5:00 p.m.)." http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM',
    effective: null,
    verified: false,
    lines: 'residential',
    days: { 1: w('09:00', '18:00'), 2: w('09:00', '18:00'), 3: w('09:00', '18:00'), 4: w('09:00', '18:00'), 5: w('09:00', '18:00'), 6: w('10:00', '17:00'), 7: null },
    holidays: 'public',
  },
  {
    id: 'us-ut',
    place: 'US-UT',
    name: 'Utah',
    law: 'Telephone and Facsimile Solicitation Act',
    citation: 'Utah Code § 13-25a-103(3)',
    source: 'Statute text on an unofficial copy: "between the hours of 9 p.m. and 8 a.m. local time; (b) on a Sunday; or (c) on a legal holiday." https://codes.findlaw.com/ut/title-13-commerce-and-trade/ut-code-sect-13-25a-103/',
    effective: null,
    verified: false,
    lines: 'residential',
    days: { 1: w('08:00', '21:00'), 2: w('08:00', '21:00'), 3: w('08:00', '21:00'), 4: w('08:00', '21:00'), 5: w('08:00', '21:00'), 6: w('08:00', '21:00'), 7: null },
    holidays: 'public',
  },
  {
    id: 'us-ms',
    place: 'US-MS',
    name: 'Mississippi',
    law: 'Mississippi Telephone Solicitation Act',
    citation: 'Miss. Code § 77-3-723',
    source: 'Statute text on an unofficial copy: "between the hours of 8:00 a.m. and 8:00 p.m. Central Standard Time. No telephone solicitations may be made on a Sunday."',
    effective: '2003-07-01',
    verified: false,
    lines: 'residential',
    days: { 1: w('08:00', '20:00'), 2: w('08:00', '20:00'), 3: w('08:00', '20:00'), 4: w('08:00', '20:00'), 5: w('08:00', '20:00'), 6: w('08:00', '20:00'), 7: null },
    holidays: 'none',
    note: 'The statute says "Central Standard Time"; Dialdeck reads it as Mississippi\'s local time.',
  },
  {
    id: 'us-ma',
    place: 'US-MA',
    name: 'Massachusetts',
    law: 'Telemarketing Solicitation (M.G.L. c. 159C)',
    citation: '201 CMR 12.02(2)',
    source: 'Regulation text on an unofficial copy: "between the hours of 8:00 P.M. to 8:00 A.M., local time at the consumer\'s location." https://regulations.justia.com/states/massachusetts/201-cmr/title-201-cmr-12-00/section-12-02',
    effective: '2003-01-01',
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
  },
  {
    id: 'us-pa',
    place: 'US-PA',
    name: 'Pennsylvania',
    law: 'Telemarketer Registration Act (Act 73 of 2019)',
    citation: '73 P.S. § 2245(a)(10)',
    source: 'Secondary only (Jenkins Law Library, 3 Dec 2019): "Telephone solicitation calls should no longer occur on legal holidays"; the holiday list reported includes Good Friday and Election Day.',
    effective: '2019-12-03',
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '21:00')),
    holidays: 'public',
    extraHolidays: 'good-friday-and-election-day',
  },
  {
    id: 'us-or',
    place: 'US-OR',
    name: 'Oregon',
    law: 'HB 3865 (2025), Oregon Laws 2025 ch. 580',
    citation: 'ORS 646.561 et seq., as amended',
    source: 'Secondary only (Troutman via JDSupra): "outside the hours of 8 a.m. to 8 p.m. … or exceeding three solicitations within a 24-hour period, unless an established business relationship exists."',
    effective: '2026-01-01',
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
    cap: { calls: 3, hours: 24 },
  },
  {
    id: 'us-tx',
    place: 'US-TX',
    name: 'Texas',
    law: 'Texas Business and Commerce Code, telephone solicitation',
    citation: 'Tex. Bus. & Com. Code § 301.051',
    source: 'Secondary only (tcpaguide.org): "calling hours (9am-9pm weekdays/Saturday, noon-9pm Sunday)"; the statute text was not found.',
    effective: null,
    verified: false,
    lines: 'residential',
    days: { 1: w('09:00', '21:00'), 2: w('09:00', '21:00'), 3: w('09:00', '21:00'), 4: w('09:00', '21:00'), 5: w('09:00', '21:00'), 6: w('09:00', '21:00'), 7: w('12:00', '21:00') },
    holidays: 'none',
  },
  {
    id: 'us-wy',
    place: 'US-WY',
    name: 'Wyoming',
    law: 'Wyoming telephone solicitation',
    citation: 'Wyo. Stat. § 40-12-302',
    source: 'Secondary only (a third-party tool\'s description); the Attorney General\'s pages do not mention hours.',
    effective: null,
    verified: false,
    lines: 'residential',
    days: every(w('08:00', '20:00')),
    holidays: 'none',
  },
];

export const RULES_BY_ID: ReadonlyMap<string, CallingRule> = new Map(CALLING_RULES.map((rule) => [rule.id, rule]));

/** The places some rule is written for. A lead's other places ("US-NY" where New York has no
 *  rule of its own) change nothing about when it may be called. */
export const RULE_PLACES: ReadonlySet<string> = new Set(CALLING_RULES.map((rule) => rule.place));

/** A lead's places as far as the rules can tell them apart: its country (first, for the desk's
 *  hours by country) and those of its places that have a rule. Leads that differ only in places
 *  without rules share a zone key, so the queue and the timers compute their hours once
 *  (100,000 leads over every state: thousands of keys become hundreds). Adding a rule for a new
 *  place changes this for existing leads: ship it with a migration that re-keys them (see
 *  migration 022). */
export function placesWithRules(jurisdictions: string): string {
  if (jurisdictions === '') return '';
  const places = jurisdictions.split(' ');
  return places.filter((place, index) => index === 0 || RULE_PLACES.has(place)).join(' ');
}
