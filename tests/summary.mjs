// The last line of `npm test`: how many tests ran and passed, across vitest and Playwright, in
// the plain "N passed, N failed" form CI reads. Reports are written by this run (stale ones from
// an earlier run are ignored by their age).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const results = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const startedBefore = Date.now() - 60 * 60 * 1000;

function read(name) {
  const file = path.join(results, name);
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < startedBefore) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
for (const name of ['e2e.json', 'electron.json']) {
  const report = read(name);
  if (!report) continue;
  passed += report.stats.expected;
  failed += report.stats.unexpected + report.stats.flaky;
  skipped += report.stats.skipped;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
