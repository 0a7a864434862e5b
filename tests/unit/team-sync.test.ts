import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { addToDnc } from '../../electron/core/dnc/service';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam, type TestDesk } from './helpers-team';

const pgTeam = useTeamPg();

const NOTHING = { objections: [], checklist: [], detail: {} };

function logCall(desk: TestDesk, contactId: number, outcome: 'no_answer' | 'conversion' | 'conversation', notes = '') {
  desk.t.clock.advance(5 * 60_000);
  return desk.t.core.calls.logExternal(contactId, { outcome, notes, ...NOTHING }).call.id;
}

function contactOfLead(desk: TestDesk, leadId: number): number {
  return desk.t.core.db.prepare('SELECT contact_id FROM team_claims WHERE lead_id = ?').pluck().get(leadId) as number;
}

describe('publishing', () => {
  it('leaves out the leads the publisher has closed: a customer signed today is not the pool’s to call', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    const importId = await importLeads(ada, leadCsv(3, 300));
    const ids = ada.t.core.db.prepare('SELECT id, e164 FROM contacts ORDER BY id').all() as { id: number; e164: string }[];
    logCall(ada, ids[0]!.id, 'conversion', 'signed the contract today');
    expect(await ada.team.publish(importId)).toMatchObject({ published: 2 });
    const pool = await adminQuery<{ e164: string }>(adminUrl, 'SELECT e164 FROM dialdeck.leads ORDER BY e164');
    expect(pool.map((l) => l.e164)).toEqual([ids[1]!.e164, ids[2]!.e164]);
    expect((await ben.team.claim(10)).claimed.map((c) => c.e164)).not.toContain(ids[0]!.e164);
    closeDesks([ada, ben]);
  });
});

describe('team sync', () => {
  it('a number put on the do-not-call list on desk A is refused on desk B after B syncs, even for a lead B claimed before', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(4)));
    const claimed = (await ben.team.claim(4)).claimed;
    const target = claimed[0]!;
    expect(target.e164).toBe('+12125550100');
    // Ben may dial it now.
    await ben.t.call('calls.dial', { contactId: target.contactId });
    // Ada (who has the same number as her own lead) puts it on the list.
    addToDnc(ada.t.core.context, '(212) 555-0100', 'rep');
    expect((await ada.team.sync()).pushed).toBe(1);
    expect((await ben.team.sync()).pulled.dnc).toBe(1);
    await expect(ben.t.call('calls.dial', { contactId: target.contactId })).rejects.toThrow(/do-not-call/);
    const queue = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50, at: ben.t.clock.now().toISOString() });
    expect(queue.entries.map((e) => e.contact.id)).not.toContain(target.contactId);
    // And nobody claims it from the pool again.
    await adminQuery(adminUrl, 'UPDATE dialdeck.leads SET claimed_by = NULL, lease_until = NULL, claimed_at = NULL');
    const again = await ada.team.claim(10);
    expect(again.claimed.map((c) => c.e164)).not.toContain('+12125550100');
    expect(again.claimed).toHaveLength(3);
    closeDesks(desks.values());
  });

  it('no interleaving of additions and syncs loses a do-not-call number (property)', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = [...(await makeTeam(adminUrl, ['P0', 'P1', 'P2'])).values()];
    // Each desk's role also on a connection of its own, to hold an addition's transaction open
    // while others sync: the case where an addition commits after a later one was already read.
    const raw = await Promise.all(desks.map(async (d) => {
      const client = new pg.Client({ connectionString: d.url });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    }));
    try {
      const open = new Set<number>();
      let nextNumber = 0;
      const newNumber = () => `+1312555${String(nextNumber++).padStart(4, '0')}`;
      type Step = { kind: 'add' | 'begin' | 'commit'; desk: number } | { kind: 'sync'; desks: number[] };
      const onDesk = (kind: 'add' | 'begin' | 'commit') => fc.record({ kind: fc.constant(kind), desk: fc.integer({ min: 0, max: 2 }) });
      const step: fc.Arbitrary<Step> = fc.oneof(
        onDesk('add'),
        onDesk('begin'),
        onDesk('commit'),
        // Several desks syncing at the same time: their pushes and pulls interleave on the server.
        fc.record({ kind: fc.constant('sync' as const), desks: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
          const added: string[] = [];
          for (const s of steps) {
            if (s.kind === 'add') {
              const e164 = newNumber();
              addToDnc(desks[s.desk]!.t.core.context, e164, 'rep');
              added.push(e164);
            } else if (s.kind === 'begin' && !open.has(s.desk)) {
              const e164 = newNumber();
              await raw[s.desk]!.query('BEGIN');
              await raw[s.desk]!.query('INSERT INTO dialdeck.dnc (e164) VALUES ($1)', [e164]);
              open.add(s.desk);
              added.push(e164);
            } else if (s.kind === 'commit' && open.has(s.desk)) {
              await raw[s.desk]!.query('COMMIT');
              open.delete(s.desk);
            } else if (s.kind === 'sync') {
              await Promise.all(s.desks.map((d) => desks[d]!.team.sync()));
            }
          }
          for (const d of open) await raw[d]!.query('COMMIT');
          open.clear();
          // Two rounds of syncs after the last addition: everyone has everything.
          for (let round = 0; round < 2; round++) for (const desk of desks) await desk.team.sync();
          const server = new Set((await adminQuery<{ e164: string }>(adminUrl, 'SELECT e164 FROM dialdeck.dnc')).map((r) => r.e164));
          for (const e164 of added) expect(server.has(e164)).toBe(true);
          for (const desk of desks) {
            const local = new Set(desk.t.core.db.prepare('SELECT e164 FROM dnc').pluck().all() as string[]);
            for (const e164 of added) expect(local.has(e164)).toBe(true);
          }
        }),
        { numRuns: 10 },
      );
    } finally {
      for (const client of raw) await client.end();
      closeDesks(desks);
    }
  }, 60_000);

  it('an expired lease returns the lead to the pool; the old desk keeps its call and sees the conflict', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(1, 300)));
    const leadId = (await ben.team.claim(1)).claimed[0]!.leadId;
    const bensContact = contactOfLead(ben, leadId);
    // A sync renews a lease that has run down (here to an hour) to a full 8 hours again.
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET lease_until = now() + interval '1 hour'");
    expect((await ben.team.sync()).pulled.leasesHeld).toBe(1);
    expect(await adminQuery(adminUrl, "SELECT lease_until > now() + interval '7 hours 59 minutes' AS renewed FROM dialdeck.leads")).toEqual([{ renewed: true }]);
    // Ben's lease runs out (eight hours pass on the server's clock).
    await adminQuery(adminUrl, "UPDATE dialdeck.leads SET lease_until = now() - interval '1 second', claimed_at = now() - interval '8 hours'");
    // Ada claims it: back in the pool, it is hers now.
    expect((await ada.team.claim(5)).claimed.map((c) => c.leadId)).toEqual([leadId]);
    // Ben, offline meanwhile, converts it.
    const callId = logCall(ben, bensContact, 'conversion', 'signed');
    const result = await ben.team.sync();
    expect(result.conflicts).toBe(1);
    expect(result.pulled.leasesLost).toBe(1);
    const calls = await adminQuery<{ local_id: string; outcome: string; conflict: string }>(adminUrl, "SELECT c.local_id, c.outcome, c.conflict FROM dialdeck.calls c JOIN dialdeck.desks d ON d.id = c.desk_id WHERE d.rep = 'Ben'");
    expect(calls).toEqual([{ local_id: String(callId), outcome: 'conversion', conflict: 'lease_lost' }]);
    // The lead is Ada's and unchanged by Ben's call.
    const lead = await adminQuery<{ rep: string; closed: string | null; last_outcome: string | null }>(adminUrl, 'SELECT d.rep, l.closed, l.last_outcome FROM dialdeck.leads l JOIN dialdeck.desks d ON d.id = l.claimed_by WHERE l.id = $1', [leadId]);
    expect(lead).toEqual([{ rep: 'Ada', closed: null, last_outcome: null }]);
    const status = ben.team.status();
    expect(status.joined && status.conflicts).toEqual([expect.objectContaining({ callId, contactId: bensContact, leadId, outcome: 'conversion' })]);
    expect(status.joined && status.claimed).toBe(0);
    // Ben's call is still in his own log, and the lead left his queue.
    expect(ben.t.core.db.prepare('SELECT outcome FROM calls WHERE id = ?').pluck().get(callId)).toBe('conversion');
    const queue = await ben.t.call<{ entries: { contact: { id: number } }[] }>('queue.list', { limit: 50, at: ben.t.clock.now().toISOString() });
    expect(queue.entries.map((e) => e.contact.id)).not.toContain(bensContact);
    // Ada sees what Ben did on her lead.
    expect((await ada.team.sync()).pulled.calls).toBe(1);
    closeDesks(desks.values());
  });

  it('row-level security: a desk cannot read another desk\'s private notes, write its calls or see the leads it holds', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(4, 500)));
    const adaLead = (await ada.team.claim(1)).claimed[0]!;
    logCall(ada, adaLead.contactId, 'conversation', 'private: the CFO is leaving in May');
    await ada.team.sync();
    expect((await adminQuery(adminUrl, 'SELECT text FROM dialdeck.private_notes')).length).toBe(1);
    const client = new pg.Client({ connectionString: ben.url });
    await client.connect();
    try {
      expect((await client.query('SELECT * FROM dialdeck.private_notes')).rows).toEqual([]);
      expect((await client.query('SELECT * FROM dialdeck.calls')).rows).toEqual([]);
      expect((await client.query('SELECT id FROM dialdeck.leads WHERE id = $1', [adaLead.leadId])).rows).toEqual([]);
      // Updating Ada's calls touches nothing; adding one in her name, or taking her lead, is refused.
      expect((await client.query("UPDATE dialdeck.calls SET outcome = 'no_answer'")).rowCount).toBe(0);
      expect((await client.query("UPDATE dialdeck.private_notes SET text = 'x'")).rowCount).toBe(0);
      const adaDesk = (await client.query<{ id: number }>("SELECT id FROM dialdeck.desks WHERE rep = 'Ada'")).rows[0]!.id;
      await expect(client.query("INSERT INTO dialdeck.calls (desk_id, local_id, e164, dialed_at) VALUES ($1, 999, '+12125550500', now())", [adaDesk])).rejects.toThrow(/row-level security/);
      await expect(client.query('INSERT INTO dialdeck.private_notes (desk_id, local_call_id, text) VALUES ($1, 1, $2)', [adaDesk, 'x'])).rejects.toThrow(/row-level security/);
      expect((await client.query('UPDATE dialdeck.leads SET claimed_by = dialdeck.my_desk() WHERE id = $1', [adaLead.leadId])).rowCount).toBe(0);
      // The do-not-call list only grows, and only in one's own name.
      await expect(client.query('DELETE FROM dialdeck.dnc')).rejects.toThrow(/permission denied/);
      await expect(client.query("INSERT INTO dialdeck.dnc (e164, added_by) VALUES ('+12125550999', $1)", [adaDesk])).rejects.toThrow(/row-level security/);
      // Ben may not publish (no publisher role).
      await expect(client.query("INSERT INTO dialdeck.leads (source_key) VALUES ('x')")).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    closeDesks(desks.values());
  });
});

