// Editing a lead changes what the rep changed and nothing else: a note on a dud keeps it a dud
// with its reason and its bad number (they go back to the supplier), and only a new number makes
// it callable again.
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import type { Contact } from '../../shared/ipc/contract';
import { makeCore, type TestCore } from './helpers';

/** A lead as contacts.get shows it (the contract's type). */
type Shown = Contact;

/** The edit form as the contact screen sends it: every field as shown, the number as it is shown. */
function formOf(c: Shown, change: Partial<Record<'notes' | 'phone', string>>) {
  return {
    id: c.id, firstName: c.firstName, lastName: c.lastName, company: c.company, title: c.title, email: c.email,
    phone: c.e164 ? c.phoneDisplay : c.phoneRaw, timeZone: '', kind: c.kind, lineType: c.lineType, notes: c.notes, ...change,
  };
}

const shown = async (t: TestCore, id: number) => (await t.call<{ contact: Shown }>('contacts.get', { id })).contact;
const inQueue = async (t: TestCore, id: number) => (await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', {})).entries.some((e) => e.contact.id === id);

describe('editing a dud', () => {
  it('an imported dud takes a note and stays a dud with its number and reason as imported', async () => {
    const t = makeCore();
    await runImport(t.core.context, { fileName: 'supplier.csv', bytes: new TextEncoder().encode('Name,Phone\nBen Ode,555-01\n'), onDuplicate: 'merge', country: 'US' });
    const before = await shown(t, 1);
    expect(before).toMatchObject({ status: 'dud', phoneRaw: '555-01' });
    const after = await t.call<Shown>('contacts.update', formOf(before, { notes: 'asked the supplier' }));
    expect(after).toMatchObject({ notes: 'asked the supplier', status: 'dud', phoneRaw: '555-01', dudReason: before.dudReason });
    t.core.close();
  });

  it('a wrong number stays one through a note, and the right number puts the lead back in the queue', async () => {
    const t = makeCore();
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0100' });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: id });
    await t.call('calls.log', { callId: call.id, outcome: 'wrong_number' });
    const wrong = await shown(t, id);
    expect(wrong.status).toBe('dud');
    const noted = await t.call<Shown>('contacts.update', formOf(wrong, { notes: 'supplier asked for the right number' }));
    expect(noted).toMatchObject({ status: 'dud', dudReason: wrong.dudReason, e164: '+12125550100' });
    expect(await inQueue(t, id)).toBe(false);
    const fixed = await t.call<Shown>('contacts.update', formOf(noted, { phone: '(212) 555-0199' }));
    expect(fixed).toMatchObject({ status: 'active', dudReason: null, e164: '+12125550199' });
    expect(await inQueue(t, id)).toBe(true);
    t.core.close();
  });

  it('a lead edited with its number in another format keeps its status; clearing the number makes it a dud', async () => {
    const t = makeCore();
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Cy', lastName: 'Lee', phone: '+1 212 555 0177' });
    const lead = await shown(t, id);
    expect(await t.call<Shown>('contacts.update', formOf(lead, { phone: '212.555.0177' }))).toMatchObject({ status: 'active', e164: '+12125550177' });
    expect(await t.call<Shown>('contacts.update', formOf(lead, { phone: '' }))).toMatchObject({ status: 'dud', dudReason: 'no phone number', e164: null });
    t.core.close();
  });
});
