// Calls the prospect made (#13 point 7), talk and wrap-up apart (H) and the gatekeeper's name
// (point 8), through the core's channels on a real database.
import { describe, expect, it } from 'vitest';
import type { ContactDetail, ResponseOf } from '../../shared/ipc/contract';
import { makeCore } from './helpers';

async function lead(t: ReturnType<typeof makeCore>, phone = '+1 212 555 0101') {
  return (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone })).id;
}

describe('inbound calls', () => {
  it('logs a call the prospect made with its outcome: direction inbound, came in its length ago, no attempt against the caps', async () => {
    const t = makeCore();
    const id = await lead(t);
    const attemptsBefore = t.core.db.prepare('SELECT attempts_today FROM queue_state WHERE contact_id = ?').get(id);
    const logged = await t.call<ResponseOf<'calls.logInbound'>>('calls.logInbound', { contactId: id, outcome: 'conversation', notes: 'rang back', durationSeconds: 300 });
    // The clock reads 17:00:00; a 300-second call came in at 16:55:00.
    expect(logged.call).toMatchObject({ direction: 'inbound', outcome: 'conversation', dialedAt: '2026-03-02T16:55:00.000Z', talkMs: 300_000, wrapUpMs: null, notes: 'rang back' });
    expect(t.dialer.opened).toEqual([]);
    expect(t.core.db.prepare('SELECT direction, dial_uri FROM calls WHERE id = ?').get(logged.call.id)).toEqual({ direction: 'inbound', dial_uri: '' });
    expect(t.core.db.prepare('SELECT attempts_today FROM queue_state WHERE contact_id = ?').get(id)).toEqual(attemptsBefore);
    const detail = await t.call<ContactDetail>('contacts.get', { id });
    expect(detail.calls.map((c) => c.direction)).toEqual(['inbound']);
    t.core.close();
  });

  it('refuses no answer and engaged for an inbound call, and a lead whose call waits for its disposition', async () => {
    const t = makeCore();
    const id = await lead(t);
    await expect(t.call('calls.logInbound', { contactId: id, outcome: 'engaged' })).rejects.toThrow(/Engaged cannot be logged for a call the prospect made/);
    await expect(t.call('calls.logInbound', { contactId: id, outcome: 'no_answer' })).rejects.toThrow(/No answer cannot be logged/);
    await t.call('calls.dial', { contactId: id });
    await expect(t.call('calls.logInbound', { contactId: id, outcome: 'conversation' })).rejects.toThrow(/waiting for its disposition/);
    expect(t.core.db.prepare("SELECT count(*) AS n FROM calls WHERE direction = 'inbound'").get()).toEqual({ n: 0 });
    t.core.close();
  });

  it('is counted as the measure defines it: a conversation, no dial, no connect, and it returns a voicemail left 1 day before', async () => {
    const t = makeCore();
    const id = await lead(t);
    const dialled = await t.call<{ id: number }>('calls.dial', { contactId: id });
    await t.call('calls.log', { callId: dialled.id, outcome: 'voicemail_left' });
    t.clock.advance(24 * 3_600_000);
    await t.call('calls.logInbound', { contactId: id, outcome: 'advance', nextStep: 'Demo', nextAt: '2026-03-05T17:00:00Z', durationSeconds: 120 });
    const summary = await t.call<{ totals: Record<string, number> }>('stats.summary', { from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' });
    // shared/domain/metrics.ts: dials and connects are outbound; a conversation or an advance is
    // either way; a voicemail is returned by an inbound call within 5 business days.
    expect(summary.totals).toMatchObject({ dials: 1, connects: 0, conversations: 1, advances: 1, voicemails: 1, voicemailsReturned: 1 });
    t.core.close();
  });
});

describe('talk and wrap-up apart', () => {
  it('talk runs from the dial to H, wrap-up from H to the disposition; without H talk runs to the disposition', async () => {
    const t = makeCore();
    const ana = await lead(t);
    const ben = await lead(t, '+1 212 555 0102');
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    t.clock.advance(42_000);
    const hung = await t.call<ResponseOf<'calls.hangUp'>>('calls.hangUp', { callId: first.id });
    expect(hung.hungUpAt).toBe('2026-03-02T17:00:42.000Z');
    await expect(t.call('calls.hangUp', { callId: first.id })).rejects.toThrow(/already marked hung up/);
    t.clock.advance(20_000);
    const logged = await t.call<ResponseOf<'calls.log'>>('calls.log', { callId: first.id, outcome: 'conversation' });
    expect(logged.call).toMatchObject({ talkMs: 42_000, wrapUpMs: 20_000, durationMs: 62_000, direction: 'outbound' });
    await expect(t.call('calls.hangUp', { callId: first.id })).rejects.toThrow(/nothing to hang up/);

    const second = await t.call<{ id: number }>('calls.dial', { contactId: ben });
    t.clock.advance(30_000);
    const plain = await t.call<ResponseOf<'calls.log'>>('calls.log', { callId: second.id, outcome: 'no_answer' });
    expect(plain.call).toMatchObject({ talkMs: 30_000, wrapUpMs: null, hungUpAt: null });
    t.core.close();
  });
});

describe('gatekeeper name', () => {
  it('is saved on a gatekeeper outcome and shown with the lead’s calls; ignored on other outcomes', async () => {
    const t = makeCore();
    const id = await lead(t);
    const first = await t.call<{ id: number }>('calls.dial', { contactId: id });
    await t.call('calls.log', { callId: first.id, outcome: 'gatekeeper', gatekeeperName: '  Mary Quinn ' });
    t.clock.advance(3_600_000);
    const second = await t.call<{ id: number }>('calls.dial', { contactId: id });
    await t.call('calls.log', { callId: second.id, outcome: 'no_answer', gatekeeperName: 'Joe' });
    const detail = await t.call<ContactDetail>('contacts.get', { id });
    expect(detail.calls.map((c) => [c.outcome, c.gatekeeperName])).toEqual([
      ['no_answer', null],
      ['gatekeeper', 'Mary Quinn'],
    ]);
    t.core.close();
  });
});
