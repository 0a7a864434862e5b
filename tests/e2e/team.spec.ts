import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { startCluster, type PgCluster } from '../unit/pg-cluster';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// Team mode in the app (#17, acceptance 6): a rep joins the team's PostgreSQL from the Team
// screen (a bad URL first, told plainly), syncs, claims leads, and finds them in the queue. Another
// desk (Ada's, through the command line) set the team up and published the leads. The server is
// the one DIALDECK_TEST_PG_URL names (CI starts one), else a throwaway cluster of this test's
// own, as the team unit tests do; without PostgreSQL the test fails saying how to install it.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

let preview: RunningPreview | undefined;
let cluster: PgCluster | null = null;
/** On a shared server (CI's): the test's database and its roles, dropped after it. */
let created: { serverUrl: string; database: string } | null = null;
test.afterEach(async () => {
  await preview?.stop();
  if (created) {
    const { serverUrl, database } = created;
    created = null;
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    // The reps' and groups' roles are cluster-wide, named after the database.
    for (const { rolname } of await adminQuery<{ rolname: string }>(serverUrl, "SELECT rolname FROM pg_roles WHERE rolname LIKE $1 || '\\_%'", [database])) {
      await adminQuery(serverUrl, `DROP ROLE IF EXISTS "${rolname}"`);
    }
  }
  cluster?.destroy();
  cluster = null;
});

async function adminQuery<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A new database on the test's server: its superuser URL. */
async function freshTeamDatabase(): Promise<string> {
  const shared = process.env.DIALDECK_TEST_PG_URL;
  if (!shared) cluster = await startCluster();
  const base = new URL(shared ?? cluster!.url());
  const name = `ddt_e2e_${randomBytes(4).toString('hex')}`;
  await adminQuery(base.href, `CREATE DATABASE ${name}`);
  if (shared) created = { serverUrl: base.href, database: name };
  base.pathname = `/${name}`;
  return base.href;
}

/** The command line on Ada's desk, with --json. */
async function cli<T>(dataDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args, '--data-dir', dataDir, '--json'], { cwd: ROOT, env: { ...process.env } });
  return JSON.parse(stdout) as T;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 });

test('the Team screen: join (a bad URL told first), sync, claim; the claimed leads are in the queue', async ({ page }) => {
  test.setTimeout(180_000);
  const adminUrl = await freshTeamDatabase();
  // Ada's desk: the team's schema, two reps, six leads published to the pool.
  const ada = makeDataDir();
  await cli(ada, ['team', 'init', '--url', adminUrl]);
  const adaRep = await cli<{ url: string }>(ada, ['team', 'add-rep', '--url', adminUrl, '--rep', 'Ada', '--publisher']);
  const benRep = await cli<{ url: string }>(ada, ['team', 'add-rep', '--url', adminUrl, '--rep', 'Ben']);
  await cli(ada, ['team', 'join', '--url', adaRep.url, '--rep', 'Ada']);
  const csv = path.join(ada, 'leads.csv');
  const rows = ['First Name,Last Name,Company,Phone'];
  for (let i = 0; i < 6; i++) rows.push(`Lead${i},Pool,Co ${i},+1 212 555 ${String(300 + i).padStart(4, '0')}`);
  fs.writeFileSync(csv, rows.join('\n'));
  const imported = await cli<{ importId: number }>(ada, ['import', csv, '--lines', 'business']);
  expect(await cli(ada, ['team', 'publish', String(imported.importId)])).toMatchObject({ published: 6 });

  // Ben's desk: the app.
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', teamAutoClaim: { enabled: false, threshold: 10, batch: 50 } });
  await invokeCore(preview, 'settings.confirm', {});
  await page.goto(preview.url);
  await expect(heading(page, 'Queue')).toBeVisible();
  await page.keyboard.press('Alt+E');
  await expect(heading(page, 'Team')).toBeVisible();

  const url = page.getByLabel('Team URL');
  await url.fill('http://db.example/team');
  await page.getByLabel('Your name, as the team knows you').fill('Ben');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not joined' })).toContainText('must start with postgres://');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  // The typed text is still there to correct.
  await expect(page.getByLabel('Your name, as the team knows you')).toHaveValue('Ben');
  await shootScreen(page, 'team-join-error');

  await url.fill(benRep.url);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('team-connection')).toHaveText('Not synced yet');
  // The URL (it holds the password) is kept in the 0600 file beside the preview's database, not in the settings.
  expect(fs.statSync(path.join(preview.dataDir, 'team-url')).mode & 0o777).toBe(0o600);

  // S: sync now.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect(page.getByTestId('team-connection')).toHaveText('Connected');
  await expect(page.getByRole('status').filter({ hasText: 'Synced:' })).toBeVisible();
  await expect(page.getByTestId('team-last-sync')).not.toHaveText('never');

  // C: the count field; Enter claims.
  await page.keyboard.press('c');
  const count = page.getByLabel('How many leads to claim');
  await expect(count).toBeFocused();
  await count.fill('4');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Claimed 4 leads' })).toBeVisible();
  const held = page.getByRole('listbox', { name: 'Leads you hold' }).getByRole('option');
  await expect(held).toHaveCount(4);
  await expect(held.first()).toContainText('Lead0 Pool');
  await expect(page.getByTestId('team-held')).toContainText('4 (4 still to call)');
  await expect(page.getByTestId('team-outbox')).toHaveText('nothing');

  // The server agrees: four leads held by Ben's desk, two left in the pool.
  const onServer = await adminQuery<{ rep: string | null; n: number }>(
    adminUrl,
    'SELECT d.rep, count(*)::int AS n FROM dialdeck.leads l LEFT JOIN dialdeck.desks d ON d.id = l.claimed_by GROUP BY d.rep ORDER BY d.rep',
  );
  expect(onServer).toEqual([
    { rep: 'Ben', n: 4 },
    { rep: null, n: 2 },
  ]);
  await shootScreen(page, 'team-claimed', { fullPage: true });

  // The claimed leads are in the queue, to call now (12:00 in New York).
  await page.keyboard.press('Alt+Q');
  const queue = page.getByRole('listbox', { name: 'Queue' }).getByRole('option');
  await expect(queue).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(queue.filter({ hasText: `Lead${i} Pool` })).toHaveCount(1);

  // Ben calls Lead0 while offline long enough for its lease to run out, and Ada claims it: Ben's
  // next sync keeps his call and lists it under conflicts, with what happened.
  const lead0 = (await invokeCore<{ claims: { contactId: number; leadId: number; name: string }[] }>(preview, 'team.status', {})).claims.find((c) => c.name === 'Lead0 Pool')!;
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: lead0.contactId });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'no_answer' });
  await adminQuery(adminUrl, "UPDATE dialdeck.leads SET lease_until = now() - interval '1 minute' WHERE id = $1", [lead0.leadId]);
  expect(await cli<{ claimed: { e164: string }[] }>(ada, ['team', 'claim', '--count', '1'])).toMatchObject({ claimed: [{ e164: '+12125550300' }] });
  await page.keyboard.press('Alt+E');
  await expect(heading(page, 'Team')).toBeVisible();
  await page.keyboard.press('s');
  const conflicts = page.getByRole('table', { name: 'Conflicts' });
  await expect(conflicts.getByRole('row')).toHaveCount(2);
  await expect(conflicts).toContainText('Lead0 Pool');
  // The outcome as every screen says it, not its id.
  await expect(conflicts.getByRole('row').nth(1).getByRole('cell').nth(1)).toContainText(' · No answer');
  await expect(conflicts).not.toContainText('no_answer');
  await expect(conflicts).toContainText('lease on this lead had run out');
  await expect(page.getByTestId('team-held')).toContainText('3 (3 still to call)');
  expect(await adminQuery(adminUrl, 'SELECT e164, outcome, conflict FROM dialdeck.calls')).toEqual([{ e164: '+12125550300', outcome: 'no_answer', conflict: 'lease_lost' }]);
  await shootScreen(page, 'team-conflict', { fullPage: true });

  // "?" on the Team screen lists its keys, as the README's table does.
  await page.keyboard.press('Alt+E');
  await expect(heading(page, 'Team')).toBeVisible();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keys: Team' });
  await expect(overlay).toBeVisible();
  for (const label of ['Sync with the team now', 'Claim leads from the team pool (the count field)', 'Give back the leads not called']) await expect(overlay).toContainText(label);
  await page.keyboard.press('Escape');

  // R: give back the ones not called: the three left, back to the pool (Ada holds Lead0); the
  // queue is empty again.
  await page.keyboard.press('r');
  await expect(page.getByRole('status').filter({ hasText: 'Gave back 3 leads' })).toBeVisible();
  expect(await adminQuery(adminUrl, 'SELECT count(*)::int AS n FROM dialdeck.leads WHERE claimed_by IS NULL')).toEqual([{ n: 5 }]);
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(0);

  // Claim more by itself: a count the core refuses is said at its field and nothing is saved;
  // corrected, it is saved and says so.
  await page.keyboard.press('Alt+E');
  const autoClaim = page.getByRole('form', { name: 'Claim more by itself' });
  const threshold = autoClaim.getByLabel('When fewer than this are left to call');
  await threshold.fill('-1');
  await autoClaim.getByRole('button', { name: 'Save' }).click();
  await expect(autoClaim.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await expect(autoClaim.getByRole('status')).toHaveCount(0);
  expect((await invokeCore<{ teamAutoClaim: { threshold: number } }>(preview, 'settings.get', {})).teamAutoClaim.threshold).toBe(10);
  await threshold.fill('5');
  await autoClaim.getByRole('button', { name: 'Save' }).click();
  await expect(autoClaim.getByRole('status')).toHaveText('Saved.');
  await expect(autoClaim.getByRole('alert')).toHaveCount(0);
  expect((await invokeCore<{ teamAutoClaim: { threshold: number } }>(preview, 'settings.get', {})).teamAutoClaim.threshold).toBe(5);

  // A change the team database will not take (an administrator removed the lead Ben then called):
  // the rest is sent, and the screen says which and why, not "Offline".
  expect(await invokeCore(preview, 'team.claim', { count: 1 })).toEqual({ claimed: 1 });
  const taken = (await invokeCore<{ claims: { contactId: number; leadId: number; open: boolean }[] }>(preview, 'team.status', {})).claims.find((c) => c.open)!;
  await adminQuery(adminUrl, 'DELETE FROM dialdeck.leads WHERE id = $1', [taken.leadId]);
  const lost = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: taken.contactId });
  await invokeCore(preview, 'calls.log', { callId: lost.id, outcome: 'no_answer' });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  const refused = page.getByTestId('team-refused');
  await expect(refused).toContainText('One change the team database will not take');
  await expect(refused.getByRole('listitem')).toHaveCount(1);
  await expect(refused).toContainText('no longer has the lead');
  await expect(refused).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  await expect(page.getByTestId('team-connection')).toHaveText('Connected');
  await shootScreen(page, 'team-refused', { fullPage: true });
});
