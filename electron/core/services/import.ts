// Importing leads: every data row ends up imported, merged, skipped as a duplicate or rejected
// with its row number and a reason the rep can act on. Nothing is dropped silently.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ImportPreview, ImportSummary, ParsedRequestOf } from '../../../shared/ipc/contract';
import { isCountryCode, normalizePhone } from '../../../shared/domain/phone';
import { resolveTimeZones } from '../../../shared/domain/timeZones';
import { countryFromName } from '../../../shared/domain/countries';
import { headerSetKey, mappingProblems, suggestMapping, type ColumnTarget, type LeadField } from '../../../shared/domain/leads/mapping';
import type { Delimiter, Encoding } from '../../../shared/domain/leads/decode';
import {
  getImport,
  getRememberedMapping,
  insertImport,
  listImportRows,
  listImports,
  prepareInsertImportRow,
  rememberMapping,
  updateImportCounts,
  type ImportRow,
  type RowOutcome,
} from '../db/repos/imports';
import { loadDuplicateKeys, prepareFillEmptyFields, prepareInsertContact, type NewContactRow } from '../db/repos/contacts';
import { CoreError } from '../errors';
import type { Clock } from '../ports';
import { emailKey } from './contacts';
import { readSettings } from './settings';
import { decodeLeadFile, headerNames, isBlank, readRecords, type FileRecord } from './leadFile';

const PREVIEW_ROWS = 20;
const BATCH_ROWS = 2000;
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

function splitHeader(records: FileRecord[]): { headerIndex: number; headers: string[] } {
  const headerIndex = records.findIndex((r) => !r.unreadable && !isBlank(r.cells));
  if (headerIndex < 0) throw new CoreError('invalid_request', 'The file has no header row: the first line should name the columns.');
  return { headerIndex, headers: headerNames(records[headerIndex]!.cells) };
}

export function previewImport(
  db: Database,
  stage: ImportStage,
  request: { stageId: string; encoding?: Encoding; delimiter?: Delimiter },
): ImportPreview {
  const { fileName, bytes } = stage.get(request.stageId);
  const decoded = decodeLeadFile(bytes, request);
  const records = readRecords(decoded.text, decoded.delimiter);
  const { headerIndex, headers } = splitHeader(records);
  const remembered = getRememberedMapping(db, headerSetKey(headers));
  const mapping = (remembered && remembered.length === headers.length ? remembered : suggestMapping(headers)) as ColumnTarget[];
  const sample = records
    .slice(headerIndex + 1)
    .filter((r) => !isBlank(r.cells))
    .slice(0, PREVIEW_ROWS)
    .map((r) => headers.map((_, i) => r.cells[i] ?? ''));
  return {
    stageId: request.stageId,
    fileName,
    encoding: decoded.encoding,
    bom: decoded.bom,
    delimiter: decoded.delimiter,
    headers,
    sample,
    dataRowsApprox: records.slice(headerIndex + 1).filter((r) => r.unreadable || !isBlank(r.cells)).length,
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
}

export type ImportProgress = (processed: number, total: number) => void;

const KIND_WORDS: Record<string, 'inbound' | 'outbound'> = {
  inbound: 'inbound', in: 'inbound', enquiry: 'inbound', inquiry: 'inbound', 'inbound enquiry': 'inbound', 'web form': 'inbound',
  outbound: 'outbound', out: 'outbound', cold: 'outbound', prospect: 'outbound',
};
const LINE_WORDS: Record<string, 'business' | 'residential'> = {
  business: 'business', work: 'business', office: 'business', b2b: 'business', company: 'business',
  residential: 'residential', home: 'residential', consumer: 'residential', personal: 'residential', b2c: 'residential',
};

function splitFullName(full: string): { first: string; last: string } {
  const text = full.trim();
  if (text.includes(',')) {
    const [last, first] = text.split(',', 2).map((s) => s.trim());
    return { first: first ?? '', last: last ?? '' };
  }
  const space = text.lastIndexOf(' ');
  return space < 0 ? { first: text, last: '' } : { first: text.slice(0, space), last: text.slice(space + 1) };
}

interface RowResult {
  outcome: 'imported' | RowOutcome;
  reason?: string;
  dud?: boolean;
}

/** Import a lead file. Rows are written in batches of a few thousand, each in one transaction,
 *  with a progress callback between batches so the app stays responsive; the summary is
 *  returned only after the last batch is committed. */
export async function runImport(db: Database, clock: Clock, options: ImportOptions, onProgress?: ImportProgress): Promise<ImportSummary> {
  const settings = readSettings(db);
  const importCountry = options.country ?? settings.defaultCountry;
  if (!isCountryCode(importCountry)) throw new CoreError('invalid_request', `"${importCountry}" is not a country code such as US or GB.`);
  const decoded = decodeLeadFile(options.bytes, options);
  const records = readRecords(decoded.text, decoded.delimiter);
  const { headerIndex, headers } = splitHeader(records);
  const mapping = options.mapping ?? ((getRememberedMapping(db, headerSetKey(headers)) as ColumnTarget[] | undefined) ?? suggestMapping(headers));
  const problems = mappingProblems(mapping, headers.length);
  if (problems.length > 0) throw new CoreError('invalid_request', problems.join(' '));

  const column = (field: LeadField) => mapping.indexOf(field);
  const columns = {
    fullName: column('fullName'), firstName: column('firstName'), lastName: column('lastName'), company: column('company'),
    title: column('title'), phone: column('phone'), phone2: column('phone2'), mobile: column('mobile'), extension: column('extension'),
    email: column('email'), timeZone: column('timeZone'), country: column('country'), region: column('region'), city: column('city'),
    postcode: column('postcode'), kind: column('kind'), lineType: column('lineType'), notes: column('notes'), owner: column('owner'),
  };
  const phoneColumns = (
    [
      ['phone', columns.phone],
      ['mobile', columns.mobile],
      ['phone2', columns.phone2],
    ] as const
  ).filter(([, index]) => index >= 0);
  const customColumns = mapping.flatMap((target, i) => (target === 'custom' ? [i] : []));

  const startedAt = clock.now().getTime();
  const importId = insertImport(db, {
    fileName: options.fileName,
    encoding: decoded.encoding,
    delimiter: decoded.delimiter,
    headers,
    mapping,
    onDuplicate: options.onDuplicate,
    country: importCountry,
    at: startedAt,
  });
  rememberMapping(db, headerSetKey(headers), mapping, startedAt);

  const insertContact = prepareInsertContact(db);
  const fillEmpty = prepareFillEmptyFields(db);
  const insertRow = prepareInsertImportRow(db);
  const known = loadDuplicateKeys(db);
  const counts = { dataRows: 0, imported: 0, merged: 0, skipped: 0, rejected: 0, duds: 0 };
  const reasons = new Map<string, number>();
  const dataRecords = records.slice(headerIndex + 1);
  const total = dataRecords.filter((r) => !isBlank(r.cells)).length;

  const get = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');

  function importRecord(record: FileRecord): RowResult {
    const { cells, rowNumber } = record;
    const raw = JSON.stringify(cells);
    const reject = (reason: string, contactId: number | null = null, dud = false): RowResult => {
      insertRow.run(importId, rowNumber, 'rejected', reason, raw, contactId);
      return { outcome: 'rejected', reason, dud };
    };
    if (record.unreadable) return reject(record.unreadable);
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      return reject(`this row has ${cells.length} cells but the header has ${headers.length} columns`);
    }
    let firstName = get(cells, columns.firstName);
    let lastName = get(cells, columns.lastName);
    const fullName = get(cells, columns.fullName);
    if (fullName && !firstName && !lastName) ({ first: firstName, last: lastName } = splitFullName(fullName));
    const company = get(cells, columns.company);
    const email = get(cells, columns.email);
    const countryCell = get(cells, columns.country);
    const rowCountry = countryFromName(countryCell);
    const phoneCountry = rowCountry && isCountryCode(rowCountry) ? rowCountry : importCountry;
    const extensionCell = get(cells, columns.extension).replace(/\D/g, '');

    const phones = phoneColumns.map(([label, index]) => {
      const rawPhone = get(cells, index);
      const result = rawPhone === '' ? null : normalizePhone(rawPhone, phoneCountry);
      return { label, raw: rawPhone, result };
    });
    const best = phones.find((p) => p.result?.ok);
    const anyPhoneText = phones.some((p) => p.raw !== '');
    if (!firstName && !lastName && !company && !email && !anyPhoneText) {
      return reject('no name, company, email or phone in this row');
    }
    const bestResult = best?.result?.ok ? best.result : null;
    const e164 = bestResult?.e164 ?? null;
    const extension = bestResult ? (bestResult.extension ?? (extensionCell || null)) : null;
    const keyOfEmail = emailKey(email);

    const duplicateOf = (e164 ? known.phones.get(e164) : undefined) ?? (keyOfEmail ? known.emails.get(keyOfEmail) : undefined);
    const zones = resolveTimeZones(
      { explicit: get(cells, columns.timeZone), country: countryCell, region: get(cells, columns.region), e164 },
      settings.defaultTimeZone,
    );
    const customFields: Record<string, string> = {};
    for (const index of customColumns) {
      const value = get(cells, index);
      if (value !== '') customFields[headers[index]!] = value;
    }
    const dudReason = e164
      ? null
      : !anyPhoneText
        ? 'no phone number'
        : phones
            .filter((p) => p.raw !== '' && p.result && !p.result.ok)
            .map((p) => `${p.label === 'phone' ? 'phone' : p.label} "${p.raw}": ${p.result && !p.result.ok ? p.result.reason : ''}`)
            .join('; ');
    const lead: NewContactRow = {
      first_name: firstName,
      last_name: lastName,
      company,
      title: get(cells, columns.title),
      email,
      email_key: keyOfEmail,
      phone_raw: best?.raw ?? phones[0]?.raw ?? '',
      e164,
      extension,
      other_phones: JSON.stringify(
        phones
          .filter((p) => p !== best && p.raw !== '')
          .map((p) => ({ label: p.label, raw: p.raw, e164: p.result?.ok ? p.result.e164 : null, extension: p.result?.ok ? p.result.extension : null })),
      ),
      time_zones: zones.zones.join(' '),
      tz_source: zones.source,
      country: rowCountry ?? countryCell,
      region: get(cells, columns.region),
      city: get(cells, columns.city),
      postcode: get(cells, columns.postcode),
      kind: KIND_WORDS[get(cells, columns.kind).toLowerCase()] ?? 'outbound',
      line_type: LINE_WORDS[get(cells, columns.lineType).toLowerCase()] ?? 'business',
      notes: get(cells, columns.notes),
      owner: get(cells, columns.owner),
      custom_fields: JSON.stringify(customFields),
      status: e164 ? 'active' : 'dud',
      dud_reason: dudReason,
      import_id: importId,
      source_row: rowNumber,
      created_at: startedAt,
    };

    if (duplicateOf !== undefined) {
      const same = e164 && known.phones.get(e164) === duplicateOf ? 'same phone' : 'same email';
      if (options.onDuplicate === 'skip') {
        insertRow.run(importId, rowNumber, 'skipped', `duplicate of contact #${duplicateOf} (${same})`, raw, duplicateOf);
        return { outcome: 'skipped' };
      }
      fillEmpty.run({ ...lead, id: duplicateOf, updated_at: startedAt });
      insertRow.run(importId, rowNumber, 'merged', `merged into contact #${duplicateOf} (${same})`, raw, duplicateOf);
      return { outcome: 'merged' };
    }
    const contactId = insertContact(lead);
    if (e164) known.phones.set(e164, contactId);
    if (keyOfEmail && !known.emails.has(keyOfEmail)) known.emails.set(keyOfEmail, contactId);
    if (!e164) return reject(dudReason ?? 'no phone number', contactId, true);
    return { outcome: 'imported' };
  }

  const processBatch = db.transaction((batch: FileRecord[]) => {
    for (const record of batch) {
      if (!record.unreadable && isBlank(record.cells)) continue;
      counts.dataRows++;
      const result = importRecord(record);
      counts[result.outcome]++;
      if (result.dud) counts.duds++;
      if (result.reason) reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
    }
    updateImportCounts(db, importId, { ...counts, finishedAt: null });
  });

  for (let start = 0; start < dataRecords.length; start += BATCH_ROWS) {
    processBatch.immediate(dataRecords.slice(start, start + BATCH_ROWS));
    onProgress?.(counts.dataRows, total);
    // Let IPC, timers and progress events through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const finishedAt = clock.now().getTime();
  updateImportCounts(db, importId, { ...counts, finishedAt });
  return summaryOf(requireImport(db, importId), reasonsList(reasons), counts.duds);
}

function reasonsList(reasons: Map<string, number>) {
  return [...reasons.entries()].map(([reason, count]) => ({ reason: generaliseReason(reason), count })).reduce<{ reason: string; count: number }[]>((list, item) => {
    const existing = list.find((r) => r.reason === item.reason);
    if (existing) existing.count += item.count;
    else list.push(item);
    return list;
  }, []).sort((a, b) => b.count - a.count);
}

/** "phone "12": too short for US" → "phone: too short for US", so reasons group by kind. */
function generaliseReason(reason: string): string {
  return reason.replace(/ "[^"]*": /g, ': ');
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
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}

export function importHistory(db: Database): ImportSummary[] {
  return listImports(db).map((row) => summaryOf(row));
}

export function importRowsPage(db: Database, request: ParsedRequestOf<'imports.rows'>) {
  const row = requireImport(db, request.importId);
  return {
    headers: JSON.parse(row.headers) as string[],
    rows: listImportRowsView(db, request),
  };
}

function listImportRowsView(db: Database, request: ParsedRequestOf<'imports.rows'>) {
  return listImportRows(db, request.importId, request.outcome, request.limit, request.offset).map((r) => ({
    rowNumber: r.row_number,
    outcome: r.outcome,
    reason: r.reason,
    raw: JSON.parse(r.raw) as string[],
    contactId: r.contact_id,
  }));
}
