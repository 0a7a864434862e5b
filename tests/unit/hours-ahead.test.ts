import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callableIntervals, type CallableLead } from '../../shared/domain/callingHours';
import { clipIntervals } from '../../shared/domain/localWindows';
import { DEFAULT_LAW } from '../../shared/domain/law/engine';
import { makeCore } from './helpers';

const DAY = 86_400_000;
const AHEAD = 15 * DAY;

const LEADS: CallableLead[] = [
  { timeZones: ['America/New_York'], lineType: 'residential', country: 'US', jurisdictions: ['US', 'US-FL'] },
  { timeZones: ['America/Los_Angeles', 'America/Chicago'], lineType: 'business', country: 'US', jurisdictions: ['US'] },
  { timeZones: ['Asia/Kolkata'], lineType: 'residential', country: 'IN' },
  { timeZones: ['Australia/Lord_Howe'], lineType: 'business' },
  { timeZones: ['Europe/London', 'Europe/Dublin'], lineType: 'residential', country: 'GB' },
];

describe('calling hours ahead, cut from a longer span', () => {
  it('clipping the hours of a longer span to [at, at + 15 days] gives exactly the hours computed over that range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEADS), fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }), (lead, at) => {
        const from = Math.floor(at / DAY) * DAY;
        const longer = callableIntervals(lead, from, from + DAY + AHEAD, undefined, DEFAULT_LAW);
        expect(clipIntervals(longer, at, at + AHEAD)).toEqual(callableIntervals(lead, at, at + AHEAD, undefined, DEFAULT_LAW));
      }),
      { numRuns: 150 },
    );
  });

  it('the call screen’s hours for a lead are those of its zone from now, through the day and after a change of hours', async () => {
    const t = makeCore();
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' });
    const hoursOf = async () => (await t.call<{ now: { hours: { callable: { start: number; end: number }[] } } }>('contacts.get', { id })).now.hours.callable;
    const lead: CallableLead = { timeZones: ['America/New_York'], lineType: 'residential', country: 'US', jurisdictions: ['US', 'US-NY'] };
    for (let step = 0; step < 3; step++) {
      const at = t.clock.now().getTime();
      const law = t.core.queue.settings().law;
      expect(await hoursOf()).toEqual(callableIntervals(lead, at, at + AHEAD, t.core.queue.settings().callingHours, law));
      t.clock.advance(9 * 3_600_000);
    }
    // The desk's hours change: the next answer has the new hours, not the cached ones.
    const queue = t.core.settings.get('queue');
    const later = { start: '10:30', end: '19:00' };
    await t.call('settings.update', { queue: { ...queue, callingHours: { ...queue.callingHours, residential: { 1: later, 2: later, 3: later, 4: later, 5: later, 6: null, 7: null } } } });
    expect(t.core.queue.settings().callingHours.residential[1]).toEqual(later);
    const at = t.clock.now().getTime();
    expect(await hoursOf()).toEqual(callableIntervals(lead, at, at + AHEAD, t.core.queue.settings().callingHours, t.core.queue.settings().law));
  });
});
