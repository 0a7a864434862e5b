// The last line of `npm test` (tests/summary.mjs over tests/summarize.mjs): counts from every report, a missing report is
// a failure, and the Electron smoke test is "not run" only when its runner said so.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readReports, summarize, type PlaywrightReport, type Reports, type VitestReport } from '../summarize.mjs';
import { tempDir } from './helpers';

const vitest: VitestReport = { numPassedTests: 380, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
const e2e: PlaywrightReport = { stats: { expected: 33, unexpected: 0, flaky: 0, skipped: 0 } };
const electron: PlaywrightReport = { stats: { expected: 1, unexpected: 0, flaky: 0, skipped: 0 } };
const notRun = { reason: 'no Electron binary', tests: 1 };
const all = (overrides: Partial<Reports>): Reports => ({ vitest, e2e, electron: null, electronNotRun: notRun, ...overrides });

describe('the summary line', () => {
  it('adds up every report', () => {
    expect(summarize(all({ electron, electronNotRun: null }))).toEqual({ line: '414 passed, 0 failed', ok: true });
  });

  it('says the Electron smoke test did not run, after "N passed, N failed"', () => {
    expect(summarize(all({}))).toEqual({ line: '413 passed, 0 failed, 1 not run (no Electron binary)', ok: true });
  });

  it('a missing end-to-end report is a failure, named', () => {
    const { line, ok } = summarize(all({ e2e: null }));
    expect(ok).toBe(false);
    expect(line).toBe('380 passed, 1 failed (no report from the end-to-end tests: test-results/e2e.json), 1 not run (no Electron binary)');
  });

  it('a missing unit-test report is a failure, named', () => {
    const { line, ok } = summarize(all({ vitest: null }));
    expect(ok).toBe(false);
    expect(line).toMatch(/^33 passed, 1 failed \(no report from the unit tests: test-results\/vitest\.json\)/);
  });

  it('no Electron report and no word that it could not run is a failure', () => {
    const { line, ok } = summarize(all({ electronNotRun: null }));
    expect(ok).toBe(false);
    expect(line).toBe('413 passed, 1 failed (no report from the Electron smoke test: test-results/electron.json)');
  });

  it('counts failures, flaky tests as failures, and skipped tests', () => {
    const { line, ok } = summarize(
      all({
        vitest: { ...vitest, numFailedTests: 2, numPendingTests: 1 },
        e2e: { stats: { expected: 30, unexpected: 1, flaky: 1, skipped: 1 } },
      }),
    );
    expect(ok).toBe(false);
    expect(line).toBe('410 passed, 4 failed, 2 skipped, 1 not run (no Electron binary)');
  });

  it('nothing passed is not a pass', () => {
    const none = { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } };
    expect(summarize(all({ vitest: { ...vitest, numPassedTests: 0 }, e2e: none })).ok).toBe(false);
  });
});

describe('reading the reports', () => {
  it('a report left from an earlier run counts as missing', () => {
    const dir = tempDir('dialdeck-summary-');
    fs.writeFileSync(path.join(dir, 'vitest.json'), JSON.stringify(vitest));
    fs.writeFileSync(path.join(dir, 'e2e.json'), JSON.stringify(e2e));
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(path.join(dir, 'e2e.json'), old, old);
    expect(readReports(dir, Date.now() - 60 * 60 * 1000)).toEqual({ vitest, e2e: null, electron: null, electronNotRun: null });
  });

  it('run as a script, it prints the line last and fails the run when a report is missing', () => {
    const root = tempDir('dialdeck-summary-root-');
    fs.mkdirSync(path.join(root, 'tests'));
    fs.mkdirSync(path.join(root, 'test-results'));
    for (const file of ['summary.mjs', 'summarize.mjs']) fs.copyFileSync(path.resolve(__dirname, '..', file), path.join(root, 'tests', file));
    fs.writeFileSync(path.join(root, 'test-results', 'vitest.json'), JSON.stringify(vitest));
    fs.writeFileSync(path.join(root, 'test-results', 'electron-not-run.json'), JSON.stringify(notRun));
    const run = () => spawnSync(process.execPath, [path.join(root, 'tests', 'summary.mjs')], { encoding: 'utf8' });

    const withoutE2e = run();
    expect(withoutE2e.status).toBe(1);
    expect(withoutE2e.stdout.trim().split('\n').at(-1)).toBe('380 passed, 1 failed (no report from the end-to-end tests: test-results/e2e.json), 1 not run (no Electron binary)');

    fs.writeFileSync(path.join(root, 'test-results', 'e2e.json'), JSON.stringify(e2e));
    const complete = run();
    expect(complete.status).toBe(0);
    expect(complete.stdout.trim().split('\n').at(-1)).toBe('413 passed, 0 failed, 1 not run (no Electron binary)');
  });
});
