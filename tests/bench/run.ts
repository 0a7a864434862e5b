// `npm run bench`: runs every *.bench.ts here in turn and prints what it measured, with the
// machine it ran on. Benchmarks are not timed tests: they report, and fail only on a broken run
// or a missed bar that the benchmark itself declares. `npm run bench -- queue` runs those whose
// file name contains "queue".
//
// Each benchmark runs in a process of its own, as the app's core runs in one: run one after
// another in one process, a benchmark measured the heap and the compiled code the benchmarks
// before it left (the queue's disposition p99 3.5 ms after the import, law and measure benches,
// 2.2–2.5 ms alone; the dashboard's first paint likewise).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchResult {
  name: string;
  lines: string[];
  /** A performance bar from an issue, and whether this run met it. */
  bars: { label: string; met: boolean }[];
}

/** Run one benchmark file in this process and print its result; returns the bars it missed. */
async function runOne(file: string): Promise<number> {
  const bench = (await import(path.join(__dirname, file))) as { run: () => Promise<BenchResult> | BenchResult };
  const result = await bench.run();
  console.log(`\n== ${result.name} (${file})`);
  for (const line of result.lines) console.log(`  ${line}`);
  let missed = 0;
  for (const bar of result.bars) {
    console.log(`  ${bar.met ? 'MET ' : 'MISSED'} ${bar.label}`);
    if (!bar.met) missed++;
  }
  return missed;
}

const ONE = '--one';

async function main(): Promise<void> {
  if (process.argv[2] === ONE) {
    const missed = await runOne(process.argv[3]!);
    fs.writeFileSync(process.env.DIALDECK_BENCH_MISSED!, String(missed));
    return;
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`);
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
    .sort();
  let missed = 0;
  const broken: string[] = [];
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-')), 'missed');
  for (const file of files) {
    fs.rmSync(report, { force: true });
    // The same Node with the same loader (tsx) this runner was started with.
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, ONE, file], { stdio: 'inherit', env: { ...process.env, DIALDECK_BENCH_MISSED: report } });
    if (child.status !== 0 || !fs.existsSync(report)) {
      broken.push(file);
      continue;
    }
    missed += Number(fs.readFileSync(report, 'utf8'));
  }
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  if (broken.length > 0) console.log(`\n${broken.length} benchmark(s) did not finish: ${broken.join(', ')}.`);
  if (missed > 0) console.log(`\n${missed} performance bar(s) missed.`);
  if (missed > 0 || broken.length > 0) process.exitCode = 1;
}

void main();
