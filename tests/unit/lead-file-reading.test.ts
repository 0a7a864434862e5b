// Reading a lead file stays linear whatever its quoting, and reads every row exactly as before.
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forEachRecord, guessLineEnding, readRecords, type FileRecord } from '../../electron/core/imports/leadFile';

/** The reader as it was before it was made linear (papaparse over the rest of the file after
 *  each broken line), kept as the reference for what every row must read as. One difference,
 *  on purpose: the line ending is guessed once for the whole file rather than again on the rest
 *  after each broken line (re-guessing on up to 1 MB per broken line was itself quadratic). */
function referenceRecords(text: string, delimiter: string): FileRecord[] {
  const records: FileRecord[] = [];
  const newline = guessLineEnding(text);
  let offset = 0;
  let rowNumber = 0;
  while (offset < text.length) {
    const rest = offset === 0 ? text : text.slice(offset);
    let cursor = 0;
    let brokenAt = -1;
    Papa.parse<string[]>(rest, {
      delimiter,
      newline,
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

function brokenRows(rows: number): string {
  const lines = ['First Name,Last Name,Company,Phone'];
  for (let i = 0; i < rows; i++) lines.push(`Lead ${i},"Stone ${i},Company ${i % 50},+1 212 555 ${String(1000 + (i % 9000))}`);
  return `${lines.join('\r\n')}\r\n`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reading a lead file', () => {
  it('reads every row, broken or not, exactly as the reference reader does', () => {
    const piece = fc.constantFrom('a', 'bc', ',', ';', '"', '""', ' ', '  ', '\n', '\r\n', '\r', '\t', 'x"y', '" ,', '"\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom(',', ';', '\t'), (pieces, delimiter) => {
        const text = pieces.join('');
        fc.pre(text.length > 0);
        expect(readRecords(text, delimiter as ',')).toEqual(referenceRecords(text, delimiter));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the row numbers and the reason of the unclosed-quote fixture', () => {
    const text = 'First Name,Last Name,Company,Phone\r\nAna,Silva,Acme,+1 415 555 2671\r\nBob,"Stone,Stone Ltd,+1 212 555 0143\r\nCara,Nolan,Brightline,+353 1 234 5678\r\n';
    const records = readRecords(text, ',');
    expect(records.map((r) => [r.rowNumber, r.unreadable ?? null, r.cells[0]])).toEqual([
      [1, null, 'First Name'],
      [2, null, 'Ana'],
      [3, 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)', 'Bob'],
      [4, null, 'Cara'],
      [5, null, ''],
    ]);
  });

  it('hands papaparse each character of a file with 20,000 unclosed quotes at most once', () => {
    const text = brokenRows(20_000);
    const parse = vi.spyOn(Papa, 'parse');
    let records = 0;
    let unreadable = 0;
    forEachRecord(text, ',', (record) => {
      records++;
      if (record.unreadable) unreadable++;
    });
    const handed = parse.mock.calls.reduce((sum, [input]) => sum + (input as unknown as string).length, 0);
    expect(unreadable).toBe(20_000);
    expect(records).toBe(20_001);
    expect(handed).toBeLessThanOrEqual(text.length);
  });
});
