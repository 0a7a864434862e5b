// One import in a fresh process, as the app's main process would run it: prints the time and
// the process's peak resident memory (kernel maxRSS, worker thread included) as JSON.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { runImport } from '../../electron/core/imports/service';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { ensureLeadSearchIndexed } from '../../electron/core/search/repo';

async function main(): Promise<void> {
  const [file, dataDir, warm] = process.argv.slice(2) as [string, string, string];
  const clock = new FakeClock('2026-11-20T09:00:00Z');
  const options = { initialCountry: 'US', initialTimeZone: 'America/New_York', clock, dialer: new RecordingDialer(), notifier: new RecordingNotifier() };
  // The app ships its import worker prebuilt; in development it is bundled on first use, so
  // a tiny import first (on another database) keeps that one-off step out of the measurement.
  const warmCore = createCore({ ...options, paths: pathsFor(warm) });
  await runImport({ ...warmCore.context, clock }, { fileName: 'warm.csv', bytes: new TextEncoder().encode('Name,Phone\nAna,+14155552671\n'), onDuplicate: 'merge', country: 'US' });
  warmCore.close();
  const bytes = new Uint8Array(fs.readFileSync(file));
  const core = createCore({ ...options, paths: pathsFor(dataDir) });
  let progressEvents = 0;
  const started = performance.now();
  const summary = await runImport({ ...core.context, clock }, { fileName: 'leads-100k.csv', bytes, onDuplicate: 'merge', country: 'US' }, () => progressEvents++);
  const ms = performance.now() - started;
  // Right after the import, the app builds the new leads' queue rows (in the background).
  const queueStarted = performance.now();
  core.queue.ensureCaughtUp();
  const queueMs = performance.now() - queueStarted;
  // And their entries in the search index (in the app, in the pauses after the import).
  const searchStarted = performance.now();
  ensureLeadSearchIndexed(core.db);
  const searchMs = performance.now() - searchStarted;
  core.close();
  process.stdout.write(`${JSON.stringify({ ms, queueMs, searchMs, maxRssMb: process.resourceUsage().maxRSS / 1024, progressEvents, summary })}\n`);
}

void main();
