import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTeamPg } from './helpers-pg';
import { adminQuery, closeDesks, importLeads, leadCsv, makeTeam, ROOT, type TestDesk } from './helpers-team';

// This file stops and starts its own server, so it always has a cluster of its own.
const pgTeam = useTeamPg({ ownCluster: true });

const NOTHING = { objections: [], checklist: [], detail: {} };

/** Log `count` calls over the desk's claimed leads, five minutes apart; their local ids. */
function logCalls(desk: TestDesk, contactIds: readonly number[], count: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    desk.t.clock.advance(5 * 60_000);
    ids.push(desk.t.core.calls.logExternal(contactIds[i % contactIds.length]!, { outcome: 'no_answer', notes: '', ...NOTHING }).call.id);
  }
  return ids;
}

async function serverCallIds(adminUrl: string, rep: string): Promise<number[]> {
  const rows = await adminQuery<{ local_id: string }>(adminUrl, 'SELECT c.local_id FROM dialdeck.calls c JOIN dialdeck.desks d ON d.id = c.desk_id WHERE d.rep = $1 ORDER BY c.local_id', [rep]);
  return rows.map((r) => Number(r.local_id));
}

describe('team sync offline', () => {
  it('200 calls logged while the server is down reach it exactly once; a sync killed with SIGKILL and run again still sends each once', async () => {
    const adminUrl = await pgTeam.freshDatabase();
    const desks = await makeTeam(adminUrl, ['Ada']);
    const ada = desks.get('Ada')!;
    await ada.team.publish(await importLeads(ada, leadCsv(50)));
    const leads = (await ada.team.claim(50)).claimed.map((c) => c.contactId);

    pgTeam.cluster().stopServer();
    // Calling does not wait for the network: every call is logged at once.
    const offline = logCalls(ada, leads, 200);
    await expect(ada.team.sync()).rejects.toThrow(/Cannot reach the team database/);
    const status = ada.team.status();
    expect(status.joined && status.lastSyncError).toMatch(/Cannot reach/);
    expect(status.outbox).toBeGreaterThanOrEqual(200);

    pgTeam.cluster().startServer();
    const first = await ada.team.sync();
    expect(first.pushed).toBe(status.outbox);
    expect(await serverCallIds(adminUrl, 'Ada')).toEqual(offline);
    expect(ada.team.status().outbox).toBe(0);

    // 200 more, pushed one entry per server transaction by a child process killed mid-sync.
    const more = logCalls(ada, leads, 200);
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'tests/unit/team-sync-child.ts'), ada.t.dir, '1'], { cwd: ROOT, stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let seen = 0;
    for (let waited = 0; waited < 30_000 && seen <= offline.length; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = (await serverCallIds(adminUrl, 'Ada')).length;
    }
    child.kill('SIGKILL');
    await exited;
    expect(stderr).toBe('');
    const atKill = (await serverCallIds(adminUrl, 'Ada')).length;
    // Killed part-way: some of the new calls had reached the server, not all.
    expect(atKill).toBeGreaterThan(offline.length);
    expect(atKill).toBeLessThan(offline.length + more.length);

    await ada.team.sync();
    expect(await serverCallIds(adminUrl, 'Ada')).toEqual([...offline, ...more]);
    expect(ada.team.status().outbox).toBe(0);
    // Each call once, with its disposition.
    const outcomes = await adminQuery<{ outcome: string; n: string }>(adminUrl, 'SELECT outcome, count(*) AS n FROM dialdeck.calls GROUP BY outcome');
    expect(outcomes).toEqual([{ outcome: 'no_answer', n: '400' }]);
    closeDesks(desks.values());
  }, 60_000);
});
