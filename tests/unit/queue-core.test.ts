import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueOrder, type QueueLead } from '../../shared/domain/queueRules';
import { setHidden, setPinned, storePlan } from '../../electron/core/db/repos/queue';
import { FakeClock } from '../../electron/core/testing';
import { runImport } from '../../electron/core/services/import';
import { makeCore, tempDir, type TestCore } from './helpers';

const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

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

describe('the SQL queue is queueOrder', () => {
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
              storePlan(db, ids[i]!, { tier: p.tier, due_at: p.tier === null ? null : p.due, why: '', closed: p.tier === null ? 'conversion' : null, voicemail_rest_until: p.rest, last_attempt_at: null, attempts_today: 0, cap_reached: 0 });
              if (p.pinned === 0) setPinned(db, ids[i]!, p.due);
              else if (p.hidden !== null) setHidden(db, ids[i]!, p.hidden, 'snooze');
            });
          })();
          t.core.queue.rulesChanged();
          const leads = ids.map((id) => t.core.queue.leadOf(id)!) as QueueLead[];
          for (const at of instants) {
            const expected = queueOrder(leads, at, t.core.queue.settings()).map((e) => [e.lead.id, e.tier, e.reason]);
            const actual = t.core.queue.entries(at, 1000).map((e) => [e.lead.id, e.tier, e.reason]);
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
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
    expect(entries.map((x) => [x.contact.id, x.tier, x.reason])).toEqual([[e, 'callback', 'callback promised for 11:30 their time']]);
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
    expect(refused.ok || refused.error).toMatchObject({ code: 'outside_hours', message: expect.stringMatching(/It is 22:00 for this lead .*outside calling hours until 06:30 their time/) });
    expect(t.dialer.opened).toEqual([]);
    const call = await t.call<{ override: boolean }>('calls.dial', { contactId: a, override: true });
    expect(call.override).toBe(true);
    expect(t.dialer.opened).toEqual(['tel:+12125550101']);
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
    await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', queue: { ...t.core.queue.settings(), noAnswerRetryMinutes: 1 } });
    await dialAndLog(t, a, 'no_answer');
    t.clock.advance(5 * MIN);
    expect(await queueIds(t)).toEqual([]);
    const why = await t.call<{ code: string; reason: string }[]>('queue.notNow', {});
    expect(why[0]).toMatchObject({ code: 'gap', reason: expect.stringMatching(/minimum gap until 10:10 their time/) });
    await t.call('queue.act', { contactId: a, action: 'pin' });
    expect(await queueIds(t)).toEqual([a]);
    t.core.close();
  });
});

describe('the redial loop', () => {
  it('redials every 30 s with a fake clock, every attempt a row, until connected; the limit ends a loop', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const a = await addLead(t, 'Ana', '+12125550101');
    await dialAndLog(t, a, 'engaged');
    let loop = await t.call<{ status: string; attempts: number; nextDialAt: string }>('redial.get', { contactId: a });
    expect(loop).toMatchObject({ status: 'running', attempts: 1, nextDialAt: '2026-03-04T15:00:30.000Z' });
    t.clock.advance(30_000);
    await Promise.resolve();
    t.clock.advance(30_000);
    await Promise.resolve();
    loop = await t.call('redial.get', { contactId: a });
    expect(loop).toMatchObject({ status: 'running', attempts: 3 });
    expect(t.dialer.opened).toHaveLength(3);
    const calls = (await t.call<{ calls: { outcome: string | null; redialLoopId: number | null }[] }>('contacts.get', { id: a })).calls;
    expect(calls.map((c) => c.outcome)).toEqual([null, 'engaged', 'engaged']);
    await t.call('redial.act', { contactId: a, action: 'connected' });
    t.clock.advance(5 * MIN);
    expect(t.dialer.opened).toHaveLength(3);
    const open = (await t.call<{ calls: { id: number }[] }>('contacts.get', { id: a })).calls[0]!;
    const logged = await t.call<Logged>('calls.log', { callId: open.id, outcome: 'conversation' });
    expect(logged.call.outcome).toBe('conversation');
    expect(await t.call('redial.get', { contactId: a })).toMatchObject({ status: 'connected' });

    // A second loop that nobody answers ends at its 30-minute limit.
    const b = await addLead(t, 'Ben', '+12125550102');
    await dialAndLog(t, b, 'engaged');
    for (let i = 0; i < 70; i++) {
      t.clock.advance(30_000);
      await Promise.resolve();
    }
    const ended = await t.call<{ status: string; attempts: number }>('redial.get', { contactId: b });
    expect(ended.status).toBe('ended');
    expect(ended.attempts).toBeGreaterThanOrEqual(59);
    const benCalls = (await t.call<{ calls: { outcome: string | null }[] }>('contacts.get', { id: b })).calls;
    expect(benCalls.every((c) => c.outcome === 'engaged')).toBe(true);
    expect(benCalls).toHaveLength(ended.attempts);
    // Back in the queue as an ordinary retry, two hours on.
    const waiting = await t.call<{ contact: { id: number }; reason: string }[]>('queue.notNow', {});
    expect(waiting.find((w) => w.contact.id === b)?.reason).toMatch(/^engaged: again at 12:3\d their time; due 12:3\d their time$/);
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
    // The loop carries on after the restart: its next attempt is dialled on time.
    const dialledBefore = again.dialer.opened.length;
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

describe('an import’s leads in the queue', () => {
  const csv = (rows: number) => new TextEncoder().encode(`Name,Phone\n${Array.from({ length: rows }, (_, i) => `Lead ${i},+1 212 555 ${String(1000 + i).padStart(4, '0')}`).join('\n')}\n`);

  it('are queued right after the import; a queue read before the background step builds them itself', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const summary = await runImport(t.core.db, t.clock, { fileName: 'leads.csv', bytes: csv(120), onDuplicate: 'merge', country: 'US' });
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
    await runImport(t.core.db, clock, { fileName: 'b.csv', bytes: csv(250).slice(0), onDuplicate: 'skip', country: 'US' });
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
