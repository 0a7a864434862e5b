// The preview server lives as long as whatever started it. `npm run preview` runs it through a
// shell (npm → sh → node), npm forwards only SIGINT and SIGTERM, and only to that shell: stopping
// npm alone used to leave a server holding the port and the database.
import fs from 'node:fs';

const PARENT_POLL_MS = 1000;

/**
 * Resolves, with the reason, once this process should stop with its parent:
 * - SIGINT, SIGTERM or SIGHUP (Ctrl+C, a stop button, the terminal closing);
 * - stdin closing, when stdin is a pipe (a parent that holds one and exits). A terminal, /dev/null
 *   or a file is not watched: with stdio 'ignore' stdin is closed from the start, and reading a
 *   terminal from a background job would stop the process;
 * - the parent process exiting, and, where /proc tells (Linux), the parent being orphaned: npm's
 *   own death, seen from under the shell it started.
 * Call it first thing, so that the parent it watches is the one that started this process.
 */
export function whenParentEnds(): Promise<string> {
  return new Promise((resolve) => {
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      clearInterval(poll);
      resolve(reason);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => end(signal));
    // A parent that went away may have taken its end of our output pipes: stopping must go on.
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    if (stdinIsPipe()) {
      process.stdin.on('end', () => end('stdin closed'));
      process.stdin.on('error', () => end('stdin closed'));
      process.stdin.resume();
    }
    const parent = process.ppid;
    const grandparent = parentOf(parent);
    const poll = setInterval(() => {
      if (process.ppid !== parent || !isRunning(parent)) return end('its parent process exited');
      if (grandparent !== null && parentOf(parent) !== grandparent) end("its parent's parent exited");
    }, PARENT_POLL_MS);
    poll.unref();
  });
}

function stdinIsPipe(): boolean {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another process's parent, from /proc (Linux); null where that cannot be read. */
export function parentOf(pid: number): number | null {
  try {
    return parentInProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** The parent pid in a /proc/<pid>/stat line: "pid (comm) state ppid …". The command name may
 *  hold spaces and parentheses, so the fields are read after the last ")". */
export function parentInProcStat(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const ppid = Number(fields[1]);
  return fields[1] !== undefined && Number.isInteger(ppid) && ppid >= 0 ? ppid : null;
}
