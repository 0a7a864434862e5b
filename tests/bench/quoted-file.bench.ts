// Issue #10 bar: reading a file whose every line has an unclosed quote costs at most twice
// reading the same rows with their quotes closed (it was quadratic: 16,000 such rows took 29 s).
// The same bar for stray quotes, closed only by a quote at the end of the file.
import { performance } from 'node:perf_hooks';
import { forEachRecord } from '../../electron/core/imports/leadFile';
import { prepareFile } from '../../electron/core/imports/rows';
import { generateQuotedCsv } from './leadFile';
import type { BenchResult } from './run';
import { ms, percentile } from './stats';

const ROWS = 16_000;
const REPEATS = 7;
const GOAL = 2;

function median(work: () => void): number {
  work(); // warm up
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

export function run(): BenchResult {
  const { clean, broken, stray } = generateQuotedCsv(ROWS);
  const read = (text: string) => () => {
    let unreadable = 0;
    forEachRecord(text, ',', (record) => {
      if (record.unreadable) unreadable++;
    });
    return unreadable;
  };
  const prepare = (text: string) => () => {
    const options = {
      bytes: new TextEncoder().encode(text),
      mapping: ['firstName', 'lastName', 'company', 'phone', 'email'] as const,
      country: 'US',
      knownPhones: [],
      knownEmails: [],
      lines: 'mixed' as const,
    };
    prepareFile({ ...options, mapping: [...options.mapping] }, 10_000, () => {});
  };
  let brokenRows = 0;
  forEachRecord(broken, ',', (record) => {
    if (record.unreadable) brokenRows++;
  });
  if (brokenRows !== ROWS) throw new Error(`expected ${ROWS} unreadable rows, read ${brokenRows}`);
  let strayRows = 0;
  forEachRecord(stray, ',', (record) => {
    if (record.unreadable) strayRows++;
  });
  if (strayRows !== ROWS) throw new Error(`expected ${ROWS} rows with a stray quote, read ${strayRows}`);
  const readClean = median(read(clean));
  const readBroken = median(read(broken));
  const readStray = median(read(stray));
  const prepareClean = median(prepare(clean));
  const prepareBroken = median(prepare(broken));
  const ratio = readBroken / readClean;
  const strayRatio = readStray / readClean;
  return {
    name: `Read ${ROWS.toLocaleString()} rows with one unclosed quote per line vs the same rows clean`,
    lines: [
      `files: clean ${(clean.length / 1024).toFixed(0)} KB, broken ${(broken.length / 1024).toFixed(0)} KB (every data row unreadable)`,
      `reading (CSV to records), median of ${REPEATS}: clean ${ms(readClean)}, broken ${ms(readBroken)} → ratio ${ratio.toFixed(2)}×, stray ${ms(readStray)} → ratio ${strayRatio.toFixed(2)}×`,
      `whole worker side (decode, read, classify), median of ${REPEATS}: clean ${ms(prepareClean)}, broken ${ms(prepareBroken)} → ratio ${(prepareBroken / prepareClean).toFixed(2)}×`,
    ],
    bars: [
      { label: `unclosed quotes read at <= ${GOAL}× the clean file's time (${ratio.toFixed(2)}×)`, met: ratio <= GOAL },
      { label: `stray quotes read at <= ${GOAL}× the clean file's time (${strayRatio.toFixed(2)}×)`, met: strayRatio <= GOAL },
    ],
  };
}
