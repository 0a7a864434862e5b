// What the softphone reports (issue #16, acceptance 3): an end with the phone's talk time sets the
// talk time of the matching call and of no other; a connect then an end without one gives the
// talk between them; an event for a number Dialdeck did not call is kept as unmatched, not an
// error. The matching rule on its own, then through the core.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyCallEvent, matchCallEvent, numberFromSoftphone, type CandidateCall } from '../../shared/domain/callEvents';
import type { Call } from '../../shared/ipc/contract';
import { makeCore } from './helpers';

const T = Date.parse('2026-03-04T15:00:00Z');
const MIN = 60_000;
const call = (id: number, dialedAt: number, extra: Partial<CandidateCall> = {}): CandidateCall => ({ id, dialedAt, outcome: null, dialFailed: false, connectedAt: null, talkEndedAt: null, loggedAt: null, ...extra });

describe('matchCallEvent', () => {
  it.each<[string, Parameters<typeof matchCallEvent>[0], CandidateCall[], number | null]>([
    ['a connect goes to the call dialled a moment before', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 20_000)], 1],
    ['…the open one, not a later one already logged', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 3 * MIN), call(2, T - MIN, { outcome: 'no_answer' })], 1],
    ['…the latest when none is open', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 3 * MIN, { outcome: 'no_answer' }), call(2, T - MIN, { outcome: 'engaged' })], 2],
    ['…not one dialled more than a few minutes before', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 6 * MIN)], null],
    ['…not a dial the phone did not take', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - MIN, { dialFailed: true })], null],
    ['…not a call already over', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - MIN, { talkEndedAt: T - 10_000 })], null],
    ['an end goes to the call that connected, however long the talk', { kind: 'ended', at: T, durationSeconds: null }, [call(1, T - 47 * MIN, { connectedAt: T - 46 * MIN }), call(2, T - 2 * MIN, { outcome: 'no_answer' })], 1],
    ['an end with its talk time goes to the call dialled a few minutes before the talk began', { kind: 'ended', at: T, durationSeconds: 95 * 60 }, [call(1, T - 96 * MIN), call(2, T - 2 * MIN, { outcome: 'no_answer' })], 1],
    ['an end with no talk time and no connect: the call dialled just before it', { kind: 'ended', at: T, durationSeconds: null }, [call(1, T - 40_000)], 1],
    ['no call to the number at all', { kind: 'ended', at: T, durationSeconds: 95 }, [], null],
    // The prospect calls back three minutes after the rep logged a no answer: not that call.
    ['a connect after the call was logged is another call on the number', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 3.5 * MIN, { outcome: 'no_answer', loggedAt: T - 3 * MIN })], null],
    ['…and so is its end, by the talk time it gives', { kind: 'ended', at: T + 10 * MIN, durationSeconds: 600 }, [call(1, T - 3.5 * MIN, { outcome: 'no_answer', loggedAt: T - 3 * MIN })], null],
    ['a call logged while still talking keeps its end', { kind: 'ended', at: T, durationSeconds: 290 }, [call(1, T - 5 * MIN, { outcome: 'conversation', loggedAt: T - MIN })], 1],
    // Call 1's end never came; two hours later call 2 to the number gets no answer and the phone's end comes.
    ['an end after the number was dialled again is not the old connected call’s', { kind: 'ended', at: T, durationSeconds: null }, [call(1, T - 2 * 60 * MIN, { outcome: 'conversation', connectedAt: T - 119 * MIN, loggedAt: T - 114 * MIN }), call(2, T - MIN)], 2],
    // A redial loop: attempt 1 engaged, attempt 2 talked and ended; the same end again goes nowhere.
    ['a repeated end does not fall on the engaged attempt before', { kind: 'ended', at: T, durationSeconds: 95 }, [call(1, T - 4 * MIN, { outcome: 'engaged', loggedAt: T - 3.5 * MIN }), call(2, T - 3 * MIN, { connectedAt: T - 95_000, talkEndedAt: T })], null],
    // A call of two seconds: the phone's end was taken before its connect.
    ['a connect that comes after its call’s end goes to that call', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 20_000, { talkEndedAt: T + 2_000 })], 1],
    ['…also when the end gave its talk time (and so a connect)', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 20_000, { connectedAt: T, talkEndedAt: T + 2_000 })], 1],
    ['…ahead of the number dialled again at once after that end', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 20_000, { talkEndedAt: T + 2_000 }), call(2, T + 5_000)], 1],
    ['…but not one dialled more than a few minutes before', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 6 * MIN, { talkEndedAt: T + 2_000 })], null],
    ['…nor one the rep had logged before the connect', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 3 * MIN, { talkEndedAt: T + 2_000, outcome: 'no_answer', loggedAt: T - 2 * MIN })], null],
    ['a call dialled before the connect still comes first', { kind: 'connected', at: T, durationSeconds: null }, [call(1, T - 3 * MIN, { talkEndedAt: T + 2_000 }), call(2, T - 20_000)], 2],
  ])('%s', (_name, event, candidates, expected) => {
    expect(matchCallEvent(event, candidates)).toBe(expected);
  });

  it('what an event writes: the first connect is kept; an end takes the phone’s count, else end less connect', () => {
    expect(applyCallEvent({ connectedAt: null, talkEndedAt: null }, { kind: 'connected', at: T, durationSeconds: null })).toEqual({ connectedAt: T, talkEndedAt: null, talkSeconds: null });
    expect(applyCallEvent({ connectedAt: T - 5000, talkEndedAt: null }, { kind: 'connected', at: T, durationSeconds: null })).toEqual({ connectedAt: T - 5000, talkEndedAt: null, talkSeconds: null });
    expect(applyCallEvent({ connectedAt: T - 62_400, talkEndedAt: null }, { kind: 'ended', at: T, durationSeconds: null })).toEqual({ connectedAt: T - 62_400, talkEndedAt: T, talkSeconds: 62 });
    expect(applyCallEvent({ connectedAt: null, talkEndedAt: null }, { kind: 'ended', at: T, durationSeconds: 95 })).toEqual({ connectedAt: T - 95_000, talkEndedAt: T, talkSeconds: 95 });
    expect(applyCallEvent({ connectedAt: null, talkEndedAt: null }, { kind: 'ended', at: T, durationSeconds: null })).toEqual({ connectedAt: null, talkEndedAt: T, talkSeconds: null });
    // The end came first: without a talk time, the talk is the end less the connect; with one, kept.
    expect(applyCallEvent({ connectedAt: null, talkEndedAt: T + 2_400 }, { kind: 'connected', at: T, durationSeconds: null })).toEqual({ connectedAt: T, talkEndedAt: T + 2_400, talkSeconds: 2 });
    expect(applyCallEvent({ connectedAt: T - 1_000, talkEndedAt: T + 2_000 }, { kind: 'connected', at: T, durationSeconds: null })).toEqual({ connectedAt: T - 1_000, talkEndedAt: T + 2_000, talkSeconds: null });
  });

  it.each([
    ['+14155552671', '+14155552671'],
    ['sip:+14155552671@pbx.example.com', '+14155552671'],
    ['14155552671;user=phone', '14155552671'],
    ['tel:+44 20 7946 0958', '+44 20 7946 0958'],
  ])('the number %j as a softphone passes it → %j', (raw, number) => {
    expect(numberFromSoftphone(raw)).toBe(number);
  });
});

describe('call events through the core', () => {
  async function desk() {
    const t = makeCore();
    const ana = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 415 555 2671' });
    const ben = await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', phone: '+1 212 555 0143' });
    return { t, ana: ana.id, ben: ben.id };
  }
  const callsOf = async (t: Awaited<ReturnType<typeof desk>>['t'], contactId: number) => (await t.call<{ calls: Call[] }>('contacts.get', { id: contactId })).calls;

  it('ended --duration 95 sets the talk time of the matching call and leaves the others alone', async () => {
    const { t, ana, ben } = await desk();
    const earlier = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(30_000);
    await t.call('calls.log', { callId: earlier.id, outcome: 'no_answer' });
    t.clock.advance(20 * MIN);
    const benCall = await t.call<Call>('calls.dial', { contactId: ben, override: true });
    const anaCall = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(2 * MIN);
    const recorded = t.core.callEvents.record({ kind: 'ended', number: '+14155552671', durationSeconds: 95, source: 'command line' });
    expect(recorded).toMatchObject({ matched: true, callId: anaCall.id, contactId: ana, talkSeconds: 95, e164: '+14155552671' });
    const ended = new Date(t.clock.now().getTime()).toISOString();
    const started = new Date(t.clock.now().getTime() - 95_000).toISOString();
    const anaCalls = await callsOf(t, ana);
    expect(anaCalls.find((c) => c.id === anaCall.id)!.softphone).toEqual({ connectedAt: started, endedAt: ended, talkSeconds: 95 });
    expect(anaCalls.find((c) => c.id === earlier.id)!.softphone).toBeNull();
    expect((await callsOf(t, ben)).find((c) => c.id === benCall.id)!.softphone).toBeNull();
    // The rep's own timing is not touched: the call still waits for its disposition.
    expect(anaCalls.find((c) => c.id === anaCall.id)!).toMatchObject({ outcome: null, endedAt: null });
    t.core.close();
  });

  it('connected, then ended without a count: the talk between them, and the screens hear of each', async () => {
    const { t, ana } = await desk();
    const dialled = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    const heard: number[] = [];
    t.core.events.subscribe((event, payload) => {
      if (event === 'calls.changed') heard.push((payload as { callId: number }).callId);
    });
    t.clock.advance(12_000);
    t.core.callEvents.record({ kind: 'connected', number: '14155552671', source: 'softphone' });
    t.clock.advance(3 * MIN + 4_000);
    const ended = t.core.callEvents.record({ kind: 'ended', number: 'sip:+14155552671@pbx.example.com', source: 'softphone' });
    expect(ended).toMatchObject({ matched: true, callId: dialled.id, talkSeconds: 184 });
    expect(heard).toEqual([dialled.id, dialled.id]);
    t.core.close();
  });

  it('a call of a few seconds whose end is told before its connect: both on the call, and the talk between them', async () => {
    const { t, ana } = await desk();
    const dialled = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(15_000);
    const connectAt = t.clock.now().getTime();
    t.clock.advance(3_000);
    // The end's hand-off is taken first; the connect comes with its own instant, 3 s earlier.
    const ended = t.core.callEvents.record({ kind: 'ended', number: '+14155552671', source: 'softphone' });
    expect(ended).toMatchObject({ matched: true, callId: dialled.id, talkSeconds: null });
    const connected = t.core.callEvents.record({ kind: 'connected', number: '+14155552671', at: connectAt, source: 'softphone' });
    expect(connected).toMatchObject({ matched: true, callId: dialled.id, talkSeconds: 3 });
    const [shown] = await callsOf(t, ana);
    expect(shown!.softphone).toEqual({ connectedAt: new Date(connectAt).toISOString(), endedAt: new Date(connectAt + 3_000).toISOString(), talkSeconds: 3 });
    // Neither is left among the events that match no call.
    expect(t.core.db.prepare('SELECT count(*) FROM call_events WHERE call_id IS NULL').pluck().get()).toBe(0);
    // The call ended: engaged is not refused as if the line were live.
    t.clock.advance(2_000);
    await t.call('calls.log', { callId: dialled.id, outcome: 'engaged' });
    t.core.close();
  });

  it('the prospect calling back after a no answer: the phone’s events are not put on the call the rep had logged (its talk would count twice)', async () => {
    const { t, ana } = await desk();
    const dialled = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(30_000);
    await t.call('calls.log', { callId: dialled.id, outcome: 'no_answer' });
    t.clock.advance(3 * MIN);
    expect(t.core.callEvents.record({ kind: 'connected', number: '+14155552671', source: 'softphone' })).toMatchObject({ matched: false });
    t.clock.advance(10 * MIN);
    expect(t.core.callEvents.record({ kind: 'ended', number: '+14155552671', durationSeconds: 600, source: 'softphone' })).toMatchObject({ matched: false });
    expect((await callsOf(t, ana)).find((c) => c.id === dialled.id)!.softphone).toBeNull();
    t.core.close();
  });

  it('the call log’s talk and wrap-up are the phone’s where it reported them: talk its count, wrap-up from its end', async () => {
    const { t, ana } = await desk();
    const dialled = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(10_000);
    t.core.callEvents.record({ kind: 'connected', number: '+14155552671', source: 'softphone' });
    t.clock.advance(95_000);
    t.core.callEvents.record({ kind: 'ended', number: '+14155552671', durationSeconds: 95, source: 'softphone' });
    // Logged 5 minutes after the dial, without H: 195 s after the phone's end.
    t.clock.advance(195_000);
    const logged = await t.call<{ call: Call }>('calls.log', { callId: dialled.id, outcome: 'conversation' });
    expect(logged.call).toMatchObject({ talkMs: 95_000, wrapUpMs: 195_000 });
    expect((await callsOf(t, ana)).find((c) => c.id === dialled.id)).toMatchObject({ talkMs: 95_000, wrapUpMs: 195_000 });
    t.core.close();
  });

  it('"engaged" on a call the phone says connected and has not ended is refused: the redial loop would dial over a live call', async () => {
    const { t, ana } = await desk();
    const dialled = await t.call<Call>('calls.dial', { contactId: ana, override: true });
    t.clock.advance(10_000);
    t.core.callEvents.record({ kind: 'connected', number: '+14155552671', source: 'softphone' });
    expect(await t.core.invoke('calls.log', { callId: dialled.id, outcome: 'engaged' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not engaged') } });
    expect(await t.call('redial.get', { contactId: ana })).toBeNull();
    // Once the phone says it ended (a busy line the phone "answered"), engaged is the rep's to say.
    t.core.callEvents.record({ kind: 'ended', number: '+14155552671', source: 'softphone' });
    expect(await t.core.invoke('calls.log', { callId: dialled.id, outcome: 'engaged' })).toMatchObject({ ok: true });
    t.core.close();
  });

  it('an event for a number nobody dialled, or for no number at all, is kept as unmatched: not an error', async () => {
    const { t } = await desk();
    const inbound = t.core.callEvents.record({ kind: 'connected', number: '+44 20 7946 0958', source: 'softphone' });
    expect(inbound).toMatchObject({ matched: false, callId: null, e164: '+442079460958' });
    const garbled = t.core.callEvents.record({ kind: 'ended', number: 'anonymous', durationSeconds: 12, source: 'softphone' });
    expect(garbled).toMatchObject({ matched: false, callId: null, e164: null });
    const db = new BetterSqlite3(path.join(t.dir, 'dialdeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT kind, number_raw, e164, duration_s, call_id, source FROM call_events ORDER BY id').all()).toEqual([
      { kind: 'connected', number_raw: '+44 20 7946 0958', e164: '+442079460958', duration_s: null, call_id: null, source: 'softphone' },
      { kind: 'ended', number_raw: 'anonymous', e164: null, duration_s: 12, call_id: null, source: 'softphone' },
    ]);
    db.close();
    expect(() => t.core.callEvents.record({ kind: 'ended', number: '  ', source: 'softphone' })).toThrow(/Give the number/);
    t.core.close();
  });
});
