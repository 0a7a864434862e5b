import { describe, expect, it } from 'vitest';
import { ATTEMPTS_SQL, attemptsSince, insertDialledCall, insertInboundCall, markDialFailed } from '../../electron/core/calls/repo';
import { makeCore, tempDir } from './helpers';
import { planStableSql } from '../../electron/core/db/sql';

const MIN = 60_000;

// The retry policy's history (every dial the phone took, outbound, with its redial loop) is read
// from an index alone on every dial and disposition (migration 036).
describe("a lead's attempts", () => {
  it('are its outbound calls the phone took, in time order with their loop, read from the index alone', async () => {
    const t = makeCore(tempDir());
    const db = t.core.db;
    const { id: ana } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' });
    const { id: ben } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', phone: '+1 212 555 0101' });
    const start = Date.parse('2026-03-02T15:00:00Z');
    db.prepare("INSERT INTO redial_loops (id, contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (7, ?, ?, ?, NULL, 1, NULL, 'ended')").run(ana, start, start + 60 * MIN);
    const dial = (contactId: number, minutes: number, loopId: number | null = null) =>
      insertDialledCall(db, { contactId, dialUri: 'tel:+12125550100', number: '+12125550100', dialedAt: start + minutes * MIN, loopId });
    dial(ana, 30);
    dial(ana, 5);
    dial(ana, 10, 7);
    markDialFailed(db, dial(ana, 20), 'no handler for tel:', start + 20 * MIN);
    insertInboundCall(db, { contactId: ana, number: '+12125550100', at: start + 25 * MIN, talkSeconds: 60 });
    dial(ben, 15);
    dial(ana, -3 * 24 * 60);

    // Worked out from the calls as stored, without the index: Ana's outbound calls the phone took
    // since two days before the start, oldest first.
    const calls = db.prepare('SELECT contact_id, dialed_at, loop_id, dial_failure, direction FROM calls').all() as { contact_id: number; dialed_at: number; loop_id: number | null; dial_failure: string | null; direction: string }[];
    const since = start - 2 * 24 * 60 * MIN;
    const expected = calls
      .filter((c) => c.contact_id === ana && c.dialed_at >= since && c.dial_failure === null && c.direction === 'outbound')
      .sort((a, b) => a.dialed_at - b.dialed_at)
      .map((c) => ({ at: c.dialed_at, loopId: c.loop_id }));
    expect(expected.map((a) => (a.at - start) / MIN)).toEqual([5, 10, 30]);
    expect(attemptsSince(db, ana, since)).toEqual(expected);

    const plan = db.prepare(`EXPLAIN QUERY PLAN ${planStableSql(ATTEMPTS_SQL)}`).all(ana, since) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toContain('COVERING INDEX calls_attempts');
    t.core.close();
  });
});
