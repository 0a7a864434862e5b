// The worker thread that saves what can still be read from a damaged call log (salvage.ts), so
// the recovery screen stays responsive however large the file.
import { parentPort, workerData } from 'node:worker_threads';
import { salvageDatabase, type SalvageJob } from './salvage';
import type { SalvageMessage } from './service';

const post = (message: SalvageMessage) => parentPort!.postMessage(message);

try {
  const report = salvageDatabase(workerData as SalvageJob, (table, rows) => post({ type: 'progress', table, rows }));
  post({ type: 'done', report });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
