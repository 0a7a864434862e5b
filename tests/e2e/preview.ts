// Start and stop the real preview server (the core under Node + the built renderer) for a test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface RunningPreview {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** The temporary folders this worker made (data folders, a spec's lead files), removed when it
 *  exits: a run of the end-to-end tests left some 300 of them in the temp folder every time. */
const madeDataDirs = new Set<string>();

export function makeDataDir(prefix = 'dialdeck-e2e-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (madeDataDirs.size === 0) {
    process.once('exit', () => {
      for (const made of madeDataDirs) fs.rmSync(made, { recursive: true, force: true });
    });
  }
  madeDataDirs.add(dir);
  return dir;
}

/** Wednesday 4 March 2026, 17:00 UTC: 12:00 in New York, 09:00 in Los Angeles, 17:00 in London
 *  and Dublin; what the queue offers must not depend on when the tests run. */
export const TEST_CLOCK = '2026-03-04T17:00:00Z';

/** Start a preview on a free port, or on `port` (to restart one where an open tab expects it);
 *  `timeZone`: the machine's zone as the core sees it (the rep's desk: where "tomorrow 08:00" is). */
export interface PreviewOptions {
  clock?: string;
  port?: number;
  timeZone?: string;
}

export async function startPreview(dataDir: string, options: PreviewOptions = {}): Promise<RunningPreview> {
  const clockArgs = ['--clock', options.clock ?? TEST_CLOCK];
  const port = String(options.port ?? 0);
  // Node with tsx's loader, not the tsx command: the server is this process's own child, so a
  // signal reaches it directly and it stops if this test process dies (it watches its parent).
  // stdin is closed from the start ('ignore'): the server only watches stdin when it is a pipe.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/preview/server.ts', '--port', port, '--data-dir', dataDir, '--test-mode', ...clockArgs],
    // The core on the page's zone (UTC, playwright.config) unless a spec says otherwise: the times
    // it draws itself (notifications) say "yours" on the same clock as the page, on any machine.
    { cwd: ROOT, env: { ...process.env, DIALDECK_TEST_MODE: '1', TZ: options.timeZone ?? 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { url, output } = await printedUrl(child);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Collect a starting preview's output and wait for the address it prints (30 s at most). */
export async function printedUrl(child: ChildProcess): Promise<{ url: string; output: () => string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`preview did not start in 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = output.match(/Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (match?.[1]) {
        clearTimeout(deadline);
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      clearInterval(poll);
      reject(new Error(`preview exited with ${code}:\n${output}`));
    });
  });
  return { url, output: () => output };
}

/** The desk most tests sit at: a rep in New York whose calls default to US numbers. */
export const DESK_SETTINGS = { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' } as const;

/** A preview on a fresh data folder (or `dataDir`) with the first-run questions answered: the
 *  desk's settings (DESK_SETTINGS, then `settings` over them) saved and confirmed, so the page
 *  opens on the queue. */
export async function confirmedPreview(options: PreviewOptions & { dataDir?: string; settings?: Record<string, unknown> } = {}): Promise<RunningPreview> {
  const { dataDir = makeDataDir(), settings = {}, ...start } = options;
  const running = await startPreview(dataDir, start);
  await invokeCore(running, 'settings.update', { ...DESK_SETTINGS, ...settings });
  await invokeCore(running, 'settings.confirm', {});
  return running;
}

/** What the preview's recording dialer received (test mode only). */
export async function dialled(preview: RunningPreview): Promise<string[]> {
  const response = await fetch(`${preview.origin}/__dialdeck/test/dialed`, { headers: { 'x-dialdeck-token': preview.token } });
  return (await response.json()) as string[];
}

/** Call the core as the page would (for setting up data, not for the steps under test). */
export async function invokeCore<T>(preview: RunningPreview, channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': preview.token, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, request }),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
  return envelope.value as T;
}

/** What the preview's recording notifier was asked to show (test mode only). */
export async function notifications(preview: RunningPreview): Promise<{ title: string; body: string; contactId?: number; at: number }[]> {
  const response = await fetch(`${preview.origin}/__dialdeck/test/notifications`, { headers: { 'x-dialdeck-token': preview.token } });
  return (await response.json()) as { title: string; body: string; contactId?: number; at: number }[];
}

/** Move the preview's fake clock on (started with { clock }), firing due timers. */
export async function advanceClock(preview: RunningPreview, advanceMs: number): Promise<string> {
  const response = await fetch(`${preview.origin}/__dialdeck/test/clock`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': preview.token, 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  if (!response.ok) throw new Error(`clock: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { now: string }).now;
}

/** An email task and a callback, both late: a voicemail on `emailLead` (its email task falls due
 *  at once, 17:00 UTC, 12:00 in New York) and a callback `callbackLead` asked for at 17:30 UTC
 *  (12:30 in New York); then the clock moves on to 20:05 UTC: the callback 2 h 35 min late, the
 *  task 3 h 5 min. */
export async function lateTaskAndCallback(preview: RunningPreview, emailLead: number, callbackLead: number): Promise<void> {
  const first = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: emailLead });
  await invokeCore(preview, 'calls.log', { callId: first.id, outcome: 'voicemail_left' });
  const second = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: callbackLead });
  await invokeCore(preview, 'calls.log', { callId: second.id, outcome: 'callback_requested', callbackAt: '2026-03-04T17:30:00Z' });
  await advanceClock(preview, (3 * 60 + 5) * 60_000);
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** A fresh data folder asks for the default country and zone first; accept the guesses. */
export async function confirmFirstRun(page: import('@playwright/test').Page): Promise<void> {
  const start = page.getByRole('button', { name: 'Start calling' });
  await start.focus();
  await page.keyboard.press('Enter');
  await start.waitFor({ state: 'detached' });
}
