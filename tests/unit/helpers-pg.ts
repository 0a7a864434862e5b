// A throwaway PostgreSQL for the team tests: one cluster per test file (initdb into a temp
// folder, a loopback port, run as the `postgres` user when the tests run as root, since the
// server refuses root), or the cluster whose URL DIALDECK_TEST_PG_URL gives (CI starts one).
// Each test gets a fresh database. Without PostgreSQL the tests fail, saying how to get it: team
// mode is never silently untested.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export const PG_MISSING_MESSAGE =
  'PostgreSQL is not installed: the team tests need its server binaries (initdb, pg_ctl, postgres). ' +
  'Install Debian\'s `postgresql` package (apt-get install -y postgresql), put a bin folder holding pg_ctl in DIALDECK_PG_BIN, ' +
  'or give a running cluster\'s superuser URL in DIALDECK_TEST_PG_URL.';

/** The folder with initdb and pg_ctl: DIALDECK_PG_BIN, the PATH, or Debian's newest version. */
export function findPgBin(): string | null {
  const candidates: string[] = [];
  if (process.env.DIALDECK_PG_BIN) candidates.push(process.env.DIALDECK_PG_BIN);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')) && fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  /** The superuser's URL for a database of this cluster (default: postgres). */
  url(database?: string): string;
  /** Whether this process started it (and may stop and start it). */
  readonly owned: boolean;
  /** Stop the server (fast: open connections are cut) and start it again on the same port. */
  stopServer(): void;
  startServer(): void;
  /** Stop it for good and remove its folder; a no-op for a cluster this process did not start. */
  destroy(): void;
}

/** Start a new cluster in a temp folder. Throws PG_MISSING_MESSAGE without PostgreSQL. */
export async function startCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (bin === null) throw new Error(PG_MISSING_MESSAGE);
  const asRoot = process.getuid?.() === 0;
  // The server refuses to run as root: as root, run its commands as the postgres user.
  const run = (program: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { stdio: 'pipe' }) : execFileSync(path.join(bin, program), args, { stdio: 'pipe' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  // trust on loopback is for this throwaway cluster only (the README asks for SCRAM); fsync off:
  // nothing here must survive a power cut.
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  try {
    start();
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${tail}`);
  }
  let running = true;
  return {
    owned: true,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stopServer() {
      stop();
      running = false;
    },
    startServer() {
      start();
      running = true;
    },
    destroy() {
      if (running) stop();
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sharedCluster(url: string): PgCluster {
  const base = new URL(url);
  return {
    owned: false,
    url(database = 'postgres') {
      const u = new URL(base.href);
      u.pathname = `/${database}`;
      return u.href;
    },
    stopServer() {
      throw new Error('This test needs a cluster of its own to stop and start (it is given one through DIALDECK_TEST_PG_URL).');
    },
    startServer() {
      throw new Error('This test needs a cluster of its own to stop and start.');
    },
    destroy: () => undefined,
  };
}

export interface TeamPg {
  cluster(): PgCluster;
  /** A new, empty database on the cluster: its superuser URL. */
  freshDatabase(): Promise<string>;
}

async function adminQuery(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Hooks for one test file: the cluster before the first test, fresh databases on demand,
 *  everything dropped (or the cluster stopped) after the last. `ownCluster`: always start one,
 *  for a test that stops the server. */
export function useTeamPg(options: { ownCluster?: boolean } = {}): TeamPg {
  let cluster: PgCluster | null = null;
  const created: string[] = [];
  beforeAll(async () => {
    const shared = process.env.DIALDECK_TEST_PG_URL;
    cluster = shared && !options.ownCluster ? sharedCluster(shared) : await startCluster();
  }, 60_000);
  afterAll(async () => {
    if (!cluster) return;
    if (!cluster.owned) {
      for (const database of created) {
        await adminQuery(cluster.url(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        // The desks' roles are cluster-wide; theirs are named after the database.
        const roles = await adminQuery(cluster.url(), `SELECT rolname FROM pg_roles WHERE rolname LIKE '${database}\\_%'`);
        for (const row of roles.rows as { rolname: string }[]) await adminQuery(cluster.url(), `DROP ROLE IF EXISTS "${row.rolname}"`);
      }
    }
    cluster.destroy();
  }, 60_000);
  return {
    cluster() {
      if (!cluster) throw new Error('The PostgreSQL cluster is not up: call useTeamPg() at the top of the test file.');
      return cluster;
    },
    async freshDatabase() {
      const c = this.cluster();
      const name = `ddt_${randomBytes(5).toString('hex')}`;
      await adminQuery(c.url(), `CREATE DATABASE ${name}`);
      created.push(name);
      return c.url(name);
    },
  };
}
