// Baseline for the call log: an acknowledged disposition is one transaction with
// synchronous=FULL. Measures dial (insert) and disposition (update) through the real core,
// beside a bare single-row insert on the same file, so later issues can compare against it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import type { BenchResult } from './run';
import { ms, percentile } from './stats';

const ROUNDS = 2000;

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-'));
  const clock = new FakeClock();
  const core = createCore({ paths: pathsFor(dir), clock, dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US' });
  const added = await core.invoke('contacts.add', { firstName: 'Bench', phone: '+14155552671' });
  if (!added.ok) throw new Error(added.error.message);
  const contactId = (added.value as { id: number }).id;
  const dialTimes: number[] = [];
  const logTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    // The clock runs through the night over 2,000 rounds: the override keeps it dialling.
    const dialled = await core.invoke('calls.dial', { contactId, override: true });
    dialTimes.push(performance.now() - t);
    if (!dialled.ok) throw new Error(dialled.error.message);
    clock.advance(30_000);
    t = performance.now();
    const logged = await core.invoke('calls.log', { callId: (dialled.value as { id: number }).id, outcome: 'no_answer' });
    logTimes.push(performance.now() - t);
    if (!logged.ok) throw new Error(logged.error.message);
    // The rep's pause before the next dial: the event loop's next turn, where the app's own work
    // after a reply runs (the WAL checkpoint, the due count), untimed as it is off their path.
    await new Promise((resolve) => setImmediate(resolve));
  }
  core.db.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, v INTEGER)');
  const insert = core.db.prepare('INSERT INTO bare (v) VALUES (?)');
  const bareTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    insert.run(i);
    bareTimes.push(performance.now() - t);
  }
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const bareP99 = percentile(bareTimes, 99);
  return {
    name: 'Dial and disposition through the core (WAL, synchronous=FULL)',
    lines: [
      `${ROUNDS} rounds on one contact (its history grows to ${ROUNDS} calls)`,
      `dial (call row, contact and queue attempt in one transaction, then the dialer): p50 ${ms(percentile(dialTimes, 50))}, p99 ${ms(percentile(dialTimes, 99))}`,
      `disposition (call, plan and side effects in one transaction, reply with the next lead): p50 ${ms(percentile(logTimes, 50))}, p99 ${ms(percentile(logTimes, 99))}`,
      `bare single-row insert (autocommit): p50 ${ms(percentile(bareTimes, 50))}, p99 ${ms(bareP99)}`,
      `ratio disposition p99 / bare insert p99: ${(percentile(logTimes, 99) / bareP99).toFixed(2)}`,
    ],
    // Measure (#15): with the kept counts moved in the disposition's own transaction.
    bars: [{ label: `disposition p99 ${ms(percentile(logTimes, 99))} < 3 ms, the kept counts (call_tallies) maintained on write`, met: percentile(logTimes, 99) < 3 }],
  };
}
