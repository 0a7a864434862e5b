// `npm run bench`: runs every *.bench.ts here in turn and prints what it measured, with the
// machine it ran on. Benchmarks are not timed tests: they report, and fail only on a broken run
// or a missed bar that the benchmark itself declares.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';

export interface BenchResult {
  name: string;
  lines: string[];
  /** A performance bar from an issue, and whether this run met it. */
  bars: { label: string; met: boolean }[];
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`);
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
    .sort();
  let missed = 0;
  for (const file of files) {
    const bench = (await import(path.join(__dirname, file))) as { run: () => Promise<BenchResult> | BenchResult };
    const result = await bench.run();
    console.log(`\n== ${result.name} (${file})`);
    for (const line of result.lines) console.log(`  ${line}`);
    for (const bar of result.bars) {
      console.log(`  ${bar.met ? 'MET ' : 'MISSED'} ${bar.label}`);
      if (!bar.met) missed++;
    }
  }
  if (missed > 0) {
    console.log(`\n${missed} performance bar(s) missed.`);
    process.exitCode = 1;
  }
}

void main();
