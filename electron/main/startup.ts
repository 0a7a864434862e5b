// What the app is asked to do at start, decided from argv and the environment without Electron,
// so a unit test reaches every case. index.ts only acts on the answer.
//
// Electron's argv also carries switches that are not Dialdeck's: Chromium's (--no-sandbox,
// --enable-logging, --remote-debugging-port=0 from Playwright…), Node's (--inspect), macOS's
// -psn_…, and in development the app's folder. Those are left to Electron. Dialdeck's own flags
// are every flag whose name begins with "data" or "dialdeck" (none of Electron's documented
// switches does; its own folder switch is --user-data-dir), so a mistyped data folder (--datadir,
// --data_dir, --data-folder) is refused, never silently ignored while the real user-data folder
// is used.

export type Startup =
  | {
      ok: true;
      /** The --data-dir value as given; undefined when none was. */
      dataDirFlag: string | undefined;
      /** Test mode only: start the core on a fixed clock at this instant. */
      testClockStart: Date | undefined;
    }
  | { ok: false; error: string };

const DATA_DIR = 'data-dir';
const USAGE = 'Dialdeck accepts --data-dir DIR (or --data-dir=DIR).';

/** Dialdeck's flags from argv (without the executable): `--data-dir DIR` or `--data-dir=DIR`. */
export function parseAppArgs(argv: readonly string[]): { ok: true; dataDirFlag: string | undefined } | { ok: false; error: string } {
  let dataDirFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Chromium reads everything after a bare "--" as a positional argument, and so do we.
    if (arg === '--') break;
    const flag = arg.match(/^(-+)([^=]+)(=([\s\S]*))?$/);
    if (!flag) continue; // positional: the app's folder in development
    const dashes = flag[1]!;
    const name = flag[2]!;
    if (!isOurs(name)) continue;
    if (name !== DATA_DIR || dashes !== '--') return { ok: false, error: `Unknown option ${JSON.stringify(`${dashes}${name}`)}. ${USAGE}` };
    let value = flag[4];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && next !== '--' && !next.startsWith('-')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') return { ok: false, error: `--data-dir needs a folder. ${USAGE}` };
    if (dataDirFlag !== undefined) return { ok: false, error: `--data-dir is given twice ("${dataDirFlag}" and "${value}"): which folder is meant is not clear.` };
    dataDirFlag = value;
  }
  return { ok: true, dataDirFlag };
}

function isOurs(name: string): boolean {
  const normalised = name.toLowerCase().replaceAll('_', '-');
  return normalised.startsWith('data') || normalised.startsWith('dialdeck');
}

/** DIALDECK_TEST_CLOCK=ISO starts the core on a fixed clock, like the preview's --clock: only
 *  with DIALDECK_TEST_MODE=1 (the Electron smoke test), and refused loudly otherwise. */
export function testClockStart(env: NodeJS.ProcessEnv): { ok: true; start: Date | undefined } | { ok: false; error: string } {
  const given = env.DIALDECK_TEST_CLOCK;
  if (given === undefined || given === '') return { ok: true, start: undefined };
  if (env.DIALDECK_TEST_MODE !== '1') return { ok: false, error: 'DIALDECK_TEST_CLOCK is for the tests only (with DIALDECK_TEST_MODE=1); unset it to run Dialdeck.' };
  const start = new Date(given);
  if (!/^\d{4}-\d\d-\d\dT/.test(given) || Number.isNaN(start.getTime())) return { ok: false, error: `DIALDECK_TEST_CLOCK must be an ISO instant such as 2026-03-04T17:00:00Z, not "${given}".` };
  return { ok: true, start };
}

export function parseStartup(argv: readonly string[], env: NodeJS.ProcessEnv): Startup {
  const args = parseAppArgs(argv);
  if (!args.ok) return args;
  const clock = testClockStart(env);
  if (!clock.ok) return clock;
  return { ok: true, dataDirFlag: args.dataDirFlag, testClockStart: clock.start };
}
