// Reading a lead file: bytes → text → records, honest about every row. Malformed input never
// throws past here except as one clear CoreError for a file that cannot be read at all.
import Papa from 'papaparse';
import { decodeBytes, detectDelimiter, detectEncoding, looksBinary, type Delimiter, type Encoding } from '../../../shared/domain/leads/decode';
import { CoreError } from '../errors';

export interface FileRecord {
  /** The record's row in the file as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: string[];
  /** Set when the row could not be read as CSV (an unclosed quote). */
  unreadable?: string;
}

export interface DecodedFile {
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
  text: string;
}

function hasBom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

export function decodeLeadFile(bytes: Uint8Array, overrides: { encoding?: Encoding; delimiter?: Delimiter } = {}): DecodedFile {
  if (bytes.length === 0) throw new CoreError('invalid_request', 'The file is empty: there is nothing to import.');
  // Detecting means decoding the whole file once more: skip it when the encoding is given.
  const detected = overrides.encoding ? { encoding: overrides.encoding, bom: hasBom(bytes) } : detectEncoding(bytes);
  const encoding = overrides.encoding ?? detected.encoding;
  // NUL bytes have no place in a lead file (they come from broken exports); they are dropped.
  const decodedText = decodeBytes(bytes, encoding);
  if (looksBinary(decodedText)) {
    throw new CoreError('invalid_request', 'This file is not a text file (it looks like a spreadsheet, image or archive). Save the leads as CSV or tab-separated text and import that.');
  }
  const text = decodedText.includes('\u0000') ? decodedText.replaceAll('\u0000', '') : decodedText;
  if (text.trim() === '') throw new CoreError('invalid_request', 'The file is empty: there is nothing to import.');
  return { encoding, bom: detected.bom, delimiter: overrides.delimiter ?? detectDelimiter(text), text };
}

/** Every record in order, including blank ones (cells all empty), so row numbers match what a
 *  spreadsheet shows. An unclosed quote would swallow the rest of the file into one cell: that
 *  physical line is reported unreadable and reading goes on from the next line. Records are
 *  handed over as they are read; return false from onRecord to stop. */
export function forEachRecord(text: string, delimiter: Delimiter, onRecord: (record: FileRecord) => boolean | void): void {
  let offset = 0;
  let rowNumber = 0;
  let stopped = false;
  while (offset < text.length && !stopped) {
    const rest = offset === 0 ? text : text.slice(offset);
    let cursor = 0;
    let brokenAt = -1;
    Papa.parse<string[]>(rest, {
      delimiter,
      quoteChar: '"',
      step: (result, parser) => {
        if (result.errors.some((e) => e.code === 'MissingQuotes')) {
          brokenAt = cursor;
          parser.abort();
          return;
        }
        cursor = result.meta.cursor;
        rowNumber++;
        if (onRecord({ rowNumber, cells: result.data }) === false) {
          stopped = true;
          parser.abort();
        }
      },
    });
    if (brokenAt < 0 || stopped) break;
    const start = offset + brokenAt;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    rowNumber++;
    stopped =
      onRecord({
        rowNumber,
        cells: text.slice(start, end).replace(/\r$/, '').split(delimiter),
        unreadable: 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)',
      }) === false;
    offset = end + 1;
  }
}

export function readRecords(text: string, delimiter: Delimiter, limit = Number.POSITIVE_INFINITY): FileRecord[] {
  const records: FileRecord[] = [];
  forEachRecord(text, delimiter, (record) => records.push(record) < limit);
  return records;
}

/** The encoding, delimiter and header row, read from the start of the file only: what is needed
 *  to choose a column mapping before the whole file is read. */
export function peekHeaders(bytes: Uint8Array, overrides: { encoding?: Encoding; delimiter?: Delimiter } = {}) {
  if (bytes.length === 0) throw new CoreError('invalid_request', 'The file is empty: there is nothing to import.');
  // Detect on the whole file (a multi-byte character cut at the end of a prefix is not an error).
  const encoding = overrides.encoding ?? detectEncoding(bytes).encoding;
  const prefix = bytes.subarray(0, Math.min(bytes.length, 1 << 20) & ~1);
  const decoded = decodeLeadFile(prefix.length > 0 ? prefix : bytes, { encoding, delimiter: overrides.delimiter });
  const { headers } = findHeader(readRecords(decoded.text, decoded.delimiter, 50));
  return { encoding, delimiter: decoded.delimiter, headers };
}

/** The header is the first readable, non-blank record. */
export function isHeaderCandidate(record: FileRecord): boolean {
  return !record.unreadable && !isBlank(record.cells);
}

export function noHeaderError(): CoreError {
  return new CoreError('invalid_request', 'The file has no header row: the first line should name the columns.');
}

export function findHeader(records: FileRecord[]): { headerIndex: number; headers: string[] } {
  const headerIndex = records.findIndex(isHeaderCandidate);
  if (headerIndex < 0) throw noHeaderError();
  return { headerIndex, headers: headerNames(records[headerIndex]!.cells) };
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Header names as shown: trimmed, never empty, so every column can be mapped and exported. */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((cell, i) => cell.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`);
}
