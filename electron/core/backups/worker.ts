// The worker thread that writes an online backup (copies.ts: a read snapshot of its own, copied a
// few pages at a time, then checked with quick_check), or checks backups already written for the
// list: the main thread, where calls are logged, only waits for its answer, so no part of a
// backup — the copy or any check — pauses calling.
import { parentPort, workerData } from 'node:worker_threads';
import { inspectDatabaseFile, writeOnlineBackup, type BackupPace, type DatabaseFacts, type Inspection } from './copies';

export type BackupJob = { kind: 'copy'; databaseFile: string; dest: string; pace: BackupPace } | { kind: 'inspect'; files: string[] };

export type BackupMessage = { type: 'done'; facts: DatabaseFacts } | { type: 'error'; message: string };
export type InspectMessage = { type: 'done'; inspections: Inspection[] } | { type: 'error'; message: string };

const job = workerData as BackupJob;
const failed = (error: unknown) => parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BackupMessage);
if (job.kind === 'inspect') {
  try {
    parentPort!.postMessage({ type: 'done', inspections: job.files.map((file) => inspectDatabaseFile(file)) } satisfies InspectMessage);
  } catch (error) {
    failed(error);
  }
} else {
  writeOnlineBackup(job.databaseFile, job.dest, job.pace).then((facts) => parentPort!.postMessage({ type: 'done', facts } satisfies BackupMessage), failed);
}
