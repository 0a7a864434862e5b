// Issue #12, acceptance 2: at random instants over 2026–2027, for random leads in every US state
// (and DC), Canada, Australia, Great Britain, New Zealand and Mexico, with random line types,
// recent call histories and rule choices, nothing the queue offers breaks a rule that applies to
// the lead, and every lead that no rule holds back is offered — both of the pure queueOrder and of
// the SQL queue (the real core over a temp SQLite, calls dialled and logged through its
// handlers). The checker below is written from the rule data alone: the lead's local weekday,
// date and time in each of its zones read with Intl (not luxon, which the app uses), the holiday
// calendar's dates, and the rolling caps counted over the test's own record of the calls. A
// seeded generator keeps every run the same.
import { describe, expect, it } from 'vitest';
import holidayData from '../../shared/domain/data/holidays.json';
import type { CallingHoursSettings, WeeklyHours } from '../../shared/domain/callingHours';
import type { Law } from '../../shared/domain/law/engine';
import { CALLING_RULES } from '../../shared/domain/law/rules';
import type { LineType } from '../../shared/domain/leads/vocabulary';
import { DEFAULT_QUEUE_SETTINGS, freshPlan, queueOrder, retryPlan, type QueueLead, type QueueSettings } from '../../shared/domain/queueRules';
import { resolveLeadPlace } from '../../shared/domain/timeZones';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { prepareAddToQueueBacklog } from '../../electron/core/queue/repo';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir } from './helpers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2028-01-01T00:00:00Z');

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const US_STATES = ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'];
const REGIONS = new Map<string, readonly (string | null)[]>([
  ['US', US_STATES],
  ['CA', ['ON', 'QC', 'BC', 'AB', 'MB', 'SK', 'NS', 'NB', 'NL', 'PE', null]],
  ['AU', ['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'NT', 'ACT', null]],
  ['GB', [null]],
  ['NZ', [null, 'Chatham Islands']],
  ['MX', ['CMX', 'JAL', 'NLE', 'BCN', 'SON', 'ROO', 'CHH', null]],
]);
// Most leads in the US, as a US desk's list is, but every country often.
const COUNTRIES = ['US', 'US', 'US', 'US', 'CA', 'AU', 'GB', 'NZ', 'MX'];

interface Lead {
  zones: string[];
  jurisdictions: string[];
  lineType: LineType;
  /** When it was dialled, oldest first (the test's own record). */
  calls: number[];
}

function randomPlace(random: Random): { zones: string[]; jurisdictions: string[] } {
  const country = pick(random, COUNTRIES);
  const region = pick(random, REGIONS.get(country)!);
  const place = resolveLeadPlace({ country, region: region ?? undefined });
  const jurisdictions = [...place.jurisdictions];
  // A US lead whose area code is in another state: that state's law applies too.
  if (country === 'US' && random() < 0.25) jurisdictions.push(`US-${pick(random, US_STATES)}`);
  return { zones: place.zones, jurisdictions: [...new Set(jurisdictions)] };
}

/** Up to five calls in the 30 hours before `at`, at least a few minutes apart; often none. */
function randomCalls(random: Random, at: number): number[] {
  const count = random() < 0.35 ? 0 : 1 + Math.floor(random() * 5);
  const calls = new Set<number>();
  while (calls.size < count) calls.add(at - 5 * MINUTE - Math.floor(random() * 30 * 60) * MINUTE);
  return [...calls].sort((a, b) => a - b);
}

// The rule choices a desk may make: the defaults (verified on), every rule on, Florida off.
const ALL_ON: Law = { enabled: new Set(CALLING_RULES.map((r) => r.id)) };
const DEFAULTS: Law = { enabled: new Set(CALLING_RULES.filter((r) => r.verified).map((r) => r.id)) };
const FLORIDA_OFF: Law = { enabled: new Set([...DEFAULTS.enabled].filter((id) => id !== 'us-fl')) };
const LAWS: [string, Law][] = [['defaults', DEFAULTS], ['every rule on', ALL_ON], ['Florida off', FLORIDA_OFF]];

// The desk open 00:00–23:59 every day for both line types, retrying an unanswered lead a minute
// later with no gap and no daily cap: only the law (and the desk's last minute) holds a lead back.
const allDay = { start: '00:00', end: '23:59' };
const ALL_DAY: WeeklyHours = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };
const WIDE_DESK: CallingHoursSettings = { residential: ALL_DAY, business: ALL_DAY, byCountry: {} };
const QUEUE: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, callingHours: WIDE_DESK, minimumGapMinutes: 0, noAnswerRetryMinutes: 1, maxAttemptsPerDay: 50 };
const LOGGED_AFTER = 20_000;

// ---------------------------------------------------------------------------------------------
// The independent checker.
// ---------------------------------------------------------------------------------------------
const HOLIDAYS = new Map(Object.entries((holidayData as { regions: Record<string, Record<string, string>> }).regions).map(([place, dates]) => [place, new Set(Object.keys(dates))]));
// 73 P.S. § 2245(a)(10) as reported: Good Friday and Election Day, which the calendar lacks.
const PA_EXTRA = new Set(['2026-04-03', '2026-11-03', '2027-03-26', '2027-11-02']);
const WEEKDAY = new Map([['Mon', 1], ['Tue', 2], ['Wed', 3], ['Thu', 4], ['Fri', 5], ['Sat', 6], ['Sun', 7]] as const);
const formats = new Map<string, Intl.DateTimeFormat>();

function local(at: number, zone: string): { date: string; weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; time: string } {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const p = new Map(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${p.get('year')}-${p.get('month')}-${p.get('day')}`, weekday: WEEKDAY.get(p.get('weekday') as 'Mon')!, time: `${p.get('hour')}:${p.get('minute')}` };
}

/** Every reason a call to the lead at `at` is not allowed, by the rules on in `law`. */
function blockers(lead: Lead, at: number, law: Law): string[] {
  const reasons: string[] = [];
  for (const rule of CALLING_RULES) {
    if (!law.enabled.has(rule.id) || !lead.jurisdictions.includes(rule.place)) continue;
    if (rule.lines === 'residential' && lead.lineType !== 'residential') continue;
    for (const zone of lead.zones) {
      const { date, weekday, time } = local(at, zone);
      if (rule.effective !== null && date < rule.effective) continue;
      const calendar = rule.holidays === 'national' ? rule.place.slice(0, 2) : rule.place;
      if (rule.holidays !== 'none' && HOLIDAYS.get(calendar)?.has(date)) reasons.push(`${rule.id}: holiday ${date} in ${zone}`);
      else if (rule.extraHolidays && PA_EXTRA.has(date)) reasons.push(`${rule.id}: Good Friday/Election Day ${date}`);
      else if (rule.days[weekday] === null) reasons.push(`${rule.id}: no calls on weekday ${weekday} in ${zone}`);
      else if (time < rule.days[weekday]!.start || time >= rule.days[weekday]!.end) reasons.push(`${rule.id}: ${time} in ${zone} outside ${rule.days[weekday]!.start}–${rule.days[weekday]!.end}`);
    }
    if (rule.cap) {
      const inWindow = lead.calls.filter((t) => t > at - rule.cap!.hours * HOUR && t <= at).length;
      if (inWindow >= rule.cap.calls) reasons.push(`${rule.id}: ${inWindow} calls in ${rule.cap.hours} h`);
    }
  }
  for (const zone of lead.zones) if (local(at, zone).time >= '23:59') reasons.push(`desk closes 23:59 in ${zone}`);
  return reasons;
}

function describeLead(lead: Lead, at: number): string {
  return `${new Date(at).toISOString()} ${lead.lineType} ${lead.jurisdictions.join(',')} [${lead.zones.join(',')}] calls ${lead.calls.map((c) => new Date(c).toISOString()).join(',')}`;
}

// ---------------------------------------------------------------------------------------------

/** The queue's view of a lead, as the core stores it after its last call was logged. */
function queueLead(id: number, lead: Lead, createdAt: number, law: Law): QueueLead {
  const base = { id, kind: 'outbound' as const, createdAt, timeZones: lead.zones, lineType: lead.lineType, jurisdictions: lead.jurisdictions, country: lead.jurisdictions[0] };
  const settings = { ...QUEUE, law };
  let plan: Pick<QueueLead, 'tier' | 'dueAt' | 'why'> & { capRule?: string | null } = freshPlan(base);
  for (let i = 0; i < lead.calls.length; i++) {
    const history = lead.calls.slice(0, i + 1).map((at) => ({ at, outcome: 'no_answer' as const }));
    plan = retryPlan(base, { outcome: 'no_answer' }, history, lead.calls[i]! + LOGGED_AFTER, settings);
  }
  return {
    ...base, status: 'active', doNotCall: false, tier: plan.tier, dueAt: plan.dueAt, closed: null, voicemailRestUntil: null,
    lastAttemptAt: lead.calls.at(-1) ?? null, attemptsToday: 0, capReached: false, capRule: plan.capRule ?? null, pinnedAt: null, hiddenUntil: null, why: plan.why,
  };
}

describe('queueOrder never offers a lead a rule forbids, and offers every lead no rule holds back', () => {
  it('3,000 random leads at random instants over 2026–2027, under three rule choices', () => {
    const random = seeded(20260312);
    const problems: string[] = [];
    let offered = 0;
    let held = 0;
    for (let batch = 0; batch < 60; batch++) {
      const at = FROM + Math.floor(random() * ((TO - FROM) / MINUTE)) * MINUTE;
      const [lawName, law] = pick(random, LAWS);
      const leads: Lead[] = [];
      for (let i = 0; i < 50; i++) leads.push({ ...randomPlace(random), lineType: random() < 0.6 ? 'residential' : 'business', calls: randomCalls(random, at) });
      const entries = queueOrder(leads.map((lead, i) => queueLead(i + 1, lead, at - 40 * HOUR, law)), at, { ...QUEUE, law });
      const shown = new Set(entries.map((e) => e.lead.id));
      leads.forEach((lead, i) => {
        const reasons = blockers(lead, at, law);
        if (shown.has(i + 1) && reasons.length > 0) problems.push(`offered though ${reasons.join('; ')} — ${lawName}: ${describeLead(lead, at)}`);
        if (!shown.has(i + 1) && reasons.length === 0) problems.push(`not offered though no rule holds it back — ${lawName}: ${describeLead(lead, at)}`);
        if (shown.has(i + 1)) offered++;
        else held++;
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Both sides of the property were exercised.
    expect(offered).toBeGreaterThan(300);
    expect(held).toBeGreaterThan(300);
  }, 60_000);
});

describe('the SQL queue never offers a lead a rule forbids, and offers every lead no rule holds back', () => {
  it('through the real core: leads in every state and the six countries, calls dialled and logged through the handlers, queue asked at random instants over the next day', async () => {
    const random = seeded(1203);
    const problems: string[] = [];
    let offered = 0;
    let held = 0;
    for (let round = 0; round < 6; round++) {
      const start = FROM + Math.floor(random() * ((TO - FROM - 3 * 24 * HOUR) / MINUTE)) * MINUTE;
      // Calls in the 30 hours before `start`; the queue asked from `start` on.
      const clock = new FakeClock(new Date(start - 31 * HOUR));
      const t = makeCore(tempDir(), { clock });
      try {
        const [lawName, law] = LAWS[round % LAWS.length]!;
        await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', queue: { ...t.core.settings.get('queue'), callingHours: WIDE_DESK, minimumGapMinutes: 0, noAnswerRetryMinutes: 1, maxAttemptsPerDay: 50 } });
        for (const rule of CALLING_RULES) {
          if (law.enabled.has(rule.id) !== rule.verified) await t.call('law.set', { rule: rule.id, on: law.enabled.has(rule.id), reason: 'property test' });
        }
        const leads: Lead[] = [];
        for (let i = 0; i < 60; i++) leads.push({ ...randomPlace(random), lineType: random() < 0.6 ? 'residential' : 'business', calls: randomCalls(random, start) });
        const db = t.core.db;
        const insert = prepareInsertContact(db);
        const ids = db.transaction(() => {
          const inserted = leads.map((lead, i) => {
            const e164 = `+1202555${String(1000 + i)}`;
            return insert({
              first_name: `Lead${i}`, last_name: 'Law', company: '', title: '', email: '', email_key: null, phone_raw: e164, e164, extension: null, other_phones: '[]',
              time_zones: lead.zones.join(' '), tz_source: 'address', country: lead.jurisdictions[0]!, region: '', city: '', postcode: '', kind: 'outbound', line_type: lead.lineType,
              notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: start - 40 * HOUR, jurisdictions: lead.jurisdictions.join(' '),
            });
          });
          prepareAddToQueueBacklog(db)(inserted[0]!, inserted.at(-1)!);
          return inserted;
        })();
        t.core.queue.ensureCaughtUp();
        // Every call in time order, dialled (past any rule: the rep's override) and logged.
        const calls = leads.flatMap((lead, i) => lead.calls.map((at) => ({ at, id: ids[i]! })));
        calls.sort((a, b) => a.at - b.at);
        // Two leads' calls closer than a log apart: the later one waits (the record follows).
        for (let i = 1; i < calls.length; i++) if (calls[i]!.at < calls[i - 1]!.at + LOGGED_AFTER + 1000) calls[i]!.at = calls[i - 1]!.at + LOGGED_AFTER + 1000;
        for (const lead of leads) lead.calls = [];
        for (const call of calls) {
          clock.jump(call.at - clock.now().getTime());
          const dialled = await t.call<{ id: number }>('calls.dial', { contactId: call.id, override: true });
          leads[ids.indexOf(call.id)]!.calls.push(call.at);
          clock.jump(LOGGED_AFTER);
          await t.call('calls.log', { callId: dialled.id, outcome: 'no_answer' });
        }
        const after = Math.max(start, clock.now().getTime() + 2 * MINUTE);
        const instants = Array.from({ length: 8 }, () => after + Math.floor(random() * 26 * 60) * MINUTE).sort((a, b) => a - b);
        for (const at of instants) {
          clock.jump(at - clock.now().getTime());
          const shown = new Set(t.core.queue.entries(at, 1000).map((e) => e.lead.id));
          leads.forEach((lead, i) => {
            const reasons = blockers(lead, at, law);
            if (shown.has(ids[i]!) && reasons.length > 0) problems.push(`offered though ${reasons.join('; ')} — ${lawName}: ${describeLead(lead, at)}`);
            if (!shown.has(ids[i]!) && reasons.length === 0) problems.push(`not offered though no rule holds it back — ${lawName}: ${describeLead(lead, at)}`);
            if (shown.has(ids[i]!)) offered++;
            else held++;
          });
        }
      } finally {
        t.core.close();
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(offered).toBeGreaterThan(200);
    expect(held).toBeGreaterThan(200);
  }, 120_000);
});

describe("the SQL queue follows the desk's rule choices, not the defaults (found by the property above)", () => {
  it('La. R.S. 45:811 switched on closes a Louisiana lead on a Sunday; Fla. Stat. § 501.616(6) switched off opens a Florida business line at 21:00', async () => {
    // Sunday 8 March 2026, 15:00 in Chicago (20:00Z … 21:00Z after the clocks went forward).
    const clock = new FakeClock('2026-03-08T20:00:00Z');
    const t = makeCore(tempDir(), { clock });
    try {
      const louisiana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Lou', phone: '+1 504 555 0100' })).id;
      const sunday = Date.parse('2026-03-08T20:00:00Z');
      expect((await t.call<{ contact: { jurisdictions: string[] } }>('contacts.get', { id: louisiana })).contact.jurisdictions).toContain('US-LA');
      expect(t.core.queue.entries(sunday, 100).map((e) => e.lead.id)).toContain(louisiana);
      await t.call('law.set', { rule: 'us-la', on: true, reason: '' });
      expect(t.core.queue.entries(sunday, 100).map((e) => e.lead.id)).not.toContain(louisiana);

      const florida = (await t.call<{ id: number }>('contacts.add', { firstName: 'Flo', phone: '+1 305 555 0100' })).id;
      await t.call('contacts.update', { id: florida, firstName: 'Flo', lastName: '', company: '', title: '', email: '', phone: '+1 305 555 0100', timeZone: '', kind: 'outbound', lineType: 'business', notes: '' });
      // Monday 9 March, 21:00 in Miami (EDT): past Florida's 20:00, inside the desk's hours once
      // it opens them all day. The federal rule does not cover a business line.
      await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', queue: { ...t.core.settings.get('queue'), callingHours: WIDE_DESK } });
      const evening = Date.parse('2026-03-10T01:00:00Z');
      expect(t.core.queue.entries(evening, 100).map((e) => e.lead.id)).not.toContain(florida);
      await t.call('law.set', { rule: 'us-fl', on: false, reason: 'our calls to Florida are to businesses that asked' });
      expect(t.core.queue.entries(evening, 100).map((e) => e.lead.id)).toContain(florida);
    } finally {
      t.core.close();
    }
  });
});
