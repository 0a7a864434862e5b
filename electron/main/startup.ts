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

import { CALL_EVENT_KINDS, MAX_TALK_SECONDS, type CallEventKind } from '../../shared/domain/callEvents';

/** `--call-event=connected|ended --number=N [--duration=S]`: what the desk's softphone reports
 *  (MicroSIP's cmdCallStart/cmdCallEnd, or any phone's "run on call" hook, starts Dialdeck so). */
export interface CallEventArgs {
  kind: CallEventKind;
  number: string;
  durationSeconds: number | null;
}

export type Startup =
  | {
      ok: true;
      /** The --data-dir value as given; undefined when none was. */
      dataDirFlag: string | undefined;
      /** Test mode only: start the core on a fixed clock at this instant. */
      testClockStart: Date | undefined;
      /** A call event to hand to the running app (or to record, when none runs); null for a
       *  plain start. */
      callEvent: CallEventArgs | null;
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

const CALL_EVENT_USAGE = 'A call event is --call-event=connected|ended --number=NUMBER [--duration=SECONDS].';

/** The call event on a command line, if any. The number may follow --number= after a space, as
 *  MicroSIP appends it to the command set up in its cmdCallStart and cmdCallEnd. */
export function parseCallEvent(argv: readonly string[]): { ok: true; event: CallEventArgs | null } | { ok: false; error: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const flag = arg.match(/^--(call-event|number|duration)(=([\s\S]*))?$/);
    if (!flag) continue;
    const name = flag[1]!;
    let value = flag[3];
    if (value === undefined || value === '') {
      const next = argv[i + 1];
      if (next !== undefined && next !== '--' && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') return { ok: false, error: `--${name} needs a value. ${CALL_EVENT_USAGE}` };
    if (values.has(name)) return { ok: false, error: `--${name} is given twice. ${CALL_EVENT_USAGE}` };
    values.set(name, value);
  }
  const kind = values.get('call-event');
  if (kind === undefined) {
    if (values.size > 0) return { ok: false, error: `--number and --duration go with --call-event. ${CALL_EVENT_USAGE}` };
    return { ok: true, event: null };
  }
  if (!(CALL_EVENT_KINDS as readonly string[]).includes(kind)) return { ok: false, error: `Unknown call event "${kind}". ${CALL_EVENT_USAGE}` };
  const number = values.get('number');
  if (number === undefined) return { ok: false, error: `The call event needs the number. ${CALL_EVENT_USAGE}` };
  if (number.length > 100) return { ok: false, error: 'The number of the call event is too long.' };
  const duration = values.get('duration');
  let durationSeconds: number | null = null;
  if (duration !== undefined) {
    if (!/^\d{1,6}$/.test(duration) || Number(duration) > MAX_TALK_SECONDS) return { ok: false, error: `--duration must be whole seconds (0 to ${MAX_TALK_SECONDS}), not "${duration}".` };
    if (kind !== 'ended') return { ok: false, error: `Only an ended call has a duration. ${CALL_EVENT_USAGE}` };
    durationSeconds = Number(duration);
  }
  return { ok: true, event: { kind: kind as CallEventKind, number, durationSeconds } };
}

/** What a second start of Dialdeck asks of the running one: record a call event, or show the
 *  window. Read from the arguments it sent along (Electron's own argv for the second instance
 *  may be reordered or added to), each checked as at any start. */
export function secondInstanceRequest(additionalData: unknown): { kind: 'call-event'; event: CallEventArgs } | { kind: 'show' } | { kind: 'refused'; error: string } {
  const argv = (additionalData as { dialdeckArgv?: unknown } | null)?.dialdeckArgv;
  if (!Array.isArray(argv) || argv.length > 200 || !argv.every((arg) => typeof arg === 'string' && arg.length <= 10_000)) return { kind: 'show' };
  const parsed = parseCallEvent(argv as string[]);
  if (!parsed.ok) return { kind: 'refused', error: parsed.error };
  return parsed.event ? { kind: 'call-event', event: parsed.event } : { kind: 'show' };
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
  const callEvent = parseCallEvent(argv);
  if (!callEvent.ok) return callEvent;
  const clock = testClockStart(env);
  if (!clock.ok) return clock;
  return { ok: true, dataDirFlag: args.dataDirFlag, testClockStart: clock.start, callEvent: callEvent.event };
}
