// Desks on one team database for the team tests: each desk its own SQLite file (a full core)
// and its own PostgreSQL role, joined as the app joins; leads published by a desk from a real
// import, or copied in bulk by the administrator for the large pools.
import path from 'node:path';
import pg from 'pg';
import { addRep, initTeam, TeamService } from '../../electron/core/team/service';
import { fileSecrets, teamUrlFile } from '../../electron/core/team/secrets';
import { runImport } from '../../electron/core/imports/service';
import { makeCore, type TestCore } from './helpers';

export interface TestDesk {
  rep: string;
  t: TestCore;
  team: TeamService;
  /** The desk role's own URL (its row-level security applies). */
  url: string;
}

export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A desk: a new core in its own folder, a role for the rep, joined to the team. */
export async function makeDesk(adminUrl: string, rep: string, options: { canPublish?: boolean; pushBatch?: number; leaseMs?: number; claimLockWaitMs?: number } = {}): Promise<TestDesk> {
  const { url } = await addRep(adminUrl, rep, { canPublish: options.canPublish ?? false });
  const t = makeCore();
  const team = new TeamService(t.core.context, fileSecrets(teamUrlFile(t.dir)), { pushBatch: options.pushBatch, connectTimeoutMs: 2000, claimLockWaitMs: options.claimLockWaitMs });
  await team.join(url, rep, options.leaseMs);
  return { rep, t, team, url };
}

/** A team database with its schema and these desks (the first may publish). */
export async function makeTeam(adminUrl: string, reps: readonly string[]): Promise<Map<string, TestDesk>> {
  await initTeam(adminUrl);
  const desks = new Map<string, TestDesk>();
  for (const [i, rep] of reps.entries()) desks.set(rep, await makeDesk(adminUrl, rep, { canPublish: i === 0 }));
  return desks;
}

/** `count` leads, numbers +1 212 555 0100 onwards (New York business lines). */
export function leadCsv(count: number, firstNumber = 100): string {
  const rows = ['First Name,Last Name,Company,Phone'];
  for (let i = 0; i < count; i++) rows.push(`Lead${i},Test,Co ${i},+1 212 555 ${String(firstNumber + i).padStart(4, '0')}`);
  return rows.join('\n');
}

/** Import leads on a desk as a rep would; returns the import's id. */
export async function importLeads(desk: TestDesk, csv: string): Promise<number> {
  const summary = await runImport(desk.t.core.context, { fileName: 'team-leads.csv', bytes: new TextEncoder().encode(csv), onDuplicate: 'merge', lines: 'business' });
  return summary.importId;
}

/** Grow the pool to `total` leads by copying a published lead with new numbers (the bench's and
 *  the concurrency test's large pools; publishing itself is tested with real imports). */
export async function copyLeads(adminUrl: string, templateId: number, count: number): Promise<void> {
  await adminQuery(
    adminUrl,
    `INSERT INTO dialdeck.leads (source_key, published_by, first_name, last_name, company, phone_raw, e164, time_zones, tz_source, country, region, city, postcode, kind, line_type, jurisdictions, status)
     SELECT 'copy:' || g, t.published_by, 'Copy' || g, t.last_name, t.company, t.phone_raw, '+1646' || lpad(g::text, 7, '0'), t.time_zones, t.tz_source, t.country, t.region, t.city, t.postcode, t.kind, t.line_type, t.jurisdictions, 'active'
     FROM dialdeck.leads t, generate_series(1, $2) g WHERE t.id = $1`,
    [templateId, count],
  );
}

export function closeDesks(desks: Iterable<TestDesk>): void {
  for (const desk of desks) {
    void desk.team.close();
    desk.t.core.close();
  }
}

export const ROOT = path.resolve(__dirname, '../..');
