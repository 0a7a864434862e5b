// Adding a lead by hand on a number another lead has: as an import does, a colleague behind the
// same switchboard (another extension) or someone else on a shared line (another name) is a new
// lead linked by the number; only the same person is refused, by name.
import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from './helpers';

const add = (t: TestCore, firstName: string, lastName: string, phone: string) => t.core.invoke('contacts.add', { firstName, lastName, phone });

describe('a lead added by hand on a number already known', () => {
  it('is added when it is another person, refused when it is the same one', async () => {
    const t = makeCore();
    const ana = await add(t, 'Ana', 'Silva', '+1 212 555 0100 ext. 11');
    expect(ana.ok).toBe(true);
    // Another extension: a colleague.
    const ben = await add(t, 'Ben', 'Ode', '+1 212 555 0100 ext. 12');
    expect(ben).toMatchObject({ ok: true, value: { firstName: 'Ben' } });
    const benId = (ben as { value: { id: number } }).value.id;
    expect(await t.call('contacts.get', { id: benId })).toMatchObject({ sharesNumberWith: [{ name: 'Ana Silva', extension: '11' }], sharesNumberCount: 1 });
    // The same extension and name: Ana again.
    expect(await add(t, 'ana', 'SILVA', '(212) 555-0100 x11')).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Ana Silva already has this number') } });
    // A shared line without extensions: another name is another person; a name that fits is not.
    expect((await add(t, 'Cy', 'Lee', '+1 212 555 0177')).ok).toBe(true);
    expect((await add(t, 'Dee', 'Park', '+1 212 555 0177')).ok).toBe(true);
    expect(await add(t, 'Cy', '', '+1 212 555 0177')).toMatchObject({ ok: false, error: { message: expect.stringContaining('Cy Lee already has this number') } });
    const onNumber = t.core.db.prepare("SELECT first_name FROM contacts WHERE e164 = '+12125550177' ORDER BY id").all();
    expect(onNumber).toEqual([{ first_name: 'Cy' }, { first_name: 'Dee' }]);
    t.core.close();
  });

  it('a person is added beside a company’s main line (a lead with no name on it); a second main line is refused', async () => {
    const t = makeCore();
    const acme = await t.call<{ id: number }>('contacts.add', { company: 'Acme Corp', phone: '+1 212 555 0160' });
    const ana = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme Corp', phone: '+1 212 555 0160' });
    expect(await t.call('contacts.get', { id: ana.id })).toMatchObject({ sharesNumberWith: [{ id: acme.id, name: 'Acme Corp' }] });
    expect(await t.core.invoke('contacts.add', { company: 'Acme Corporation', phone: '(212) 555-0160' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    t.core.close();
  });

  it('an edit does not move a lead onto the number of the same person’s lead', async () => {
    const t = makeCore();
    await add(t, 'Zed', 'Ray', '+1 212 555 0170');
    const second = await t.call<{ id: number; lastName: string; company: string; title: string; email: string; kind: string; lineType: string; notes: string }>('contacts.add', { firstName: 'Zed', lastName: 'Ray', phone: '+1 212 555 0171' });
    const edit = (phone: string) => t.core.invoke('contacts.update', { id: second.id, firstName: 'Zed', lastName: 'Ray', company: '', title: '', email: '', phone, timeZone: '', kind: second.kind, lineType: second.lineType, notes: 'x' });
    expect(await edit('(212) 555-0170')).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Zed Ray already has this number') } });
    expect(t.core.db.prepare('SELECT e164, notes FROM contacts WHERE id = ?').get(second.id)).toEqual({ e164: '+12125550171', notes: '' });
    // Its own number, in another format, is no move.
    expect((await edit('212.555.0171')).ok).toBe(true);
    t.core.close();
  });
});
