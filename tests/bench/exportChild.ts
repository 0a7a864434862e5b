// One export in a fresh process, through the same handler as the app's export button: prints
// its time, the rows and bytes written, and the process's peak resident memory (kernel maxRSS,
// the export worker included) over what the process held just before, as JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type CoreOptions } from '../../electron/core/core';
import { exportFolder } from '../../electron/core/exports/folder';
import { pathsFor } from '../../electron/core/paths';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';

async function main(): Promise<void> {
  const [dataDir, what] = process.argv.slice(2) as [string, 'contacts' | 'duds'];
  const options = (dir: string): CoreOptions => ({
    paths: pathsFor(dir),
    files: exportFolder(path.join(dir, 'exports')),
    clock: new FakeClock('2026-11-20T09:00:00Z'),
    dialer: new RecordingDialer(),
    notifier: new RecordingNotifier(),
    startTimers: false,
  });
  // In development the worker is bundled on first use: an export of an empty database first
  // keeps that one-off step out of the measurement (the app ships it built).
  const warmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-export-warm-'));
  const warm = createCore(options(warmDir));
  await warm.invoke('exports.write', { what });
  warm.close();
  fs.rmSync(warmDir, { recursive: true, force: true });

  const core = createCore(options(dataDir));
  const idle = process.memoryUsage().rss;
  const started = performance.now();
  const envelope = await core.invoke('exports.write', { what });
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  core.close();
  if (!envelope.ok) throw new Error(envelope.error.message);
  const { path: file, rows } = envelope.value as { path: string; rows: number };
  const bytes = fs.statSync(file).size;
  fs.rmSync(file);
  const mb = (n: number) => n / 2 ** 20;
  process.stdout.write(`${JSON.stringify({ ms, rows, bytes, idleMb: mb(idle), peakMb: mb(peak), peakOverIdleMb: mb(peak - idle) })}\n`);
}

void main();
