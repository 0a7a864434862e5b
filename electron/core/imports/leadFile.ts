// Reading a lead file: bytes → text → records, honest about every row. Malformed input never
// throws past here except as one clear CoreError for a file that cannot be read at all.
import Papa from 'papaparse';
import { decodeBytes, detectDelimiter, detectEncoding, looksBinary, type Delimiter, type Encoding } from '../../../shared/domain/leads/decode';
import { strayQuoteReason } from '../../../shared/domain/leads/rowReasons';
import { CoreError } from '../errors';

export interface FileRecord {
  /** The record's row in the file as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: string[];
  /** Set when the row could not be read as CSV (an unclosed or a stray quote): why, for the rep.
   *  Its cells are then its text, from the row's start to the end of the quote's line, split at
   *  the delimiter. */
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
 *  spreadsheet shows. Records are handed over as they are read; return false from onRecord to
 *  stop. A row whose quote breaks the reading is handed over unreadable, with why, and reading
 *  goes on from the line after the one that quote is on:
 *  - an unclosed quote, which would swallow the rest of the file into one cell;
 *  - a stray quote, closed only by a quote further down: see isStray in quoteScan.
 *
 *  Linear whatever the quoting: papaparse, on an unclosed quote, searches to the end of the file
 *  for a closing one, so handing it the rest of the file again after each broken line made a file
 *  with one on every line quadratic. A linear pre-pass (quoteScan, papaparse's own quote rule)
 *  finds the broken rows; papaparse reads only the clean stretches between them, each once. The
 *  header is read first on its own, as the stray-quote rule measures rows against it. */
export function forEachRecord(text: string, delimiter: Delimiter, onRecord: (record: FileRecord) => boolean | void): void {
  const newline = guessLineEnding(text);
  const scan = quoteScan(text, delimiter, newline);
  let offset = 0;
  let rowNumber = 0;
  // How many columns the header has: null until it is read.
  let columns: number | null = null;
  while (offset < text.length) {
    const stop = scan.nextStop(offset, columns);
    const end = stop.broken ? stop.rowStart : stop.end;
    if (end > offset) {
      const segment = text.slice(offset, end);
      // A stretch cut before the file's end ends with a newline, after which papaparse reports
      // one more, empty, record: it is not in the file.
      const cut = end < text.length;
      let stopped = false;
      let cursor = 0;
      Papa.parse<string[]>(segment, {
        delimiter,
        newline,
        quoteChar: '"',
        step: (result, parser) => {
          if (cut && cursor === segment.length) return;
          cursor = result.meta.cursor;
          rowNumber++;
          const record: FileRecord = { rowNumber, cells: result.data };
          if (columns === null && isHeaderCandidate(record)) columns = record.cells.length;
          if (onRecord(record) === false) {
            stopped = true;
            parser.abort();
          }
        },
      });
      if (stopped) return;
    }
    if (!stop.broken) {
      offset = end;
      continue;
    }
    rowNumber++;
    const keepGoing = onRecord({
      rowNumber,
      cells: text.slice(stop.rowStart, stop.lineEnd).split(delimiter),
      unreadable: stop.broken === 'unclosed' ? UNCLOSED_QUOTE : strayQuoteReason(text.slice(stop.quote, stop.lineEnd)),
    });
    if (keepGoing === false) return;
    offset = stop.lineEnd < text.length ? stop.lineEnd + newline.length : text.length;
  }
}

const UNCLOSED_QUOTE = 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)';

const QUOTE = 0x22;
const BOM = 0xfeff;
const WHITESPACE = /\s/;

/** papaparse's own guess (5.5.3, ParserHandle.guessLineEndings), made once for the whole file
 *  and handed to every stretch, so the stretches are read as the whole file would be. */
export function guessLineEnding(text: string): '\n' | '\r\n' | '\r' {
  const head = text.substring(0, 1024 * 1024).replace(/"([^]*?)"/gm, '');
  const r = head.split('\r');
  const n = head.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0]!.length < r[0]!.length)) return '\n';
  let withN = 0;
  for (const part of r) if (part[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/** Where papaparse would find each field's closing quote, computed once in linear time.
 *  papaparse's rule (Parser.parse): a quote at the start of a field opens it; inside, the
 *  quotes are read left to right, `""` being an escaped quote; a lone quote closes the field
 *  when it is the file's last character or is followed (after optional whitespace) by the
 *  delimiter or the newline; otherwise it is data and the search goes on. So in each run of
 *  consecutive quotes only the last one can close, and only when the run, counted from where
 *  the search reached it, has an odd length. */
export function quoteScan(text: string, delimiter: string, newline: string) {
  const length = text.length;
  // The quote runs: start and end (inclusive) of each, in order.
  const runStart: number[] = [];
  const runEnd: number[] = [];
  for (let at = text.indexOf('"'); at >= 0; ) {
    let end = at;
    while (text.charCodeAt(end + 1) === QUOTE) end++;
    runStart.push(at);
    runEnd.push(end);
    at = text.indexOf('"', end + 1);
  }
  const runs = runStart.length;
  // First delimiter / newline at or after a position. The positions asked mostly grow; a walk
  // after a broken row goes back to the line after the row's start, and then only the gap
  // back to where the last search began is searched again.
  const forward = (needle: string) => {
    let askedFrom = length + 1;
    let found = -1;
    return (from: number) => {
      if (from < askedFrom) {
        let inGap = -1;
        for (let i = from; i < Math.min(askedFrom, length); i++) {
          if (text.startsWith(needle, i)) {
            inGap = i;
            break;
          }
        }
        if (askedFrom > length || inGap >= 0) found = inGap >= 0 ? inGap : text.indexOf(needle, from);
        askedFrom = from;
      } else if (found !== -1 && found < from) {
        found = text.indexOf(needle, from);
        askedFrom = from;
      }
      return found;
    };
  };
  /** How many whitespace characters fill [from, to) entirely, else 0 (papaparse's extraSpaces). */
  const spaces = (from: number, to: number) => {
    if (to <= from) return 0;
    for (let i = from; i < to; i++) if (!WHITESPACE.test(text[i]!)) return 0;
    return to - from;
  };
  /** What a lone quote at q does: 'delimiter' or 'row' (it closes the field, and the next
   *  field or row starts at `next`), 'end' (last character), or null (it is data). */
  const closing = (q: number, nextDelimiter: (from: number) => number, nextNewline: (from: number) => number) => {
    if (q === length - 1) return { how: 'end' as const, next: length };
    const d = nextDelimiter(q + 1);
    const n = nextNewline(q + 1);
    const upTo = n === -1 ? d : Math.min(d, n);
    const beforeDelimiter = upTo === -1 ? 0 : spaces(q + 1, upTo);
    if (text.startsWith(delimiter, q + 1 + beforeDelimiter)) return { how: 'delimiter' as const, next: q + 1 + beforeDelimiter + delimiter.length };
    const beforeNewline = n === -1 ? 0 : spaces(q + 1, n);
    if (text.startsWith(newline, q + 1 + beforeNewline)) return { how: 'row' as const, next: q + 1 + beforeNewline + newline.length };
    return null;
  };
  // For each run: the first run at or after it whose last quote closes a field reached from
  // the run's start (odd length, followed by what closes); -1 when none.
  const closerFrom = new Int32Array(runs + 1).fill(-1);
  {
    const d = forward(delimiter);
    const n = forward(newline);
    const closes = new Uint8Array(runs);
    for (let r = 0; r < runs; r++) closes[r] = (runEnd[r]! - runStart[r]! + 1) % 2 === 1 && closing(runEnd[r]!, d, n) ? 1 : 0;
    for (let r = runs - 1; r >= 0; r--) closerFrom[r] = closes[r] ? r : closerFrom[r + 1]!;
  }
  // The run holding a quote: the quotes asked about move forward, but for the step back after
  // a broken row, so this pointer follows them.
  let runAt = 0;
  const runOf = (q: number) => {
    while (runAt > 0 && runStart[runAt]! > q) runAt--;
    while (runAt < runs - 1 && runStart[runAt + 1]! <= q) runAt++;
    return runAt;
  };
  /** The quote that closes a field opened at q, or -1 when none does before the end. */
  const closingQuote = (q: number, d: (from: number) => number, n: (from: number) => number) => {
    const r = runOf(q);
    const end = runEnd[r]!;
    if ((end - q) % 2 === 1 && closing(end, d, n)) return end;
    const next = closerFrom[r + 1]!;
    return next < 0 ? -1 : runEnd[next]!;
  };

  // One search position for every walk: each starts where the last one stopped, so a file with
  // no delimiter at all is searched for one once, not once per broken row.
  const d = forward(delimiter);
  const n = forward(newline);

  // Where the delimiters and the lines are, built the first time a quoted cell spans a line
  // break once the header is known (most files have none): counts per block of 64 characters,
  // so "how many delimiters before here" and "which line is this on" cost a few steps each.
  let lineIndex: { delimitersBefore: (at: number) => number; line: (at: number) => { start: number; end: number } } | null = null;
  const buildLineIndex = () => {
    const blocks = (length >> 6) + 2;
    const delimitersIn = new Int32Array(blocks);
    const newlinesIn = new Int32Array(blocks);
    const lineStarts = [0];
    for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + 1)) delimitersIn[(at >> 6) + 1]!++;
    for (let at = text.indexOf(newline); at >= 0; at = text.indexOf(newline, at + newline.length)) {
      newlinesIn[(at >> 6) + 1]!++;
      lineStarts.push(at + newline.length);
    }
    for (let b = 1; b < blocks; b++) {
      delimitersIn[b]! += delimitersIn[b - 1]!;
      newlinesIn[b]! += newlinesIn[b - 1]!;
    }
    const delimiterCode = delimiter.charCodeAt(0);
    return {
      delimitersBefore: (at: number) => {
        let count = delimitersIn[at >> 6]!;
        for (let i = at & ~63; i < at; i++) if (text.charCodeAt(i) === delimiterCode) count++;
        return count;
      },
      /** The line holding the character at `at` (not inside a newline), without its newline. */
      line: (at: number) => {
        let i = newlinesIn[at >> 6]!;
        for (let j = at & ~63; j < at; j++) if (text.startsWith(newline, j)) i++;
        return { start: lineStarts[i]!, end: i + 1 < lineStarts.length ? lineStarts[i + 1]! - newline.length : length };
      },
    };
  };
  /** Whether the quoted cell from `open` to `close`, which spans a line break, is a stray quote
   *  rather than a real multi-line cell (an address, a note), in a file whose header has
   *  `columns` columns, so that a whole row holds columns - 1 delimiters. A stray quote swallows
   *  whole rows: at least the rest of its own row and the first cells of the row whose quote
   *  closes it, and every row in between. So it is stray when
   *  - the cell holds a whole row's worth of delimiters: a real multi-line cell holds a few
   *    commas, not a row's worth. (A real cell that does, say a 4-column file's note with 3
   *    commas, is misread: its row is rejected with this reason and its other lines are read as
   *    rows of their own; loud, never silent.) Or
   *  - the line it opens on and the line it closes on hold two rows' worth between them: in a
   *    real row of `columns` cells the two lines share one row's delimiters plus the cell's own,
   *    so this never fires on a real row unless the first case does. It catches a stray quote
   *    closed on the next line in an earlier column than it opened in.
   *  Counting delimiters, not cells that look like phone numbers, keeps the rule independent of
   *  the mapping. A one-column file has no delimiters to count, but its one column is the phone
   *  number (a lead or do-not-call file), which never spans lines: there every cell that does is
   *  a stray quote. A quote opened on a short row and closed in the same column of the next line
   *  passes both (the record has the header's width): the row is rejected when it is classified
   *  if the next line's start shows in the quoted cell (swallowedLineReason in rowReasons.ts). */
  const isStray = (open: number, close: number, columns: number) => {
    if (columns <= 1) return true;
    const whole = columns - 1;
    lineIndex ??= buildLineIndex();
    const { delimitersBefore, line } = lineIndex;
    if (delimitersBefore(close) - delimitersBefore(open + 1) >= whole) return true;
    const delimitersOn = (at: number) => {
      const { start, end } = line(at);
      return delimitersBefore(end) - delimitersBefore(start);
    };
    return delimitersOn(open) + delimitersOn(close) >= 2 * whole;
  };

  return {
    /** Where papaparse can read from `offset` without meeting a broken row: to `end` (the file's
     *  end, or, while the header is not known, the end of the first record, so the header is
     *  read before any row is measured against it), or to `rowStart`, where a row broken by the
     *  quote at `quote` starts; that row ends with the line the quote is on, at `lineEnd`.
     *  Walks fields as papaparse does: each step jumps a whole field, so a walk is linear in
     *  what it passes, and the next walk starts after the broken row's line. */
    nextStop(offset: number, columns: number | null): Stop {
      // papaparse drops a byte-order mark at the start of what it is given.
      let cursor = text.charCodeAt(offset) === BOM ? offset + 1 : offset;
      let rowStart = offset;
      const broken = (how: 'unclosed' | 'stray', quote: number): Stop => {
        const lineEnd = n(quote + 1);
        return { broken: how, rowStart, quote, lineEnd: lineEnd < 0 ? length : lineEnd };
      };
      for (;;) {
        if (text.charCodeAt(cursor) === QUOTE) {
          const close = closingQuote(cursor, d, n);
          if (close < 0) return broken('unclosed', cursor);
          if (columns !== null) {
            const lineBreak = n(cursor + 1);
            if (lineBreak >= 0 && lineBreak < close && isStray(cursor, close, columns)) return broken('stray', cursor);
          }
          const after = closing(close, d, n)!;
          if (after.how === 'end') return { broken: null, end: length };
          cursor = after.next;
          if (after.how === 'row') {
            if (columns === null) return { broken: null, end: cursor };
            rowStart = cursor;
          }
          continue;
        }
        const nextDelimiter = d(cursor);
        const nextNewline = n(cursor);
        if (nextDelimiter !== -1 && (nextDelimiter < nextNewline || nextNewline === -1)) {
          cursor = nextDelimiter + delimiter.length;
          continue;
        }
        if (nextNewline === -1) return { broken: null, end: length };
        cursor = nextNewline + newline.length;
        if (columns === null) return { broken: null, end: cursor };
        rowStart = cursor;
      }
    },
  };
}

type Stop = { broken: null; end: number } | { broken: 'unclosed' | 'stray'; rowStart: number; quote: number; lineEnd: number };

export function readRecords(text: string, delimiter: Delimiter, limit = Number.POSITIVE_INFINITY): FileRecord[] {
  const records: FileRecord[] = [];
  forEachRecord(text, delimiter, (record) => records.push(record) < limit);
  return records;
}

/** The header is the first readable, non-blank record. */
export function isHeaderCandidate(record: FileRecord): boolean {
  return !record.unreadable && !isBlank(record.cells);
}

/** The header's names from the first record that is not blank; null for a blank one. A header
 *  that cannot be read refuses the file: taking the next line as the header would use up the
 *  first data row, imported as nothing and rejected as nothing. */
export function headerOf(record: FileRecord): string[] | null {
  if (record.unreadable) {
    throw new CoreError('invalid_request', `The header row (line ${record.rowNumber}) cannot be read: ${record.unreadable}. Nothing was imported: fix the quotes in the column names, or save the file again from the spreadsheet, then import it.`);
  }
  return isBlank(record.cells) ? null : headerNames(record.cells);
}

export function noHeaderError(): CoreError {
  return new CoreError('invalid_request', 'The file has no header row: the first line should name the columns.');
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Header names as shown: trimmed, never empty, so every column can be mapped and exported. */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((cell, i) => cell.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`);
}
