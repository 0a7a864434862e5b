// The retry rule reads a lead's attempts as figures counted from the attempts index
// (calls/attempts.ts attemptFactsOf) rather than as the list of them. Held here to the list they
// replace: for random attempt logs (redials of an engaged line, dials the phone refused, calls the
// prospect made, times across a clock change and local midnight), the figures read from the store
// equal the fold over the calls filtered in plain JavaScript, the day's count equals the calls
// luxon puts on the same local date, and the plan decided from either is the same.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { attemptFactsOf } from '../../electron/core/calls/attempts';
import { insertDialledCall, insertInboundCall, markDialFailed } from '../../electron/core/calls/repo';
import { attemptFacts, DEFAULT_QUEUE_SETTINGS, retryPlan, type QueueLead } from '../../shared/domain/queueRules';
import type { Disposition } from '../../shared/domain/dispositions';
import { makeCore, type TestCore } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface GeneratedCall {
  offset: number;
  kind: 'attempt' | 'redial' | 'refused' | 'inbound';
}

describe("a lead's attempts as the retry rule reads them", () => {
  const cores: TestCore[] = [];
  afterAll(() => cores.forEach((t) => t.core.close()));

  it.each([
    // Around New York's clock change (08 Mar 2026, 02:00 → 03:00) and local midnight.
    ['America/New_York', '2026-03-08T05:00:00Z', ['US-FL']],
    ['Australia/Lord_Howe', '2026-04-04T13:30:00Z', []],
    ['Asia/Kolkata', '2026-03-01T18:25:00Z', []],
  ])('in %s around %s: the figures from the store are the fold over the calls, and plan alike', async (zone, around, jurisdictions) => {
    const t = makeCore();
    cores.push(t);
    const db = t.core.db;
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 305 555 0100' });
    db.prepare("INSERT INTO redial_loops (id, contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (1, ?, 0, 0, NULL, 1, NULL, 'ended')").run(id);
    const centre = Date.parse(around);
    const base = t.core.queue.leadOf(id)!;
    const settings = { ...DEFAULT_QUEUE_SETTINGS, maxAttemptsPerDay: 3 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ offset: fc.integer({ min: -3 * DAY, max: 2 * HOUR }), kind: fc.constantFrom<GeneratedCall['kind']>('attempt', 'attempt', 'redial', 'refused', 'inbound') }), { maxLength: 40 }),
        fc.integer({ min: -DAY, max: DAY }),
        fc.constantFrom<QueueLead['kind']>('outbound', 'inbound'),
        fc.integer({ min: -30 * HOUR, max: 0 }),
        fc.constantFrom<Disposition>({ outcome: 'no_answer' }, { outcome: 'voicemail_left' }, { outcome: 'gatekeeper' }, { outcome: 'callback_requested', callbackAt: 0 }),
        async (generated, atOffset, kind, arrivedOffset, last) => {
          db.exec('DELETE FROM calls');
          const at = centre + atOffset;
          for (const g of generated) {
            const dialedAt = centre + g.offset;
            if (g.kind === 'inbound') insertInboundCall(db, { contactId: id, number: '+13055550100', at: dialedAt, talkSeconds: 30 });
            else {
              const callId = insertDialledCall(db, { contactId: id, dialUri: 'tel:+13055550100', number: '+13055550100', dialedAt, loopId: g.kind === 'redial' ? 1 : null });
              if (g.kind === 'refused') markDialFailed(db, callId, 'no handler', dialedAt);
            }
          }
          const lead: QueueLead = { ...base, kind, createdAt: at + arrivedOffset, timeZones: [zone], jurisdictions };
          // The list the rule used to read: attempts the phone took, outbound, in the last two days.
          const history = generated
            .filter((g) => g.kind === 'attempt' || g.kind === 'redial')
            .map((g) => ({ at: centre + g.offset, loopId: g.kind === 'redial' ? 1 : null }))
            .filter((a) => a.at >= at - 2 * DAY)
            .sort((a, b) => a.at - b.at);
          const read = attemptFactsOf(t.core.context, lead, at, settings);
          const folded = attemptFacts(lead, history, at, settings);
          expect({ ...read, capTimes: [...read.capTimes].sort((a, b) => a - b) }).toEqual({ ...folded, capTimes: [...folded.capTimes].sort((a, b) => a - b) });
          // The day's count, from luxon's local date of each call.
          const localDate = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate();
          expect(read.onLocalDay).toBe(history.filter((a) => a.loopId === null && localDate(a.at) === localDate(at)).length);
          expect(read.capTimes.length).toBe(jurisdictions.length > 0 ? history.length : 0);
          const disposition: Disposition = last.outcome === 'callback_requested' ? { outcome: 'callback_requested', callbackAt: at + 2 * HOUR } : last;
          expect(retryPlan(lead, disposition, read, at, settings)).toEqual(retryPlan(lead, disposition, history, at, settings));
        },
      ),
      { numRuns: 120 },
    );
  });
});
