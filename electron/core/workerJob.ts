// One job on its own worker thread, for the workers that post progress as they go and then one
// last message (done or error): the export, the backup copy and the recovery's salvage.
import { Worker } from 'node:worker_threads';

/** What such a worker posts. */
export type JobMessage = { type: 'progress' } | { type: 'done' } | { type: 'error'; message: string };

/** Settled once: by the worker's last message, or by its failure or exit before it (the exit
 *  that follows the last message is the normal end). `failure` words every way it can fail for
 *  the rep: the worker's own error message, "the <name> worker failed (…)", "… stopped
 *  unexpectedly (exit n)". */
export function runWorkerJob<M extends JobMessage, T>(job: {
  name: string;
  file: string;
  workerData: unknown;
  done: (message: Extract<M, { type: 'done' }>) => T;
  onProgress?: (message: Extract<M, { type: 'progress' }>) => void;
  failure: (message: string) => Error;
}): Promise<T> {
  return new Promise((resolve, reject) => {
    // execArgv: [] so the worker does not inherit loaders such as tsx from a development parent.
    const worker = new Worker(job.file, { workerData: job.workerData, execArgv: [] });
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      reject(job.failure(message));
    };
    worker.on('message', (message: M) => {
      if (message.type === 'progress') job.onProgress?.(message as Extract<M, { type: 'progress' }>);
      else if (message.type === 'error') fail((message as { message: string }).message);
      else if (!settled) {
        settled = true;
        resolve(job.done(message as Extract<M, { type: 'done' }>));
      }
    });
    worker.on('error', (error) => fail(`the ${job.name} worker failed (${error.message})`));
    worker.on('exit', (code) => fail(`the ${job.name} worker stopped unexpectedly (exit ${code})`));
  });
}
