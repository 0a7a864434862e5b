import { describe, expect, it } from 'vitest';
import { addToDnc } from '../../electron/core/dnc/service';
import { addTeamDnc, linkTeam, outboxEntries, recordClaim } from '../../electron/core/team/repo';
import { makeCore } from './helpers';

const NOTHING = { objections: [], checklist: [], detail: {} };

async function deskWithLead() {
  const t = makeCore();
  const added = await t.call<{ id: number }>('contacts.add', { firstName: 'Ann', phone: '+12125550100' });
  return { t, contactId: added.id };
}

const kinds = (t: Awaited<ReturnType<typeof deskWithLead>>['t']) => outboxEntries(t.core.db, 0, 1000).map((e) => `${e.kind}:${e.ref}`);

describe('the team outbox (desk migration 021)', () => {
  it('queues nothing on a desk that has not joined a team', async () => {
    const { t, contactId } = await deskWithLead();
    t.core.calls.logExternal(contactId, { outcome: 'no_answer', notes: '', ...NOTHING });
    addToDnc(t.core.context, '+12125550199', 'rep');
    expect(kinds(t)).toEqual([]);
    t.core.close();
  });

  it('queues each call, disposition and do-not-call number in the write\'s own transaction: a refused write queues nothing', async () => {
    const { t, contactId } = await deskWithLead();
    t.core.db.transaction(() => linkTeam(t.core.db, { rep: 'Ada', role: 'r', deskId: 1, at: 0, leaseMs: 1000 })).immediate();
    const callId = t.core.calls.logExternal(contactId, { outcome: 'no_answer', notes: '', ...NOTHING }).call.id;
    // The dial and its disposition: the same call, twice (the push sends it once, as it is now).
    expect(kinds(t)).toEqual([`call:${callId}`, `call:${callId}`]);
    // An advance with no next step is refused: no call, nothing queued.
    expect(() => t.core.calls.logExternal(contactId, { outcome: 'advance', notes: '', ...NOTHING })).toThrow();
    expect(t.core.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
    expect(kinds(t)).toHaveLength(2);
    addToDnc(t.core.context, '(212) 555-0199', 'rep');
    expect(kinds(t).at(-1)).toBe('dnc:+12125550199');
    // A number that came from the team is not sent back.
    t.core.db.transaction(() => addTeamDnc(t.core.db, '+12125550198', 0)).immediate();
    expect(kinds(t)).toHaveLength(3);
    t.core.close();
  });

  it('queues the do-not-call numbers a desk had before it joined, and a claimed lead turned dud', async () => {
    const { t, contactId } = await deskWithLead();
    addToDnc(t.core.context, '+12125550197', 'rep');
    t.core.db.transaction(() => {
      linkTeam(t.core.db, { rep: 'Ada', role: 'r', deskId: 1, at: 0, leaseMs: 1000 });
      recordClaim(t.core.db, { contactId, leadId: 7, at: 0, leaseUntil: 1000 });
    }).immediate();
    expect(kinds(t)).toEqual(['dnc:+12125550197']);
    const callId = t.core.calls.logExternal(contactId, { outcome: 'wrong_number', notes: '', ...NOTHING }).call.id;
    expect(kinds(t)).toEqual(['dnc:+12125550197', `call:${callId}`, `call:${callId}`, `lead_status:${contactId}`]);
    t.core.close();
  });
});
