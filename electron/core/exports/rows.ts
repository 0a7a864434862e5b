// The export itself, as the export worker runs it: rows come one at a time from an iterating
// statement on the worker's own read-only connection and go to the file as Excel-safe CSV lines,
// in chunks, waiting whenever the disk is behind. Nothing holds the file's text, so the size of an
// export is bounded by the disk, not by memory or V8's longest string.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { emitCsvLine, UTF8_BOM } from '../../../shared/domain/csvExport';
import { inReadSnapshot, openReadOnly } from '../db/open';
import { countContacts, iterateContactsForExport, type ContactRow } from '../contacts/repo';
import { iterateRejectedRows, iterateWrongNumberLeads, rejectedRowsShape, type WrongNumberLeadRow } from '../imports/repo';
import { tagsOf } from '../campaigns/repo';
import { uniqueNames } from '../../../shared/domain/leads/mapping';
import { isoOrNull } from '../instants';
import { countLostCalls, countOpenTasks, iterateLostCallsForExport, iterateOpenTasksForExport, latestAdvancesOfAll } from '../follow/repo';
import { slippedLine, stalledNow } from '../../../shared/domain/stalled';
import type { StoredOtherPhone } from '../../../shared/domain/dud';
import { stalledHandledAt } from '../follow/stalledRepo';
import { drawTimes } from '../../../shared/domain/timeText';
import { timeIn } from '../../../shared/domain/timeFormat';
import { countCallsForExport, iterateCallsForExport } from '../metrics/repo';
import { CALL_EXPORTS, type CallExportFormat } from '../../../shared/domain/callExports';

export type ExportKind = 'contacts' | 'duds' | 'tasks' | 'calls' | 'lost';

export interface ExportJob {
  databaseFile: string;
  what: ExportKind;
  /** duds: one import's rejected rows, or every import's when null. */
  importId: number | null;
  /** Written as a hidden temporary file beside it, then renamed over it once complete. */
  outFile: string;
  /** calls: the file's format and the range [from, to) of dialled-at instants. */
  calls?: { format: CallExportFormat; from: number; to: number; zone: string };
  /** lost: the report's range [from, to) and the instant "stalled" is judged at. */
  lost?: { from: number; to: number; at: number };
}

/** What the export worker tells the thread that started it. */
export type ExportMessage =
  | { type: 'progress'; rows: number; total: number }
  | { type: 'done'; rows: number }
  | { type: 'error'; message: string };

const CONTACT_COLUMNS = [
  'id', 'first_name', 'last_name', 'company', 'title', 'email', 'phone_e164', 'extension', 'phone_as_imported',
  'status', 'dud_reason', 'do_not_call', 'time_zones', 'tz_source', 'country', 'region', 'city', 'postcode',
  'kind', 'line_type', 'owner', 'notes', 'last_called_at', 'last_outcome', 'import_id', 'source_row',
  'other_phones', 'custom_fields',
];

/** A lead's other phones in one cell, as a person reads them: "mobile +19175550123; fax 555-01
 *  (not a valid number)". */
function otherPhonesCell(json: string): string {
  const phones = JSON.parse(json) as StoredOtherPhone[];
  return phones
    .map((p) => `${p.label || 'other'} ${p.e164 ?? p.raw}${p.wrong !== undefined ? ' (wrong number)' : p.e164 === null ? ' (not a valid number)' : ''}`)
    .join('; ');
}

// The lost and stalled report, a row per lost call and per stalled lead, with the notes to learn from.
const LOST_COLUMNS = ['kind', 'reason', 'contact_id', 'name', 'import', 'call_id', 'at', 'notes'];

const TASK_COLUMNS = ['task_id', 'kind', 'title', 'due_at', 'contact_id', 'name', 'company', 'email', 'time_zones', 'email_situation', 'created_at'];

/** Writes reach the file in chunks of about this many characters (one large row may be more). */
const CHUNK_CHARS = 64 * 1024;
/** Progress is reported after this many rows, or this many characters, whichever comes first. */
const PROGRESS_ROWS = 1000;
const PROGRESS_CHARS = 8 * 1024 * 1024;

function contactCells(c: ContactRow & { do_not_call: 0 | 1 }): string[] {
  return [
    String(c.id), c.first_name, c.last_name, c.company, c.title, c.email, c.e164 ?? '', c.extension ?? '', c.phone_raw,
    c.status, c.dud_reason ?? '', c.do_not_call ? 'yes' : 'no', c.time_zones, c.tz_source, c.country, c.region, c.city,
    c.postcode, c.kind, c.line_type, c.owner, c.notes, isoOrNull(c.last_called_at) ?? '', c.last_outcome ?? '',
    c.import_id === null ? '' : String(c.import_id), c.source_row === null ? '' : String(c.source_row),
    // Its other phones; then the file's own extra columns as they were read ({"Industry":"Retail"}).
    otherPhonesCell(c.other_phones), c.custom_fields === '{}' ? '' : c.custom_fields,
  ];
}

/** A lead as a row of its import's file (each column the value of the field it was mapped to),
 *  the file's columns worked out once for all its leads. */
function leadRowsOf(headers: readonly string[], mapping: readonly string[]): (lead: WrongNumberLeadRow, tags: readonly string[]) => string[] {
  // The keys the import gave its extra columns (a repeated heading counted: "Website (2)").
  const customColumns = mapping.flatMap((target, i) => (target === 'custom' ? [i] : []));
  const keyOf = new Map(uniqueNames(customColumns.map((i) => headers[i] ?? '')).map((key, k) => [customColumns[k]!, key]));
  return (lead, tags) => cellsOfLead(lead, headers, mapping, keyOf, tags);
}

function cellsOfLead(lead: WrongNumberLeadRow, headers: readonly string[], mapping: readonly string[], keyOf: ReadonlyMap<number, string>, tags: readonly string[]): string[] {
  const others = JSON.parse(lead.other_phones) as StoredOtherPhone[];
  const custom = new Map(Object.entries(JSON.parse(lead.custom_fields) as Record<string, string>));
  const byField = new Map<string, string>([
    ['fullName', `${lead.first_name} ${lead.last_name}`.trim()], ['firstName', lead.first_name], ['lastName', lead.last_name], ['company', lead.company],
    ['title', lead.title], ['phone', lead.phone_raw], ['extension', lead.extension ?? ''], ['email', lead.email], ['timeZone', lead.time_zones],
    ['country', lead.country], ['region', lead.region], ['city', lead.city], ['postcode', lead.postcode], ['kind', lead.kind], ['lineType', lead.line_type],
    ['notes', lead.notes], ['owner', lead.owner], ['tags', tags.join(', ')],
  ]);
  return headers.map((header, i) => {
    const target = mapping[i] ?? 'ignore';
    if (target === 'custom') return custom.get(keyOf.get(i) ?? header) ?? '';
    if (target === 'phone2' || target === 'mobile') return others.find((p) => p.label === target)?.raw ?? '';
    return byField.get(target) ?? '';
  });
}

/** "Duds to return": each rejected row with its original columns, then where it came from and
 *  why it was rejected, so it can go back to whoever supplied the list. One import: its own
 *  header. Several: their files differ in columns and order, so the header names each column once
 *  (a name a file repeats, once per repeat), in the order first met, and each file's cells go
 *  under their own names; cells past a file's header are its "Column N". */
function dudsLayout(imports: readonly { headers: string[]; widest: number }[]): { header: string[]; columnsOf: number[][] } {
  const position = new Map<string, number>();
  const names: string[] = [];
  const columnsOf = imports.map(({ headers, widest }) => {
    const seen = new Map<string, number>();
    return Array.from({ length: Math.max(headers.length, widest) }, (_, i) => {
      const name = headers[i] ?? `Column ${i + 1}`;
      const repeat = (seen.get(name) ?? 0) + 1;
      seen.set(name, repeat);
      const key = `${repeat}\u0000${name}`;
      let at = position.get(key);
      if (at === undefined) {
        at = names.length;
        position.set(key, at);
        names.push(name);
      }
      return at;
    });
  });
  return { header: [...names, 'Source file', 'Row', 'Reason'], columnsOf };
}

/** The export's rows as cells, header first, read from `db` as they are asked for. */
function* exportRows(db: Database, job: ExportJob, onTotal: (total: number) => void): Generator<readonly string[]> {
  if (job.what === 'contacts') {
    onTotal(countContacts(db));
    yield CONTACT_COLUMNS;
    for (const row of iterateContactsForExport(db)) yield contactCells(row);
    return;
  }
  if (job.what === 'tasks') {
    onTotal(countOpenTasks(db));
    yield TASK_COLUMNS;
    for (const t of iterateOpenTasksForExport(db)) {
      yield [String(t.id), t.kind, t.title, new Date(t.due_at).toISOString(), String(t.contact_id), `${t.first_name} ${t.last_name}`.trim(), t.company, t.email, t.time_zones, t.email_situation ?? '', new Date(t.created_at).toISOString()];
    }
    return;
  }
  if (job.what === 'calls') {
    const { format, from, to, zone } = job.calls ?? { format: 'csv', from: 0, to: 8.64e15, zone: 'UTC' };
    const { headers, includes, cells } = CALL_EXPORTS.get(format)!;
    // The total counts every call in the range; a CRM file leaves out undone calls and failed dials.
    onTotal(countCallsForExport(db, from, to));
    yield headers;
    for (const { loopId, ...row } of iterateCallsForExport(db, from, to)) {
      const call = { ...row, redial: loopId !== null };
      if (includes(call)) yield cells(call, zone);
    }
    return;
  }
  if (job.what === 'lost') {
    const { from, to, at } = job.lost ?? { from: 0, to: Number.MAX_SAFE_INTEGER, at: Date.now() };
    // Stalled leads are few (one latest advance a lead): judged first, then the lost calls streamed.
    // Judged as the report on screen judges them: a stalled lead the rep closed (or gave a new step) since is not stalled.
    const handled = stalledHandledAt(db);
    const stalled = latestAdvancesOfAll(db).filter((a) => a.next_at >= from && a.next_at < to && stalledNow({ nextAt: a.next_at, callsSinceDue: a.later_calls, handledAt: handled.get(a.contact_id) ?? null }, at));
    onTotal(countLostCalls(db, from, to) + stalled.length);
    yield LOST_COLUMNS;
    for (const c of iterateLostCallsForExport(db, from, to)) {
      yield ['lost', c.reason ?? '(no reason)', String(c.contact_id), c.name, c.import_file ?? '(added by hand)', String(c.call_id), new Date(c.dialed_at).toISOString(), c.notes];
    }
    for (const a of stalled) {
      const zone = a.time_zones.split(' ').find((z) => z !== '') ?? 'UTC';
      // A file is read later and elsewhere: its time says its date and zone (no "today").
      yield ['stalled', drawTimes(slippedLine(a.next_step, a.next_at, zone), (at, z) => timeIn(at, z)), String(a.contact_id), a.name, a.import_file ?? '(added by hand)', String(a.call_id), new Date(a.next_at).toISOString(), a.notes];
    }
    return;
  }
  const shape = rejectedRowsShape(db, job.importId);
  onTotal(shape.rows);
  const { header, columnsOf } = dudsLayout(shape.imports);
  const width = header.length - 3;
  yield header;
  for (const [n, { id, fileName, headers, mapping }] of shape.imports.entries()) {
    const columns = columnsOf[n]!;
    const place = (cells: readonly string[]) => {
      const placed = Array.from({ length: width }, () => '');
      for (let i = 0; i < cells.length; i++) {
        const at = columns[i];
        if (at !== undefined) placed[at] = cells[i]!;
      }
      return placed;
    };
    for (const row of iterateRejectedRows(db, id)) yield [...place(JSON.parse(row.raw) as string[]), fileName, String(row.row_number), row.reason];
    // Leads a call found to be a wrong number go back too (SPEC: "Dud leads go back"), their row
    // written from the lead under the file's own columns (its cells were not kept, only read).
    const rowOf = leadRowsOf(headers, mapping);
    for (const lead of iterateWrongNumberLeads(db, id)) {
      yield [...place(rowOf(lead, tagsOf(db, lead.id).map((t) => t.name))), fileName, lead.source_row === null ? '' : String(lead.source_row), lead.dud_reason];
    }
  }
}

/** Writes the export to job.outFile and returns how many data rows it holds; `report` hears the
 *  rows written so far (and the total) as it goes. The file appears only once it is complete: a
 *  failure leaves whatever was at outFile before untouched. */
export async function writeExportFile(job: ExportJob, report: (rows: number, total: number) => void): Promise<number> {
  const db = openReadOnly(job.databaseFile);
  const temporary = path.join(path.dirname(job.outFile), `.${path.basename(job.outFile)}.${randomUUID().slice(0, 8)}.part`);
  // 'wx': the temporary name is new; flush: the bytes are on disk before the rename shows them.
  const file = fs.createWriteStream(temporary, { flags: 'wx', flush: true });
  // A failure is read from file.errored and finished() below, not from an 'error' event nobody hears.
  file.on('error', () => undefined);
  let total = 0;
  let rows = 0;
  try {
    await inReadSnapshot(db, async () => {
      let chunk = UTF8_BOM;
      let charsSinceReport = 0;
      // Each chunk goes to the file as soon as it fills, even in the middle of a 10 MB cell.
      const emit = (piece: string) => {
        chunk += piece;
        if (chunk.length >= CHUNK_CHARS) {
          charsSinceReport += chunk.length;
          file.write(chunk);
          chunk = '';
        }
      };
      const counted = (n: number) => {
        total = n;
        report(0, total);
      };
      let header = true;
      let rowsSinceReport = 0;
      for (const cells of exportRows(db, job, counted)) {
        emitCsvLine(cells, emit);
        if (file.errored) throw file.errored;
        // The disk is behind: wait for it, so no more than about a row's text is ever waiting.
        if (file.writableNeedDrain) await once(file, 'drain');
        if (header) {
          header = false;
          continue;
        }
        rows++;
        if (++rowsSinceReport >= PROGRESS_ROWS || charsSinceReport >= PROGRESS_CHARS) {
          report(rows, total);
          rowsSinceReport = 0;
          charsSinceReport = 0;
        }
      }
      file.end(chunk);
      await finished(file);
    });
    await fs.promises.rename(temporary, job.outFile);
  } catch (error) {
    // Closed before it is removed: Windows cannot delete an open file.
    if (!file.closed) await new Promise<void>((resolve) => file.destroy().once('close', () => resolve()));
    await fs.promises.rm(temporary, { force: true });
    throw error;
  } finally {
    db.close();
  }
  report(rows, total);
  return rows;
}
