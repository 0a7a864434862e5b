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

export function decodeLeadFile(bytes: Uint8Array, overrides: { encoding?: Encoding; delimiter?: Delimiter } = {}): DecodedFile {
  if (bytes.length === 0) throw new CoreError('invalid_request', 'The file is empty: there is nothing to import.');
  const detected = detectEncoding(bytes);
  const encoding = overrides.encoding ?? detected.encoding;
  // NUL bytes have no place in a lead file (they come from broken exports); they are dropped.
  const text = decodeBytes(bytes, encoding).replaceAll('\u0000', '');
  if (looksBinary(text)) {
    throw new CoreError('invalid_request', 'This file is not a text file (it looks like a spreadsheet, image or archive). Save the leads as CSV or tab-separated text and import that.');
  }
  if (text.trim() === '') throw new CoreError('invalid_request', 'The file is empty: there is nothing to import.');
  return { encoding, bom: detected.bom && !overrides.encoding, delimiter: overrides.delimiter ?? detectDelimiter(text), text };
}

/** Every record in order, including blank ones (cells all empty), so row numbers match what a
 *  spreadsheet shows. An unclosed quote would swallow the rest of the file into one cell: that
 *  physical line is reported unreadable and reading goes on from the next line. */
export function readRecords(text: string, delimiter: Delimiter, limit = Number.POSITIVE_INFINITY): FileRecord[] {
  const records: FileRecord[] = [];
  let offset = 0;
  let rowNumber = 0;
  while (offset < text.length && records.length < limit) {
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
        records.push({ rowNumber, cells: result.data });
        if (records.length >= limit) parser.abort();
      },
    });
    if (brokenAt < 0) break;
    const start = offset + brokenAt;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    rowNumber++;
    records.push({
      rowNumber,
      cells: text.slice(start, end).replace(/\r$/, '').split(delimiter),
      unreadable: 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)',
    });
    offset = end + 1;
  }
  return records;
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Header names as shown: trimmed, never empty, so every column can be mapped and exported. */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((cell, i) => cell.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`);
}
