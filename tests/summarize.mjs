// The last line of `npm test` (printed by tests/summary.mjs): how many tests ran and passed,
// across vitest and Playwright, in the plain "N passed, N failed" form CI reads, then what did not
// run and why. A report that should be there and is not (or is left from an earlier run) counts
// as a failure, never as nothing to report. The Electron smoke test is "not run" only when
// tests/electron/run.mjs recorded that it could not run it.
import fs from 'node:fs';
import path from 'node:path';

export const REPORTS = {
  vitest: { file: 'vitest.json', what: 'the unit tests' },
  e2e: { file: 'e2e.json', what: 'the end-to-end tests' },
  electron: { file: 'electron.json', what: 'the Electron smoke test' },
};
export const ELECTRON_NOT_RUN = 'electron-not-run.json';

/** reports: each parsed report, or null where its file is missing. Returns the last line and
 *  whether the run passed. */
export function summarize({ vitest, e2e, electron, electronNotRun }) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const missing = [];
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + vitest.numTodoTests;
  } else missing.push('vitest');
  for (const [name, report] of [
    ['e2e', e2e],
    ['electron', electron],
  ]) {
    if (report) {
      passed += report.stats.expected;
      failed += report.stats.unexpected + report.stats.flaky;
      skipped += report.stats.skipped;
    } else if (!(name === 'electron' && electronNotRun)) missing.push(name);
  }
  // A missing report is a suite that failed to say how it went: one failure each, named.
  failed += missing.length;
  const parts = [`${passed} passed`, `${failed} failed`];
  if (missing.length > 0) {
    parts[1] += ` (no report from ${missing.map((name) => `${REPORTS[name].what}: test-results/${REPORTS[name].file}`).join('; ')})`;
  }
  if (skipped > 0) parts.push(`${skipped} skipped`);
  if (!electron && electronNotRun) {
    const count = Number.isInteger(electronNotRun.tests) ? electronNotRun.tests : 1;
    parts.push(`${count} not run (${electronNotRun.reason})`);
  }
  return { line: parts.join(', '), ok: failed === 0 && passed > 0 };
}

/** The reports in `dir`; a file older than `notBefore` (ms) is from an earlier run: missing. */
export function readReports(dir, notBefore) {
  const read = (file) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full) || fs.statSync(full).mtimeMs < notBefore) return null;
    return JSON.parse(fs.readFileSync(full, 'utf8'));
  };
  return {
    vitest: read(REPORTS.vitest.file),
    e2e: read(REPORTS.e2e.file),
    electron: read(REPORTS.electron.file),
    electronNotRun: read(ELECTRON_NOT_RUN),
  };
}
