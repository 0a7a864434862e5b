import { describe, expect, it } from 'vitest';
import { migration039 } from '../../electron/core/db/migrations/039-talk-time-without-phone';
import { makeCore } from './helpers';

// Talk time on a desk whose softphone reports nothing: the time the call screen shows (from the
// dial to H, or to the disposition) is what the numbers add, for calls that reached a person; a
// phone's own count wins where there is one; an inbound call adds the length the rep logged.

const SECOND = 1000;
type Totals = { totals: { talkSeconds: number; conversations: number } };

async function setUp() {
  const t = makeCore();
  const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
  const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', lastName: 'Ode', phone: '+1 212 555 0102' })).id;
  // From an hour before: an inbound call is dated its length before it was logged.
  const from = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
  const talk = async () => (await t.call<Totals>('stats.summary', { from, to: new Date(t.clock.now().getTime() + 3_600_000).toISOString() })).totals.talkSeconds;
  return { t, ana, ben, talk };
}

describe('talk time without a phone report', () => {
  it('a conversation hung up (H) after 1:30 and logged 20 s later adds 1:30, today and in the range', async () => {
    const { t, ana, talk } = await setUp();
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    t.clock.advance(90 * SECOND);
    await t.call('calls.hangUp', { callId: call.id });
    t.clock.advance(20 * SECOND);
    const logged = await t.call<{ session: { totals: { talkSeconds: number } } }>('calls.log', { callId: call.id, outcome: 'conversation' });
    expect(await talk()).toBe(90);
    expect(logged.session.totals.talkSeconds).toBe(90);
    // Undone, it counts nowhere.
    await t.call('calls.undo', { callId: call.id });
    expect(await talk()).toBe(0);
    t.core.close();
  });

  it('without H the talk runs to the disposition; a no answer adds none; an inbound call its logged length', async () => {
    const { t, ana, ben, talk } = await setUp();
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    t.clock.advance(125_400);
    await t.call('calls.log', { callId: first.id, outcome: 'gatekeeper' });
    expect(await talk()).toBe(125);
    const second = await t.call<{ id: number }>('calls.dial', { contactId: ben });
    t.clock.advance(40 * SECOND);
    await t.call('calls.log', { callId: second.id, outcome: 'no_answer' });
    expect(await talk()).toBe(125);
    await t.call('calls.logInbound', { contactId: ben, outcome: 'conversation', durationSeconds: 300 });
    expect(await talk()).toBe(425);
    t.core.close();
  });
});

describe('migration 039 on a log counted before it', () => {
  it('moves the talk time of the calls already counted into their cells, once', async () => {
    const { t, ana, talk } = await setUp();
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    t.clock.advance(61 * SECOND);
    await t.call('calls.log', { callId: call.id, outcome: 'conversation' });
    // As counted by version 37: no talk kept on the call or in its cells.
    const db = t.core.db;
    db.exec(`UPDATE call_tallies SET talk_seconds = 0; UPDATE call_hour_tallies SET talk_seconds = 0; UPDATE calls SET tally_talk = 0;`);
    expect(await talk()).toBe(0);
    db.transaction(() => db.exec(migration039.up as string))();
    expect(await talk()).toBe(61);
    expect(db.prepare('SELECT tally_talk FROM calls WHERE id = ?').pluck().get(call.id)).toBe(61);
    // Run again it finds nothing left to move.
    db.transaction(() => db.exec(migration039.up as string))();
    expect(await talk()).toBe(61);
    t.core.close();
  });
});
