import { describe, expect, it } from 'vitest';
import { addToDnc } from '../../electron/core/dnc/service';
import { addRep, initTeam } from '../../electron/core/team/service';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, makeTeam } from './helpers-team';

const pgTeam = useTeamPg();

describe('joining the team again on a new server', () => {
  it('pulls the new server\'s do-not-call list from its start and sends the desk\'s own list to it', async () => {
    const oldUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(oldUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    addToDnc(ben.t.core.context, '+1 212 555 0177', 'manual');
    await ben.team.sync();
    await ada.team.sync();
    expect(ada.t.core.db.prepare('SELECT e164 FROM dnc').pluck().all()).toEqual(['+12125550177']);
    // The desks' cursors as an old, busier server left them: its transaction ids ran higher than
    // the new server's start.
    for (const d of [ada, ben]) d.t.core.db.prepare("UPDATE team_link SET dnc_cursor = '50000000', calls_cursor = '50000000'").run();
    // The team moves to a new server (here: a new database, its schema set up by the admin);
    // every desk joins again with the URL it is given.
    const newUrl = await pgTeam.freshDatabase();
    await initTeam(newUrl);
    const urls = new Map<string, string>();
    for (const d of [ada, ben]) {
      urls.set(d.rep, (await addRep(newUrl, d.rep, { canPublish: false })).url);
      await d.team.join(urls.get(d.rep)!, d.rep);
    }
    // A customer asks Ben never to be called again.
    addToDnc(ben.t.core.context, '+1 212 555 0101', 'manual');
    await ben.team.sync();
    const onNewServer = await adminQuery<{ e164: string }>(newUrl, 'SELECT e164 FROM dialdeck.dnc ORDER BY e164');
    expect(onNewServer.map((r) => r.e164)).toEqual(['+12125550101', '+12125550177']);
    await ada.team.sync();
    expect(ada.t.core.db.prepare('SELECT e164 FROM dnc ORDER BY e164').pluck().all()).toEqual(['+12125550101', '+12125550177']);
    // Joining again on the same server changes nothing.
    await ben.team.join(urls.get('Ben')!, 'Ben');
    await ben.team.sync();
    expect((await adminQuery<{ n: number }>(newUrl, 'SELECT count(*)::int AS n FROM dialdeck.dnc'))[0]!.n).toBe(2);
    closeDesks([ada, ben]);
  });
});
