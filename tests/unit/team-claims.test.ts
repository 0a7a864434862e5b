import { describe, expect, it } from 'vitest';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, copyLeads, importLeads, leadCsv, makeDesk, makeTeam } from './helpers-team';

const pgTeam = useTeamPg();

describe('team claims', () => {
  it('publish an import to the pool; desks claiming at once never get the same lead, and none is lost', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const ada = desks.get('Ada')!;
    const importId = await importLeads(ada, leadCsv(20));
    expect(await ada.team.publish(importId)).toEqual({ published: 20, alreadyPublished: 0, doNotCall: 0 });
    // Publishing again adds nothing.
    expect(await ada.team.publish(importId)).toEqual({ published: 0, alreadyPublished: 20, doNotCall: 0 });
    const template = (await adminQuery<{ id: string }>(adminUrl, 'SELECT min(id) AS id FROM dialdeck.leads'))[0]!.id;
    await copyLeads(adminUrl, Number(template), 980);
    const POOL = 1000;
    // Eight desks, each its own SQLite file and role, claiming in rounds at the same time.
    for (let i = 0; i < 6; i++) desks.set(`Desk${i}`, await makeDesk(adminUrl, `Desk${i}`));
    const all = [...desks.values()];
    const claimed = await Promise.all(all.map(async (desk) => {
      const mine: number[] = [];
      for (let round = 0; round < 8; round++) mine.push(...(await desk.team.claim(20)).claimed.map((c) => c.leadId));
      return mine;
    }));
    const everyClaim = claimed.flat();
    // Independent of the app: the server's rows. Each lead held by at most one desk; every lead
    // either held or still in the pool.
    const holders = await adminQuery<{ held: string; distinct_leads: string; pool: string; total: string }>(
      adminUrl,
      `SELECT count(*) FILTER (WHERE claimed_by IS NOT NULL) AS held, count(DISTINCT id) FILTER (WHERE claimed_by IS NOT NULL) AS distinct_leads,
              count(*) FILTER (WHERE claimed_by IS NULL) AS pool, count(*) AS total FROM dialdeck.leads`,
    );
    expect(Number(holders[0]!.total)).toBe(POOL);
    expect(new Set(everyClaim).size).toBe(everyClaim.length);
    expect(Number(holders[0]!.held)).toBe(everyClaim.length);
    expect(Number(holders[0]!.pool)).toBe(POOL - everyClaim.length);
    // The desks asked for more (8 × 8 × 20 = 1,280) than the pool held: all of it was handed out.
    expect(everyClaim.length).toBe(POOL);
    // Each desk's claims are in its own queue, with their numbers.
    for (const [i, desk] of all.entries()) {
      const local = desk.t.core.db.prepare('SELECT lead_id FROM team_claims ORDER BY lead_id').pluck().all() as number[];
      expect(local).toEqual([...claimed[i]!].sort((a, b) => a - b));
      const server = await adminQuery<{ id: string }>(adminUrl, 'SELECT l.id FROM dialdeck.leads l JOIN dialdeck.desks d ON d.id = l.claimed_by WHERE d.rep = $1 ORDER BY l.id', [desk.rep]);
      expect(server.map((r) => Number(r.id))).toEqual(local);
    }
    // Ada's queue: her 20 imported leads, and each lead she claimed that she had not published
    // herself (one she published is the contact she already has).
    const ownClaimed = await adminQuery<{ n: string }>(
      adminUrl,
      `SELECT count(*) AS n FROM dialdeck.leads l JOIN dialdeck.desks d ON d.id = l.claimed_by WHERE d.rep = 'Ada' AND l.source_key LIKE d.role_name || ':%'`,
    );
    const queued = await ada.t.call<{ queued: number }>('queue.list', { limit: 5, at: '2026-03-02T17:00:00Z' });
    expect(queued.queued).toBe(20 + claimed[0]!.length - Number(ownClaimed[0]!.n));
    closeDesks(all);
  });
});
