// The last line of `npm test`; the rules are in summarize.mjs (unit-tested).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReports, summarize } from './summarize.mjs';

const results = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
// `npm test` takes minutes; a report older than an hour is not from this run.
const { line, ok } = summarize(readReports(results, Date.now() - 60 * 60 * 1000));
console.log(`\n${line}`);
process.exitCode = ok ? 0 : 1;
