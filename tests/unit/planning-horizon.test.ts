// A time a rep plans or records is within five years of now: a mistyped year (2062, 9999, 0001)
// is refused naming the field, on every channel that takes one, and nothing is stored.
import { describe, expect, it } from 'vitest';
import { outOfReach, PLANNING_HORIZON_YEARS } from '../../shared/domain/planningHorizon';
import { stalledClosing } from '../../shared/domain/stalled';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir } from './helpers';

const NOW = Date.parse('2026-03-02T17:00:00Z');
// Five years of 365.25 days, counted independently of the rule.
const FIVE_YEARS = 5 * 365.25 * 86_400_000;

describe('outOfReach', () => {
  it('takes five years either side, and no more', () => {
    expect(PLANNING_HORIZON_YEARS).toBe(5);
    expect(outOfReach(NOW + FIVE_YEARS, NOW)).toBeNull();
    expect(outOfReach(NOW - FIVE_YEARS, NOW)).toBeNull();
    expect(outOfReach(NOW + FIVE_YEARS + 1, NOW)).toBe('is more than 5 years ahead: check the year');
    expect(outOfReach(NOW - FIVE_YEARS - 1, NOW)).toBe('is more than 5 years ago: check the year');
    expect(stalledClosing({ nextStep: 'Demo', nextAt: Date.parse('2062-03-03T15:00:00Z') }, ['No budget'], NOW)).toEqual({ ok: false, reason: "The new next step's time is more than 5 years ahead: check the year." });
  });
});

describe('every channel that takes a planned time', () => {
  it('refuses a mistyped year, naming the field, and stores nothing', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock(new Date(NOW).toISOString()) });
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
    const promise = await t.call<{ reminderTaskId: number }>('promises.add', { contactId: ana, what: 'Send the quote', dueAt: '2026-03-03T17:00:00Z' });
    const kase = await t.call<{ id: number }>('complaints.open', { contactId: ana, facts: 'Billed twice' });
    const stored = () => ({
      queue: t.core.db.prepare('SELECT * FROM queue_state').all(),
      tasks: t.core.db.prepare('SELECT * FROM tasks ORDER BY id').all(),
      promises: t.core.db.prepare('SELECT * FROM promises ORDER BY id').all(),
      calls: t.core.db.prepare('SELECT id, outcome FROM calls ORDER BY id').all(),
    });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana, override: true });
    const before = stored();
    const refusals: [string, object, string][] = [
      ['calls.log', { callId: call.id, outcome: 'callback_requested', callbackAt: '9999-12-31T23:59:00Z' }, 'callbackAt'],
      ['calls.log', { callId: call.id, outcome: 'advance', nextStep: 'Demo', nextAt: '2062-03-03T15:00:00Z' }, 'nextAt'],
      ['queue.act', { contactId: ana, action: 'snooze', until: '9999-01-01T00:00:00Z' }, 'until'],
      ['tasks.snooze', { id: promise.reminderTaskId, until: '2062-03-03T15:00:00Z' }, 'until'],
      ['promises.add', { contactId: ana, what: 'Send the quote', dueAt: '0001-01-01T00:00:00Z' }, 'dueAt'],
      ['promises.add', { contactId: ana, what: 'Send the quote', dueAt: '9999-01-01T00:00:00Z' }, 'dueAt'],
      ['complaints.addStep', { id: kase.id, what: 'Refund', dueAt: '1900-01-01T00:00:00Z' }, 'dueAt'],
      ['complaints.addFollowUp', { id: kase.id, kind: 'call', dueAt: '9999-01-01T00:00:00Z' }, 'dueAt'],
    ];
    for (const [channel, request, field] of refusals) {
      const reply = await t.core.invoke(channel, request);
      expect(reply, `${channel} ${JSON.stringify(request)}`).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/ is more than 5 years (ahead|ago): check the year/) } });
      expect(!reply.ok && reply.error.fields && Object.keys(reply.error.fields), channel).toContain(field);
    }
    expect(stored()).toEqual(before);
    // The same channels take a time within reach.
    await t.call('calls.log', { callId: call.id, outcome: 'callback_requested', callbackAt: '2030-03-01T15:00:00Z' });
    await t.call('promises.add', { contactId: ana, what: 'Send the contract', dueAt: '2026-01-15T17:00:00Z' });
    t.core.close();
  });
});
