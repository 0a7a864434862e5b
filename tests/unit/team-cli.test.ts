import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { useTeamPg } from './helpers-pg';
import { adminQuery, leadCsv } from './helpers-team';
import { tempDir } from './helpers';

const pgTeam = useTeamPg();

/** Run a command in this process as `npm run cli` would (the parsing is index.ts's, tested elsewhere). */
async function run(dir: string, command: string, args: string[], values: CliContext['values'] = {}) {
  let out = '';
  let err = '';
  const code = await COMMANDS.get(command)!({ args, values: { ...values, 'data-dir': dir, json: true }, json: true, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, json: JSON.parse(out) as Record<string, unknown>, err };
}

describe('team on the command line', () => {
  it('init, add-rep, join (URL kept in a 0600 file, never in the database), publish, claim --json, sync --json, status --json, stats --json', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const dir = tempDir();
    expect((await run(dir, 'team', ['init'], { url: adminUrl })).json).toEqual({ applied: [1, 2], version: 2 });
    expect((await run(dir, 'team', ['init'], { url: adminUrl })).json).toEqual({ applied: [], version: 2 });
    const rep = (await run(dir, 'team', ['add-rep'], { url: adminUrl, rep: 'Ada Lovelace', publisher: true })).json as { role: string; url: string };
    expect(rep.role).toMatch(/_rep_ada_lovelace$/);
    const joined = (await run(dir, 'team', ['join'], { url: rep.url, rep: 'Ada Lovelace' })).json;
    expect(joined).toMatchObject({ rep: 'Ada Lovelace', role: rep.role });
    const urlFile = path.join(dir, 'team-url');
    expect(fs.statSync(urlFile).mode & 0o777).toBe(0o600);
    expect(String(joined.urlKept)).toContain(urlFile);
    const password = new URL(rep.url).password;
    const db = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { readonly: true });
    const everyText = (db.prepare("SELECT group_concat(value, ' ') FROM settings").pluck().get() as string) + JSON.stringify(db.prepare('SELECT * FROM team_link').all());
    db.close();
    expect(everyText).not.toContain(password);

    const csv = path.join(dir, 'leads.csv');
    fs.writeFileSync(csv, leadCsv(5, 700));
    const imported = await run(dir, 'import', [csv], { lines: 'business' });
    expect((await run(dir, 'team', ['publish', String(imported.json.importId)])).json).toEqual({ published: 5, alreadyPublished: 0, doNotCall: 0 });
    const claimed = (await run(dir, 'team', ['claim'], { count: '3' })).json as { claimed: { leadId: number; contactId: number; e164: string }[] };
    const expectedNumbers = (await adminQuery<{ e164: string }>(adminUrl, 'SELECT e164 FROM dialdeck.leads ORDER BY id LIMIT 3')).map((r) => r.e164);
    expect(claimed.claimed.map((c) => c.e164)).toEqual(expectedNumbers);

    expect((await run(dir, 'log', [String(claimed.claimed[0]!.contactId), 'conversion'], { note: 'signed' })).code).toBe(0);
    const synced = (await run(dir, 'team', ['sync'])).json;
    expect(synced).toMatchObject({ pushed: 2, pulled: { dnc: 0, calls: 0, leasesLost: 0, leasesHeld: 3 } });
    const status = (await run(dir, 'team', ['status'])).json;
    expect(status).toMatchObject({ joined: true, rep: 'Ada Lovelace', outbox: 0, claimed: 3, conflicts: [], lastSyncError: null });
    const stats = (await run(dir, 'team', ['stats'], { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).json;
    expect(stats).toMatchObject({ reps: [{ rep: 'Ada Lovelace', dials: 1, conversations: 1, advances: 1, conversions: 1 }], team: { dials: 1, conversions: 1 }, pool: 2 });
    // The conversion closed the lead for the whole team.
    expect(await adminQuery(adminUrl, 'SELECT closed FROM dialdeck.leads WHERE id = $1', [claimed.claimed[0]!.leadId])).toEqual([{ closed: 'conversion' }]);
    expect(synced).toMatchObject({ refused: [] });

    // A call on a lead an administrator then removed: the sync says the server would not take it.
    await adminQuery(adminUrl, 'DELETE FROM dialdeck.leads WHERE id = $1', [claimed.claimed[1]!.leadId]);
    expect((await run(dir, 'log', [String(claimed.claimed[1]!.contactId), 'no_answer'])).code).toBe(0);
    const refused = (await run(dir, 'team', ['sync'])).json as { refused: { what: string; reason: string }[] };
    expect(refused.refused).toHaveLength(1);
    expect(refused.refused[0]!.reason).toMatch(/no longer has the lead/);
  });

  it('says plainly when the desk has not joined, or when an argument is missing', async () => {
    const dir = tempDir();
    await expect(run(dir, 'team', ['sync'])).rejects.toThrow(/has not joined a team: team join --url URL --rep NAME/);
    await expect(run(dir, 'team', ['join'], { rep: 'x' })).rejects.toThrow(/Give --url URL/);
    await expect(run(dir, 'team', ['join'], { url: 'http://example.com/x', rep: 'x' })).rejects.toThrow(/must start with postgres:\/\//);
    // A URL that would make the driver read files of this computer is refused before any is read.
    for (const parameter of ['sslrootcert', 'sslkey', 'SSLCERT', 'passfile']) {
      await expect(run(dir, 'team', ['join'], { url: `postgres://rep:pw@db.example/team?${parameter}=/etc/shadow`, rep: 'x' }), parameter).rejects.toThrow(/names a file on this computer/);
    }
    await expect(run(dir, 'team', ['publish'])).rejects.toThrow(/team publish <importId> or team publish --all/);
  });
});
