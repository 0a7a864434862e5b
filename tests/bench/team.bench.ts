// Team mode on one PostgreSQL (issue #17): 50 desks, each its own SQLite file and role, claim
// from a pool of 100,000 leads at once until it is empty; then 10 desks each log 200 calls and
// sync at once. Reports the claim and sync rates and checks, in SQL, that no lead was claimed
// twice and none was lost. All desks run in this one Node process (their SQLite writes take
// turns on one thread); the server sees 50 concurrent connections.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startCluster } from '../unit/pg-cluster';
import { adminQuery, closeDesks, copyLeads, importLeads, leadCsv, makeDesk, type TestDesk } from '../unit/helpers-team';
import { CLAIM_LOCK_WAIT_MS, initTeam } from '../../electron/core/team/service';
import { claimLeads } from '../../electron/core/team/remoteRepo';
import { DEFAULT_LEASE_MS } from '../../shared/domain/team';
import { CoreError } from '../../electron/core/errors';
import type { BenchResult } from './run';

const DESKS = 50;
const POOL = 100_000;
const CLAIM = 50;
const SYNC_DESKS = 10;
const CALLS_EACH = 200;

export async function run(): Promise<BenchResult> {
  const cluster = await startCluster();
  const desks: TestDesk[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE team_bench');
    await admin.end();
    const adminUrl = cluster.url('team_bench');
    await initTeam(adminUrl);
    desks.push(await makeDesk(adminUrl, 'Publisher', { canPublish: true }));
    await desks[0]!.team.publish(await importLeads(desks[0]!, leadCsv(1)));
    await copyLeads(adminUrl, 1, POOL - 1);
    for (let i = 1; i < DESKS; i++) desks.push(await makeDesk(adminUrl, `Desk ${i}`));

    // The server alone: each desk's role on its own connection, claiming until the pool is empty.
    const connections = await Promise.all(desks.map(async (desk) => {
      const client = new pg.Client({ connectionString: desk.url });
      await client.connect();
      return client;
    }));
    const serverStart = performance.now();
    let serverClaims = 0;
    // A claim that waited its lock wait on another's rows gives up and runs again, as the
    // desk's does (TeamService.claimFromPool).
    let serverWaitsOver = 0;
    await Promise.all(
      connections.map(async (client) => {
        for (;;) {
          let claimed;
          try {
            claimed = await claimLeads(client, CLAIM, DEFAULT_LEASE_MS, CLAIM_LOCK_WAIT_MS);
          } catch (error) {
            if ((error as { code?: string }).code !== '55P03') throw error;
            serverWaitsOver++;
            continue;
          }
          serverClaims++;
          if (claimed.length === 0) return;
        }
      }),
    );
    const serverSeconds = (performance.now() - serverStart) / 1000;
    await Promise.all(connections.map((c) => c.end()));
    // Back to the pool, for the desks' own claims.
    await adminQuery(adminUrl, 'UPDATE dialdeck.leads SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL');
    await adminQuery(adminUrl, 'VACUUM ANALYZE dialdeck.leads');

    const claimTimes: number[] = [];
    // Claims answered "the team server is busy" (every try waited its lock wait): the rep, or
    // the next sync, claims again.
    let busyAnswers = 0;
    const started = performance.now();
    await Promise.all(
      desks.map(async (desk) => {
        for (;;) {
          const t = performance.now();
          let claimed;
          try {
            ({ claimed } = await desk.team.claim(CLAIM));
          } catch (error) {
            if (!(error instanceof CoreError && error.code === 'conflict')) throw error;
            busyAnswers++;
            continue;
          }
          claimTimes.push(performance.now() - t);
          if (claimed.length === 0) return;
        }
      }),
    );
    const claimSeconds = (performance.now() - started) / 1000;
    const check = (await adminQuery<{ held: string; unheld: string; total: string }>(adminUrl, 'SELECT count(*) FILTER (WHERE claimed_by IS NOT NULL) AS held, count(*) FILTER (WHERE claimed_by IS NULL) AS unheld, count(*) AS total FROM dialdeck.leads'))[0]!;
    const local = desks.flatMap((d) => d.t.core.db.prepare('SELECT lead_id FROM team_claims').pluck().all() as number[]);
    const twice = local.length - new Set(local).size;
    claimTimes.sort((a, b) => a - b);
    const p95 = claimTimes[Math.floor(claimTimes.length * 0.95)]!;

    // Sync: 10 desks × 200 calls logged offline-style, then all sync at once.
    const syncing = desks.slice(1, 1 + SYNC_DESKS);
    for (const desk of syncing) {
      const contacts = desk.t.core.db.prepare('SELECT contact_id FROM team_claims LIMIT 50').pluck().all() as number[];
      for (let i = 0; i < CALLS_EACH; i++) {
        desk.t.clock.advance(60_000);
        desk.t.core.calls.logExternal(contacts[i % contacts.length]!, { outcome: 'no_answer', notes: '', objections: [], checklist: [], detail: {} });
      }
    }
    const syncStart = performance.now();
    const results = await Promise.all(syncing.map((d) => d.team.sync()));
    const syncSeconds = (performance.now() - syncStart) / 1000;
    const pushedEntries = results.reduce((n, r) => n + r.pushed, 0);
    const callsOnServer = Number((await adminQuery<{ n: string }>(adminUrl, 'SELECT count(*) AS n FROM dialdeck.calls'))[0]!.n);
    // A sync with nothing to send: what each desk's minute-by-minute sync costs the server.
    const idleStart = performance.now();
    await Promise.all(desks.map((d) => d.team.sync()));
    const idleSeconds = (performance.now() - idleStart) / 1000;

    return {
      name: `team mode: ${DESKS} desks claiming from ${POOL.toLocaleString('en')} leads, ${SYNC_DESKS} desks syncing ${CALLS_EACH} calls each`,
      lines: [
        `claim, the server alone: ${POOL.toLocaleString('en')} leads in ${serverSeconds.toFixed(1)} s by ${DESKS} connections at once, ${CLAIM} a claim: ${Math.round(POOL / serverSeconds).toLocaleString('en')} leads/s, ${Math.round(serverClaims / serverSeconds)} claims/s; ${serverWaitsOver} gave up waiting ${CLAIM_LOCK_WAIT_MS / 1000} s on another's rows and ran again`,
        `claim, end to end: ${POOL.toLocaleString('en')} leads in ${claimSeconds.toFixed(1)} s by ${DESKS} desks at once: ${Math.round(POOL / claimSeconds).toLocaleString('en')} leads/s, ${Math.round(claimTimes.length / claimSeconds)} claims/s (p95 claim ${p95.toFixed(0)} ms, slowest ${claimTimes.at(-1)!.toFixed(0)} ms; ${busyAnswers} answered "busy" and were asked again; the 50 desks' SQLite writes take turns on this one thread)`,
        `sync: ${callsOnServer.toLocaleString('en')} calls (${pushedEntries} outbox entries) from ${SYNC_DESKS} desks at once in ${syncSeconds.toFixed(2)} s: ${Math.round(callsOnServer / syncSeconds).toLocaleString('en')} calls/s`,
        `idle sync (nothing to send; each desk holding ${(POOL / DESKS).toLocaleString('en')} leases, renewed as they run down): ${DESKS} desks at once in ${idleSeconds.toFixed(2)} s: ${(DESKS / idleSeconds).toFixed(1)} syncs/s`,
        `server: held ${check.held}, unheld ${check.unheld}, total ${check.total}; claimed twice across desks' files: ${twice}`,
      ],
      bars: [
        { label: 'no lead claimed by two desks (the desks\' files against each other)', met: twice === 0 && local.length === POOL },
        { label: 'no lead lost: every lead of the pool held by exactly one desk', met: Number(check.held) === POOL && Number(check.total) === POOL },
        { label: `every call on the server once (${SYNC_DESKS * CALLS_EACH})`, met: callsOnServer === SYNC_DESKS * CALLS_EACH },
      ],
    };
  } finally {
    closeDesks(desks);
    cluster.destroy();
  }
}
