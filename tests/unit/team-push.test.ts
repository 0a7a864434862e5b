import { describe, expect, it } from 'vitest';
import { addToDnc } from '../../electron/core/dnc/service';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam } from './helpers-team';

const pgTeam = useTeamPg();
const NOTHING = { objections: [], checklist: [], detail: {} };

describe('an outbox entry the team database refuses', () => {
  it('does not hold up the rest: the do-not-call number and the other calls reach the team, the refused call stays with its reason', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(3, 700)));
    const claimed = (await ben.team.claim(3)).claimed;
    await ben.team.sync();
    // An administrator removes lead 3, which nobody has called yet, while Ben still holds it.
    await adminQuery(adminUrl, 'DELETE FROM dialdeck.leads WHERE id = $1', [claimed[2]!.leadId]);
    // Before his next sync Ben calls it and lead 1, then a customer asks not to be called again.
    ben.t.clock.advance(60_000);
    const calledAt = ben.t.clock.now().toISOString();
    ben.t.core.calls.logExternal(claimed[2]!.contactId, { outcome: 'no_answer', notes: '', ...NOTHING });
    ben.t.clock.advance(60_000);
    ben.t.core.calls.logExternal(claimed[0]!.contactId, { outcome: 'conversation', notes: '', ...NOTHING });
    ben.t.clock.advance(60_000);
    addToDnc(ben.t.core.context, '+1 212 555 0701', 'manual');
    // Each call twice (the dial and its disposition), the e-mail task the conversation made, the number.
    expect(ben.team.status().outbox).toBe(6);

    await ben.team.sync();
    expect(await adminQuery(adminUrl, 'SELECT e164 FROM dialdeck.dnc')).toEqual([{ e164: '+12125550701' }]);
    expect(await adminQuery(adminUrl, 'SELECT lead_id::int, outcome FROM dialdeck.calls')).toEqual([{ lead_id: claimed[0]!.leadId, outcome: 'conversation' }]);
    const status = ben.team.status();
    expect(status).toMatchObject({ connection: 'connected', lastSyncError: null, outbox: 2 });
    if (!status.joined) throw new Error('joined');
    // Its dial and its disposition, two entries of one call, said once.
    expect(status.refused).toHaveLength(1);
    for (const r of status.refused) {
      expect(r.kind).toBe('call');
      // The number as the screens write it, and when the call was, drawn by the screen (not an ISO string in the text).
      expect(r.what).toMatch(/^The call to .*212.*555.*0702$/);
      expect(r.what).not.toContain('+12125550702');
      expect(r.at).toBe(calledAt);
      expect(r.reason).toMatch(/no longer has the lead/);
    }
    // Again: the same, nothing lost, nothing sent twice.
    await ben.team.sync();
    expect(ben.team.status()).toMatchObject({ connection: 'connected', lastSyncError: null, outbox: 2 });
    expect(await adminQuery(adminUrl, 'SELECT count(*)::int AS n FROM dialdeck.calls')).toEqual([{ n: 1 }]);
    closeDesks([ada, ben]);
  });
});
