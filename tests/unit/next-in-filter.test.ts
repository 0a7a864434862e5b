import { describe, expect, it } from 'vitest';
import { makeCore } from './helpers';

// The helpers' clock: Monday 2 March 2026, 12:00 in New York (inside calling hours).
describe('the next lead after a disposition, from the queue the rep is calling through', () => {
  it('comes from the campaign (or tag) filter sent with the disposition, and from the whole queue without one', async () => {
    const t = makeCore();
    const add = async (firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Lead', phone })).id;
    // Added in this order, so the unfiltered queue offers Ana, then Ben, then Cy, then Dee.
    const ana = await add('Ana', '+1 212 555 0101');
    const ben = await add('Ben', '+1 212 555 0102');
    await add('Cy', '+1 212 555 0103');
    const dee = await add('Dee', '+1 212 555 0104');
    const spring = await t.call<{ id: number }>('campaigns.create', { name: 'Spring' });
    await t.call('campaigns.assign', { campaign: { id: spring.id }, contactIds: [ana, dee] });
    const firstUnfiltered = (await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 1 })).entries[0]!.contact.id;
    expect(firstUnfiltered).toBe(ana);

    // Calling through Spring: after Ana, Dee (Ben and Cy wait earlier in the whole queue).
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    const inCampaign = await t.call<{ next: { contact: { id: number } } | null; show: { detail: { contact: { id: number } } } | null }>('calls.log', {
      callId: call.id,
      outcome: 'no_answer',
      queueFilter: { importId: null, kind: null, zone: null, campaignId: spring.id, tagId: null },
    });
    expect(inCampaign.next?.contact.id).toBe(dee);
    expect(inCampaign.show?.detail.contact.id).toBe(dee);

    // Without a filter: the whole queue's first (Ben).
    const second = await t.call<{ id: number }>('calls.dial', { contactId: dee });
    const whole = await t.call<{ next: { contact: { id: number } } | null }>('calls.log', { callId: second.id, outcome: 'no_answer' });
    expect(whole.next?.contact.id).toBe(ben);
  });
});
