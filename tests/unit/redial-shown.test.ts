// The loop the call screen shows for a lead, read in one lookup: the running one whatever its
// age, else the latest, else none.
import { describe, expect, it } from 'vitest';
import { shownLoopFor } from '../../electron/core/calls/redialRepo';
import { makeCore } from './helpers';

describe("the redial loop shown for a lead", () => {
  it('is the running one, else the latest, else none', async () => {
    const t = makeCore();
    const db = t.core.db;
    const { id: ana } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' });
    const { id: ben } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', phone: '+1 212 555 0101' });
    const loop = db.prepare("INSERT INTO redial_loops (id, contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (?, ?, 0, 0, NULL, 1, NULL, ?)");
    expect(shownLoopFor(db, ana)).toBeUndefined();
    loop.run(1, ana, 'dispositioned');
    loop.run(2, ana, 'stopped');
    loop.run(3, ben, 'running');
    expect(shownLoopFor(db, ana)?.id).toBe(2);
    loop.run(4, ana, 'running');
    expect(shownLoopFor(db, ana)?.id).toBe(4);
    // A running loop older than an ended one (not made by the app, which starts a loop only when
    // none runs) is still the one shown: it is what the scheduler dials.
    loop.run(5, ben, 'stopped');
    expect(shownLoopFor(db, ben)?.id).toBe(3);
    expect(await t.call<{ id: number } | null>('redial.get', { contactId: ben })).toMatchObject({ id: 3 });
    t.core.close();
  });
});
