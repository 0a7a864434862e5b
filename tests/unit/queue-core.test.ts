import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callingHours } from '../../shared/domain/callingHours';
import type { Outcome } from '../../shared/domain/dispositions';
import { attemptsOnLocalDay, displayZone, queueOrder, retryPlan, whyNotNow, type Attempt, type Disposition, type QueueLead, type QueueSettings } from '../../shared/domain/queueRules';
import { setHidden, setPinned, storePlan, tierRows, TierReadMemory, TIER_SCAN } from '../../electron/core/queue/repo';
import { tierRank } from '../../shared/domain/queueRules';
import { NO_LEAD_FILTER } from '../../shared/domain/campaigns';
import { FakeClock } from '../../electron/core/testing';
import { runImport } from '../../electron/core/imports/service';
import { makeCore, tempDir, type TestCore } from './helpers';
import { timeToken } from '../../shared/domain/timeText';

// An instant in a reason, on New York's clock (drawn where the reason is read: timeText.ts).
const ny = (iso: string) => timeToken(Date.parse(iso), 'America/New_York');

const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Entry {
  contact: { id: number; firstName: string };
  tier: string;
  reason: string;
  pinned: boolean;
}
interface Logged {
  call: { id: number; outcome: string; override: boolean; nextStep: string | null; callbackAt: string | null; reason: string | null };
  next: Entry | null;
}

async function addLead(t: TestCore, firstName: string, phone: string, over: { timeZone?: string; kind?: 'inbound' | 'outbound'; lineType?: 'business' | 'residential' } = {}) {
  const added = await t.call<{ id: number }>('contacts.add', { firstName, phone });
  if (over.timeZone || over.kind || over.lineType) {
    await t.call('contacts.update', {
      id: added.id,
      firstName,
      lastName: '',
      company: '',
      title: '',
      email: '',
      phone,
      timeZone: over.timeZone ?? '',
      kind: over.kind ?? 'outbound',
      lineType: over.lineType ?? 'business',
      notes: '',
    });
  }
  return added.id;
}

const queueIds = async (t: TestCore, request: object = {}) => (await t.call<{ entries: Entry[] }>('queue.list', request)).entries.map((e) => e.contact.id);

async function dialAndLog(t: TestCore, contactId: number, outcome: string, extra: object = {}): Promise<Logged> {
  const call = await t.call<{ id: number }>('calls.dial', { contactId });
  return t.call<Logged>('calls.log', { callId: call.id, outcome, ...extra });
}

// ---------------------------------------------------------------------------------------------
// The SQL queue held to queueOrder through the services, on leads that the queue must leave out
// or hold back: do-not-call numbers, duds (from the file and from a wrong number), closed and
// removed leads, attempts inside the minimum gap and at the day's cap, pins, snoozes, skips and
// restores, inbound and outbound, two imports and a lead added by hand, in eleven zones (two
// leads with two candidate zones each). The expected side is a model kept by the test: each
// lead's state follows from what was done to it, through the pure retryPlan, never read back from
// the database. On top of the equality, rules checked without the queue's own code: nobody on
// the do-not-call list (as dnc.list has it), no dud, nobody outside calling hours, no retry
// inside the minimum gap or past the day's cap unless the rep asked for it (pin, callback,
// restore); and the filters, the limit and the not-callable view (V) against the same model.
// ---------------------------------------------------------------------------------------------

interface ModelLead extends QueueLead {
  name: string;
  importId: number | null;
  e164: string | null;
  /** When each attempt was dialled. */
  attempts: number[];
  /** When the rep last restored it (an explicit ask, like a pin). */
  restoredAt: number | null;
}

type Step =
  | { type: 'call'; outcome: Outcome; seconds: number; aheadMinutes: number }
  | { type: 'pin' }
  | { type: 'snooze'; minutes: number }
  | { type: 'skip' }
  | { type: 'remove' }
  | { type: 'restore' }
  | { type: 'dnc' };

// Two lead files, as exported from a CRM: kinds, line types, zones from the number, and a dud
// row in each. The zones each number resolves to are read from the contact (resolution is
// tested elsewhere); the kind and the import come from here.
const SPRING = [
  'Name,Phone,Lead kind,Line type',
  'Ana Spring,+1 212 555 0101,inbound,business', // New York
  'Ben Spring,+1 312 555 0102,outbound,residential', // Chicago
  'Cy Spring,+1 415 555 2671,outbound,business', // Los Angeles
  'Di Spring,+1 605 555 0100,outbound,residential', // Denver and North Dakota (two zones)
  'Ed Spring,+44 20 7946 0958,inbound,business', // London
  'Fay Spring,n/a,outbound,business', // dud: no number
  'Gus Spring,+61 8 9222 0000,outbound,business', // Adelaide and Perth (two zones)
].join('\n');
const AUTUMN = [
  'Name,Phone,Lead kind,Line type',
  'Hal Autumn,+1 212 555 0201,outbound,business',
  'Ivy Autumn,+49 30 1234 5678,inbound,residential', // Berlin
  'Jo Autumn,+81 3 1234 5678,outbound,business', // Tokyo
  'Kai Autumn,+55 11 91234 5678,inbound,business', // São Paulo
  'Lu Autumn,+1 305 555 0199,outbound,residential', // Miami (New York's zone)
  'Mo Autumn,0000000000,inbound,business', // dud: not a valid number
].join('\n');
const BY_HAND = { firstName: 'Ned', lastName: 'Byhand', phone: '+1 (212) 555-0299' };
const KIND_OF = new Map<string, 'inbound' | 'outbound'>(
  [...SPRING.split('\n').slice(1), ...AUTUMN.split('\n').slice(1)].map((row) => {
    const [name, , kind] = row.split(',');
    return [name!, kind as 'inbound' | 'outbound'];
  }),
);
const FILTER_ZONES = ['America/New_York', 'America/Denver', 'America/North_Dakota/Center', 'Australia/Perth', 'Europe/London', 'Asia/Tokyo', 'Europe/Paris'];

const OUTCOME = fc.constantFrom<Outcome>('no_answer', 'no_answer', 'no_answer', 'gatekeeper', 'engaged', 'voicemail_left', 'conversation', 'callback_requested', 'advance', 'conversion', 'not_interested', 'wrong_number', 'do_not_call');
const STEP: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('call' as const), outcome: OUTCOME, seconds: fc.integer({ min: 0, max: 55 }), aheadMinutes: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'pin' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('snooze' as const), minutes: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'skip' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'remove' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'restore' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'dnc' as const }) },
);
// Minutes to a lead's next step: often inside the gap, often the same day, sometimes days on.
const AFTER = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 15 }) },
  { weight: 2, arbitrary: fc.integer({ min: 16, max: 240 }) },
  { weight: 1, arbitrary: fc.integer({ min: 241, max: 4000 }) },
);
// A morning of unanswered calls to one lead: its gap and the day's cap are what hold it back.
const BURST = fc.array(
  fc.record({
    after: fc.integer({ min: 1, max: 40 }),
    step: fc.record({ type: fc.constant('call' as const), outcome: fc.constantFrom<Outcome>('no_answer', 'gatekeeper', 'engaged', 'voicemail_left'), seconds: fc.integer({ min: 0, max: 55 }), aheadMinutes: fc.constant(60) }),
  }),
  { minLength: 2, maxLength: 5 },
);
const LEAD_COUNT = 14;
const YEAR_2026 = T('2026-01-01T00:00:00Z');

const SCENARIO = fc.record({
  // Any minute of 2026, or (as often) 12:00–17:00 UTC, a morning in the Americas, when most of
  // these leads can be called.
  start: fc.oneof(fc.integer({ min: 0, max: 364 * 24 * 60 }), fc.tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 12 * 60, max: 17 * 60 })).map(([day, minute]) => day * 24 * 60 + minute)).map((m) => YEAR_2026 + m * MIN),
  autumnAfterMinutes: fc.integer({ min: 1, max: 600 }),
  maxAttemptsPerDay: fc.integer({ min: 2, max: 4 }),
  minimumGapMinutes: fc.constantFrom(10, 30, 60),
  // Often shorter than the gap, so the gap is what holds a retry back.
  noAnswerRetryMinutes: fc.constantFrom(5, 5, 30, 120),
  steps: fc.array(fc.oneof({ weight: 3, arbitrary: fc.array(fc.record({ after: AFTER, step: STEP }), { maxLength: 6 }) }, { weight: 1, arbitrary: BURST }), { minLength: LEAD_COUNT, maxLength: LEAD_COUNT }),
  // Instants to read the queue at: shortly after one lead's last step (inside its gap, at its
  // cap, while snoozed), around the last thing done, or far on; in minutes.
  instants: fc.array(
    fc.oneof(
      { weight: 2, arbitrary: fc.record({ from: fc.integer({ min: 0, max: LEAD_COUNT - 1 }), minutes: fc.integer({ min: -30, max: 12 * 60 }) }) },
      { weight: 1, arbitrary: fc.record({ from: fc.constant('end' as const), minutes: fc.integer({ min: -240, max: 3 * 24 * 60 }) }) },
      { weight: 1, arbitrary: fc.record({ from: fc.constant('end' as const), minutes: fc.integer({ min: 0, max: 365 * 24 * 60 }) }) },
    ),
    { minLength: 4, maxLength: 4 },
  ),
  filters: fc.array(
    fc.record({
      importId: fc.constantFrom<'spring' | 'autumn' | null>(null, null, 'spring', 'autumn'),
      kind: fc.constantFrom<'inbound' | 'outbound' | null>(null, null, 'inbound', 'outbound'),
      zone: fc.constantFrom<string | null>(null, null, null, ...FILTER_ZONES),
      limit: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(20)),
    }),
    { minLength: 4, maxLength: 4 },
  ),
});

/** What applyOutcome stores after a disposition, computed by the pure rule from the model. */
function disposeInModel(lead: ModelLead, disposition: Disposition, at: number, settings: QueueSettings): void {
  const history: Attempt[] = lead.attempts.filter((a) => a >= at - 2 * DAY).map((a) => ({ at: a, outcome: null, loopId: null }));
  const plan = retryPlan(lead, disposition, history, at, settings);
  lead.tier = plan.tier;
  lead.dueAt = plan.dueAt;
  lead.why = plan.why;
  lead.closed = plan.closed;
  lead.voicemailRestUntil = plan.voicemailRestUntil ?? (lead.voicemailRestUntil !== null && lead.voicemailRestUntil > at ? lead.voicemailRestUntil : null);
  lead.lastAttemptAt = Math.max(...history.map((h) => h.at));
  lead.attemptsToday = attemptsOnLocalDay(history, at, displayZone(lead));
  lead.capReached = plan.capReached;
  lead.capRule = plan.capRule ?? null;
  lead.pinnedAt = null;
  lead.hiddenUntil = null;
}

const localDate = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toISODate();
const iso = (at: number) => new Date(at).toISOString();

interface Listed {
  entries: { contact: { id: number; e164: string | null; status: string; timeZones: string[]; lineType: 'business' | 'residential'; country: string; jurisdictions: string[] }; tier: string; reason: string; pinned: boolean }[];
}
interface Waiting {
  contact: { id: number };
  code: string;
  reason: string;
  nextAt: string | null;
}

type Scenario = typeof SCENARIO extends fc.Arbitrary<infer S> ? S : never;

async function checkScenario(scenario: Scenario): Promise<void> {
  const clock = new FakeClock(new Date(scenario.start));
  const t = makeCore(tempDir(), { clock });
  // Jump, not advance: nothing here should wait for a timer (redial loops are stopped at once).
  const setClock = (at: number) => clock.jump(at - clock.now().getTime());
  try {
    await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', queue: { ...t.core.settings.get('queue'), maxAttemptsPerDay: scenario.maxAttemptsPerDay, minimumGapMinutes: scenario.minimumGapMinutes, noAnswerRetryMinutes: scenario.noAnswerRetryMinutes } });
    const settings = t.core.queue.settings();
    const spring = await runImport({ ...t.core.context, clock }, { fileName: 'spring.csv', bytes: new TextEncoder().encode(SPRING), onDuplicate: 'skip', country: 'US' });
    setClock(scenario.start + scenario.autumnAfterMinutes * MIN);
    const autumn = await runImport({ ...t.core.context, clock }, { fileName: 'autumn.csv', bytes: new TextEncoder().encode(AUTUMN), onDuplicate: 'skip', country: 'US' });
    await t.call('contacts.add', BY_HAND);
    const importIds = new Map([['spring', spring.importId], ['autumn', autumn.importId]]);
    const { contacts } = await t.call<{ contacts: { id: number; firstName: string; lastName: string; e164: string | null; timeZones: string[]; lineType: 'business' | 'residential'; country: string; jurisdictions: string[]; createdAt: string }[] }>('contacts.search', { limit: 500 });
    expect(contacts).toHaveLength(LEAD_COUNT);
    const leads: ModelLead[] = contacts.map((c) => {
      const name = `${c.firstName} ${c.lastName}`;
      const kind = KIND_OF.get(name) ?? 'outbound';
      const createdAt = Date.parse(c.createdAt);
      return {
        id: c.id,
        name,
        importId: c.lastName === 'Spring' ? spring.importId : c.lastName === 'Autumn' ? autumn.importId : null,
        e164: c.e164,
        kind,
        createdAt,
        timeZones: c.timeZones,
        lineType: c.lineType,
        jurisdictions: c.jurisdictions,
        country: c.jurisdictions[0] ?? (c.country || undefined),
        status: c.e164 === null ? 'dud' : 'active',
        doNotCall: false,
        tier: kind === 'inbound' ? 'inbound' : 'fresh',
        dueAt: createdAt,
        closed: null,
        voicemailRestUntil: null,
        lastAttemptAt: null,
        attemptsToday: 0,
        capReached: false,
        pinnedAt: null,
        hiddenUntil: null,
        why: '',
        attempts: [],
        restoredAt: null,
      };
    });
    // Fay and Mo are duds from their files.
    expect(leads.filter((l) => l.status === 'dud').map((l) => l.name).sort()).toEqual(['Fay Spring', 'Mo Autumn']);

    // Every lead's steps on one timeline, after both imports.
    const begin = clock.now().getTime() + MIN;
    const events: { at: number; lead: ModelLead; step: Step }[] = [];
    scenario.steps.forEach((steps, i) => {
      let at = begin;
      for (const { after, step } of steps) {
        at += after * MIN;
        events.push({ at, lead: leads[i]!, step });
      }
    });
    events.sort((a, b) => a.at - b.at || a.lead.id - b.lead.id);

    for (const { at, lead, step } of events) {
      setClock(at);
      const id = lead.id;
      const blocked = lead.status === 'dud' || lead.doNotCall;
      switch (step.type) {
        case 'call': {
          if (blocked) {
            const refused = await t.core.invoke('calls.dial', { contactId: id, override: true });
            expect(refused.ok || refused.error.code).toBe('dial_refused');
            break;
          }
          const call = await t.call<{ id: number }>('calls.dial', { contactId: id, override: true });
          lead.attempts.push(at);
          lead.lastAttemptAt = at;
          lead.attemptsToday = attemptsOnLocalDay(lead.attempts.filter((a) => a >= at - 2 * DAY).map((a) => ({ at: a, outcome: null })), at, displayZone(lead));
          lead.pinnedAt = null;
          lead.hiddenUntil = null;
          const loggedAt = at + step.seconds * 1000;
          setClock(loggedAt);
          const ahead = loggedAt + step.aheadMinutes * MIN;
          const detail =
            step.outcome === 'callback_requested'
              ? { callbackAt: iso(ahead) }
              : step.outcome === 'advance'
                ? { nextStep: 'Demo with their team', nextAt: iso(ahead) }
                : step.outcome === 'not_interested'
                  ? { reason: 'No budget' }
                  : {};
          await t.call('calls.log', { callId: call.id, outcome: step.outcome, ...detail });
          disposeInModel(lead, modelDisposition(step.outcome, ahead), loggedAt, settings);
          if (step.outcome === 'engaged') {
            // S on the redial loop: the line stays engaged, the lead an ordinary retry.
            await t.call('redial.act', { contactId: id, action: 'stop' });
            disposeInModel(lead, { outcome: 'engaged', redialEnded: true }, loggedAt, settings);
          }
          if (step.outcome === 'wrong_number') lead.status = 'dud';
          if (step.outcome === 'do_not_call') for (const other of leads) if (other.e164 === lead.e164) other.doNotCall = true;
          break;
        }
        case 'pin': {
          const result = await t.core.invoke('queue.act', { contactId: id, action: 'pin' });
          if (blocked || lead.closed !== null || lead.tier === null || lead.dueAt === null) {
            expect(result.ok || result.error.code).toBe('conflict');
          } else {
            expect(result.ok).toBe(true);
            lead.pinnedAt = at;
            lead.hiddenUntil = null;
          }
          break;
        }
        case 'snooze':
        case 'skip': {
          const until = at + (step.type === 'snooze' ? step.minutes : settings.skipMinutes) * MIN;
          await t.call('queue.act', step.type === 'snooze' ? { contactId: id, action: 'snooze', until: iso(until) } : { contactId: id, action: 'skip' });
          lead.hiddenUntil = until;
          lead.pinnedAt = null;
          break;
        }
        case 'remove':
          await t.call('queue.act', { contactId: id, action: 'remove' });
          lead.closed = 'removed';
          lead.why = 'removed from the queue by the rep';
          lead.pinnedAt = null;
          break;
        case 'restore':
          await t.call('queue.act', { contactId: id, action: 'restore' });
          lead.closed = null;
          lead.hiddenUntil = null;
          lead.why = 'restored to the queue';
          lead.tier ??= 'retry';
          lead.dueAt ??= at;
          lead.restoredAt = at;
          break;
        case 'dnc':
          // A dud whose number is listed afterwards keeps 'dud' as the one reason its queue row is
          // blocked, where whyNotNow names the list first: a known difference in the wording of
          // the not-callable view (the lead is left out either way), so that pairing is skipped.
          if (lead.e164 === null || lead.status === 'dud') break;
          await t.call('dnc.add', { phone: lead.e164 });
          for (const other of leads) if (other.e164 === lead.e164) other.doNotCall = true;
          break;
      }
    }

    // The do-not-call list and the duds as their own tables have them, not as the queue does.
    const listed = new Set((await t.call<{ e164: string }[]>('dnc.list', {})).map((d) => d.e164));
    expect([...listed].sort()).toEqual([...new Set(leads.filter((l) => l.doNotCall).map((l) => l.e164!))].sort());
    const duds = new Set((await t.call<{ contacts: { id: number }[] }>('contacts.search', { status: 'dud', limit: 500 })).contacts.map((c) => c.id));
    expect([...duds].sort((a, b) => a - b)).toEqual(leads.filter((l) => l.status === 'dud').map((l) => l.id));

    const last = events.at(-1)?.at ?? begin;
    const lastStepOf = (lead: ModelLead) => events.findLast((e) => e.lead === lead)?.at ?? begin;
    const byId = new Map(leads.map((l) => [l.id, l]));
    // Besides the generated instants, where the gap and the cap show: for the three most-called
    // leads, the last minute of the gap after their last call, and the minutes before and at
    // which they fall due.
    const instants = scenario.instants.map((i) => (i.from === 'end' ? last : lastStepOf(leads[i.from]!)) + i.minutes * MIN);
    for (const lead of [...leads].sort((a, b) => b.attempts.length - a.attempts.length).slice(0, 3)) {
      if (lead.lastAttemptAt !== null) instants.push(lead.lastAttemptAt + settings.minimumGapMinutes * MIN - MIN);
      if (lead.dueAt !== null) instants.push(lead.dueAt - MIN, lead.dueAt);
    }
    for (const [n, at] of instants.entries()) {
      const expected = queueOrder(leads, at, settings);
      const actual = (await t.call<Listed>('queue.list', { at: iso(at), limit: 1000 })).entries;
      expect(actual.map((e) => [e.contact.id, e.tier, e.reason, e.pinned])).toEqual(expected.map((e) => [e.lead.id, e.tier, e.reason, e.pinned]));

      for (const entry of actual) {
        const lead = byId.get(entry.contact.id)!;
        expect(entry.contact.e164).not.toBeNull();
        expect(listed.has(entry.contact.e164!)).toBe(false);
        expect(duds.has(entry.contact.id)).toBe(false);
        expect(callingHours({ timeZones: entry.contact.timeZones, lineType: entry.contact.lineType, jurisdictions: entry.contact.jurisdictions, country: entry.contact.jurisdictions[0] }, new Date(at), settings.callingHours).allowed).toBe(true);
        const lastAttempt = lead.attempts.length ? Math.max(...lead.attempts) : null;
        const askedFor = entry.pinned || entry.tier === 'callback' || (lead.restoredAt !== null && (lastAttempt === null || lead.restoredAt >= lastAttempt));
        if (askedFor) continue;
        for (const attempt of lead.attempts) expect(at - attempt, `${lead.name} offered inside the minimum gap`).toBeGreaterThanOrEqual(settings.minimumGapMinutes * MIN);
        if (lead.kind === 'outbound') {
          const zone = lead.timeZones[0]!;
          const today = lead.attempts.filter((a) => localDate(a, zone) === localDate(at, zone)).length;
          expect(today, `${lead.name} offered past the day's attempt cap`).toBeLessThan(settings.maxAttemptsPerDay);
        }
      }

      // The filters and the limit, against the model's queue filtered here; the not-callable
      // view (V) holds every other lead of the filter, with whyNotNow's answer.
      const filter = scenario.filters[n % scenario.filters.length]!;
      const importId = filter.importId === null ? null : importIds.get(filter.importId)!;
      const matches = (lead: ModelLead) => (importId === null || lead.importId === importId) && (filter.kind === null || lead.kind === filter.kind) && (filter.zone === null || lead.timeZones.includes(filter.zone));
      const request = { at: iso(at), importId, kind: filter.kind, zone: filter.zone };
      const filtered = expected.filter((e) => matches(e.lead as ModelLead));
      const shown = (await t.call<Listed>('queue.list', { ...request, limit: filter.limit })).entries;
      expect(shown.map((e) => [e.contact.id, e.tier, e.reason])).toEqual(filtered.slice(0, filter.limit).map((e) => [e.lead.id, e.tier, e.reason]));
      const offered = new Set(filtered.map((e) => e.lead.id));
      const waiting = await t.call<Waiting[]>('queue.notNow', { ...request, limit: 1000 });
      const expectedWaiting = leads
        .filter((l) => matches(l) && !offered.has(l.id))
        .map((l) => {
          const why = whyNotNow(l, at, settings);
          return [l.id, why.code, why.reason, why.nextAt === null ? null : iso(why.nextAt)];
        });
      expect(waiting.map((w) => [w.contact.id, w.code, w.reason, w.nextAt]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(expectedWaiting);
    }
  } finally {
    t.core.close();
  }
}

/** The disposition the model applies for an outcome logged with the test's detail. */
function modelDisposition(outcome: Outcome, ahead: number): Disposition {
  if (outcome === 'callback_requested') return { outcome, callbackAt: ahead };
  if (outcome === 'advance') return { outcome, nextStep: 'Demo with their team', nextStepAt: ahead };
  if (outcome === 'not_interested') return { outcome, reason: 'No budget' };
  return { outcome };
}

describe('the SQL queue is queueOrder', () => {
  it('through the services, for leads on the do-not-call list, duds, closed, inside the minimum gap, at the attempt cap, pinned, snoozed, skipped and restored, across kinds, imports and zones: the same entries, order and tiers as the pure rule, filtered and limited alike, the rest in the not-callable view', async () => {
    await fc.assert(fc.asyncProperty(SCENARIO, checkScenario), { numRuns: 30 });
  }, 180_000);

  it('at random instants over a year, for random plans, pins and snoozes, the indexed query gives the same entries in the same order as the pure rule', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-01-05T15:00:00Z') });
    const phones = ['+12125550143', '+13125550123', '+14155552671', '+442079460958', '+493012345678', '+61291234567', '+81312345678', '+5511912345678'];
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const phone = `${phones[i % phones.length]!.slice(0, -2)}${String(i).padStart(2, '0')}`;
      ids.push(await addLead(t, `Lead ${i}`, phone, { kind: i % 5 === 0 ? 'inbound' : 'outbound', lineType: i % 2 ? 'residential' : 'business' }));
    }
    const db = t.core.db;
    const year = T('2026-01-01T00:00:00Z');
    // What the queue needs to know of each contact, read once; the plans come from the generator.
    const contacts = await Promise.all(ids.map(async (id) => (await t.call<{ contact: { kind: 'inbound' | 'outbound'; createdAt: string; timeZones: string[]; lineType: 'business' | 'residential'; country: string; jurisdictions: string[] } }>('contacts.get', { id })).contact));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tier: fc.constantFrom('callback' as const, 'inbound' as const, 'retry' as const, 'fresh' as const, null),
            due: fc.integer({ min: year, max: year + 365 * 24 * HOUR }),
            pinned: fc.integer({ min: 0, max: 9 }),
            hidden: fc.option(fc.integer({ min: year, max: year + 365 * 24 * HOUR })),
            rest: fc.option(fc.integer({ min: year, max: year + 365 * 24 * HOUR })),
          }),
          { minLength: ids.length, maxLength: ids.length },
        ),
        fc.array(fc.integer({ min: year, max: year + 365 * 24 * HOUR }), { minLength: 5, maxLength: 5 }),
        (plans, instants) => {
          db.transaction(() => {
            plans.forEach((p, i) => {
              storePlan(db, ids[i]!, { tier: p.tier, due_at: p.tier === null ? null : p.due, why: '', closed: p.tier === null ? 'conversion' : null, voicemail_rest_until: p.rest, last_attempt_at: null, attempts_today: 0, cap_reached: 0, cap_rule: null });
              if (p.pinned === 0) setPinned(db, ids[i]!, p.due);
              else if (p.hidden !== null) setHidden(db, ids[i]!, p.hidden, 'snooze');
            });
          })();
          t.core.queue.rulesChanged();
          // The expected leads are built from the generated plans, not read back from the database.
          const leads: QueueLead[] = plans.map((p, i) => {
            const c = contacts[i]!;
            return {
              id: ids[i]!,
              kind: c.kind,
              createdAt: Date.parse(c.createdAt),
              timeZones: c.timeZones,
              lineType: c.lineType,
              jurisdictions: c.jurisdictions,
              country: c.jurisdictions[0] ?? (c.country || undefined),
              status: 'active',
              doNotCall: false,
              tier: p.tier,
              dueAt: p.tier === null ? null : p.due,
              closed: p.tier === null ? 'conversion' : null,
              voicemailRestUntil: p.rest,
              lastAttemptAt: null,
              attemptsToday: 0,
              capReached: false,
              pinnedAt: p.pinned === 0 ? p.due : null,
              hiddenUntil: p.pinned === 0 ? null : p.hidden,
              why: '',
            };
          });
          for (const at of instants) {
            const expected = queueOrder(leads, at, t.core.queue.settings()).map((e) => [e.lead.id, e.tier, e.reason, e.pinned]);
            const actual = t.core.queue.entries(at, 1000).map((e) => [e.lead.id, e.tier, e.reason, e.pinned]);
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
    t.core.close();
  });
});

describe('dispositions through the core', () => {
  // Wednesday 4 March 2026, 10:00 in New York.
  const start = () => makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });

  it('each outcome changes the queue as the policy says, in one transaction with its side effects', async () => {
    const t = start();
    const a = await addLead(t, 'Ana', '+12125550101');
    const b = await addLead(t, 'Ben', '+12125550102');
    const c = await addLead(t, 'Cy', '+12125550103');
    const d = await addLead(t, 'Di', '+12125550104');
    const e = await addLead(t, 'Ed', '+12125550105');
    expect(await queueIds(t)).toEqual([a, b, c, d, e]);

    const noAnswer = await dialAndLog(t, a, 'no_answer');
    expect(noAnswer.next?.contact.id).toBe(b);
    const wrong = await dialAndLog(t, b, 'wrong_number');
    expect(wrong.next?.contact.id).toBe(c);
    expect((await t.call<{ contact: { status: string; dudReason: string } }>('contacts.get', { id: b })).contact).toMatchObject({ status: 'dud', dudReason: `wrong number (call #${wrong.call.id})` });
    await dialAndLog(t, c, 'do_not_call');
    expect(t.core.db.prepare('SELECT source FROM dnc WHERE e164 = ?').get('+12125550103')).toEqual({ source: expect.stringMatching(/^call #/) });
    await dialAndLog(t, d, 'voicemail_left');
    const tasks = (await t.call<{ tasks: { kind: string; dueAt: string }[] }>('contacts.get', { id: d })).tasks;
    expect(tasks).toEqual([expect.objectContaining({ kind: 'email', dueAt: '2026-03-04T15:00:00.000Z' })]);
    await dialAndLog(t, e, 'callback_requested', { callbackAt: '2026-03-04T16:30:00Z' });
    expect(await queueIds(t)).toEqual([]);

    t.clock.advance(90 * MIN); // 11:30: the callback is due; Ana's retry (12:00) is not
    const entries = (await t.call<{ entries: Entry[] }>('queue.list', {})).entries;
    expect(entries.map((x) => [x.contact.id, x.tier, x.reason])).toEqual([[e, 'callback', `callback promised for ${ny('2026-03-04T16:30:00Z')}`]]);
    t.clock.advance(30 * MIN);
    expect(await queueIds(t)).toEqual([e, a]);
    const notNow = await t.call<{ contact: { id: number }; code: string; reason: string }[]>('queue.notNow', {});
    expect(Object.fromEntries(notNow.map((n) => [n.contact.id, n.code]))).toMatchObject({ [b]: 'dud', [c]: 'dnc', [d]: 'not_due' });
    t.core.close();
  });

  it('the follow-up fields are required, with a message for each', async () => {
    const t = start();
    const a = await addLead(t, 'Ana', '+12125550101');
    const call = await t.call<{ id: number }>('calls.dial', { contactId: a });
    const advance = await t.core.invoke('calls.log', { callId: call.id, outcome: 'advance' });
    expect(advance.ok || advance.error.fields).toEqual({ nextStep: 'An advance needs the next step you agreed', nextAt: 'An advance needs the date and time of the next step' });
    const callback = await t.core.invoke('calls.log', { callId: call.id, outcome: 'callback_requested', callbackAt: '2026-03-04T14:00:00Z' });
    expect(callback.ok || callback.error.fields).toEqual({ callbackAt: 'The callback time must be in the future' });
    const reason = await t.core.invoke('calls.log', { callId: call.id, outcome: 'not_interested', reason: 'Because' });
    expect(reason.ok || reason.error.fields?.reason).toMatch(/^Choose one of: No budget/);
    // Nothing was saved by the refusals: the call still waits for its disposition.
    const saved = await t.call<Logged>('calls.log', { callId: call.id, outcome: 'advance', nextStep: 'Demo with the CFO', nextAt: '2026-03-10T14:00:00Z' });
    expect(saved.call).toMatchObject({ outcome: 'advance', nextStep: 'Demo with the CFO' });
    t.core.close();
  });

  it('dialling outside calling hours needs an override, which is recorded on the call', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T03:00:00Z') }); // 22:00 in New York
    const a = await addLead(t, 'Ana', '+12125550101');
    const refused = await t.core.invoke('calls.dial', { contactId: a });
    expect(refused.ok || refused.error).toMatchObject({ code: 'outside_hours', message: expect.stringContaining(`For this lead (America/New_York) it is ${ny('2026-03-04T03:00:00Z')}. United States: calls 8:00\u00a0AM–9:00\u00a0PM their time, opens at ${ny('2026-03-04T13:00:00Z')} (47 CFR § 64.1200(c)(1))`) });
    expect(t.dialer.opened).toEqual([]);
    const call = await t.call<{ override: boolean }>('calls.dial', { contactId: a, override: true });
    expect(call.override).toBe(true);
    expect(t.dialer.opened).toEqual(['tel:+12125550101']);
    t.core.close();
  });

  it('an override pressed inside the hours waived nothing: the call is not recorded as an override', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T17:00:00Z') }); // 12:00 in New York
    const a = await addLead(t, 'Ana', '+12125550101');
    const call = await t.call<{ id: number; override: boolean }>('calls.dial', { contactId: a, override: true });
    expect(call.override).toBe(false);
    expect(t.core.db.prepare('SELECT override, waived FROM calls WHERE id = ?').get(call.id)).toEqual({ override: 0, waived: null });
    t.core.close();
  });

  it('pin, snooze, skip, remove and restore', async () => {
    const t = start();
    const a = await addLead(t, 'Ana', '+12125550101');
    const b = await addLead(t, 'Ben', '+12125550102');
    const c = await addLead(t, 'Cy', '+12125550103');
    await t.call('queue.act', { contactId: c, action: 'pin' });
    expect(await queueIds(t)).toEqual([c, a, b]);
    await t.call('queue.act', { contactId: a, action: 'snooze', until: '2026-03-04T16:00:00Z' });
    await t.call('queue.act', { contactId: b, action: 'skip' });
    expect(await queueIds(t)).toEqual([c]);
    const bad = await t.core.invoke('queue.act', { contactId: a, action: 'snooze' });
    expect(bad.ok || bad.error.fields).toEqual({ until: 'Choose until when to snooze' });
    t.clock.advance(HOUR);
    expect(await queueIds(t)).toEqual([c, a, b]);
    await t.call('queue.act', { contactId: c, action: 'remove' });
    expect(await queueIds(t)).toEqual([a, b]);
    await t.call('queue.act', { contactId: c, action: 'restore' });
    // Cy has waited since it was added; Ana and Ben only since their snooze and skip ended.
    expect(await queueIds(t)).toEqual([c, a, b]);
    t.core.close();
  });

  it('the minimum gap holds a retry back unless the rep pins the lead', async () => {
    const t = start();
    const a = await addLead(t, 'Ana', '+12125550101');
    await t.call('contacts.update', { id: a, firstName: 'Ana', lastName: '', company: '', title: '', email: '', phone: '+12125550101', timeZone: '', kind: 'outbound', lineType: 'business', notes: '' });
    await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', queue: { ...t.core.settings.get('queue'), noAnswerRetryMinutes: 1 } });
    await dialAndLog(t, a, 'no_answer');
    t.clock.advance(5 * MIN);
    expect(await queueIds(t)).toEqual([]);
    const why = await t.call<{ code: string; reason: string }[]>('queue.notNow', {});
    expect(why[0]).toMatchObject({ code: 'gap', reason: expect.stringContaining(`minimum gap until ${ny('2026-03-04T15:10:00Z')}`) });
    await t.call('queue.act', { contactId: a, action: 'pin' });
    expect(await queueIds(t)).toEqual([a]);
    t.core.close();
  });
});

describe('the redial loop', () => {
  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const openCallOf = async (t: TestCore, id: number) => (await t.call<{ calls: { id: number; outcome: string | null }[] }>('contacts.get', { id })).calls[0]!;

  it('the queue and the call screen say what the loop is doing: counting down, or waiting for the rep to say how a redial went', async () => {
    // 16:40 in New York: the evening voicemail window (16:30–18:30) is open, so a plain retry
    // would be offered as a voicemail; a lead in the loop is a redial, not a voicemail.
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T21:40:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    const shown = async () => {
      const entry = (await t.call<{ entries: Entry[] }>('queue.list', {})).entries.find((e) => e.contact.id === a);
      const detail = await t.call<{ now: { queueReason: string } }>('contacts.get', { id: a });
      return { tier: entry?.tier, reason: entry?.reason, callScreen: detail.now.queueReason };
    };
    // Counting down: the loop's first redial (the engaged call was attempt 1) is next.
    expect((await shown()).callScreen).toBe('engaged: in the redial loop (attempt 2 next)');
    t.clock.advance(30_000);
    await flush();
    expect(t.dialer.opened).toHaveLength(2);
    // Dialled and not confirmed: offered, as a redial that waits for the rep's answer, not as a
    // redial due in 30 s nor as a voicemail.
    const waiting = 'engaged: redial attempt 2 waits for your answer (connected or still engaged?)';
    expect(await shown()).toEqual({ tier: 'retry', reason: waiting, callScreen: waiting });
    t.clock.advance(5 * MIN);
    await flush();
    expect(await shown()).toEqual({ tier: 'retry', reason: waiting, callScreen: waiting });
    // Still engaged: counting down to attempt 3.
    await t.call('calls.log', { callId: (await openCallOf(t, a)).id, outcome: 'engaged' });
    expect((await shown()).callScreen).toBe('engaged: in the redial loop (attempt 3 next)');
    // Stopped: the loop's words go, the plan's come back.
    await t.call('redial.act', { contactId: a, action: 'stop' });
    expect((await shown()).callScreen).not.toContain('redial loop');
    t.core.close();
  });

  it('dials once after the countdown, then never again until the rep confirms engaged; each confirmation gives one more dial; connected stops it', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    let loop = await t.call<{ status: string; attempts: number; nextDialAt: string | null; awaitingConfirmation: boolean; askAt: string | null }>('redial.get', { contactId: a });
    expect(loop).toMatchObject({ status: 'running', attempts: 1, nextDialAt: '2026-03-04T15:00:30.000Z', awaitingConfirmation: false, askAt: null });
    // Five minutes with no key: exactly one further dial (after the 30 s countdown), then it waits.
    for (let s = 0; s < 300; s += 10) {
      t.clock.advance(10_000);
      await flush();
    }
    expect(t.dialer.opened).toHaveLength(2);
    loop = await t.call('redial.get', { contactId: a });
    // Paused: asked from the ring time (30 s) after that dial.
    expect(loop).toMatchObject({ status: 'running', attempts: 2, nextDialAt: null, awaitingConfirmation: true, askAt: '2026-03-04T15:01:00.000Z' });
    // Dialling by hand over the unconfirmed attempt is refused too.
    expect(await t.core.invoke('redial.act', { contactId: a, action: 'dial_now' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not confirmed') } });
    expect(t.dialer.opened).toHaveLength(2);

    // Each "still engaged" is followed by exactly one more dial, after the countdown.
    for (const expected of [3, 4]) {
      await t.call('calls.log', { callId: (await openCallOf(t, a)).id, outcome: 'engaged' });
      t.clock.advance(29_000);
      await flush();
      expect(t.dialer.opened).toHaveLength(expected - 1);
      t.clock.advance(1_000);
      await flush();
      expect(t.dialer.opened).toHaveLength(expected);
      t.clock.advance(3 * MIN);
      await flush();
      expect(t.dialer.opened).toHaveLength(expected);
    }
    // Every attempt is a row; the open one waits for its disposition.
    const calls = (await t.call<{ calls: { outcome: string | null; redialLoopId: number | null }[] }>('contacts.get', { id: a })).calls;
    expect(calls.map((c) => c.outcome)).toEqual([null, 'engaged', 'engaged', 'engaged']);
    await t.call('redial.act', { contactId: a, action: 'connected' });
    t.clock.advance(5 * MIN);
    await flush();
    expect(t.dialer.opened).toHaveLength(4);
    const logged = await t.call<Logged>('calls.log', { callId: (await openCallOf(t, a)).id, outcome: 'conversation' });
    expect(logged.call.outcome).toBe('conversation');
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ status: 'connected' });

    // A loop the rep keeps confirming ends at its 30-minute limit; the lead goes back as a retry.
    const b = await addLead(t, 'Ben', '+12125550102');
    await dialAndLog(t, b, 'engaged');
    let confirmations = 0;
    for (let i = 0; i < 200; i++) {
      t.clock.advance(30_000);
      await flush();
      const state = await t.call<{ status: string; awaitingConfirmation: boolean }>('redial.get', { contactId: b });
      if (state.status !== 'running') break;
      if (state.awaitingConfirmation) {
        await t.call('calls.log', { callId: (await openCallOf(t, b)).id, outcome: 'engaged' });
        confirmations++;
      }
    }
    const ended = await t.call<{ status: string; attempts: number }>('redial.get', { contactId: b });
    expect(ended.status).toBe('ended');
    const benCalls = (await t.call<{ calls: { outcome: string | null }[] }>('contacts.get', { id: b })).calls;
    expect(benCalls.every((c) => c.outcome === 'engaged')).toBe(true);
    expect(benCalls).toHaveLength(ended.attempts);
    expect(benCalls).toHaveLength(confirmations + 1);
    // Ben was first dialled at 10:17 New York time (5 min + 2 × 3:30 + 5 min after 10:00): the
    // loop's limit is 10:47, and an ordinary engaged retry is two hours after that.
    const waiting = await t.call<{ contact: { id: number }; reason: string }[]>('queue.notNow', {});
    expect(waiting.find((w) => w.contact.id === b)?.reason).toBe(`engaged: again at ${ny('2026-03-04T17:47:00Z')}`); // its reason says when; not again as "due"
    t.core.close();
  });

  it('a "still engaged" undone: the loop counts down again and dials once more, rather than stalling to its limit', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    t.clock.advance(30_000);
    await flush();
    expect(t.dialer.opened).toHaveLength(2);
    const second = (await openCallOf(t, a)).id;
    t.clock.advance(5_000);
    await t.call('calls.log', { callId: second, outcome: 'engaged' });
    expect(await t.call('calls.undo', { callId: second })).toMatchObject({ status: 'undone' });
    // Undone at 15:00:35: the countdown is 30 s from then, and no answer is awaited for the undone attempt.
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ status: 'running', attempts: 2, nextDialAt: '2026-03-04T15:01:05.000Z', awaitingConfirmation: false });
    t.clock.advance(30_000);
    await flush();
    expect(t.dialer.opened).toHaveLength(3);
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ status: 'running', attempts: 3, awaitingConfirmation: true });
    t.core.close();
  });

  it('C (connected) during the countdown, with nothing dialled since the engaged, is refused: there is no call that got through', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    expect(await t.core.invoke('redial.act', { contactId: a, action: 'connected' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Nothing has been dialled') } });
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ status: 'running' });
    t.core.close();
  });

  /** Every 30 s of clock, "still engaged" to each attempt the loop dials, until it ends by itself. */
  async function confirmEngagedUntilItEnds(t: TestCore, contactId: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      t.clock.advance(30_000);
      await flush();
      const state = await t.call<{ status: string; awaitingConfirmation: boolean }>('redial.get', { contactId });
      if (state.status !== 'running') return;
      if (state.awaitingConfirmation) await t.call('calls.log', { callId: (await openCallOf(t, contactId)).id, outcome: 'engaged' });
    }
  }

  it('a loop that ends by itself keeps why (its limit, the lead’s hours closing); one the rep stops keeps none', async () => {
    // 20:45 in New York: the loop's first redial is at 20:45:30, inside the hours; by 21:00 they close.
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-05T01:45:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    await confirmEngagedUntilItEnds(t, a);
    const closed = await t.call<{ status: string; endReason: string | null; endedAt: string | null }>('redial.get', { contactId: a });
    expect(closed).toMatchObject({ status: 'stopped', endReason: expect.stringMatching(/^For this lead \(America\/New_York\) it is .*calls 8:00\u00a0AM–9:00\u00a0PM/) });
    expect(Date.parse(closed.endedAt!)).toBeGreaterThanOrEqual(Date.parse('2026-03-05T02:00:00Z'));

    // 10:00: a loop kept going to its 30-minute limit.
    const b = await addLead(t, 'Ben', '+12125550102');
    t.clock.advance(Date.parse('2026-03-05T15:00:00Z') - t.clock.now().getTime());
    await dialAndLog(t, b, 'engaged');
    await confirmEngagedUntilItEnds(t, b);
    expect(await t.call('redial.get', { contactId: b })).toMatchObject({ status: 'ended', endReason: expect.stringContaining('30 minutes ran out') });

    // Stopped by the rep: nothing to explain.
    const c = await addLead(t, 'Cy', '+12125550103');
    await dialAndLog(t, c, 'engaged');
    await t.call('redial.act', { contactId: c, action: 'stop' });
    expect(await t.call('redial.get', { contactId: c })).toMatchObject({ status: 'stopped', endReason: null });
    t.core.close();
  });

  it('the ring time is a setting: the loop asks after it', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    await t.call('settings.update', { queue: { ...t.core.settings.get('queue'), redialRingSeconds: 45 } });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    t.clock.advance(30_000);
    await flush();
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ awaitingConfirmation: true, askAt: '2026-03-04T15:01:15.000Z' });
    t.core.close();
  });
});

describe('restart', () => {
  it('pins, snoozes, callbacks and a running redial loop are exactly as before after the core restarts on the same data', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(dir, { clock });
    const a = await addLead(t, 'Ana', '+12125550101');
    const b = await addLead(t, 'Ben', '+12125550102');
    const c = await addLead(t, 'Cy', '+12125550103');
    const d = await addLead(t, 'Di', '+12125550104');
    const e = await addLead(t, 'Ed', '+12125550105');
    await t.call('queue.act', { contactId: e, action: 'pin' });
    await t.call('queue.act', { contactId: b, action: 'snooze', until: '2026-03-04T15:20:00Z' });
    await dialAndLog(t, c, 'callback_requested', { callbackAt: '2026-03-04T15:10:00Z' });
    await dialAndLog(t, d, 'engaged');
    clock.advance(30_000);
    await Promise.resolve();
    const before = {
      queue: await t.call('queue.list', {}),
      notNow: await t.call('queue.notNow', {}),
      loop: await t.call('redial.get', { contactId: d }),
      calls: await t.call('calls.search', {}),
    };
    expect((before.loop as { attempts: number }).attempts).toBe(2);
    t.core.close();

    const again = makeCore(dir, { clock });
    expect({
      queue: await again.call('queue.list', {}),
      notNow: await again.call('queue.notNow', {}),
      loop: await again.call('redial.get', { contactId: d }),
      calls: await again.call('calls.search', {}),
    }).toEqual(before);
    // The loop carries on after the restart: still waiting for the rep on its unconfirmed attempt,
    // then its next attempt is dialled on time after the confirmation.
    const dialledBefore = again.dialer.opened.length;
    clock.advance(30_000);
    await Promise.resolve();
    expect(again.dialer.opened.length).toBe(dialledBefore);
    const open = (await again.call<{ calls: { id: number }[] }>('contacts.get', { id: d })).calls[0]!;
    await again.call('calls.log', { callId: open.id, outcome: 'engaged' });
    clock.advance(30_000);
    await Promise.resolve();
    expect(again.dialer.opened.length).toBe(dialledBefore + 1);
    expect(await again.call('redial.get', { contactId: d })).toMatchObject({ status: 'running', attempts: 3 });
    clock.advance(20 * MIN);
    expect(await queueIds(again)).toEqual(expect.arrayContaining([e, c, b, a]));
    expect((await queueIds(again)).slice(0, 2)).toEqual([e, c]);
    again.core.close();
  });
});

describe('a call left without its disposition', () => {
  it('is said first in its lead’s queue reason, after a restart too, until it is logged; a dial the phone did not take is not', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(dir, { clock });
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const reasonOf = async (core: TestCore, id: number) => (await core.call<{ entries: Entry[] }>('queue.list', {})).entries.find((e) => e.contact.id === id)?.reason;
    const before = await reasonOf(t, ana);
    expect(before).toBeDefined();
    const call = await t.call<{ id: number; dialedAt: string }>('calls.dial', { contactId: ana });
    // The phone refuses Ben's dial: that attempt is over, nothing waits for a disposition.
    t.dialer.refusal = 'No app is set to open tel: links';
    expect(await t.core.invoke('calls.dial', { contactId: ben })).toMatchObject({ ok: false });
    t.dialer.refusal = null;
    // At the same instant, so the plan's own words ("added 0 min ago") are as they were.
    const waiting = `not logged: call dialled ${ny(call.dialedAt)} — `;
    expect(await reasonOf(t, ana)).toBe(`${waiting}${before}`);
    expect(await reasonOf(t, ben)).not.toContain('not logged');
    t.core.close();
    // The window closed mid-call: after the restart the queue still says so.
    const again = makeCore(dir, { clock });
    expect(await reasonOf(again, ana)).toBe(`${waiting}${before}`);
    await again.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    clock.advance(DAY);
    expect(await reasonOf(again, ana)).not.toContain('not logged');
    again.core.close();
  });
});

describe('an import’s leads in the queue', () => {
  const csv = (rows: number) => new TextEncoder().encode(`Name,Phone\n${Array.from({ length: rows }, (_, i) => `Lead ${i},+1 212 555 ${String(1000 + i).padStart(4, '0')}`).join('\n')}\n`);

  it('are queued right after the import; a queue read before the background step builds them itself', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const summary = await runImport(t.core.context, { fileName: 'leads.csv', bytes: csv(120), onDuplicate: 'merge', country: 'US' });
    expect(summary.imported).toBe(120);
    // Written with the import: the batch's id range, not yet the queue rows.
    expect(t.core.db.prepare('SELECT count(*) AS n FROM queue_backlog').get()).toEqual({ n: 1 });
    expect(t.core.db.prepare('SELECT count(*) AS n FROM queue_state').get()).toEqual({ n: 0 });
    const listed = await t.call<{ entries: Entry[]; queued: number }>('queue.list', { limit: 1000 });
    expect(listed.entries).toHaveLength(120);
    expect(listed.queued).toBe(120);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM queue_backlog').get()).toEqual({ n: 0 });
    t.core.close();
  });

  it('through the app: the background step builds them and says the queue changed; a restart with a backlog left catches up', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(dir, { clock });
    const changed = new Promise<void>((resolve) => t.core.events.subscribe((name) => name === 'queue.changed' && t.core.db.prepare('SELECT count(*) AS n FROM queue_backlog').pluck().get() === 0 && resolve()));
    const preview = await t.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'a.csv', data: Buffer.from(csv(30)).toString('base64') });
    await t.call('imports.run', { stageId: preview.stageId, mapping: preview.mapping });
    await changed;
    expect(t.core.db.prepare('SELECT count(*) AS n FROM queue_state').get()).toEqual({ n: 30 });

    // A crash between an import and its queue rows: the next start finds the backlog.
    await runImport({ ...t.core.context, clock }, { fileName: 'b.csv', bytes: csv(250).slice(0), onDuplicate: 'skip', country: 'US' });
    t.core.close();
    const again = makeCore(dir, { clock });
    expect((await again.call<{ queued: number }>('queue.list', {})).queued).toBe(250);
    again.core.close();
  });
});

describe('notes typed during a call', () => {
  it('are kept as a draft through a crash and cleared by the disposition that saves them', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(dir, { clock });
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' })).id;
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.draft', { contactId: ana, text: 'Wants pricing for 12 seats' });
    t.core.close(); // the app dies mid-call
    const again = makeCore(dir, { clock });
    const back = await again.call<{ draft: string; calls: { id: number; outcome: string | null }[] }>('contacts.get', { id: ana });
    expect(back.draft).toBe('Wants pricing for 12 seats');
    expect(back.calls[0]).toMatchObject({ id: call.id, outcome: null });
    await again.call('calls.log', { callId: call.id, outcome: 'conversation', notes: back.draft });
    expect((await again.call<{ draft: string }>('contacts.get', { id: ana })).draft).toBe('');
    again.core.close();
  });
});

describe('a tier read in waiting order across every zone key', () => {
  it('steps over leads of closed zones from the index alone: it holds what the pick filters on (migration 037)', () => {
    const t = makeCore();
    const columns = (t.core.db.prepare("SELECT name FROM pragma_index_info('queue_wait') ORDER BY seqno").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['rank', 'wait_at', 'contact_id', 'zone_id', 'voicemail_rest_until', 'import_id', 'kind']);
    t.core.close();
  });

  it('a tier’s due leads: a voicemail rest ending now is rested, open zones only, in waiting order, as many as asked', async () => {
    const t = makeCore();
    const now = t.clock.now().getTime();
    const ids = [await addLead(t, 'Ana', '+1 212 555 0101'), await addLead(t, 'Ben', '+1 212 555 0102'), await addLead(t, 'Cleo', '+1 212 555 0103'), await addLead(t, 'Kenji', '+81 3 1234 5678')];
    const [ana, ben, cleo, kenji] = ids as [number, number, number, number];
    // All four due retries, Kenji's (Tokyo, closed at this hour) first in waiting order.
    const retry = (contactId: number, dueAt: number, rest: number | null) =>
      storePlan(t.core.db, contactId, { tier: 'retry', due_at: dueAt, why: 'test', closed: null, voicemail_rest_until: rest, last_attempt_at: null, attempts_today: 0, cap_reached: 0, cap_rule: null });
    retry(kenji, now - 4 * 60_000, null);
    retry(ana, now - 3 * 60_000, now); // rested at this very instant
    retry(ben, now - 2 * 60_000, now + 1);
    retry(cleo, now - 60_000, null);
    const zoneOf = new Map((t.core.db.prepare('SELECT contact_id, zone_id FROM queue_state').all() as { contact_id: number; zone_id: number }[]).map((r) => [r.contact_id, r.zone_id]));
    const open = [...new Set([ana, ben, cleo].map((id) => zoneOf.get(id)!))];
    expect(open).not.toContain(zoneOf.get(kenji));
    const ids4 = (rest: 'any' | 'rested' | 'resting', limit: number) => tierRows(t.core.db, tierRank('retry'), open, now, limit, rest, NO_LEAD_FILTER).map((r) => r.contact_id);
    expect(ids4('rested', 5)).toEqual([ana, cleo]);
    expect(ids4('resting', 5)).toEqual([ben]);
    expect(ids4('any', 2)).toEqual([ana, ben]);
    expect(ids4('any', 0)).toEqual([]);
    t.core.close();
  });

  it('finds the first open lead behind more waiting leads in closed zones than one read covers', async () => {
    const t = makeCore();
    const clock = t.clock;
    // More fresh leads in Tokyo (02:00 there at the start: closed) than one read covers, all
    // before one lead in New York (12:00: open). A read of the tier's first due leads in waiting
    // order meets only Tokyo; the New York lead must still be offered, first.
    const tokyo = TIER_SCAN + 44;
    const rows = Array.from({ length: tokyo }, (_, i) => `Tokyo KK,Lead${i},+81 3 1234 ${String(1000 + i)}`);
    const summary = await runImport(t.core.context, { fileName: 'tokyo.csv', bytes: new TextEncoder().encode(`Company,First Name,Phone\n${rows.join('\n')}\n`), onDuplicate: 'skip', country: 'JP' });
    expect(summary.imported).toBe(tokyo);
    expect(await queueIds(t, { limit: 5 })).toEqual([]);
    clock.advance(60_000);
    const ny = await t.call<{ id: number }>('contacts.add', { firstName: 'Nia', phone: '+1 212 555 0199' });
    expect(await queueIds(t, { limit: 1 })).toEqual([ny.id]);
    expect(await queueIds(t, { limit: 3 })).toEqual([ny.id]);
  });
  it('a head blocked by closed zones is read again only when the open keys change or after RESCAN_AFTER picks, with the same rows as reading it every time', async () => {
    const t = makeCore();
    const db = t.core.db;
    // As above: more due fresh leads in Tokyo (closed) than one read covers, then New York ones.
    const tokyo = TIER_SCAN + 10;
    const rows = Array.from({ length: tokyo }, (_, i) => `Tokyo KK,Lead${i},+81 3 1234 ${String(1000 + i)}`);
    await runImport(t.core.context, { fileName: 'tokyo.csv', bytes: new TextEncoder().encode(`Company,First Name,Phone\n${rows.join('\n')}\n`), onDuplicate: 'skip', country: 'JP' });
    t.clock.advance(MIN);
    const nia = await addLead(t, 'Nia', '+1 212 555 0199');
    t.clock.advance(MIN);
    const noor = await addLead(t, 'Noor', '+1 212 555 0198');
    const zoneOf = (id: number) => db.prepare('SELECT zone_id FROM queue_state WHERE contact_id = ?').pluck().get(id) as number;
    const tokyoKey = db.prepare('SELECT zone_id FROM queue_state WHERE contact_id != ? AND contact_id != ? LIMIT 1').pluck().get(nia, noor) as number;
    const nyKeys = [zoneOf(nia)];
    expect(nyKeys).not.toContain(tokyoKey);
    // Which reads of the head were made, and what they found.
    const scans: { open: string; blocked: boolean }[] = [];
    const memory = new (class extends TierReadMemory {
      override scanned(tier: string, open: string, wasBlocked: boolean) {
        scans.push({ open, blocked: wasBlocked });
        super.scanned(tier, open, wasBlocked);
      }
    })();
    const fresh = tierRank('fresh');
    const read = (keys: number[], limit = 1) => {
      const at = t.clock.now().getTime();
      const remembered = tierRows(db, fresh, keys, at, limit, 'any', NO_LEAD_FILTER, memory).map((r) => r.contact_id);
      expect(remembered).toEqual(tierRows(db, fresh, keys, at, limit, 'any', NO_LEAD_FILTER).map((r) => r.contact_id));
      return remembered;
    };
    expect(read(nyKeys)).toEqual([nia]);
    expect(scans).toEqual([{ open: nyKeys.join(' '), blocked: true }]);
    // The same keys open: straight to the seeks (RESCAN_AFTER - 1 picks), which see a change to
    // the tier all the same.
    for (let i = 2; i < TierReadMemory.RESCAN_AFTER; i++) expect(read(nyKeys)).toEqual([nia]);
    setHidden(db, nia, t.clock.now().getTime() + HOUR, 'snooze');
    expect(read(nyKeys)).toEqual([noor]);
    expect(scans).toHaveLength(1);
    // At the RESCAN_AFTER-th pick the head is read again.
    expect(read(nyKeys)).toEqual([noor]);
    expect(scans).toHaveLength(2);
    // Other keys open (Tokyo's too): the head is read at once, and answers.
    expect(read([...nyKeys, tokyoKey], 2)).toHaveLength(2);
    expect(read([...nyKeys, tokyoKey])).toHaveLength(1);
    expect(scans.slice(2)).toEqual([
      { open: [...nyKeys, tokyoKey].join(' '), blocked: false },
      { open: [...nyKeys, tokyoKey].join(' '), blocked: false },
    ]);
    t.core.close();
  });
});

describe('the offer changing by time alone', () => {
  it('a retry falling due is announced (queue.changed) at its instant, not before, with nothing written', async () => {
    const t = makeCore();
    const id = await addLead(t, 'Ana', '+1 212 555 0142');
    await dialAndLog(t, id, 'no_answer');
    expect(await queueIds(t)).toEqual([]);
    const waitAt = t.core.db.prepare('SELECT wait_at FROM queue_state WHERE contact_id = ?').pluck().get(id) as number;
    const now = t.clock.now().getTime();
    expect(waitAt).toBeGreaterThan(now);
    // A write 17 s later re-arms the scheduler off the minute grid its heartbeat keeps: only the
    // wake at the retry's instant itself can announce it on time.
    t.clock.advance(17_000);
    await addLead(t, 'Kenji', '+81 3 1234 5678');
    const heard: number[] = [];
    t.core.events.subscribe((name) => name === 'queue.changed' && heard.push(t.clock.now().getTime()));
    t.clock.advance(waitAt - now - 17_000 - 1_000);
    expect(heard).toEqual([]);
    t.clock.advance(1_000);
    expect(heard).toEqual([waitAt]);
    expect(await queueIds(t)).toEqual([id]);
    t.core.close();
  });

  it('calling hours opening are announced where a lead waits for them', async () => {
    // Tokyo at 02:00: the lead waits for 08:00 there (23:00 UTC).
    const t = makeCore();
    t.clock.advance(17_000);
    const id = await addLead(t, 'Kenji', '+81 3 1234 5678');
    expect(await queueIds(t)).toEqual([]);
    const heard: number[] = [];
    t.core.events.subscribe((name) => name === 'queue.changed' && heard.push(t.clock.now().getTime()));
    const opens = Date.parse('2026-03-02T23:00:00Z');
    t.clock.advance(opens - t.clock.now().getTime());
    expect(heard).toContain(opens);
    expect(heard.filter((at) => at < opens)).toEqual([]);
    expect(await queueIds(t)).toEqual([id]);
    t.core.close();
  });
});

describe('"not now" for one time zone', () => {
  it('counts its limit in that zone only: the zone’s waiting leads are there however many other zones have', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
    const snooze = async (firstName: string, phone: string) => {
      const id = (await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone })).id;
      await t.call('queue.act', { contactId: id, action: 'snooze', until: '2026-03-02T19:00:00Z' });
      t.clock.advance(60_000);
      return id;
    };
    for (let i = 0; i < 5; i++) await snooze(`Ny${i}`, `+1 212 555 01${10 + i}`);
    const la = await snooze('La', '+1 213 555 0199');
    const ids = async (limit: number) => (await t.call<{ contact: { id: number } }[]>('queue.notNow', { zone: 'America/Los_Angeles', limit })).map((e) => e.contact.id);
    expect(await ids(200)).toEqual([la]);
    expect(await ids(5)).toEqual([la]);
    t.core.close();
  });
});
