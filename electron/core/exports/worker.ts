// The worker thread of an export: opens its own read-only connection, streams the rows to the
// file (exportRows.ts) and reports progress, so the main process never holds the file's text.
import { parentPort, workerData } from 'node:worker_threads';
import { writeExportFile, type ExportJob, type ExportMessage } from './rows';

/** The file-system failures a rep can do something about, in words. */
const FILE_PROBLEMS = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ENOENT', 'that folder does not exist'],
  ['ENOSPC', 'the disk is full'],
  ['EROFS', 'that disk is read-only'],
  ['EISDIR', 'that is a folder'],
]);

const post = (message: ExportMessage) => parentPort!.postMessage(message);

writeExportFile(workerData as ExportJob, (rows, total) => post({ type: 'progress', rows, total })).then(
  (rows) => post({ type: 'done', rows }),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const problem = code === undefined ? undefined : FILE_PROBLEMS.get(code);
    post({ type: 'error', message: problem ?? (error instanceof Error ? error.message : String(error)) });
  },
);
