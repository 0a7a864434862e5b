// The worker thread that writes an online backup (copies.ts: a read snapshot of its own, copied a
// few pages at a time, then checked with quick_check): the main thread, where calls are logged,
// only waits for its answer, so no part of a backup — the copy or its check — pauses calling.
import { parentPort, workerData } from 'node:worker_threads';
import { writeOnlineBackup, type BackupPace, type DatabaseFacts } from './copies';

export interface BackupJob {
  databaseFile: string;
  dest: string;
  pace: BackupPace;
}

export type BackupMessage = { type: 'done'; facts: DatabaseFacts } | { type: 'error'; message: string };

const job = workerData as BackupJob;
writeOnlineBackup(job.databaseFile, job.dest, job.pace).then(
  (facts) => parentPort!.postMessage({ type: 'done', facts } satisfies BackupMessage),
  (error: unknown) => parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BackupMessage),
);
