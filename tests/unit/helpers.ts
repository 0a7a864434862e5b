import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/core';
import { exportFolder } from '../../electron/core/exports/folder';
import { pathsFor } from '../../electron/core/paths';
import type { Files } from '../../electron/core/ports';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';

/** The folders tempDir made in this test file, removed after it (tests/unit/cleanup.ts): a run
 *  of the unit tests left some 300 of them, a few hundred MB, in the temp folder every time. */
const madeDirs = new Set<string>();

export function tempDir(prefix = 'dialdeck-unit-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.add(dir);
  return dir;
}

/** Remove every folder tempDir made so far (a core still open in one is only a file handle). An
 *  automatic backup a closed core had started may still be writing into one on its worker
 *  thread: a folder that fills again while it is removed is tried again (ENOTEMPTY). */
export function removeTempDirs(): void {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  madeDirs.clear();
}

export interface TestCore {
  core: Core;
  clock: FakeClock;
  dialer: RecordingDialer;
  notifier: RecordingNotifier;
  dir: string;
  /** Invoke and unwrap: throws with the error message when the envelope is not ok. */
  call<T = unknown>(channel: string, request: unknown): Promise<T>;
}

export function makeCore(dir = tempDir(), options: { country?: string; zone?: string; clock?: FakeClock; notifier?: RecordingNotifier; repZone?: string; files?: Files } = {}): TestCore {
  // Monday 2 March 2026, 09:00 in Los Angeles, 12:00 in New York: inside residential calling
  // hours across the continental US, where most tests' leads are.
  const clock = options.clock ?? new FakeClock('2026-03-02T17:00:00Z');
  const dialer = new RecordingDialer();
  const notifier = options.notifier ?? new RecordingNotifier();
  const core = createCore({
    paths: pathsFor(dir),
    clock,
    dialer,
    notifier,
    // Exports go to <dir>/exports/ unless a test says otherwise.
    files: options.files ?? exportFolder(path.join(dir, 'exports')),
    initialCountry: options.country ?? 'US',
    initialTimeZone: options.zone ?? 'America/New_York',
    repTimeZone: options.repZone ?? 'Europe/London',
  });
  return {
    core,
    clock,
    dialer,
    notifier,
    dir,
    async call<T>(channel: string, request: unknown) {
      const envelope = await core.invoke(channel, request);
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value as T;
    },
  };
}

export const FIXTURES = path.resolve(__dirname, '../fixtures');

/** A time as the screens, the CLI and the notifications draw it, worked out here with Intl alone
 *  (not the app's formatter): the lead's clock with its zone, and this computer's beside it unless
 *  both read the same; each with the date when it is not `now`'s day on its clock, and the
 *  computer's not when the lead's has just said the same date. (Same year assumed.) */
export function expectedLeadTime(at: number, zone: string, now: number = at): string {
  const day = (z?: string, t = at) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(z ? { timeZone: z } : {}) }).format(t);
  const dated = (z?: string) => day(z) !== day(z, now) && !(z === undefined && day(zone) !== day(zone, now) && day(zone) === day());
  const clock = (z?: string) =>
    unbrokenTime(new Intl.DateTimeFormat(undefined, {
      ...(dated(z) ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(z ? { timeZone: z } : {}),
    }).format(at));
  const wall = (z?: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', ...(z ? { timeZone: z } : {}) }).format(at);
  return wall(zone) === wall() ? clock(zone) : `${clock(zone)} · ${clock()}\u00a0yours`;
}

/** Intl's text with its spaces made no-break but after a comma: a time is never split across two
 *  lines ("9:00" at a line's end, "PM EST" on the next), a date may break after its commas. */
export function unbrokenTime(text: string): string {
  return text.replace(/(?<!,) /g, '\u00a0');
}
