// Exports (contacts, "duds to return") are written to a file by a worker thread that reads the
// database on its own connection (exports/worker.ts → exports/rows.ts): the main process only asks
// where to save, starts the worker and passes its progress on.
import { CoreError } from '../errors';
import type { CoreContext } from '../context';
import type { Clock, Files } from '../ports';
import type { ExportJob, ExportKind, ExportMessage } from './rows';
import { workerFile } from '../workerFile';
import { runWorkerJob } from '../workerJob';
import type { CallExportFormat } from '../../../shared/domain/callExports';

export interface ExportRequest {
  what: ExportKind;
  importId: number | null;
  /** calls: the format and the range (ISO instants; default the whole log). */
  format?: CallExportFormat;
  /** lost: the report's range (ISO; default all time). */
  from?: string;
  to?: string;
}

export interface ExportProgress {
  path: string;
  rows: number;
  total: number;
}

export function suggestedExportName(what: ExportKind, clock: Clock, format: CallExportFormat = 'csv'): string {
  const stamp = clock.now().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  if (what === 'calls') return format === 'csv' ? `dialdeck-calls-${stamp}.csv` : `dialdeck-calls-for-${format}-${stamp}.csv`;
  if (what === 'lost') return `dialdeck-lost-and-stalled-${stamp}.csv`;
  return what === 'contacts' ? `dialdeck-contacts-${stamp}.csv` : what === 'tasks' ? `dialdeck-tasks-${stamp}.csv` : `dialdeck-duds-to-return-${stamp}.csv`;
}

/** Ask where to save, then write the export there off the main thread. `path: null` when the rep
 *  cancelled (nothing was written). */
export async function saveExport(
  deps: { databaseFile: string; files: Files | null; clock: Clock; repZone: string },
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void = () => undefined,
): Promise<{ path: string | null; rows: number }> {
  if (!deps.files) throw new CoreError('internal', 'This Dialdeck was started without a place to save exports.');
  const calls = request.what === 'calls' ? { ...callRange(request), zone: deps.repZone } : undefined;
  const lostRange = request.what === 'lost' ? { from: request.from === undefined ? 0 : Date.parse(request.from), to: request.to === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(request.to) } : undefined;
  if (lostRange && lostRange.from >= lostRange.to) throw new CoreError('invalid_request', "The report's start must be before its end.", { from: 'after the end' });
  const outFile = await deps.files.chooseExportPath(suggestedExportName(request.what, deps.clock, request.format));
  if (outFile === null) return { path: null, rows: 0 };
  // The worker has no clock: "stalled" is judged at the instant the export was asked for.
  const lost = lostRange ? { ...lostRange, at: deps.clock.now().getTime() } : undefined;
  const rows = await runExportWorker({ databaseFile: deps.databaseFile, what: request.what, importId: request.importId, outFile, calls, lost }, (done, total) =>
    onProgress({ path: outFile, rows: done, total }),
  );
  return { path: outFile, rows };
}

/** The calls export's format and range, checked before anything is asked or written. */
function callRange(request: ExportRequest): { format: CallExportFormat; from: number; to: number } {
  const from = request.from === undefined ? 0 : Date.parse(request.from);
  const to = request.to === undefined ? 8.64e15 : Date.parse(request.to);
  if (!(to > from)) throw new CoreError('invalid_request', `The range must end after it starts (from ${request.from} to ${request.to}).`, { to: 'before from' });
  return { format: request.format ?? 'csv', from, to };
}

/** An export as the screens ask for it: written off the main thread, its progress told as it
 *  goes. */
export function exportToFile(ctx: CoreContext, files: Files | null, request: ExportRequest): Promise<{ path: string | null; rows: number }> {
  return saveExport({ databaseFile: ctx.paths.databaseFile, files, clock: ctx.clock, repZone: ctx.repTimeZone }, request, ({ path, rows, total }) =>
    ctx.effects.emit('export.progress', { what: request.what, importId: request.importId, path, rows, total }),
  );
}

/** One export on its own worker thread; resolves with the data rows written. */
function runExportWorker(job: ExportJob, onProgress: (rows: number, total: number) => void): Promise<number> {
  const file = workerFile('exportWorker', 'exports/worker.ts');
  if (!file) return Promise.reject(new CoreError('internal', 'The export worker is missing from this build of Dialdeck.'));
  return runWorkerJob<ExportMessage, number>({
    name: 'export',
    file,
    workerData: job,
    done: (message) => message.rows,
    onProgress: (message) => onProgress(message.rows, message.total),
    failure: (message) => new CoreError('internal', `Could not save ${job.outFile}: ${message}. Nothing was written there.`),
  });
}
