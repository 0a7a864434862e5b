import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callingHours } from '../../shared/domain/callingHours';
import { timeToken } from '../../shared/domain/timeText';
import { checkDisposition, OUTCOMES, type Disposition, type DispositionDetail, type Outcome } from '../../shared/domain/dispositions';
import {
  addBusinessDays,
  DEFAULT_QUEUE_SETTINGS as S,
  freshPlan,
  isInboundFirstDay,
  queueOrder,
  retryPlan,
  whyNotNow,
  type Attempt,
  type QueueLead,
  type QueueLeadBase,
} from '../../shared/domain/queueRules';

const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

// Wednesday 4 March 2026; New York is UTC−5 (daylight saving starts on the 8th).
const WED_10_NY = T('2026-03-04T15:00:00Z');
// An instant in a reason, on New York's clock (drawn where the reason is read: timeText.ts).
const ny = (at: number) => timeToken(at, 'America/New_York');

function base(over: Partial<QueueLeadBase> = {}): QueueLeadBase {
  return { id: 1, kind: 'outbound', createdAt: T('2026-03-01T12:00:00Z'), timeZones: ['America/New_York'], lineType: 'residential', ...over };
}

function lead(over: Partial<QueueLead> = {}): QueueLead {
  const b = base(over);
  return {
    ...b,
    status: 'active',
    doNotCall: false,
    ...freshPlan(b),
    closed: null,
    voicemailRestUntil: null,
    lastAttemptAt: null,
    attemptsToday: 0,
    capReached: false,
    pinnedAt: null,
    hiddenUntil: null,
    ...over,
  };
}

const attempt = (at: number, outcome: Outcome | null = 'no_answer'): Attempt => ({ at, outcome });

describe('retryPlan: every disposition', () => {
  const at = WED_10_NY;
  const history = [attempt(at)];
  const cases: { outcome: Outcome; extra?: object; tier: string | null; dueAt: number | null; closed?: string }[] = [
    { outcome: 'no_answer', tier: 'retry', dueAt: at + 2 * HOUR },
    { outcome: 'gatekeeper', tier: 'retry', dueAt: at + 2 * HOUR },
    { outcome: 'engaged', tier: 'retry', dueAt: at + 30_000 },
    { outcome: 'voicemail_left', tier: 'retry', dueAt: T('2026-03-05T15:00:00Z') },
    { outcome: 'conversation', tier: 'retry', dueAt: T('2026-03-05T15:00:00Z') },
    { outcome: 'advance', extra: { nextStep: 'Demo with the CFO', nextStepAt: T('2026-03-10T14:00:00Z') }, tier: 'callback', dueAt: T('2026-03-10T14:00:00Z') },
    { outcome: 'callback_requested', extra: { callbackAt: at + 5 * MIN }, tier: 'callback', dueAt: at + 5 * MIN },
    { outcome: 'conversion', tier: null, dueAt: null, closed: 'conversion' },
    { outcome: 'not_interested', tier: null, dueAt: null, closed: 'not_interested' },
    { outcome: 'wrong_number', tier: null, dueAt: null, closed: 'wrong_number' },
    { outcome: 'do_not_call', tier: null, dueAt: null, closed: 'do_not_call' },
  ];
  it('covers all eleven outcomes', () => {
    expect(cases.map((c) => c.outcome).sort()).toEqual([...OUTCOMES].sort());
  });
  it.each(cases)('$outcome → tier $tier', ({ outcome, extra, tier, dueAt, closed }) => {
    const plan = retryPlan(base(), { outcome, ...extra } as Disposition, history, at, S);
    expect(plan.tier).toBe(tier);
    expect(plan.dueAt).toBe(dueAt);
    expect(plan.closed).toBe(closed ?? null);
    expect(plan.redial).toBe(outcome === 'engaged');
    expect(plan.why).not.toBe('');
  });
  it('engaged after its redial loop ended is an ordinary retry', () => {
    const plan = retryPlan(base(), { outcome: 'engaged', redialEnded: true }, history, at, S);
    expect(plan).toMatchObject({ tier: 'retry', dueAt: at + 2 * HOUR, redial: false, why: `engaged: again at ${ny(at + 2 * HOUR)}` });
  });
  it('a voicemail rests voicemails for 2 business days and makes an email task due now', () => {
    const plan = retryPlan(base(), { outcome: 'voicemail_left' }, history, at, S);
    expect(plan.voicemailRestUntil).toBe(T('2026-03-06T15:00:00Z'));
    expect(plan.emailTaskDueAt).toBe(at);
    // Friday's voicemail rests over the weekend: until Tuesday.
    const friday = T('2026-03-06T15:00:00Z');
    expect(retryPlan(base(), { outcome: 'voicemail_left' }, [attempt(friday)], friday, S).voicemailRestUntil).toBe(T('2026-03-10T14:00:00Z'));
  });
  it('an advance, a callback or a not-interested without its detail is refused, field by field (the one rule)', () => {
    const missing = (outcome: Outcome, detail: DispositionDetail) => {
      const check = checkDisposition(outcome, detail);
      return check.ok ? [] : [...check.problems.keys()];
    };
    expect(missing('advance', { nextAt: at + HOUR })).toEqual(['nextStep']);
    expect(missing('advance', { nextStep: '   ', nextAt: at + HOUR })).toEqual(['nextStep']);
    expect(missing('advance', { nextStep: 'Demo' })).toEqual(['nextAt']);
    expect(missing('callback_requested', {})).toEqual(['callbackAt']);
    expect(missing('not_interested', { reason: '' })).toEqual(['reason']);
    // The other outcomes need nothing, whatever else is sent.
    for (const outcome of OUTCOMES.filter((o) => !['advance', 'callback_requested', 'not_interested'].includes(o))) expect(missing(outcome, {})).toEqual([]);
    // With the instant and the list: times in the past and reasons not on the list are refused too.
    const context = { now: at, reasons: ['No budget', 'No need'] };
    const past = checkDisposition('callback_requested', { callbackAt: at }, context);
    expect(past.ok ? null : past.problems.get('callbackAt')).toBe('The callback time must be in the future');
    const off = checkDisposition('not_interested', { reason: 'Hated the jingle' }, context);
    expect(off.ok ? null : off.problems.get('reason')).toBe('Choose one of: No budget, No need');
    expect(checkDisposition('advance', { nextStep: ' Demo ', nextAt: at + HOUR }, context)).toEqual({ ok: true, disposition: { outcome: 'advance', nextStep: 'Demo', nextStepAt: at + HOUR } });
  });
  it('a callback keeps the minute promised even inside the minimum gap (the rep asked)', () => {
    const plan = retryPlan(base(), { outcome: 'callback_requested', callbackAt: at + 2 * MIN }, history, at, S);
    expect(plan.dueAt).toBe(at + 2 * MIN);
  });
});

describe('retryPlan: a callback or agreed step still ahead', () => {
  const at = WED_10_NY;
  const history = [attempt(at)];
  const promised = lead({ tier: 'callback', dueAt: at + 90 * MIN, why: `callback promised for ${ny(at + 90 * MIN)}` });

  it.each([{ outcome: 'no_answer' }, { outcome: 'voicemail_left' }, { outcome: 'gatekeeper' }, { outcome: 'engaged', redialEnded: true }] as Disposition[])(
    'an early try that reached nobody ($outcome) keeps it, at its minute, with what the outcome itself does',
    (disposition) => {
      const plan = retryPlan(promised, disposition, history, at, S);
      const without = retryPlan(base(), disposition, history, at, S);
      expect(plan).toEqual({ ...without, tier: 'callback', dueAt: at + 90 * MIN, why: promised.why });
    },
  );

  it('a conversation settles it; a promise already past, a live redial and a new callback are as without one', () => {
    for (const [disposition, when] of [
      [{ outcome: 'conversation' }, at],
      [{ outcome: 'no_answer' }, at + 2 * HOUR],
      [{ outcome: 'engaged' }, at],
      [{ outcome: 'callback_requested', callbackAt: at + 20 * MIN }, at],
    ] as [Disposition, number][]) {
      expect(retryPlan(promised, disposition, [attempt(when)], when, S)).toEqual(retryPlan(base(), disposition, [attempt(when)], when, S));
    }
  });
});

describe('retryPlan: caps and the minimum gap', () => {
  it('the third outbound attempt of the local day pushes the next to tomorrow', () => {
    const first = T('2026-03-04T14:00:00Z');
    const history = [attempt(first), attempt(first + 2 * HOUR), attempt(first + 4 * HOUR)];
    const plan = retryPlan(base(), { outcome: 'no_answer' }, history, first + 4 * HOUR, S);
    expect(plan.capReached).toBe(true);
    expect(plan.dueAt).toBe(T('2026-03-05T05:00:00Z')); // midnight New York; calling hours open at 08:00
    expect(plan.why).toMatch(/3 attempts today/);
  });
  it('the redials of an engaged line do not count towards the cap', () => {
    const first = T('2026-03-04T14:00:00Z');
    const redials = Array.from({ length: 20 }, (_, i) => ({ at: first + (i + 1) * 30_000, outcome: 'engaged' as const, loopId: 7 }));
    const plan = retryPlan(base(), { outcome: 'no_answer' }, [attempt(first, 'engaged'), ...redials], first + 11 * MIN, S);
    expect(plan.capReached).toBe(false);
  });
  it('two attempts leave room for a third the same day', () => {
    const first = T('2026-03-04T14:00:00Z');
    const plan = retryPlan(base(), { outcome: 'no_answer' }, [attempt(first), attempt(first + 2 * HOUR)], first + 2 * HOUR, S);
    expect(plan.capReached).toBe(false);
    expect(plan.dueAt).toBe(first + 4 * HOUR);
  });
  it('attempts are counted on the lead’s local day, not UTC’s', () => {
    // 23:30 and 00:30 UTC are both the evening of 3 March in New York.
    const history = [attempt(T('2026-03-03T23:30:00Z')), attempt(T('2026-03-04T00:30:00Z')), attempt(T('2026-03-04T01:30:00Z'))];
    expect(retryPlan(base(), { outcome: 'no_answer' }, history, T('2026-03-04T01:30:00Z'), S).capReached).toBe(true);
  });
  it('a short retry setting never comes closer than the minimum gap', () => {
    const settings = { ...S, noAnswerRetryMinutes: 3 };
    expect(retryPlan(base(), { outcome: 'no_answer' }, [attempt(WED_10_NY)], WED_10_NY, settings).dueAt).toBe(WED_10_NY + 10 * MIN);
  });
});

describe('retryPlan: inbound enquiry on its first day', () => {
  const arrived = T('2026-03-04T14:00:00Z'); // 09:00 New York
  const inbound = base({ kind: 'inbound', createdAt: arrived, lineType: 'business' });
  it('attempts at +10 min, +1 h, +3 h and 30 min before business hours end, then the outbound rules', () => {
    const history: Attempt[] = [];
    const expected = [arrived + 10 * MIN, arrived + HOUR, arrived + 3 * HOUR, T('2026-03-05T00:30:00Z')];
    let at = arrived;
    for (const due of expected) {
      history.push(attempt(at));
      const plan = retryPlan(inbound, { outcome: 'no_answer' }, history, at, S);
      expect(plan.tier).toBe('inbound');
      expect(plan.dueAt).toBe(due);
      at = due;
    }
    history.push(attempt(at));
    const after = retryPlan(inbound, { outcome: 'no_answer' }, history, at, S);
    expect(after.tier).toBe('retry');
  });
  it('keeps the minimum gap when an attempt ran late', () => {
    const plan = retryPlan(inbound, { outcome: 'no_answer' }, [attempt(arrived + 5 * MIN)], arrived + 5 * MIN, S);
    expect(plan.dueAt).toBe(arrived + 15 * MIN);
  });
  it('on the next day it is an ordinary retry', () => {
    const nextDay = T('2026-03-05T15:00:00Z');
    expect(retryPlan(inbound, { outcome: 'no_answer' }, [attempt(nextDay)], nextDay, S).tier).toBe('retry');
  });
});

describe('queueOrder', () => {
  const at = WED_10_NY;
  it('orders tiers: callbacks, inbound, voicemail window, retries, fresh; oldest first within a tier', () => {
    // 17:00 in New York on a Wednesday: inside calling hours and the afternoon voicemail window.
    const evening = T('2026-03-04T22:00:00Z');
    const leads = [
      lead({ id: 1, tier: 'fresh', dueAt: T('2026-03-01T00:00:00Z') }),
      lead({ id: 2, tier: 'retry', dueAt: evening - HOUR, voicemailRestUntil: evening + HOUR, why: 'no answer: again' }),
      lead({ id: 3, tier: 'retry', dueAt: evening - 2 * HOUR }),
      lead({ id: 4, tier: 'inbound', kind: 'inbound', dueAt: evening - 5 * MIN, createdAt: evening - 40 * MIN }),
      lead({ id: 5, tier: 'callback', dueAt: evening - MIN, why: 'callback promised for 16:59 their time' }),
      lead({ id: 6, tier: 'fresh', dueAt: T('2026-02-01T00:00:00Z') }),
      lead({ id: 7, tier: 'callback', dueAt: evening + MIN }),
    ];
    const order = queueOrder(leads, evening, S);
    expect(order.map((e) => [e.lead.id, e.tier])).toEqual([
      [5, 'callback'],
      [4, 'inbound'],
      [3, 'voicemail'],
      [2, 'retry'],
      [6, 'fresh'],
      [1, 'fresh'],
    ]);
    expect(order[0]!.reason).toBe('callback promised for 16:59 their time');
    expect(order[1]!.reason).toBe('inbound 40 min ago, attempt 1 of 5');
    expect(order[2]!.reason).toBe(`voicemail window open until ${ny(T('2026-03-04T23:30:00Z'))}`); // 18:30 EST
  });
  it('puts pinned leads first, and hides snoozed and skipped ones until their time', () => {
    const leads = [lead({ id: 1, tier: 'callback', dueAt: at - HOUR }), lead({ id: 2, pinnedAt: at - MIN }), lead({ id: 3, hiddenUntil: at + HOUR })];
    expect(queueOrder(leads, at, S).map((e) => e.lead.id)).toEqual([2, 1]);
    expect(queueOrder(leads, at, S)[0]!.reason).toMatch(/^pinned/);
    expect(queueOrder(leads, at + HOUR, S).map((e) => e.lead.id)).toEqual([2, 1, 3]);
  });
  it('never offers a lead outside its hours, on the DNC list, a dud or closed', () => {
    const leads = [
      lead({ id: 1, timeZones: ['Asia/Tokyo'] }), // 00:00 in Tokyo
      lead({ id: 2, doNotCall: true }),
      lead({ id: 3, status: 'dud' }),
      lead({ id: 4, closed: 'conversion', tier: null, dueAt: null }),
      lead({ id: 5 }),
    ];
    expect(queueOrder(leads, at, S).map((e) => e.lead.id)).toEqual([5]);
  });
  it('a lead with two candidate zones is offered only when both allow', () => {
    // 08:30 in New York is 07:30 in Chicago: New York allows, Chicago does not yet.
    const twoZones = lead({ timeZones: ['America/New_York', 'America/Chicago'] });
    expect(queueOrder([lead()], T('2026-03-04T13:30:00Z'), S)).toHaveLength(1);
    expect(queueOrder([twoZones], T('2026-03-04T13:30:00Z'), S)).toHaveLength(0);
    expect(queueOrder([twoZones], T('2026-03-04T14:00:00Z'), S)).toHaveLength(1);
    // 21:30 in New York is 20:30 in Chicago: Chicago still allows, New York does not.
    expect(queueOrder([twoZones], T('2026-03-05T02:30:00Z'), S)).toHaveLength(0);
  });
  it('07:59 / 08:00 and 20:59 / 21:00 residential edges, on the US change day', () => {
    // 8 March 2026: New York moves to UTC−4 at 02:00.
    const ny = lead();
    const at = (local: string) => T(`2026-03-08T${local}:00-04:00`);
    expect(queueOrder([ny], at('07:59'), S)).toHaveLength(0);
    expect(queueOrder([ny], at('08:00'), S)).toHaveLength(1);
    expect(queueOrder([ny], at('20:59'), S)).toHaveLength(1);
    expect(queueOrder([ny], at('21:00'), S)).toHaveLength(0);
  });
});

describe('whyNotNow', () => {
  const at = T('2026-03-04T12:00:00Z'); // 07:00 in New York
  it.each([
    ['outside hours', lead(), 'outside_hours', `outside calling hours until ${ny(T('2026-03-04T13:00:00Z'))}`, T('2026-03-04T13:00:00Z')],
    ['do-not-call', lead({ doNotCall: true }), 'dnc', /do-not-call/, null],
    ['dud', lead({ status: 'dud' }), 'dud', /dud/, null],
    ['closed', lead({ closed: 'not_interested', tier: null, dueAt: null }), 'closed', /not interested/, null],
    ['attempt cap', lead({ tier: 'retry', dueAt: T('2026-03-05T05:00:00Z'), capReached: true, lastAttemptAt: at - HOUR }), 'cap', `daily cap of 3 attempts reached; next ${ny(T('2026-03-05T13:00:00Z'))}`, T('2026-03-05T13:00:00Z')],
    ['minimum gap', lead({ tier: 'retry', dueAt: WED_10_NY + 10 * MIN, lastAttemptAt: WED_10_NY }), 'gap', `minimum gap until ${ny(WED_10_NY + 10 * MIN)}`, WED_10_NY + 10 * MIN],
    ['snoozed', lead({ hiddenUntil: WED_10_NY + HOUR }), 'hidden', `snoozed until ${ny(WED_10_NY + HOUR)}`, WED_10_NY + HOUR],
  ] as const)('%s', (_name, l, code, reason, nextAt) => {
    const when = code === 'gap' || code === 'hidden' ? WED_10_NY : at;
    const why = whyNotNow(l, when, S);
    expect(why.code).toBe(code);
    expect(why.reason).toMatch(reason);
    expect(why.nextAt).toBe(nextAt);
  });
  it('says "offered" for a lead the queue offers', () => {
    expect(whyNotNow(lead(), WED_10_NY, S).code).toBe('offered');
  });
});

describe('addBusinessDays', () => {
  it('skips weekends and keeps the local time across a change of clocks', () => {
    // Friday 6 March 10:00 New York (UTC−5) + 2 business days = Tuesday 10 March 10:00 (UTC−4).
    expect(addBusinessDays(T('2026-03-06T15:00:00Z'), 2, 'America/New_York')).toBe(T('2026-03-10T14:00:00Z'));
  });

  it('lands on the local wall time of the business day N weekdays on, wherever and whenever it starts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: YEAR }), fc.integer({ min: 1, max: 6 }), (zone, offset, days) => {
        const start = DateTime.fromMillis(YEAR_START + offset, { zone });
        // The calendar counted at noon, where no change of clocks falls, then the start's wall time.
        let day = start.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
        for (let left = days; left > 0; ) {
          day = day.plus({ days: 1 });
          if (day.weekday <= 5) left--;
        }
        const expected = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond }, { zone }).toMillis();
        expect(addBusinessDays(start.toMillis(), days, zone)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isInboundFirstDay', () => {
  it('is an inbound lead whose arrival has the same local date as the instant, in its zone (changes of clocks included)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: YEAR }), fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR }), fc.constantFrom('inbound' as const, 'outbound' as const), (zone, offset, arrivedBefore, kind) => {
        const at = YEAR_START + offset;
        const createdAt = at - arrivedBefore;
        const sameDate = DateTime.fromMillis(createdAt, { zone }).toISODate() === DateTime.fromMillis(at, { zone }).toISODate();
        expect(isInboundFirstDay(base({ kind, createdAt, timeZones: [zone] }), at)).toBe(kind === 'inbound' && sameDate);
      }),
      { numRuns: 3000 },
    );
  });

  it('ends at local midnight, whichever day the clocks change on', () => {
    // Sunday 8 March 2026 in New York is 23 hours long: 00:00 is 05:00Z, the next 00:00 04:00Z.
    const lead = base({ kind: 'inbound', createdAt: T('2026-03-08T05:00:00Z') });
    expect(isInboundFirstDay(lead, T('2026-03-09T03:59:59.999Z'))).toBe(true);
    expect(isInboundFirstDay(lead, T('2026-03-09T04:00:00Z'))).toBe(false);
    expect(isInboundFirstDay({ ...lead, createdAt: T('2026-03-08T04:59:59.999Z') }, T('2026-03-08T12:00:00Z'))).toBe(false);
    // An arrival stamped after the instant (another desk's clock ahead) on the next local day.
    expect(isInboundFirstDay({ ...lead, createdAt: T('2026-03-09T04:00:00Z') }, T('2026-03-08T12:00:00Z'))).toBe(false);
    expect(isInboundFirstDay({ ...lead, createdAt: T('2026-03-09T03:59:59.999Z') }, T('2026-03-08T12:00:00Z'))).toBe(true);
  });
});

const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Tokyo', 'America/Sao_Paulo'];
const YEAR_START = T('2026-01-01T00:00:00Z');
const YEAR = 365 * 24 * HOUR;

export const arbitraryLead = (id: number) =>
  fc.record({
    zones: fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 2 }),
    lineType: fc.constantFrom('business' as const, 'residential' as const),
    kind: fc.constantFrom('inbound' as const, 'outbound' as const),
    tier: fc.constantFrom('callback' as const, 'inbound' as const, 'retry' as const, 'fresh' as const, null),
    due: fc.integer({ min: YEAR_START - 30 * 24 * HOUR, max: YEAR_START + YEAR }),
    dud: fc.boolean(),
    dnc: fc.boolean(),
    pinned: fc.boolean(),
    hidden: fc.option(fc.integer({ min: YEAR_START, max: YEAR_START + YEAR })),
    rest: fc.option(fc.integer({ min: YEAR_START, max: YEAR_START + YEAR })),
  }).map((r) =>
    lead({
      id,
      timeZones: r.zones,
      lineType: r.lineType,
      kind: r.kind,
      tier: r.tier,
      dueAt: r.tier === null ? null : r.due,
      closed: r.tier === null ? 'not_interested' : null,
      status: r.dud ? 'dud' : 'active',
      doNotCall: r.dnc,
      pinnedAt: r.pinned ? r.due : null,
      hiddenUntil: r.hidden,
      voicemailRestUntil: r.rest,
    }),
  );

describe('property: queueOrder never offers what must not be called', () => {
  it('at any instant of 2026, for random leads: inside calling hours in every zone, not DNC, not a dud, not closed, due or pinned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }).chain((ids) => fc.tuple(...ids.map((_, i) => arbitraryLead(i + 1)))),
        fc.integer({ min: YEAR_START, max: YEAR_START + YEAR }),
        (leads, at) => {
          for (const entry of queueOrder(leads, at, S)) {
            const l = entry.lead;
            expect(l.doNotCall).toBe(false);
            expect(l.status).toBe('active');
            expect(l.closed).toBeNull();
            for (const zone of l.timeZones) expect(callingHours({ ...l, timeZones: [zone] }, new Date(at), S.callingHours).allowed).toBe(true);
            if (l.pinnedAt === null) {
              expect(l.dueAt!).toBeLessThanOrEqual(at);
              expect(l.hiddenUntil ?? 0).toBeLessThanOrEqual(at);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
