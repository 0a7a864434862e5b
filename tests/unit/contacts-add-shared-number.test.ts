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
});
