import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { makeDataDir, printedUrl } from './preview';

// The preview server lives exactly as long as whatever started it: stopping `npm run preview`
// (even killing npm alone, as an editor's stop button or a process manager may) must not leave
// a server holding the port and the database.

const ROOT = path.resolve(__dirname, '../..');
const GONE_WITHIN_MS = 15_000;

/** Whether any process of a process group is still running. */
function groupRunning(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`the preview was still running ${GONE_WITHIN_MS} ms later`)), GONE_WITHIN_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal });
    });
  });
}

function startServer(stdin: 'ignore' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'electron/preview/server.ts', '--port', '0', '--data-dir', makeDataDir()], {
    cwd: ROOT,
    stdio: [stdin, 'pipe', 'pipe'],
  });
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`${signal} to the npm process of "npm run preview" stops the server too`, async () => {
    test.setTimeout(120_000);
    // Its own process group, as in a terminal; the signal goes to npm alone, not the group.
    const npm = spawn('npm', ['run', 'preview', '--', '--port', '0', '--data-dir', makeDataDir()], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const group = npm.pid!;
    try {
      const { url, output } = await printedUrl(npm);
      const origin = new URL(url).origin;
      expect((await fetch(origin)).status).toBe(403);
      process.kill(npm.pid!, signal);
      await expect.poll(() => groupRunning(group), { timeout: GONE_WITHIN_MS, message: `still running after npm stopped; its output ends:\n${output().slice(-600)}` }).toBe(false);
      await expect(fetch(origin)).rejects.toThrow();
    } finally {
      // Only if the test failed: do not leave its server behind.
      if (groupRunning(group)) process.kill(-group, 'SIGKILL');
    }
  });
}

test('the server stops when its stdin pipe closes', async () => {
  const server = startServer('pipe');
  try {
    await printedUrl(server);
    server.stdin!.end();
    expect(await exitOf(server)).toEqual({ code: 0, signal: null });
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} closes the core and exits cleanly`, async () => {
    const server = startServer('ignore');
    try {
      await printedUrl(server);
      server.kill(signal);
      expect(await exitOf(server)).toEqual({ code: 0, signal: null });
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  });
}
