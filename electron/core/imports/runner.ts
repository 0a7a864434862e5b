// Runs the CPU-heavy half of an import in a worker thread where one can be started (the app,
// the CLI, the preview and the tests all can), and in-process otherwise, through one interface.
import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors';
import { workerFile } from '../workerFile';
import { runJob, type FilePreview, type PrepareMessage, type PrepareOptions, type PreviewRequest, type WorkerJob } from './rows';

export type { PrepareMessage };

/** The messages of one worker job, as they come. */
async function* runInWorker(job: WorkerJob): AsyncGenerator<PrepareMessage> {
  const target = process.env.DIALDECK_IMPORT_IN_PROCESS === '1' ? null : workerFile('importWorker', 'imports/worker.ts');
  if (!target) {
    const messages: PrepareMessage[] = [];
    runJob(job, (message) => messages.push(message));
    yield* messages;
    return;
  }
  // Hand the file's bytes over (a copy, transferred) rather than serialising them into workerData.
  const bytes = (job.kind === 'prepare' ? job.options.bytes : job.request.bytes).slice();
  const transferred: WorkerJob = job.kind === 'prepare' ? { ...job, options: { ...job.options, bytes } } : { ...job, request: { ...job.request, bytes } };
  // execArgv: [] so the worker does not inherit loaders such as tsx from a development parent;
  // the bundle is plain JavaScript, and those loaders tripled the worker's start-up time.
  const worker = new Worker(target, { workerData: { job: transferred }, transferList: [bytes.buffer], execArgv: [] });
  const queue: PrepareMessage[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const push = (message: PrepareMessage) => {
    queue.push(message);
    if (message.type === 'done' || message.type === 'error' || message.type === 'preview') finished = true;
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ type: 'error', code: 'internal', message: `The import worker failed: ${error.message}` }));
  worker.on('exit', (code) => {
    if (!finished) push({ type: 'error', code: 'internal', message: `The import worker stopped unexpectedly (exit ${code}).` });
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      yield message;
      if (message.type === 'done' || message.type === 'error' || message.type === 'preview') return;
    }
  } finally {
    await worker.terminate();
  }
}

/** Decode, read and classify a file in the worker; batches come as they fill. */
export function prepareRows(options: PrepareOptions, batchRows: number): AsyncGenerator<PrepareMessage> {
  return runInWorker({ kind: 'prepare', options, batchRows });
}

/** What the wizard shows of a file (encoding, delimiter, header, first rows, row count), read
 *  in the worker: a large or hostile file never holds up the main process. */
export async function previewInWorker(request: PreviewRequest): Promise<FilePreview> {
  for await (const message of runInWorker({ kind: 'preview', request })) {
    if (message.type === 'preview') return message.preview;
    if (message.type === 'error') throw new CoreError(message.code, message.message);
  }
  throw new CoreError('internal', 'The import worker gave no preview.');
}
