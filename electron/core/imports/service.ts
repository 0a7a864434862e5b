// Importing leads: every data row ends up imported, merged, skipped as a duplicate or rejected
// with its row number and a reason the rep can act on. Nothing is dropped silently.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { prepareAddToQueueBacklog, syncQueueRow, syncQueueRows } from '../queue/repo';
import { addLeadSearchBacklog, pauseLeadSearchIndex, resumeLeadSearchIndex } from '../search/repo';
import { indexLeadSearchInBackground } from '../search/service';
import type { ImportPreview, ImportSummary } from '../../../shared/ipc/contract';
import { isCountryCode } from '../../../shared/domain/phone';
import { headerSetKey, mappingProblems, suggestMapping, type ColumnTarget } from '../../../shared/domain/leads/mapping';
import type { Delimiter, Encoding } from '../../../shared/domain/leads/decode';
import {
  getImport,
  getRememberedMapping,
  insertImport,
  keepUnfinishedImport,
  listUnfinishedImports,
  rejectedReasonCounts,
  setImportStopReason,
  listRememberedMappings,
  listImportRows,
  prepareUpdateImportCounts,
  listImports,
  prepareInsertImportRow,
  rememberMapping,
  updateImportCounts,
  getMergedRow,
  markMergedRowSplit,
  setMergedRowFilled,
  setMergedRowTagsAdded,
  mergedRowsOf,
  type MergedRow,
  type ImportRow,
} from './repo';
import { getContact, loadDuplicateKeys, fillEmptyFields, mergeFillableFieldsOf, prepareInsertContactBatch, prepareInsertContactValues, setMergeFillableFields, setOtherPhones, type NewContactRow } from '../contacts/repo';
import { fieldWords, mergeFilled, takeBackFilled, type MergeFilled, type MergeFillable } from '../../../shared/domain/leads/mergeFill';
import { otherPhonesAfterMerge } from '../../../shared/domain/leads/duplicates';
import type { StoredOtherPhone } from '../../../shared/domain/dud';
import { CoreError } from '../errors';
import type { Clock } from '../ports';
import type { CoreContext } from '../context';
import type { QueueService } from '../queue/service';
import { CONTACT_VALUE_COUNT, contactValuesOfRow, type ContactValues, type ImportLines, type PreparedBatch } from './rows';
import { prepareRows, previewInWorker } from './runner';
import { isoOrNull } from '../instants';
import { reasonGroup } from '../../../shared/domain/leads/rowReasons';
import { addImportToCampaign, checkCampaignChoice, importLabelled, moveMergedRowTags, prepareImportTagger } from '../campaigns/service';
import { labelKey } from '../../../shared/domain/campaigns';

const PREVIEW_ROWS = 20;
// Rows per transaction: each commit is an fsync (synchronous=FULL), so batches are large; the
// progress bar still moves ten times or more on a big file.
const BATCH_ROWS = 10_000;
const MAX_STAGED = 4;

/** Files the rep has picked but not imported yet, by id, so the bytes cross IPC once. */
export class ImportStage {
  private readonly files = new Map<string, { fileName: string; bytes: Uint8Array }>();

  put(fileName: string, bytes: Uint8Array): string {
    const id = randomUUID();
    this.files.set(id, { fileName, bytes });
    while (this.files.size > MAX_STAGED) this.files.delete(this.files.keys().next().value as string);
    return id;
  }

  get(id: string): { fileName: string; bytes: Uint8Array } {
    const file = this.files.get(id);
    if (!file) throw new CoreError('not_found', 'That file is no longer staged; pick it again.');
    return file;
  }

  drop(id: string): void {
    this.files.delete(id);
  }
}

export function decodeBase64(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}

export async function previewImport(
  db: Database,
  stage: ImportStage,
  request: { stageId: string; encoding?: Encoding; delimiter?: Delimiter },
): Promise<ImportPreview> {
  const { fileName, bytes } = stage.get(request.stageId);
  const file = await previewInWorker({ bytes, encoding: request.encoding, delimiter: request.delimiter, sampleRows: PREVIEW_ROWS });
  const { headers } = file;
  const remembered = getRememberedMapping(db, headerSetKey(headers));
  const mapping = (remembered && remembered.length === headers.length ? remembered : suggestMapping(headers)) as ColumnTarget[];
  return {
    stageId: request.stageId,
    fileName,
    encoding: file.encoding,
    bom: file.bom,
    delimiter: file.delimiter,
    headers,
    sample: file.sample,
    dataRowsApprox: file.dataRowsApprox,
    unreadable: file.unreadable,
    mapping,
    mappingSource: remembered ? 'remembered' : 'suggested',
    problems: mappingProblems(mapping, headers.length),
  };
}

export interface ImportOptions {
  fileName: string;
  bytes: Uint8Array;
  mapping?: ColumnTarget[];
  onDuplicate: 'merge' | 'skip';
  encoding?: Encoding;
  delimiter?: Delimiter;
  country?: string;
  /** What the file's leads are when a row does not say (the wizard asks): unknown = residential. */
  lines?: ImportLines;
  /** A folder to keep a copy of the file in while the import runs, so that an import cut short
   *  (a crash, a full disk) can be finished without the rep finding the file again. */
  copyDir?: string;
}

export type ImportProgress = (processed: number, total: number) => void;

/** What an import writes with: the one connection, the clock, and the settings (the default
 *  country and zone). */
export type ImportDeps = Pick<CoreContext, 'db' | 'clock' | 'settings'>;

/** The imports running now, per database: an unfinished import that is not running was cut short. */
const running = new WeakMap<Database, Set<number>>();
function runningIn(db: Database): Set<number> {
  let ids = running.get(db);
  if (!ids) running.set(db, (ids = new Set()));
  return ids;
}

/** Import a lead file. A worker thread decodes, parses and classifies the rows; this side writes
 *  them in batches of several thousand, each in one transaction, with a progress callback after
 *  each, so the app stays responsive. The summary is returned only after the last commit. */
export async function runImport(deps: ImportDeps, options: ImportOptions, onProgress?: ImportProgress): Promise<ImportSummary> {
  return importRows(deps, options, null, onProgress);
}

/** "Import the rest" of an interrupted import: the same file (its copy, or the file picked again,
 *  which must be the same bytes) read with the same settings, from the row after the last one
 *  written, into the same import, whose counts carry on. */
export async function resumeImport(
  deps: ImportDeps,
  request: { importId: number; bytes?: Uint8Array; copyDir?: string },
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  const { db } = deps;
  const row = requireImport(db, request.importId);
  if (row.finished_at !== null) throw new CoreError('conflict', `The import of ${row.file_name} has already finished.`);
  if (runningIn(db).has(row.id)) throw new CoreError('conflict', `The import of ${row.file_name} is running.`);
  const bytes = request.bytes ?? readCopy(request.copyDir, row.id);
  if (!bytes) throw new CoreError('not_found', `The copy of ${row.file_name} is gone: choose the file again to import the rest, or keep what was imported.`);
  const options: ImportOptions = {
    fileName: row.file_name,
    bytes,
    mapping: JSON.parse(row.mapping) as ColumnTarget[],
    onDuplicate: row.on_duplicate,
    encoding: row.encoding as Encoding,
    delimiter: row.delimiter as Delimiter,
    country: row.country,
    lines: row.lines,
    copyDir: request.copyDir,
  };
  return importRows(deps, options, row, onProgress);
}

/** Imports that stopped before their end (a crash, a full disk, a failed batch), other than the
 *  ones running now, with how far each got and whether its file's copy is still there. */
export function interruptedImports(db: Database, copyDir: string | undefined) {
  const busy = runningIn(db);
  return listUnfinishedImports(db)
    .filter((row) => !busy.has(row.id))
    .map((row) => ({
      importId: row.id,
      fileName: row.file_name,
      startedAt: new Date(row.started_at).toISOString(),
      dataRows: row.data_rows,
      imported: row.imported,
      merged: row.merged,
      skipped: row.skipped,
      rejected: row.rejected,
      lastRow: row.last_row,
      reason: row.stop_reason,
      fileKept: copyDir !== undefined && fs.existsSync(copyPath(copyDir, row.id)),
    }));
}

/** "Keep what was imported": the interrupted import is finished as it stands, its copy removed. */
export function keepImport(db: Database, clock: Clock, importId: number, copyDir: string | undefined): ImportSummary {
  const row = requireImport(db, importId);
  if (runningIn(db).has(row.id)) throw new CoreError('conflict', `The import of ${row.file_name} is running.`);
  if (!keepUnfinishedImport(db, importId, clock.now().getTime())) throw new CoreError('conflict', `The import of ${row.file_name} has already finished.`);
  removeCopy(copyDir, importId);
  const { reasons, duds } = rejectedReasonCounts(db, importId);
  return summaryOf(requireImport(db, importId), reasonsList(new Map(reasons.map((r) => [r.reason, r.count]))), duds);
}

function copyPath(copyDir: string, importId: number): string {
  return path.join(copyDir, String(importId));
}

function readCopy(copyDir: string | undefined, importId: number): Uint8Array | null {
  if (!copyDir) return null;
  try {
    return new Uint8Array(fs.readFileSync(copyPath(copyDir, importId)));
  } catch {
    return null;
  }
}

function removeCopy(copyDir: string | undefined, importId: number): void {
  if (copyDir) fs.rmSync(copyPath(copyDir, importId), { force: true });
}

async function importRows(deps: ImportDeps, options: ImportOptions, resumed: ImportRow | null, onProgress?: ImportProgress): Promise<ImportSummary> {
  const { db, clock } = deps;
  const settings = deps.settings.all();
  const country = options.country ?? settings.defaultCountry;
  if (!isCountryCode(country)) throw new CoreError('invalid_request', `"${country}" is not a country code such as US or GB.`);
  // The file's header, and so the mapping and its problems, are read in the worker: no parse
  // of the rep's file runs on this thread.
  const startedAt = clock.now().getTime();
  const known = loadDuplicateKeys(db);
  const insertContacts = prepareInsertContactBatch(db, CONTACT_VALUE_COUNT);
  const insertRow = prepareInsertImportRow(db);
  const updateCounts = prepareUpdateImportCounts(db, () => importId);
  const addToQueueBacklog = prepareAddToQueueBacklog(db);
  const tagImported = prepareImportTagger(db, startedAt);
  const counts = resumed
    ? { dataRows: resumed.data_rows, imported: resumed.imported, merged: resumed.merged, skipped: resumed.skipped, rejected: resumed.rejected, duds: 0 }
    : { dataRows: 0, imported: 0, merged: 0, skipped: 0, rejected: 0, duds: 0 };
  const reasons = new Map<string, number>();
  const rejectedBecause = (reason: string) => {
    counts.rejected++;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  // Contact id of each row imported as a new contact, for duplicates later in the same file.
  const idOfRow = new Map<number, number>();
  let importId = resumed?.id ?? 0;
  let total = 0;
  let writing: PreparedBatch | null = null;

  const writeBatch = db.transaction((batch: PreparedBatch) => {
    const flat = JSON.parse(batch.contacts) as unknown[];
    // The search index takes the batch's leads after the import, many at a time (migration 043).
    pauseLeadSearchIndex(db);
    const ids = insertContacts(flat, importId, startedAt);
    resumeLeadSearchIndex(db);
    batch.contactRows.forEach((row, i) => idOfRow.set(row, ids[i]!));
    // The new leads' queue rows and search entries are built right after the import (see
    // queue_backlog and lead_search_backlog).
    if (ids.length > 0) {
      addToQueueBacklog(ids[0]!, ids.at(-1)!);
      addLeadSearchBacklog(db, ids[0]!, ids.at(-1)!);
    }
    counts.imported += batch.contactRows.length - batch.duds.length;
    for (const dud of batch.duds) {
      insertRow.run(importId, batch.contactRows[dud.index]!, 'rejected', dud.reason, dud.raw, ids[dud.index]!);
      counts.duds++;
      rejectedBecause(dud.reason);
    }
    for (const reject of batch.rejects) {
      insertRow.run(importId, reject.n, 'rejected', reject.reason, reject.raw, null);
      rejectedBecause(reject.reason);
    }
    // A merge can fill a lead's empty zone or number: their queue rows follow, once per batch.
    const mergedInto: number[] = [];
    // Whose a row's tags are: the lead it became, or the lead it duplicates.
    const leadOfRow = new Map<number, number>();
    // The kept row of each merged file row: the tags its merge adds to the lead are kept on it.
    const mergedRowOf = new Map<number, number>();
    for (const dup of batch.dups) {
      const target = dup.id ?? (dup.row === null ? undefined : idOfRow.get(dup.row));
      if (target !== undefined) leadOfRow.set(dup.n, target);
      if (target === undefined) throw new Error(`row ${dup.n} duplicates row ${dup.row}, which was not imported`);
      // The result names the person: "merged into Ana Silva (contact #12): same number and extension".
      const same = dup.same === 'phone' ? 'same number and extension, same or no name' : 'same email';
      const who = contactLabel(db, target);
      if (options.onDuplicate === 'skip') {
        insertRow.run(importId, dup.n, 'skipped', `duplicate of ${who}: ${same}`, dup.raw, target);
        counts.skipped++;
      } else {
        const row = contactFromValues(dup.v, importId, startedAt);
        // What the merge changes on the lead is kept with the row, for a split to take back.
        const before = mergeFillableFieldsOf(db, target)!;
        fillEmptyFields(db, { ...row, id: target, updated_at: startedAt });
        keepNewNumbers(db, target, row, startedAt);
        mergedInto.push(target);
        const filled = mergeFilled(before, mergeFillableFieldsOf(db, target)!);
        const kept = insertRow.run(importId, dup.n, 'merged', `merged into ${who}: ${same}`, dup.raw, target);
        if (filled) setMergedRowFilled(db, Number(kept.lastInsertRowid), JSON.stringify(filled));
        mergedRowOf.set(dup.n, Number(kept.lastInsertRowid));
        counts.merged++;
      }
    }
    syncQueueRows(db, mergedInto);
    for (const { n, names } of batch.tags) {
      const lead = idOfRow.get(n) ?? leadOfRow.get(n);
      if (lead === undefined) continue;
      const added = tagImported(lead, names);
      const mergedRow = mergedRowOf.get(n);
      if (mergedRow !== undefined && added.length > 0) setMergedRowTagsAdded(db, mergedRow, added.map((id) => [id, startedAt] as const));
    }
    counts.dataRows += batch.dataRows;
    // The counts so far and the last row written, committed with the rows, so an interrupted
    // import still says what it did and "import the rest" knows where to carry on.
    updateCounts(counts, batch.lastRow);
  });

  const busy = runningIn(db);
  if (resumed) {
    busy.add(resumed.id);
    setImportStopReason(db, resumed.id, null);
  }
  // Checkpoint once at the end rather than every thousand pages during the import.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    for await (const message of prepareRows(
      {
        bytes: options.bytes,
        encoding: options.encoding,
        delimiter: options.delimiter,
        mapping: options.mapping,
        rememberedMappings: listRememberedMappings(db) as [string, ColumnTarget[]][],
        afterRow: resumed?.last_row ?? 0,
        country,
        lines: options.lines ?? 'mixed',
        knownPhones: known.phones,
        knownEmails: known.emails,
      },
      BATCH_ROWS,
    )) {
      if (message.type === 'error') throw new CoreError(message.code, message.message);
      if (message.type === 'meta') {
        total = message.approxTotal;
        const { encoding, delimiter, headers, mapping, sha256 } = message;
        if (resumed) {
          if (resumed.file_sha256 !== null && resumed.file_sha256 !== sha256) {
            throw new CoreError('invalid_request', `This is not the file the import of ${resumed.file_name} was reading (its content differs): choose that same file, or keep what was imported.`);
          }
        } else {
          importId = insertImport(db, { fileName: options.fileName, encoding, delimiter, headers, mapping, onDuplicate: options.onDuplicate, country, at: startedAt, sha256, lines: options.lines ?? 'mixed' });
          busy.add(importId);
          rememberMapping(db, headerSetKey(headers), mapping, startedAt);
          if (options.copyDir) {
            await fs.promises.mkdir(options.copyDir, { recursive: true });
            await fs.promises.writeFile(copyPath(options.copyDir, importId), options.bytes);
          }
        }
        onProgress?.(counts.dataRows, Math.max(total, counts.dataRows));
      } else if (message.type === 'batch') {
        writing = message.batch;
        writeBatch.immediate(message.batch);
        writing = null;
        onProgress?.(counts.dataRows, Math.max(total, counts.dataRows));
      } else if (message.type === 'done') {
        total = message.total;
      }
    }
  } catch (error) {
    throw stopped(db, importId, counts.dataRows, writing, error);
  } finally {
    if (importId) busy.delete(importId);
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
  updateImportCounts(db, importId, { ...counts, finishedAt: clock.now().getTime() });
  removeCopy(options.copyDir, importId);
  db.pragma('wal_checkpoint(PASSIVE)');
  onProgress?.(counts.dataRows, Math.max(total, counts.dataRows));
  if (resumed) {
    const fromDb = rejectedReasonCounts(db, importId);
    return summaryOf(requireImport(db, importId), reasonsList(new Map(fromDb.reasons.map((r) => [r.reason, r.count]))), fromDb.duds);
  }
  return summaryOf(requireImport(db, importId), reasonsList(reasons), counts.duds);
}

/** An import that stops part-way keeps what it committed, is listed as interrupted with why,
 *  and the rep is told which rows it was writing and what to do. */
function stopped(db: Database, importId: number, written: number, writing: PreparedBatch | null, error: unknown): CoreError {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof CoreError ? error.code : 'internal';
  if (!importId) return error instanceof CoreError ? error : new CoreError(code, message);
  const firstRow = writing ? Math.min(...[...writing.contactRows, ...writing.rejects.map((r) => r.n), ...writing.dups.map((d) => d.n)]) : null;
  const where = writing && firstRow !== null ? ` while writing rows ${firstRow}–${writing.lastRow}` : '';
  const reason = `${message}${where}`;
  try {
    setImportStopReason(db, importId, reason);
  } catch {
    // A full disk may refuse even this; the import is still listed as interrupted at the next start.
  }
  return new CoreError(
    code,
    `${reason}. ${written.toLocaleString('en-US')} rows were imported before it stopped; the import is listed as interrupted: import the rest, or keep what was imported.`,
  );
}

/** A merged row's numbers the lead did not have become its other phones (nothing it said is lost). */
function keepNewNumbers(db: Database, target: number, row: NewContactRow, at: number): void {
  const lead = getContact(db, target)!;
  const phones = otherPhonesAfterMerge(
    { e164: lead.e164, otherPhones: JSON.parse(lead.other_phones) as StoredOtherPhone[] },
    { e164: row.e164, raw: row.phone_raw, extension: row.extension, otherPhones: JSON.parse(row.other_phones) as StoredOtherPhone[] },
  );
  if (phones) setOtherPhones(db, target, JSON.stringify(phones), at);
}

function contactFromValues(v: ContactValues, importId: number, at: number): NewContactRow {
  const [first_name, last_name, company, title, email, email_key, phone_raw, e164, extension, other_phones, time_zones, tz_source, country, region, city, postcode, kind, line_type, notes, owner, custom_fields, status, dud_reason, source_row, jurisdictions] = v;
  return {
    first_name, last_name, company, title, email, email_key, phone_raw, e164, extension, other_phones, time_zones,
    tz_source: tz_source as NewContactRow['tz_source'], country, region, city, postcode,
    kind: kind as NewContactRow['kind'], line_type: line_type as NewContactRow['line_type'], notes, owner, custom_fields,
    status: status as NewContactRow['status'], dud_reason, import_id: importId, source_row, created_at: at, jurisdictions,
  };
}

function reasonsList(reasons: Map<string, number>) {
  return [...reasons.entries()].map(([reason, count]) => ({ reason: reasonGroup(reason), count })).reduce<{ reason: string; count: number }[]>((list, item) => {
    const existing = list.find((r) => r.reason === item.reason);
    if (existing) existing.count += item.count;
    else list.push(item);
    return list;
  }, []).sort((a, b) => b.count - a.count);
}

function requireImport(db: Database, id: number): ImportRow {
  const row = getImport(db, id);
  if (!row) throw new CoreError('not_found', `There is no import with id ${id}.`);
  return row;
}

export function summaryOf(row: ImportRow, reasons: { reason: string; count: number }[] = [], duds = 0): ImportSummary {
  return {
    importId: row.id,
    fileName: row.file_name,
    dataRows: row.data_rows,
    imported: row.imported,
    merged: row.merged,
    skipped: row.skipped,
    rejected: row.rejected,
    duds,
    reasons,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: isoOrNull(row.finished_at),
  };
}

/** Which of an import's rows to list. */
export interface ImportRowsQuery {
  importId: number;
  outcome: 'rejected' | 'merged' | 'skipped' | null;
  limit: number;
  offset: number;
}

export function importHistory(db: Database): ImportSummary[] {
  return listImports(db).map((row) => summaryOf(row));
}

export function importRowsPage(db: Database, request: ImportRowsQuery) {
  const row = requireImport(db, request.importId);
  return {
    headers: JSON.parse(row.headers) as string[],
    rows: listImportRowsView(db, request),
  };
}

function listImportRowsView(db: Database, request: ImportRowsQuery) {
  return listImportRows(db, request.importId, request.outcome, request.limit, request.offset).map((r) => ({
    rowNumber: r.row_number,
    outcome: r.outcome,
    reason: r.reason,
    raw: JSON.parse(r.raw) as string[],
    contactId: r.contact_id,
  }));
}

/** The folder the copies of running imports are kept in. */
export function importCopiesFolder(ctx: CoreContext): string {
  return path.join(ctx.paths.dataDir, 'imports');
}

/** Import a staged file as the wizard does: progress events as batches commit; afterwards the
 *  lists and the queue hear of it, and the leads' queue rows are built in the background. */
export async function importStagedFile(
  ctx: CoreContext,
  queue: QueueService,
  stage: ImportStage,
  request: { stageId: string; mapping: ColumnTarget[]; onDuplicate: 'merge' | 'skip'; encoding?: Encoding; delimiter?: Delimiter; country?: string; lines?: ImportLines; campaign?: { id: number } | { name: string } },
): Promise<ImportSummary> {
  if (request.campaign) checkCampaignChoice(ctx.db, request.campaign);
  const { fileName, bytes } = stage.get(request.stageId);
  const progress = (processed: number, total: number, done = false) => ctx.effects.emit('import.progress', { stageId: request.stageId, processed, total, done });
  const summary = await runImport(ctx, { ...request, fileName, bytes, copyDir: importCopiesFolder(ctx) }, progress);
  stage.drop(request.stageId);
  progress(summary.dataRows, summary.dataRows, true);
  // Every lead the file brought joins the campaign chosen in the wizard (made if new).
  if (request.campaign) addImportToCampaign(ctx, request.campaign, summary.importId);
  importLabelled(ctx);
  importedLeads(ctx, queue);
  return summary;
}

/** "Import the rest" of an interrupted import, with the same progress and effects. */
export async function importTheRest(ctx: CoreContext, queue: QueueService, request: { importId: number; bytes?: Uint8Array }): Promise<ImportSummary> {
  const stageId = `resume-${request.importId}`;
  const progress = (processed: number, total: number, done = false) => ctx.effects.emit('import.progress', { stageId, processed, total, done });
  const summary = await resumeImport(ctx, { ...request, copyDir: importCopiesFolder(ctx) }, progress);
  progress(summary.dataRows, summary.dataRows, true);
  importedLeads(ctx, queue);
  return summary;
}

function importedLeads(ctx: CoreContext, queue: QueueService): void {
  ctx.effects.leadsChanged(null);
  queue.catchUpInBackground();
  indexLeadSearchInBackground(ctx.db);
}

/** "Ana Silva (contact #12)", or the company, for an import result. */
function contactLabel(db: ImportDeps['db'], id: number): string {
  const contact = getContact(db, id);
  const name = contact ? `${contact.first_name} ${contact.last_name}`.trim() || contact.company : '';
  return name ? `${name} (contact #${id})` : `contact #${id}`;
}

/** A row merged into a lead, as the contact screen lists it (with a Split action). */
export interface MergedRowView {
  id: number;
  importId: number;
  fileName: string;
  rowNumber: number;
  /** The row's cells by header, as the file had them. */
  cells: { header: string; value: string }[];
  splitContactId: number | null;
  splitAt: string | null;
}

export function mergedRowsView(db: ImportDeps['db'], contactId: number): MergedRowView[] {
  return mergedRowsOf(db, contactId).map((r) => {
    const headers = JSON.parse(r.headers) as string[];
    const cells = JSON.parse(r.raw) as string[];
    return {
      id: r.id,
      importId: r.import_id,
      fileName: r.file_name,
      rowNumber: r.row_number,
      cells: cells.map((value, i) => ({ header: headers[i] ?? `Column ${i + 1}`, value })),
      splitContactId: r.split_contact_id,
      splitAt: r.split_at === null ? null : new Date(r.split_at).toISOString(),
    };
  });
}

/** Split a wrong merge: a new lead from the kept row, read as its import read it; the original
 *  keeps its calls; what the merge filled in on it goes back to how it was, unless the rep has
 *  changed it since. The row records the lead it became. */
export function splitMergedRow(ctx: CoreContext, importRowId: number): { contactId: number; name: string; takenBack: string[]; kept: string[] } {
  const { db, clock } = ctx;
  const row = getMergedRow(db, importRowId);
  if (!row) throw new CoreError('not_found', `There is no merged row with id ${importRowId}.`);
  if (row.split_contact_id !== null) throw new CoreError('conflict', `Row ${row.row_number} of ${row.file_name} was already split into contact #${row.split_contact_id}.`);
  const read = readMergedRow(row);
  if ('rejected' in read) throw new CoreError('invalid_request', `Row ${row.row_number} of ${row.file_name} cannot be a lead of its own: ${read.rejected}.`);
  const { values, tags } = read;
  const at = clock.now().getTime();
  const insert = prepareInsertContactValues(db);
  let takenBack: MergeFillable[] = [];
  let kept: MergeFillable[] = [];
  let tagsTakenOff: string[] = [];
  const contactId = db
    .transaction(() => {
      const id = insert(values, 0, row.import_id, at);
      syncQueueRow(db, id);
      if (!markMergedRowSplit(db, importRowId, id, at)) throw new CoreError('conflict', 'This row was split meanwhile.');
      // What the merge filled in on the lead goes with the row (what the rep changed since stays).
      const current = row.filled === null ? undefined : mergeFillableFieldsOf(db, row.contact_id);
      if (current) {
        const back = takeBackFilled(current, JSON.parse(row.filled!) as MergeFilled);
        ({ takenBack, kept } = back);
        if (takenBack.length > 0) {
          setMergeFillableFields(db, row.contact_id, back.fields, at);
          syncQueueRow(db, row.contact_id);
        }
      }
      // Its tags go with it too: the new lead has the row's, the original loses those the merge
      // added. The lead's other merged rows are only read again when there are such tags.
      const added = row.tags_added === null ? [] : (JSON.parse(row.tags_added) as [number, number][]);
      tagsTakenOff = moveMergedRowTags(db, at, {
        from: row.contact_id,
        to: id,
        rowTags: tags,
        added,
        stillBrought: added.length > 0 ? tagsOfOtherMergedRows(db, row) : new Set(),
      });
      return id;
    })
    .immediate();
  ctx.effects.leadsChanged(null);
  if (tags.length > 0 || tagsTakenOff.length > 0) importLabelled(ctx);
  const takenBackWords = [...fieldWords(takenBack), ...tagsTakenOff.map((name) => `the tag “${name}”`)];
  return { contactId, name: `${values[0]} ${values[1]}`.trim() || values[2], takenBack: takenBackWords, kept: fieldWords(kept).filter((word) => !takenBackWords.includes(word)) };
}

/** A merged row read again as its import read it: the lead it would be, and its tags. */
function readMergedRow(row: MergedRow) {
  return contactValuesOfRow(JSON.parse(row.headers) as string[], JSON.parse(row.mapping) as ColumnTarget[], JSON.parse(row.raw) as string[], row.row_number, row.country, row.lines);
}

/** The tags (by key) that the lead's other merged rows, not split, bring: they stay on it. */
function tagsOfOtherMergedRows(db: Database, split: MergedRow): Set<string> {
  const keys = new Set<string>();
  for (const other of mergedRowsOf(db, split.contact_id)) {
    if (other.id === split.id || other.split_contact_id !== null) continue;
    const read = readMergedRow(other);
    if (!('rejected' in read)) for (const name of read.tags) keys.add(labelKey(name));
  }
  return keys;
}
