// Types for tests/summarize.mjs (plain JavaScript, so `npm test` needs no TypeScript to end).
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}
export interface NotRunMarker {
  reason: string;
  tests: number | null;
}
export interface Reports {
  vitest: VitestReport | null;
  e2e: PlaywrightReport | null;
  electron: PlaywrightReport | null;
  electronNotRun: NotRunMarker | null;
}
export declare const REPORTS: Record<'vitest' | 'e2e' | 'electron', { file: string; what: string }>;
export declare const ELECTRON_NOT_RUN: string;
export declare function summarize(reports: Reports): { line: string; ok: boolean };
export declare function readReports(dir: string, notBefore: number): Reports;
