// A throwaway PostgreSQL for the team tests: one cluster per test file (initdb into a temp
// folder, a loopback port, run as the `postgres` user when the tests run as root, since the
// server refuses root), or the cluster whose URL DIALDECK_TEST_PG_URL gives (CI starts one).
// Each test gets a fresh database. Without PostgreSQL the tests fail, saying how to get it: team
// mode is never silently untested.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startCluster, type PgCluster } from './pg-cluster';

export { PG_MISSING_MESSAGE, startCluster, type PgCluster } from './pg-cluster';

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
