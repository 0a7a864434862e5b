// A legal rolling cap (Florida: at most 3 calls in 24 hours) holds a lead whatever the rep does by
// hand: a pin skips the desk's own waits but not the rule, and a lead restored to the queue after
// its third call waits as a planned one would. The queue never offers what the dial would refuse.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir, type TestCore } from './helpers';

const MIN = 60_000;
type Listed = { entries: { contact: { id: number } }[] };
type NotNow = { contact: { id: number }; code: string }[];

async function threeCalls(t: TestCore, last: object) {
  // A Miami number: Florida's rules apply; 10:00 there.
  const id = (await t.call<{ id: number }>('contacts.add', { firstName: 'Flo', lastName: 'Test', phone: '+1 305 555 0100' })).id;
  const outcomes = [{ outcome: 'no_answer' }, { outcome: 'no_answer' }, last];
  for (const outcome of outcomes) {
    const call = await t.call<{ id: number }>('calls.dial', { contactId: id, override: true });
    await t.call('calls.log', { callId: call.id, ...outcome });
    t.clock.advance(15 * MIN);
  }
  return id;
}

async function offered(t: TestCore, id: number) {
  const queue = (await t.call<Listed>('queue.list', {})).entries.map((e) => e.contact.id);
  const notNow = (await t.call<NotNow>('queue.notNow', {})).filter((e) => e.contact.id === id).map((e) => e.code);
  const dial = await t.core.invoke('calls.dial', { contactId: id });
  return { queued: queue.includes(id), notNow, dialled: dial.ok };
}

describe('a Florida lead called three times in 24 hours', () => {
  it('pinned: still held, said so in "not now", and not offered', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T15:00:00Z') });
    const id = await threeCalls(t, { outcome: 'no_answer' });
    await t.call('queue.act', { contactId: id, action: 'pin' });
    expect(await offered(t, id)).toEqual({ queued: false, notNow: ['cap'], dialled: false });
    t.core.close();
  });

  it('closed, then restored: back in the queue when the rule lets it be, held until then', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T15:00:00Z') });
    const reason = (t.core.settings.get('notInterestedReasons') as string[])[0];
    const id = await threeCalls(t, { outcome: 'not_interested', reason });
    const reply = await t.call<{ message: string }>('queue.act', { contactId: id, action: 'restore' });
    expect(reply.message).toMatch(/^Back in the queue, held by a calling rule: 3 calls in the last 24 hours \(Florida\)/);
    expect(await offered(t, id)).toEqual({ queued: false, notNow: ['cap'], dialled: false });
    // 24 hours after the first of the three calls (15:00), it is offered and can be dialled.
    t.clock.advance(Date.parse('2026-03-03T15:00:00Z') - t.clock.now().getTime());
    expect(await offered(t, id)).toEqual({ queued: true, notNow: [], dialled: true });
    t.core.close();
  });
});

describe('a cap switched on after the calls it counts', () => {
  it('holds the lead at once: not offered, "not now" says why, law.why agrees with the dial', async () => {
    // Maryland's rule (3 calls in 24 hours) is unverified and off by default. 10:00 in Baltimore.
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T15:00:00Z') });
    await t.call('settings.update', { queue: { ...t.core.settings.get('queue'), minimumGapMinutes: 0, noAnswerRetryMinutes: 30, maxAttemptsPerDay: 10 } });
    const id = (await t.call<{ id: number }>('contacts.add', { firstName: 'Mary', lastName: 'Land', phone: '+1 410 555 0100' })).id;
    for (let i = 0; i < 3; i++) {
      const call = await t.call<{ id: number }>('calls.dial', { contactId: id });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
      t.clock.advance(60 * MIN);
    }
    // 13:00 there, the last call an hour ago: without the rule the lead is due again.
    expect((await t.call<Listed>('queue.list', {})).entries.map((e) => e.contact.id)).toContain(id);
    await t.call('law.set', { rule: 'us-md', on: true, reason: '' });
    const why = await t.call<{ callable: boolean; queue: { code: string; nextAt: string | null } }>('law.why', { contactId: id });
    // The first of the three calls was at 15:00Z: the rule lets the fourth through 24 hours later.
    expect(why).toMatchObject({ callable: false, queue: { code: 'cap', nextAt: '2026-03-03T15:00:00.000Z' } });
    const held = await offered(t, id);
    expect(held).toEqual({ queued: false, notNow: ['cap'], dialled: false });
    t.core.close();
  });
});
