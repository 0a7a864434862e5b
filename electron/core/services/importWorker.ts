// The worker thread of an import: decodes, parses and classifies the file (importRows.ts) and
// posts batches as they fill, so the main process only writes them.
import { parentPort, workerData } from 'node:worker_threads';
import { CoreError } from '../errors';
import { prepareFile, type PrepareOptions } from './importRows';

const { options, batchRows } = workerData as { options: PrepareOptions; batchRows: number };
try {
  prepareFile(options, batchRows, (message) => parentPort!.postMessage(message));
} catch (error) {
  parentPort!.postMessage({
    type: 'error',
    code: error instanceof CoreError ? error.code : 'internal',
    message: error instanceof Error ? error.message : String(error),
  });
}
