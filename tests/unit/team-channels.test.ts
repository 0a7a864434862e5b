// The Team screen's channels (shared/ipc/team.ts) over the core's dispatch, against a real
// PostgreSQL: joining with errors the rep can act on and nothing kept when it fails; claiming
// into the queue; giving back the leads not called.
import fs from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { addRep, initTeam } from '../../electron/core/team/service';
import { teamUrlFile } from '../../electron/core/team/secrets';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam } from './helpers-team';
import { makeCore } from './helpers';

const pgTeam = useTeamPg();

const NOTHING = { objections: [], checklist: [], detail: {} };

/** A loopback port nothing listens on: a server that is down. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

describe('the Team screen\'s channels', () => {
  it('refuses a bad URL, a login the server refuses and a server that is down, each saying so, and keeps nothing', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    await initTeam(adminUrl);
    const t = makeCore();
    await expect(t.call('team.join', { url: 'http://example.com/team', rep: 'Ada' })).rejects.toThrow(/^invalid_request: .*postgres:\/\//);
    const noSuchRole = new URL(adminUrl);
    noSuchRole.username = 'nobody_here';
    await expect(t.call('team.join', { url: noSuchRole.href, rep: 'Ada' })).rejects.toThrow(/^forbidden: The team database refused the login/);
    const down = new URL(adminUrl);
    down.port = String(await closedPort());
    await expect(t.call('team.join', { url: down.href, rep: 'Ada' })).rejects.toThrow(/^unreachable: Cannot reach the team database/);
    expect(fs.existsSync(teamUrlFile(t.dir))).toBe(false);
    expect(await t.call('team.status', {})).toEqual({ joined: false, outbox: 0 });
    // The right URL then joins, and the status says so.
    const { url } = await addRep(adminUrl, 'Ada', { canPublish: false });
    await t.call('team.join', { url, rep: 'Ada' });
    expect(await t.call('team.status', {})).toMatchObject({ joined: true, rep: 'Ada', connection: 'never', outbox: 0, claimed: 0, syncing: false });
    await t.call('team.sync', {});
    expect(await t.call('team.status', {})).toMatchObject({ connection: 'connected', lastSyncError: null });
    void t.core.team.close();
    t.core.close();
  });

  it('claims leads into the queue and gives back the ones not called', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(5)));
    // Ben's core's own team service (the one the channels use) shares the desk's file and URL.
    expect(await ben.t.call('team.claim', { count: 3 })).toEqual({ claimed: 3 });
    const status = await ben.t.call<{ claims: { contactId: number; name: string; e164: string; open: boolean }[]; openClaims: number }>('team.status', {});
    expect(status.claims.map((c) => c.e164)).toEqual(['+12125550100', '+12125550101', '+12125550102']);
    expect(status.claims.map((c) => c.name)).toEqual(['Lead0 Test', 'Lead1 Test', 'Lead2 Test']);
    const queue = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50 });
    expect(queue.entries.map((e) => e.contact.id).sort()).toEqual(status.claims.map((c) => c.contactId).sort());
    ben.t.clock.advance(60_000);
    ben.t.core.calls.logExternal(status.claims[0]!.contactId, { outcome: 'no_answer', notes: '', ...NOTHING });
    expect(await ben.t.call('team.release', {})).toEqual({ released: 2 });
    const onServer = await adminQuery<{ e164: string; held: boolean }>(adminUrl, 'SELECT e164, claimed_by IS NOT NULL AS held FROM dialdeck.leads ORDER BY id');
    expect(onServer).toEqual([
      { e164: '+12125550100', held: true },
      { e164: '+12125550101', held: false },
      { e164: '+12125550102', held: false },
      { e164: '+12125550103', held: false },
      { e164: '+12125550104', held: false },
    ]);
    // The call made before the release reached the team with it.
    expect(await adminQuery(adminUrl, 'SELECT e164, outcome FROM dialdeck.calls')).toEqual([{ e164: '+12125550100', outcome: 'no_answer' }]);
    // The two given back left the desk's queue; the one called is still held.
    const after = await ben.t.call<{ claims: { contactId: number }[] }>('team.status', {});
    expect(after.claims.map((c) => c.contactId)).toEqual([status.claims[0]!.contactId]);
    const queueAfter = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50 });
    expect(queueAfter.entries.map((e) => e.contact.id)).not.toContain(status.claims[1]!.contactId);
    expect(queueAfter.entries.map((e) => e.contact.id)).not.toContain(status.claims[2]!.contactId);
    void ben.t.core.team.close();
    closeDesks(desks.values());
  });
});
