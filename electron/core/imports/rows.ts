// Turning a lead file into classified rows, with no database: this is the CPU-heavy half of an
// import (decoding, CSV, phone numbers, time zones, duplicates), and it runs in a worker thread
// so the app's main process stays responsive while the other half writes to SQLite.
import { createHash } from 'node:crypto';
import { isCountryCode, normalizePhone, type PhoneResult } from '../../../shared/domain/phone';
import { resolveLeadPlace } from '../../../shared/domain/timeZones';
import { countryFromName } from '../../../shared/domain/countries';
import { headerSetKey, mappingProblems, suggestMapping, uniqueNames, type ColumnTarget, type LeadField } from '../../../shared/domain/leads/mapping';
import type { Delimiter, Encoding } from '../../../shared/domain/leads/decode';
import { decodeLeadFile, forEachRecord, headerOf, isBlank, noHeaderError, type FileRecord } from './leadFile';
import { CoreError } from '../errors';
import type { LeadKind, LineType } from '../../../shared/domain/leads/vocabulary';
import { isSamePerson, personName, sameNameForEmail, type PersonName, type PersonOnNumber } from '../../../shared/domain/leads/duplicates';
import type { KnownEmail, KnownPerson } from '../contacts/repo';
import { splitTags } from '../../../shared/domain/campaigns';
import { extraCellsReason, swallowedLineReason, type ValueFit } from '../../../shared/domain/leads/rowReasons';

const NO_TAGS: string[] = [];

/** A contact's column values in the order of the contacts insert (see contacts/repo.ts),
 *  without import_id and the timestamps, which the writer adds. */
export type ContactValues = [
  first_name: string, last_name: string, company: string, title: string, email: string, email_key: string | null,
  phone_raw: string, e164: string | null, extension: string | null, other_phones: string, time_zones: string,
  tz_source: string, country: string, region: string, city: string, postcode: string, kind: string, line_type: string,
  notes: string, owner: string, custom_fields: string, status: string, dud_reason: string | null, source_row: number,
  jurisdictions: string,
];

export const CONTACT_VALUE_COUNT = 25;

export type PreparedRow =
  /** A new lead; dud set when it has no valid number (it is kept, and also reported rejected). */
  | { t: 'new'; n: number; v: ContactValues; dud: string | null; raw: string | null; tags: string[] }
  | { t: 'reject'; n: number; reason: string; raw: string }
  /** A duplicate of an existing contact (id) or of an earlier row of this file (row). */
  | { t: 'dup'; n: number; id: number | null; row: number | null; same: 'phone' | 'email'; v: ContactValues; raw: string; tags: string[] };
// A row on a number someone else already has, who is another person, is a new lead ('new'): the
// two are linked by their shared number, never merged.

export { IMPORT_LINES, type ImportLines } from '../../../shared/domain/leads/vocabulary';
import type { ImportLines } from '../../../shared/domain/leads/vocabulary';

export interface PrepareOptions {
  bytes: Uint8Array;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** The rep's mapping; when absent, the one remembered for these headers, else a suggestion. */
  mapping?: ColumnTarget[];
  /** Every remembered mapping, by header-set key (the headers are known only once read here). */
  rememberedMappings?: [string, ColumnTarget[]][];
  country: string;
  /** What the leads of this file are when a row does not say: business lines, residential
   *  ones, or a mix (then a row that does not say is residential, the stricter). */
  lines: ImportLines;
  /** "Import the rest" of an interrupted import: the rows up to this one are already written. */
  afterRow?: number;
  /** The people already in the database on each number (id, extension, name, email key), and
   *  the email keys with their contact ids. */
  knownPhones: KnownPerson[];
  /** Every person with each email key (several share info@): key, contact id, first and last name. */
  knownEmails: KnownEmail[];
}

/** One batch of classified rows, shaped for the writer: the new contacts as one JSON text (a
 *  string crosses between threads as one copy, and JSON.parse on the other side is far cheaper
 *  than structured-cloning thousands of small arrays), the rest as small lists. */
export interface PreparedBatch {
  /** One flat JSON array of the new contacts' ContactValues, CONTACT_VALUE_COUNT per contact,
   *  in row order (one array of primitives parses with far less garbage than one per row). */
  contacts: string;
  /** The file row of each new contact, in the same order. */
  contactRows: number[];
  /** New contacts kept as duds: their index in contacts, why, and the raw row. */
  duds: { index: number; reason: string; raw: string }[];
  rejects: { n: number; reason: string; raw: string }[];
  dups: { n: number; id: number | null; row: number | null; same: 'phone' | 'email'; v: ContactValues; raw: string }[];
  /** The tags of the rows whose tags column names any (file row, names), new or duplicate. */
  tags: { n: number; names: string[] }[];
  dataRows: number;
  /** The file row of the last data row in this batch: once it is written, the import has got so far. */
  lastRow: number;
}

/** What the import wizard shows before importing: read in the worker like the import itself. */
export interface PreviewRequest {
  bytes: Uint8Array;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sampleRows: number;
}

export interface FilePreview {
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
  headers: string[];
  /** The first non-blank data rows, one cell per header. */
  sample: string[][];
  dataRowsApprox: number;
  /** The rows that cannot be read (an unclosed or a stray quote), which the import will reject:
   *  how many, and the first few with why, so the rep can fix the file before importing. */
  unreadable: { count: number; rows: { rowNumber: number; reason: string }[] };
}

/** Unreadable rows the preview names one by one. */
const PREVIEW_UNREADABLE_ROWS = 5;

export type WorkerJob = { kind: 'prepare'; options: PrepareOptions; batchRows: number } | { kind: 'preview'; request: PreviewRequest };

export type PrepareMessage =
  | { type: 'meta'; encoding: Encoding; delimiter: Delimiter; headers: string[]; mapping: ColumnTarget[]; approxTotal: number; sha256: string }
  | { type: 'preview'; preview: FilePreview }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'done'; total: number }
  | { type: 'error'; code: CoreError['code']; message: string };

function approxRecordCount(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return Math.max(1, lines);
}

/** Run one job of the import worker (or in-process where no worker can start), handing its
 *  messages to emit; a failure becomes one error message. */
export function runJob(job: WorkerJob, emit: (message: PrepareMessage) => void): void {
  try {
    if (job.kind === 'preview') emit({ type: 'preview', preview: previewFile(job.request) });
    else prepareFile(job.options, job.batchRows, emit);
  } catch (error) {
    emit({ type: 'error', code: error instanceof CoreError ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}

/** Decode the file and read its header, its first rows and how many data rows it has. */
export function previewFile(request: PreviewRequest): FilePreview {
  const decoded = decodeLeadFile(request.bytes, request);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let dataRowsApprox = 0;
  const unreadable: FilePreview['unreadable'] = { count: 0, rows: [] };
  forEachRecord(decoded.text, decoded.delimiter, (record) => {
    if (!headers) {
      headers = headerOf(record);
      return;
    }
    const blank = isBlank(record.cells);
    if (record.unreadable || !blank) dataRowsApprox++;
    if (record.unreadable && unreadable.count++ < PREVIEW_UNREADABLE_ROWS) unreadable.rows.push({ rowNumber: record.rowNumber, reason: record.unreadable });
    if (!blank && sample.length < request.sampleRows) sample.push(headers.map((_, i) => record.cells[i] ?? ''));
  });
  if (!headers) throw noHeaderError();
  return { encoding: decoded.encoding, bom: decoded.bom, delimiter: decoded.delimiter, headers, sample, dataRowsApprox, unreadable };
}

/** Decode, parse and classify the file, handing batches to emit as they fill, so the writer
 *  can start on the first rows while the rest are still being read. */
export function prepareFile(options: PrepareOptions, batchRows: number, emit: (message: PrepareMessage) => void): void {
  if (!isCountryCode(options.country)) throw new CoreError('invalid_request', `"${options.country}" is not a country code such as US or GB.`);
  const decoded = decodeLeadFile(options.bytes, options);
  let classify: ((record: FileRecord) => PreparedRow) | null = null;
  let batch = emptyBatch();
  let contactParts: string[] = [];
  let total = 0;
  const afterRow = options.afterRow ?? 0;
  const flush = () => {
    if (batch.dataRows === 0) return;
    batch.contacts = `[${contactParts.join(',')}]`;
    emit({ type: 'batch', batch });
    batch = emptyBatch();
    contactParts = [];
  };
  forEachRecord(decoded.text, decoded.delimiter, (record) => {
    if (!classify) {
      const headers = headerOf(record);
      if (!headers) return;
      const remembered = new Map(options.rememberedMappings ?? []).get(headerSetKey(headers));
      const mapping = options.mapping ?? (remembered && remembered.length === headers.length ? remembered : suggestMapping(headers));
      const problems = mappingProblems(mapping, headers.length);
      if (problems.length > 0) throw new CoreError('invalid_request', problems.join(' '));
      classify = rowClassifier(headers, mapping, options, decoded.delimiter);
      const sha256 = createHash('sha256').update(options.bytes).digest('hex');
      emit({ type: 'meta', encoding: decoded.encoding, delimiter: decoded.delimiter, headers, mapping, approxTotal: approxRecordCount(decoded.text) - 1, sha256 });
      return;
    }
    if (!record.unreadable && isBlank(record.cells)) return;
    if (record.rowNumber <= afterRow) return;
    total++;
    batch.dataRows++;
    batch.lastRow = record.rowNumber;
    const row = classify(record);
    if (row.t === 'new') {
      if (row.dud !== null) batch.duds.push({ index: batch.contactRows.length, reason: row.dud, raw: row.raw ?? '[]' });
      batch.contactRows.push(row.n);
      contactParts.push(JSON.stringify(row.v).slice(1, -1));
    } else if (row.t === 'reject') batch.rejects.push({ n: row.n, reason: row.reason, raw: row.raw });
    else batch.dups.push({ n: row.n, id: row.id, row: row.row, same: row.same, v: row.v, raw: row.raw });
    if (row.t !== 'reject' && row.tags.length > 0) batch.tags.push({ n: row.n, names: row.tags });
    // Small batches for the first rows let the writer start (and the progress bar move) while
    // the rest is still being read; then full-size batches.
    if (batch.dataRows >= (total <= batchRows ? Math.min(batchRows, FIRST_BATCH_ROWS) : batchRows)) flush();
  });
  if (!classify) throw noHeaderError();
  flush();
  emit({ type: 'done', total });
}

const FIRST_BATCH_ROWS = 1000;

function emptyBatch(): PreparedBatch {
  return { contacts: '[]', contactRows: [], duds: [], rejects: [], dups: [], tags: [], dataRows: 0, lastRow: 0 };
}

// Words a Lead Type / Line Type cell may hold. Maps, not objects: a cell that says
// "constructor" or "__proto__" is an unknown word (the default), not an inherited member.
const KIND_WORDS = new Map<string, LeadKind>([
  ['inbound', 'inbound'], ['in', 'inbound'], ['enquiry', 'inbound'], ['inquiry', 'inbound'], ['inbound enquiry', 'inbound'], ['web form', 'inbound'],
  ['outbound', 'outbound'], ['out', 'outbound'], ['cold', 'outbound'], ['prospect', 'outbound'],
]);
const LINE_WORDS = new Map<string, LineType>([
  ['business', 'business'], ['work', 'business'], ['office', 'business'], ['b2b', 'business'], ['company', 'business'],
  ['residential', 'residential'], ['home', 'residential'], ['consumer', 'residential'], ['personal', 'residential'], ['b2c', 'residential'],
]);

export function splitFullName(full: string): { first: string; last: string } {
  const text = full.trim();
  if (text.includes(',')) {
    const [last, first] = text.split(',', 2).map((s) => s.trim());
    return { first: first ?? '', last: last ?? '' };
  }
  const space = text.lastIndexOf(' ');
  return space < 0 ? { first: text, last: '' } : { first: text.slice(0, space), last: text.slice(space + 1) };
}

/** A cell's address as duplicates are matched on: one @, no spaces, a dot inside the domain.
 *  Checked by position, in one pass: the regex this replaces (/^[^\s@]+@[^\s@]+\.[^\s@]+$/, two
 *  runs that both take dots) backtracked quadratically on a long cell of dots. */
export function emailKey(email: string): string | null {
  const key = email.trim().toLowerCase();
  const at = key.indexOf('@');
  if (at <= 0 || key.indexOf('@', at + 1) !== -1 || /\s/.test(key)) return null;
  const domain = key.slice(at + 1);
  return domain.slice(1, -1).includes('.') ? key : null;
}

function cellText(cells: string[], index: number): string {
  if (index < 0) return '';
  const value = cells[index];
  return value === undefined ? '' : value.trim();
}

/** `delimiter`: the file's, when its records are read from it; null for a row already kept (split
 *  from a merge), whose reading is not judged again. */
function rowClassifier(headers: string[], mapping: ColumnTarget[], options: PrepareOptions, delimiter: Delimiter | null): (record: FileRecord) => PreparedRow {
  const column = (field: LeadField) => mapping.indexOf(field);
  // A row whose line type is not said: the file's, or residential (the stricter) in a mixed file.
  const unknownLine: LineType = options.lines === 'business' ? 'business' : 'residential';
  const columns = {
    fullName: column('fullName'), firstName: column('firstName'), lastName: column('lastName'), company: column('company'),
    title: column('title'), extension: column('extension'), email: column('email'), timeZone: column('timeZone'),
    country: column('country'), region: column('region'), city: column('city'), postcode: column('postcode'),
    kind: column('kind'), lineType: column('lineType'), notes: column('notes'), owner: column('owner'),
    tags: column('tags'),
  };
  const phoneColumns = (
    [
      ['phone', column('phone')],
      ['mobile', column('mobile')],
      ['phone2', column('phone2')],
    ] as const
  ).filter(([, index]) => index >= 0);
  const customColumns = mapping.flatMap((target, i) => (target === 'custom' ? [i] : []));
  // A field's name is its column's; two columns under one name ("Website", "Website") keep both
  // values, the second as "Website (2)", where one would overwrite the other.
  const customKeys = uniqueNames(customColumns.map((i) => headers[i]!));
  // People seen so far on each number, and emails: in the database (contact id) or earlier in
  // this file (row). A number can be several people's (a switchboard, a shared office line).
  const phones = new Map<string, (PersonOnNumber & { id: number | null; row: number | null })[]>();
  for (const [e164, id, extension, first, last, email] of options.knownPhones) addToList(phones, e164, { id, row: null, extension, name: personName(first, last), email });
  // Everyone with each email: an address such as info@ is several people's, and only a name that
  // agrees makes a row with it the same person (sameNameForEmail).
  const emails = new Map<string, { id: number | null; row: number | null; name: PersonName }[]>();
  for (const [key, id, first, last] of options.knownEmails) addToList(emails, key, { id, row: null, name: personName(first, last) });
  const get = cellText;
  // How a value fits the column it would start a row in (a row's start read into a quoted cell).
  const phoneAt = new Set(phoneColumns.map(([, index]) => index));
  const fit = (column: number, value: string): ValueFit => {
    if (value === '') return 'fits';
    const phone = normalizePhone(value, options.country).ok;
    const email = emailKey(value) !== null;
    if (phoneAt.has(column)) return phone ? 'phone number' : 'misfit';
    if (column === columns.email) return email ? 'email address' : 'misfit';
    return phone || email ? 'misfit' : 'fits';
  };
  let lastCountryCell = '';
  let lastCountry: string | undefined;

  return (record) => {
    const { cells, rowNumber } = record;
    if (record.unreadable) return { t: 'reject', n: rowNumber, reason: record.unreadable, raw: JSON.stringify(cells) };
    // Extra cells that are all empty (a trailing delimiter) are ignored; a value in one means the
    // values may be shifted out of their columns: the row is rejected, naming what to fix.
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      return { t: 'reject', n: rowNumber, reason: extraCellsReason(cells, headers.length, delimiter ?? ','), raw: JSON.stringify(cells) };
    }
    // Two rows read as one (a quote left open on a short row): neither person is imported as the other.
    const swallowed = delimiter !== null ? swallowedLineReason(cells, headers, delimiter, fit) : null;
    if (swallowed !== null) return { t: 'reject', n: rowNumber, reason: swallowed, raw: JSON.stringify(cells) };
    let firstName = get(cells, columns.firstName);
    let lastName = get(cells, columns.lastName);
    const fullName = get(cells, columns.fullName);
    if (fullName && !firstName && !lastName) ({ first: firstName, last: lastName } = splitFullName(fullName));
    const company = get(cells, columns.company);
    const email = get(cells, columns.email);
    const countryCell = get(cells, columns.country);
    // Lead files repeat the same country row after row: look each one up once.
    if (countryCell !== lastCountryCell) {
      lastCountryCell = countryCell;
      lastCountry = countryFromName(countryCell);
    }
    const rowCountry = lastCountry;
    // A row's own country reads its national numbers better than the import's default.
    const phoneCountry = rowCountry && isCountryCode(rowCountry) ? rowCountry : options.country;
    const extensionCell = columns.extension >= 0 ? get(cells, columns.extension).replace(/\D/g, '') : '';

    // Phone columns in order of preference; the first valid one is dialled, the rest are kept.
    let bestIndex = -1;
    let anyPhoneText = false;
    const raws: string[] = [];
    const results: (PhoneResult | null)[] = [];
    for (let i = 0; i < phoneColumns.length; i++) {
      const raw = get(cells, phoneColumns[i]![1]);
      const result = raw === '' ? null : normalizePhone(raw, phoneCountry);
      raws.push(raw);
      results.push(result);
      if (raw !== '') anyPhoneText = true;
      if (bestIndex < 0 && result?.ok) bestIndex = i;
    }
    if (!firstName && !lastName && !company && !email && !anyPhoneText) {
      return { t: 'reject', n: rowNumber, reason: 'no name, company, email or phone in this row', raw: JSON.stringify(cells) };
    }
    const bestResult = bestIndex >= 0 ? (results[bestIndex] as Extract<PhoneResult, { ok: true }>) : null;
    const e164 = bestResult?.e164 ?? null;
    const extension = bestResult ? (bestResult.extension ?? (extensionCell || null)) : null;
    const keyOfEmail = email === '' ? null : emailKey(email);
    const region = get(cells, columns.region);
    const zones = resolveLeadPlace({ explicit: get(cells, columns.timeZone), country: countryCell, region, e164 });
    let customFields = '{}';
    if (customColumns.length > 0) {
      // Entries, not assignments: a column headed "__proto__" keeps its value like any other.
      const custom: [string, string][] = [];
      for (let k = 0; k < customColumns.length; k++) {
        const value = get(cells, customColumns[k]!);
        if (value !== '') custom.push([customKeys[k]!, value]);
      }
      customFields = JSON.stringify(Object.fromEntries(custom));
    }
    let dudReason: string | null = null;
    if (!e164) {
      const problems: string[] = [];
      for (let i = 0; i < raws.length; i++) {
        const result = results[i];
        if (result && !result.ok) problems.push(`${phoneColumns[i]![0]} "${raws[i]}": ${result.reason}`);
      }
      dudReason = anyPhoneText ? problems.join('; ') : 'no phone number';
    }
    let otherPhones = '[]';
    if (phoneColumns.length > 1) {
      const others = [];
      for (let i = 0; i < raws.length; i++) {
        if (i === bestIndex || raws[i] === '') continue;
        const result = results[i];
        others.push({ label: phoneColumns[i]![0], raw: raws[i], e164: result?.ok ? result.e164 : null, extension: result?.ok ? result.extension : null });
      }
      if (others.length > 0) otherPhones = JSON.stringify(others);
    }
    const tagsCell = columns.tags >= 0 ? get(cells, columns.tags) : '';
    const tags = tagsCell === '' ? NO_TAGS : splitTags(tagsCell);
    const values: ContactValues = [
      firstName, lastName, company, get(cells, columns.title), email, keyOfEmail,
      bestIndex >= 0 ? raws[bestIndex]! : (raws[0] ?? ''), e164, extension, otherPhones,
      zones.zones.join(' '), zones.source, rowCountry ?? countryCell, region, get(cells, columns.city), get(cells, columns.postcode),
      KIND_WORDS.get(get(cells, columns.kind).toLowerCase()) ?? 'outbound', LINE_WORDS.get(get(cells, columns.lineType).toLowerCase()) ?? unknownLine,
      get(cells, columns.notes), get(cells, columns.owner), customFields, e164 ? 'active' : 'dud', dudReason, rowNumber,
      zones.jurisdictions.join(' '),
    ];

    // The same person: the same number and extension with the same or a missing name (and no
    // other email), or the same email. Anyone else on the number is another lead.
    const onNumber = e164 ? phones.get(e164) : undefined;
    const person: PersonOnNumber = { extension, name: personName(firstName, lastName), email: keyOfEmail };
    const byPhone = onNumber?.find((known) => isSamePerson(known, person));
    const withEmail = keyOfEmail ? emails.get(keyOfEmail) : undefined;
    const byEmail = byPhone ? undefined : withEmail?.find((known) => sameNameForEmail(known.name, person.name));
    const duplicate = byPhone ?? byEmail;
    // As on a number: a nameless lead with the email is named by the first named row matched.
    if (byEmail && byEmail.name.first === '' && byEmail.name.last === '') byEmail.name = person.name;
    if (byPhone) {
      // A lead with no name (or email) on the line is matched by the first named row only: that
      // row names it (a merge fills the name in), so the next person on the line, under another
      // name, is another lead and not merged into the first.
      if (byPhone.name.first === '' && byPhone.name.last === '') byPhone.name = person.name;
      byPhone.email ??= person.email;
    }
    if (duplicate) {
      return { t: 'dup', n: rowNumber, id: duplicate.id, row: duplicate.row, same: byPhone ? 'phone' : 'email', v: values, raw: JSON.stringify(cells), tags };
    }
    if (e164) addToList(phones, e164, { ...person, id: null, row: rowNumber });
    if (keyOfEmail) addToList(emails, keyOfEmail, { id: null, row: rowNumber, name: person.name });
    return { t: 'new', n: rowNumber, v: values, dud: dudReason, raw: e164 ? null : JSON.stringify(cells), tags };
  };
}

/** `value` added to the list kept under `key` (the people on a number, or with an email). */
function addToList<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** A kept row read again as a lead of its own (splitting a wrong merge): the same reading as the
 *  import that merged it, with no duplicate check (it is a new lead by the rep's decision). */
export function contactValuesOfRow(
  headers: string[],
  mapping: ColumnTarget[],
  cells: string[],
  rowNumber: number,
  country: string,
  lines: ImportLines,
): { values: ContactValues; tags: readonly string[] } | { rejected: string } {
  const classify = rowClassifier(headers, mapping, { bytes: new Uint8Array(), country, lines, knownPhones: [], knownEmails: [] }, null);
  const row = classify({ cells, rowNumber });
  if (row.t === 'reject') return { rejected: row.reason };
  return { values: row.v, tags: row.tags };
}
