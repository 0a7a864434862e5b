// The worker thread of an import: decodes, parses and classifies the file (importRows.ts) and
// posts batches as they fill, so the main process only writes them; and reads the wizard's
// preview of a file, so no parse of a user's file ever runs on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type WorkerJob } from './rows';

const { job } = workerData as { job: WorkerJob };
runJob(job, (message) => parentPort!.postMessage(message));
