import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { CLAIM_ATTEMPTS } from '../../electron/core/team/service';
import { claimLeads } from '../../electron/core/team/remoteRepo';
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

describe('one list published by two desks', () => {
  /** Ada and Cara (both publishers) publish the same two leads: four in the pool, two people. */
  async function publishedTwice() {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const ada = desks.get('Ada')!;
    const ben = desks.get('Ben')!;
    const cara = await makeDesk(adminUrl, 'Cara', { canPublish: true });
    await ada.team.publish(await importLeads(ada, leadCsv(2)));
    await cara.team.publish(await importLeads(cara, leadCsv(2)));
    return { adminUrl, ada, ben, cara };
  }

  it('a claim that takes both copies of a person keeps one and gives the other back; claims and syncs go on working', async () => {
    const { adminUrl, ada, ben, cara } = await publishedTwice();
    // The pool: four leads, two people, each published twice.
    const claim = await ben.team.claim(4);
    expect(claim.claimed.map((c) => c.e164).sort()).toEqual(['+12125550100', '+12125550101']);
    expect(claim.givenBack).toBe(2);
    const held = async (rep: string) =>
      (await adminQuery<{ e164: string }>(adminUrl, 'SELECT l.e164 FROM dialdeck.leads l JOIN dialdeck.desks d ON d.id = l.claimed_by WHERE d.rep = $1 ORDER BY l.e164', [rep])).map((r) => r.e164);
    expect(await held('Ben')).toEqual(['+12125550100', '+12125550101']);
    expect(ben.t.core.db.prepare('SELECT count(*) FROM team_claims WHERE lost_at IS NULL').pluck().get()).toBe(2);
    const sync = await ben.team.sync();
    expect(sync.pulled.leasesHeld).toBe(2);
    expect(ben.team.status()).toMatchObject({ lastSyncError: null, connection: 'connected', claimed: 2, openClaims: 2 });
    // The copies are not taken again while Ben holds their twins.
    expect(await ben.team.claim(4)).toEqual({ claimed: [], givenBack: 0 });
    expect(await held('Ben')).toEqual(['+12125550100', '+12125550101']);
    closeDesks([ada, ben, cara]);
  });

  it('a desk left holding both copies on the server (its claim failed) gives the copies back at its next sync', async () => {
    const { adminUrl, ada, ben, cara } = await publishedTwice();
    // As the failed claim left it: the server gave Ben all four, his desk recorded none.
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET claimed_by = (SELECT id FROM dialdeck.desks WHERE rep = 'Ben'), claimed_at = now(), lease_until = now() + interval '8 hours'");
    const sync = await ben.team.sync();
    expect(sync.pulled.leadsAdopted).toBe(2);
    const server = await adminQuery<{ e164: string; rep: string | null }>(
      adminUrl,
      'SELECT l.e164, d.rep FROM dialdeck.leads l LEFT JOIN dialdeck.desks d ON d.id = l.claimed_by ORDER BY l.e164, d.rep',
    );
    expect(server).toEqual([
      { e164: '+12125550100', rep: 'Ben' },
      { e164: '+12125550100', rep: null },
      { e164: '+12125550101', rep: 'Ben' },
      { e164: '+12125550101', rep: null },
    ]);
    expect(ben.team.status()).toMatchObject({ lastSyncError: null, claimed: 2, openClaims: 2 });
    await ben.team.sync();
    expect(ben.team.status()).toMatchObject({ lastSyncError: null, claimed: 2 });
    closeDesks([ada, ben, cara]);
  });
});

describe('a claimed lead on a number the desk already has', () => {
  it('is another person (a switchboard): a contact of its own, and calls to the desk\'s own person are not pushed on it', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Eve', 'Fay']);
    const [ada, eve, fay] = [desks.get('Ada')!, desks.get('Eve')!, desks.get('Fay')!];
    // Eve has Mary Jones at Globex on the switchboard number; Fay has Peter Brown himself.
    await importLeads(eve, 'First Name,Last Name,Company,Phone\nMary,Jones,Globex,+1 212 555 0199');
    await importLeads(fay, 'First Name,Last Name,Company,Phone\nPETER,Brown,Initech,+1 212 555 0199');
    const mary = eve.t.core.db.prepare('SELECT id FROM contacts').pluck().get() as number;
    const fayPeter = fay.t.core.db.prepare('SELECT id FROM contacts').pluck().get() as number;
    await ada.team.publish(await importLeads(ada, 'First Name,Last Name,Company,Phone\nPeter,Brown,Initech,+1 212 555 0199'));
    // Fay claims him first: the same person (his name written another way) is the contact she has.
    expect((await fay.team.claim(1)).claimed.map((c) => c.contactId)).toEqual([fayPeter]);
    expect(fay.t.core.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
    expect(await fay.team.release()).toEqual({ released: 1 });
    const [peter] = (await eve.team.claim(1)).claimed;
    expect(peter!.contactId).not.toBe(mary);
    const person = (id: number) => eve.t.core.db.prepare('SELECT first_name, last_name, company, e164 FROM contacts WHERE id = ?').get(id);
    expect(person(peter!.contactId)).toEqual({ first_name: 'Peter', last_name: 'Brown', company: 'Initech', e164: '+12125550199' });
    expect(person(mary)).toEqual({ first_name: 'Mary', last_name: 'Jones', company: 'Globex', e164: '+12125550199' });
    // Eve calls Mary: the team hears of a call with no lead, never one on Peter's.
    eve.t.clock.advance(60_000);
    eve.t.core.calls.logExternal(mary, { outcome: 'conversation', notes: '', objections: [], checklist: [], detail: {} });
    await eve.team.sync();
    const calls = await adminQuery<{ lead_id: string | null; outcome: string }>(adminUrl, "SELECT c.lead_id, c.outcome FROM dialdeck.calls c JOIN dialdeck.desks d ON d.id = c.desk_id WHERE d.rep = 'Eve'");
    expect(calls).toEqual([{ lead_id: null, outcome: 'conversation' }]);
    closeDesks([ada, eve, fay]);
  });
});

describe('a claim held up by another transaction on the pool', () => {
  // The wait seen under load (the pool read waiting "while locking updated version of tuple" for
  // another claim's transaction) cannot be brought about on demand; a transaction holding the
  // pool's table in EXCLUSIVE mode makes the claim's SELECT … FOR UPDATE wait on a lock the
  // same way, for as long as it is held.
  async function heldPool(adminUrl: string): Promise<pg.Client> {
    const blocker = new pg.Client({ connectionString: adminUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE dialdeck.leads IN EXCLUSIVE MODE');
    return blocker;
  }
  /** Ada publishes five leads; Ben, whose claims wait `lockWaitMs` on a lock, is to claim them. */
  async function poolOfFive(lockWaitMs: number) {
    const adminUrl = await pgTeam.freshDatabase();
    const ada = (await makeTeam(adminUrl, ['Ada'])).get('Ada')!;
    await ada.team.publish(await importLeads(ada, leadCsv(5)));
    return { adminUrl, ada, ben: await makeDesk(adminUrl, 'Ben', { claimLockWaitMs: lockWaitMs }) };
  }
  const heldBy = async (adminUrl: string, rep: string) =>
    Number((await adminQuery<{ n: string }>(adminUrl, 'SELECT count(*) AS n FROM dialdeck.leads l JOIN dialdeck.desks d ON d.id = l.claimed_by WHERE d.rep = $1', [rep]))[0]!.n);

  it('gives up after its lock wait, tries again, and then says the server is busy, having claimed nothing', async () => {
    const LOCK_WAIT = 150;
    const { adminUrl, ada, ben } = await poolOfFive(LOCK_WAIT);
    const blocker = await heldPool(adminUrl);
    const started = performance.now();
    await expect(ben.team.claim(3)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('The team server is busy with other desks') });
    const took = performance.now() - started;
    // Each try waited its lock wait, no more: not the 60 s statement timeout.
    expect(took).toBeGreaterThanOrEqual(CLAIM_ATTEMPTS * LOCK_WAIT);
    expect(took).toBeLessThan(CLAIM_ATTEMPTS * (LOCK_WAIT + 1000));
    await blocker.query('ROLLBACK');
    await blocker.end();
    // Nothing was claimed: none on the server, none in Ben's queue; the pool is whole.
    expect(await heldBy(adminUrl, 'Ben')).toBe(0);
    expect(ben.t.core.db.prepare('SELECT count(*) FROM team_claims').pluck().get()).toBe(0);
    expect((await ben.team.claim(5)).claimed).toHaveLength(5);
    closeDesks([ada, ben]);
  });

  it('takes its turn: while another claim holds the turn it waits, then gives up, and a claim that ends frees the turn', async () => {
    const { adminUrl, ada, ben } = await poolOfFive(100);
    // A claim in progress elsewhere: the transaction holding the claims' turn.
    const other = new pg.Client({ connectionString: adminUrl });
    await other.connect();
    await other.query('BEGIN');
    await other.query("SELECT pg_advisory_xact_lock(hashtext('dialdeck.claim'))");
    await expect(ben.team.claim(2)).rejects.toMatchObject({ code: 'conflict' });
    expect(await heldBy(adminUrl, 'Ben')).toBe(0);
    await other.query('COMMIT');
    await other.end();
    expect((await ben.team.claim(2)).claimed).toHaveLength(2);
    closeDesks([ada, ben]);
  });

  it('writes only whole numbers into its statement', async () => {
    const client = { query: () => Promise.reject(new Error('not reached')) } as unknown as pg.Client;
    for (const [count, leaseMs, wait] of [[1.5, 1000, 100], [1, Number.NaN, 100], [1, 1000, -1], [1, 1000, Number.POSITIVE_INFINITY]]) {
      await expect(claimLeads(client, count!, leaseMs!, wait!)).rejects.toThrow(RangeError);
    }
  });

  it('goes through when the other transaction ends while it is trying again', async () => {
    const LOCK_WAIT = 300;
    const { adminUrl, ada, ben } = await poolOfFive(LOCK_WAIT);
    const blocker = await heldPool(adminUrl);
    const claiming = ben.team.claim(3);
    // Released after the first try gave up (its lock wait) and before the last would.
    await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT * 1.5));
    await blocker.query('COMMIT');
    await blocker.end();
    const { claimed } = await claiming;
    expect(claimed).toHaveLength(3);
    expect(await heldBy(adminUrl, 'Ben')).toBe(3);
    expect((ben.t.core.db.prepare('SELECT lead_id FROM team_claims ORDER BY lead_id').pluck().all() as number[])).toEqual(claimed.map((c) => c.leadId).sort((a, b) => a - b));
    closeDesks([ada, ben]);
  });
});
