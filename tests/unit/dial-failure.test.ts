// A dial the desk's phone does not take (the OS refuses the link: no softphone registered for
// tel:, the handler crashed): the attempt was already committed, so the rep is told exactly what
// was saved, the screens hear about it, and the attempt reached nobody, so it counts as none.
import { describe, expect, it } from 'vitest';
import { getQueueState } from '../../electron/core/queue/repo';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir, type TestCore } from './helpers';

const REFUSAL = 'No application is registered to open tel: links';
const SAVED_AS = "The attempt is in the call log, marked 'the phone did not take the number'";

interface CallView {
  id: number;
  outcome: string | null;
  dialUri: string;
  endedAt: string | null;
  dialFailure: string | null;
  durationMs: number | null;
  redialLoopId: number | null;
}

function startCore(): { t: TestCore; events: [string, unknown][] } {
  const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') }); // 10:00 in New York
  const events: [string, unknown][] = [];
  t.core.events.subscribe((event, payload) => void events.push([event, payload]));
  return { t, events };
}

const addLead = async (t: TestCore, firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, phone })).id;
const callsOf = async (t: TestCore, contactId: number) => (await t.call<{ calls: CallView[] }>('contacts.get', { id: contactId })).calls;
const contactOf = async (t: TestCore, contactId: number) => (await t.call<{ contact: { lastCalledAt: string | null } }>('contacts.get', { id: contactId })).contact;

describe('a dial the phone does not take', () => {
  it('has no call to hang up, and H says so (not that it has a disposition)', async () => {
    const { t } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    t.dialer.refusal = REFUSAL;
    await t.core.invoke('calls.dial', { contactId: ana });
    const [failed] = await callsOf(t, ana);
    expect(await t.core.invoke('calls.hangUp', { callId: failed!.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^The phone did not take the number on this attempt: there is no call to hang up\.$/) } });
    t.core.close();
  });

  it('is saved as an attempt marked "the phone did not take the number", the rep is told exactly that, and the change events go out', async () => {
    const { t, events } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    events.length = 0;
    t.dialer.refusal = REFUSAL;

    const result = await t.core.invoke('calls.dial', { contactId: ana });

    expect(result.ok).toBe(false);
    const error = (result as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('dial_refused');
    expect(error.message).toContain(SAVED_AS);
    expect(error.message).toContain(REFUSAL);
    expect(error.message).not.toMatch(/nothing was saved/i);
    expect(t.dialer.given).toEqual(['tel:+12125550101']);

    const calls = await callsOf(t, ana);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: null, dialUri: 'tel:+12125550101', dialFailure: REFUSAL, endedAt: '2026-03-04T15:00:00.000Z', durationMs: null });
    expect(events).toContainEqual(['calls.changed', { callId: calls[0]!.id, contactId: ana }]);
    expect(events).toContainEqual(['queue.changed', {}]);
    t.core.close();
  });

  it('counts as no attempt: the lead keeps its place, its pin and "never called", and the next dial that goes through is its first', async () => {
    const { t } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    await t.call('queue.act', { contactId: ben, action: 'pin' });
    const queueBefore = await t.call<{ entries: { contact: { id: number }; tier: string; pinned: boolean }[] }>('queue.list', {});
    expect(queueBefore.entries.map((e) => [e.contact.id, e.pinned])).toEqual([
      [ben, true],
      [ana, false],
    ]);
    t.dialer.refusal = REFUSAL;

    expect((await t.core.invoke('calls.dial', { contactId: ben })).ok).toBe(false);

    expect(await t.call('queue.list', {})).toEqual(queueBefore);
    expect((await contactOf(t, ben)).lastCalledAt).toBeNull();
    expect(getQueueState(t.core.db, ben)).toMatchObject({ last_attempt_at: null, attempts_today: 0 });

    t.dialer.refusal = null;
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ben });
    expect(getQueueState(t.core.db, ben)).toMatchObject({ last_attempt_at: Date.parse('2026-03-04T15:00:00Z'), attempts_today: 1 });
    expect((await contactOf(t, ben)).lastCalledAt).toBe('2026-03-04T15:00:00.000Z');
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(getQueueState(t.core.db, ben)).toMatchObject({ attempts_today: 1, cap_reached: 0 });
    t.core.close();
  });

  it('does not count against the daily cap: three refused dials, then a no-answer, is one attempt and a retry in two hours', async () => {
    const { t } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    t.dialer.refusal = REFUSAL;
    for (let i = 0; i < 3; i++) {
      expect((await t.core.invoke('calls.dial', { contactId: ana })).ok).toBe(false);
      t.clock.advance(60_000);
    }
    t.dialer.refusal = null;
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    // The defaults: no answer → again in 2 h; the cap is 3 attempts a day.
    expect(getQueueState(t.core.db, ana)).toMatchObject({ attempts_today: 1, cap_reached: 0, due_at: Date.parse('2026-03-04T17:03:00Z') });
    t.core.close();
  });

  it('needs no disposition: one is refused with the reason, and the lead can be dialled again at once', async () => {
    const { t } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    t.dialer.refusal = REFUSAL;
    await t.core.invoke('calls.dial', { contactId: ana });
    const [failed] = await callsOf(t, ana);
    const logged = await t.core.invoke('calls.log', { callId: failed!.id, outcome: 'no_answer' });
    expect(logged).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((logged as { error: { message: string } }).error.message).toMatch(/did not take the number.*dial again/);
    t.dialer.refusal = null;
    const again = await t.call<{ id: number; dialFailure: string | null }>('calls.dial', { contactId: ana });
    expect(again.dialFailure).toBeNull();
    expect(t.dialer.opened).toEqual(['tel:+12125550101']);
    t.core.close();
  });

  it('if even marking it fails, the message still says what is in the file: the attempt, unmarked', async () => {
    const { t, events } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    // The phone refuses, and by then the database takes no more writes (a full disk, say).
    t.dialer.open = (uri: string) => {
      t.dialer.given.push(uri);
      t.core.db.pragma('query_only = ON');
      return Promise.reject(new Error(REFUSAL));
    };
    const result = await t.core.invoke('calls.dial', { contactId: ana });
    t.core.db.pragma('query_only = OFF');
    expect(result).toMatchObject({ ok: false, error: { code: 'dial_refused' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toMatch(new RegExp(`^The phone did not take the number: ${REFUSAL}\\. The attempt is in the call log with no disposition; marking it as not taken failed \\(.*readonly`));
    expect(message).not.toMatch(/nothing was saved/i);
    const calls = await callsOf(t, ana);
    expect(calls.map((c) => [c.outcome, c.dialFailure])).toEqual([[null, null]]);
    expect(events).toContainEqual(['calls.changed', { callId: calls[0]!.id, contactId: ana }]);
    t.core.close();
  });
});

describe('a redial the phone does not take', () => {
  it('by hand ("Redial now"): the rep is told what was saved, the loop carries on from the attempt before, and the events go out', async () => {
    const { t, events } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: first.id, outcome: 'engaged' });
    const loopBefore = await t.call<{ status: string; attempts: number; lastCallId: number }>('redial.get', { contactId: ana });
    expect(loopBefore).toMatchObject({ status: 'running', attempts: 1, lastCallId: first.id });
    events.length = 0;
    t.dialer.refusal = REFUSAL;

    for (const request of [() => t.core.invoke('redial.act', { contactId: ana, action: 'dial_now' }), () => t.core.invoke('calls.dial', { contactId: ana })]) {
      const result = await request();
      expect(result).toMatchObject({ ok: false, error: { code: 'dial_refused' } });
      expect((result as { error: { message: string } }).error.message).toContain(SAVED_AS);
    }

    const calls = await callsOf(t, ana);
    expect(calls.map((c) => [c.outcome, c.dialFailure])).toEqual([
      [null, REFUSAL],
      [null, REFUSAL],
      ['engaged', null],
    ]);
    expect(await t.call('redial.get', { contactId: ana })).toMatchObject({ status: 'running', attempts: 1, lastCallId: first.id });
    expect(events).toContainEqual(['calls.changed', { callId: calls[0]!.id, contactId: ana }]);
    expect(events).toContainEqual(['redial.changed', { contactId: ana }]);
    expect(events).toContainEqual(['queue.changed', {}]);

    t.dialer.refusal = null;
    await t.call('redial.act', { contactId: ana, action: 'dial_now' });
    expect(await t.call('redial.get', { contactId: ana })).toMatchObject({ status: 'running', attempts: 2 });
    expect((await callsOf(t, ana)).map((c) => [c.outcome, c.dialFailure])).toEqual([
      [null, null],
      [null, REFUSAL],
      [null, REFUSAL],
      ['engaged', null],
    ]);
    t.core.close();
  });

  it('by itself (auto-redial): the loop stops rather than retry a phone that refuses, the refused attempt stays marked, the lead goes back as a retry', async () => {
    const { t } = startCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: first.id, outcome: 'engaged' });
    t.dialer.refusal = REFUSAL;
    t.clock.advance(30_000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));

    expect(await t.call('redial.get', { contactId: ana })).toMatchObject({ status: 'stopped', attempts: 1 });
    const calls = await callsOf(t, ana);
    expect(calls.map((c) => [c.outcome, c.dialFailure])).toEqual([
      [null, REFUSAL],
      ['engaged', null],
    ]);
    // One attempt today (the engaged one), back in the queue as a retry.
    expect(getQueueState(t.core.db, ana)).toMatchObject({ tier: 'retry', attempts_today: 1 });
    t.core.close();
  });
});
