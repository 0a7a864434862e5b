// The app's own team timing (electron/core/team/autoSync.ts) on the fake clock, against a real
// PostgreSQL: a sync every minute while joined, one at once after a do-not-call number, and a
// claim when the claimed leads run low (the teamAutoClaim setting).
import { describe, expect, it } from 'vitest';
import { addToDnc } from '../../electron/core/dnc/service';
import { TeamAutoSync, TEAM_SYNC_EVERY_MS } from '../../electron/core/team/autoSync';
import { outboxSize } from '../../electron/core/team/repo';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, copyLeads, importLeads, leadCsv, makeTeam, type TestDesk } from './helpers-team';

const pgTeam = useTeamPg();

const NOTHING = { objections: [], checklist: [], detail: {} };

function autoSync(desk: TestDesk): { auto: TeamAutoSync; errors: unknown[] } {
  const errors: unknown[] = [];
  const auto = new TeamAutoSync(desk.t.core.context, desk.team, (error) => errors.push(error));
  auto.start(desk.t.core.events);
  return { auto, errors };
}

async function callsOnServer(adminUrl: string): Promise<number> {
  return (await adminQuery<{ n: number }>(adminUrl, 'SELECT count(*)::int AS n FROM dialdeck.calls'))[0]!.n;
}

describe('automatic team sync', () => {
  it('syncs once a minute while joined, not before', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(3)));
    await ben.t.call('settings.update', { teamAutoClaim: { enabled: false, threshold: 0, batch: 1 } });
    const [lead] = (await ben.team.claim(1)).claimed;
    const { auto, errors } = autoSync(ben);
    ben.t.core.calls.logExternal(lead!.contactId, { outcome: 'no_answer', notes: '', ...NOTHING });
    expect(outboxSize(ben.t.core.db)).toBe(2);
    ben.t.clock.advance(TEAM_SYNC_EVERY_MS - 1000);
    await auto.idle();
    expect(outboxSize(ben.t.core.db)).toBe(2);
    expect(await callsOnServer(adminUrl)).toBe(0);
    ben.t.clock.advance(1000);
    await auto.idle();
    expect(outboxSize(ben.t.core.db)).toBe(0);
    expect(await callsOnServer(adminUrl)).toBe(1);
    // And the minute after that, again.
    ben.t.core.calls.logExternal(lead!.contactId, { outcome: 'no_answer', notes: '', ...NOTHING });
    ben.t.clock.advance(TEAM_SYNC_EVERY_MS);
    await auto.idle();
    expect(await callsOnServer(adminUrl)).toBe(2);
    expect(errors).toEqual([]);
    auto.close();
    closeDesks(desks.values());
  });

  it('sends a do-not-call number at once, without waiting for the minute', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada']);
    const ada = desks.get('Ada')!;
    const { auto, errors } = autoSync(ada);
    addToDnc(ada.t.core.context, '(212) 555-0142', 'rep');
    await auto.idle();
    expect(await adminQuery(adminUrl, 'SELECT e164 FROM dialdeck.dnc')).toEqual([{ e164: '+12125550142' }]);
    expect(outboxSize(ada.t.core.db)).toBe(0);
    // A call logged is not a do-not-call number: it waits for the minute.
    const contact = await ada.t.call<{ id: number }>('contacts.add', { firstName: 'Cy', phone: '+12125550143' });
    ada.t.core.calls.logExternal(contact.id, { outcome: 'no_answer', notes: '', ...NOTHING });
    await auto.idle();
    expect(outboxSize(ada.t.core.db)).toBe(2);
    expect(errors).toEqual([]);
    auto.close();
    closeDesks(desks.values());
  });

  it('claims a batch when the claimed leads still to call fall below the threshold', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(1)));
    const template = (await adminQuery<{ id: string }>(adminUrl, 'SELECT id FROM dialdeck.leads'))[0]!.id;
    await copyLeads(adminUrl, Number(template), 30);
    await ben.t.call('settings.update', { teamAutoClaim: { enabled: true, threshold: 3, batch: 5 } });
    const { auto, errors } = autoSync(ben);
    const held = () => (ben.team.status() as { claimed: number }).claimed;
    ben.t.clock.advance(TEAM_SYNC_EVERY_MS);
    await auto.idle();
    expect(held()).toBe(5);
    // Five still to call, not below three: no claim.
    ben.t.clock.advance(TEAM_SYNC_EVERY_MS);
    await auto.idle();
    expect(held()).toBe(5);
    // Three won: two left to call, below three: five more.
    const claims = (ben.team.status() as { claims: { contactId: number }[] }).claims;
    for (const claim of claims.slice(0, 3)) ben.t.core.calls.logExternal(claim.contactId, { outcome: 'conversion', notes: '', ...NOTHING });
    expect(ben.team.openClaims()).toBe(2);
    ben.t.clock.advance(TEAM_SYNC_EVERY_MS);
    await auto.idle();
    expect(held()).toBe(10);
    expect(ben.team.openClaims()).toBe(7);
    // The claimed leads are in the desk's queue.
    const queue = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50, at: ben.t.clock.now().toISOString() });
    expect(queue.entries).toHaveLength(7);
    expect(errors).toEqual([]);
    auto.close();
    closeDesks(desks.values());
  });
});
