// A throwaway PostgreSQL cluster: initdb into a temp folder, a loopback port, run as the
// `postgres` user when this runs as root (the server refuses root). No test-runner imports: the
// benchmarks use it too (tests/bench/team.bench.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

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

