// Tasks and promises reach the team's database through the outbox (desk migration 029, team
// migration 002), one row per desk and local id however often they are pushed.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { registerSqlFunctions } from '../../electron/core/db/functions';
import { outboxEntries } from '../../electron/core/team/repo';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam } from './helpers-team';

const pgTeam = useTeamPg();

interface PromiseRow { local_id: string; lead_id: string | null; e164: string; what: string; kept_at: Date | null; kept_note: string | null }
interface TaskRow { local_id: string; lead_id: string | null; kind: string; title: string; done_at: Date | null }

describe('tasks and promises in team sync', () => {
  it('a promise and its task are queued in the write\'s transaction, pushed once, and brought up to date when kept, however often a push is repeated', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada', 'Ben']);
    const [ada, ben] = [desks.get('Ada')!, desks.get('Ben')!];
    await ada.team.publish(await importLeads(ada, leadCsv(2)));
    const [lead] = (await ben.team.claim(1)).claimed;
    const dueAt = new Date(ben.t.clock.now().getTime() + 86_400_000).toISOString();
    const promise = await ben.t.call<{ id: number }>('promises.add', { contactId: lead!.contactId, what: 'Send the price list', toWhom: 'Lead0', dueAt });
    const queued = outboxEntries(ben.t.core.db, 0, 100).map((e) => e.kind);
    expect(queued).toContain('promise');
    expect(queued).toContain('task');

    await ben.team.sync();
    const promises = () => adminQuery<PromiseRow>(adminUrl, 'SELECT local_id, lead_id, e164, what, kept_at, kept_note FROM dialdeck.promises');
    const tasks = () => adminQuery<TaskRow>(adminUrl, "SELECT local_id, lead_id, kind, title, done_at FROM dialdeck.tasks WHERE kind = 'promise'");
    expect(await promises()).toEqual([{ local_id: String(promise.id), lead_id: String(lead!.leadId), e164: '+12125550100', what: 'Send the price list', kept_at: null, kept_note: null }]);
    expect((await tasks()).map((t) => ({ lead: t.lead_id, done: t.done_at }))).toEqual([{ lead: String(lead!.leadId), done: null }]);

    // A push the server applied but whose answer was lost: the same entries are sent again.
    const db = ben.t.core.db;
    await ben.t.call('promises.keep', { id: promise.id, note: 'emailed it' });
    const again = outboxEntries(db, 0, 100);
    await ben.team.sync();
    db.transaction(() => {
      for (const e of again) db.prepare('INSERT INTO team_outbox (id, kind, ref, queued_at) VALUES (?, ?, ?, ?)').run(e.id, e.kind, e.ref, e.queued_at);
    }).immediate();
    await ben.team.sync();
    await ben.team.sync();
    const kept = await promises();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.kept_note).toBe('emailed it');
    expect(kept[0]!.kept_at).not.toBeNull();
    const done = await tasks();
    expect(done).toHaveLength(1);
    expect(done[0]!.done_at).not.toBeNull();
    // Another desk cannot read them (its role sees its own rows only).
    const asAda = await adminQuery(ada.url, 'SELECT count(*)::int AS n FROM dialdeck.promises');
    expect(asAda).toEqual([{ n: 0 }]);
    closeDesks(desks.values());
  });

  it('migration 029 keeps the outbox\'s counter through its rebuild: an id the server has applied is never handed out again', () => {
    const db = new Database(':memory:');
    registerSqlFunctions(db);
    migrate(db, 22);
    db.prepare("INSERT INTO team_link (id, rep, role_name, desk_id, joined_at, lease_ms) VALUES (1, 'Ada', 'r', 1, 0, 1000)").run();
    const queue = db.prepare("INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('dnc', ?, 0)");
    for (let i = 0; i < 5; i++) queue.run(`+1212555010${i}`);
    // Pushed: the server holds ids 1 to 5 as applied; the outbox is empty.
    db.prepare('DELETE FROM team_outbox').run();
    migrate(db);
    const id = Number(queue.run('+12125550199').lastInsertRowid);
    expect(id).toBe(6);
    db.close();
  });
});
