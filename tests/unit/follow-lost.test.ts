import { describe, expect, it } from 'vitest';
import { countReasons, isStalled, slippedLine } from '../../shared/domain/stalled';
import { timeToken } from '../../shared/domain/timeText';
import { makeCore } from './helpers';

const DAY = 86_400_000;

describe('the stalled rule', () => {
  const due = Date.parse('2026-03-03T15:00:00Z'); // Tuesday 10:00 in New York
  it('an advance whose next step passed more than 3 days ago with no call since', () => {
    expect(isStalled({ nextAt: due, callsSinceDue: 0 }, due + 3 * DAY)).toBe(false);
    expect(isStalled({ nextAt: due, callsSinceDue: 0 }, due + 3 * DAY + 1)).toBe(true);
    expect(isStalled({ nextAt: due, callsSinceDue: 1 }, due + 30 * DAY)).toBe(false);
    expect(isStalled({ nextAt: due, callsSinceDue: 0 }, due + 2 * DAY, 1)).toBe(true);
    expect(slippedLine('proposal review', due, 'America/New_York')).toBe(`next step slipped: proposal review was due ${timeToken(due, 'America/New_York')}`);
  });
  it('reasons are counted, most first', () => {
    expect(countReasons(['No budget', 'No need', 'No budget', 'Bad timing'])).toEqual([
      { reason: 'No budget', count: 2 },
      { reason: 'Bad timing', count: 1 },
      { reason: 'No need', count: 1 },
    ]);
  });
});

describe('the lost and stalled report', () => {
  it('groups not-interested reasons by count, with each call’s notes, and lists stalled advances', async () => {
    const t = makeCore();
    const add = (firstName: string, phone: string) => t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone });
    const log = async (contactId: number, request: object) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId });
      await t.call('calls.log', { callId: call.id, ...request });
    };
    const [a, b, c, d] = [await add('Ana', '+1 212 555 0101'), await add('Ben', '+1 212 555 0102'), await add('Cy', '+1 212 555 0103'), await add('Dee', '+1 212 555 0104')];
    await log(a.id, { outcome: 'not_interested', reason: 'No budget', notes: 'froze spending' });
    await log(b.id, { outcome: 'not_interested', reason: 'No budget', notes: '' });
    await log(c.id, { outcome: 'not_interested', reason: 'No need', notes: 'uses paper' });
    // Dee agrees a proposal review for Tuesday 3 March; nobody calls; on Saturday it is stalled.
    await log(d.id, { outcome: 'advance', nextStep: 'proposal review', nextAt: '2026-03-03T15:00:00Z' });
    t.clock.advance(Date.parse('2026-03-07T16:00:00Z') - t.clock.now().getTime());
    const report = t.core.follow.lostReport(0, Date.parse('2027-01-01T00:00:00Z'));
    expect(report.lost.reasons).toEqual([
      { reason: 'No budget', count: 2 },
      { reason: 'No need', count: 1 },
    ]);
    expect(report.lost.byImport).toEqual([{ import: '(added by hand)', total: 3, reasons: report.lost.reasons }]);
    expect(report.lost.calls.map((call) => [call.name, call.notes])).toEqual([
      ['Ana Test', 'froze spending'],
      ['Ben Test', ''],
      ['Cy Test', 'uses paper'],
    ]);
    expect(report.stalled.leads.map((l) => [l.contactId, l.why])).toEqual([[d.id, `next step slipped: proposal review was due ${timeToken(Date.parse('2026-03-03T15:00:00Z'), 'America/New_York')}`]]);
    // A range that ends before the calls has none of them.
    expect(t.core.follow.lostReport(0, Date.parse('2026-03-01T00:00:00Z')).lost.total).toBe(0);
    t.core.close();
  });
});
