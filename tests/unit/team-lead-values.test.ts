import { describe, expect, it } from 'vitest';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam } from './helpers-team';

const pgTeam = useTeamPg();

describe('a claimed lead with values this desk does not know', () => {
  it('takes safe values for them (or is a dud, with why) and the rest of the queue keeps working', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(5, 600)));
    // As another Dialdeck version or a hand-written row may leave them on the server.
    const ids = (await adminQuery<{ id: string }>(adminUrl, 'SELECT id FROM dialdeck.leads ORDER BY id')).map((r) => r.id);
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET line_type = 'fax', kind = 'weird' WHERE id = $1", [ids[0]]);
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET time_zones = 'Mars/Olympus', tz_source = 'bogus' WHERE id = $1", [ids[1]]);
    await adminQuery(adminUrl, 'UPDATE dialdeck.leads SET e164 = NULL WHERE id = $1', [ids[2]]);
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET e164 = '2125550603' WHERE id = $1", [ids[3]]);
    const claimed = (await ben.team.claim(5)).claimed;
    expect(claimed).toHaveLength(5);
    // The contact each lead became, in the order of the leads above.
    const byLead = new Map(claimed.map((c) => [c.leadId, c.contactId]));
    const contactOf = ids.map((id) => byLead.get(Number(id))!);
    const contact = (i: number) =>
      ben.t.core.db.prepare('SELECT e164, kind, line_type, time_zones, status, dud_reason FROM contacts WHERE id = ?').get(contactOf[i]) as Record<string, string | null>;
    // Unknown line type: residential (the stricter hours); unknown kind: outbound.
    expect(contact(0)).toMatchObject({ kind: 'outbound', line_type: 'residential', status: 'active' });
    // A zone that is none: the number's (New York).
    expect(contact(1)).toMatchObject({ time_zones: 'America/New_York', status: 'active' });
    expect(contact(2)).toMatchObject({ e164: null, status: 'dud' });
    expect(contact(2).dud_reason).toMatch(/no phone number/);
    expect(contact(3)).toMatchObject({ e164: '+12125550603', status: 'active' });
    // 12:00 in New York on a Monday: every lead with a number is offered.
    const queue = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50, at: '2026-03-02T17:00:00Z' });
    expect(queue.entries.map((e) => e.contact.id).sort((a, b) => a - b)).toEqual([0, 1, 3, 4].map((i) => contactOf[i]!).sort((a, b) => a - b));
    // The team hears the lead with no number is a dud: nobody claims it again.
    expect(await adminQuery(adminUrl, 'SELECT status FROM dialdeck.leads WHERE id = $1', [ids[2]])).toEqual([{ status: 'dud' }]);
    await ben.team.sync();
    expect(ben.team.status()).toMatchObject({ lastSyncError: null });
    closeDesks([ada, ben]);
  });
});
