// Reading a lead file stays linear whatever its quoting, and reads every row exactly as before.
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forEachRecord, guessLineEnding, isBlank, readRecords, type FileRecord } from '../../electron/core/imports/leadFile';

const UNCLOSED = 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)';
/** The stray-quote reason without the cell it names (the reference does not find the quote). */
const STRAY = 'a quote opened in this row is never closed on this row: remove the stray quote or close it, then import the row again; the lines after it were read as rows of their own';
const withoutNamedCell = (records: FileRecord[]) => records.map((r) => (r.unreadable ? { ...r, unreadable: r.unreadable.replace(/ \(“[^”]*”\)/, '') } : r));
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** The reader written the slow, obvious way, as the reference for what every row must read as:
 *  papaparse over the rest of the file after each broken row (quadratic on a file of broken
 *  rows), the stray-quote rule applied to the cells papaparse returns. Two choices, made on
 *  purpose: the line ending is guessed once for the whole file (re-guessing on up to 1 MB per
 *  broken line was itself quadratic), and a broken row runs from its start to the end of the
 *  line its bad quote is on (the file's line ending, as papaparse reads lines).
 *
 *  The stray rule, from the cells: a cell holding a line break came from a quoted field (an
 *  unquoted one ends at the line break); its delimiters are the ones between its quotes; the
 *  lines it opens and closes on are the record's lines numbered by the line breaks in the cells
 *  before it. Stray when, once the header (the first readable, non-blank record) has `columns`
 *  cells and w = columns - 1: the cell holds w delimiters, or its two lines 2w; in a file of
 *  one column, always. */
function referenceRecords(text: string, delimiter: string): FileRecord[] {
  const records: FileRecord[] = [];
  const newline = guessLineEnding(text);
  let columns: number | null = null;
  let offset = 0;
  let rowNumber = 0;
  while (offset < text.length) {
    const rest = offset === 0 ? text : text.slice(offset);
    let cursor = 0;
    let broken: { rowStart: number; lineEnd: number; reason: string } | null = null;
    Papa.parse<string[]>(rest, {
      delimiter,
      newline,
      quoteChar: '"',
      step: (result, parser) => {
        const start = cursor;
        const missing = result.errors.find((e) => e.code === 'MissingQuotes');
        // An unclosed cell is the record's last; the ones before it are whole.
        const whole = missing ? result.data.slice(0, -1) : result.data;
        if (columns !== null) {
          const w = columns - 1;
          const lines = rest.slice(start, missing ? rest.length : result.meta.cursor).split(newline);
          let linesBefore = 0;
          for (const cell of whole) {
            const breaks = count(cell, newline);
            if (breaks > 0) {
              const opens = lines[linesBefore]!;
              const closes = lines[linesBefore + breaks]!;
              if (columns === 1 || count(cell, delimiter) >= w || count(opens, delimiter) + count(closes, delimiter) >= 2 * w) {
                const lineEnd = start + lines.slice(0, linesBefore + 1).reduce((sum, line) => sum + line.length + newline.length, 0) - newline.length;
                broken = { rowStart: start, lineEnd, reason: STRAY };
                parser.abort();
                return;
              }
            }
            linesBefore += breaks;
          }
        }
        if (missing) {
          const quote = missing.index! - 1;
          const lineEnd = rest.indexOf(newline, quote);
          broken = { rowStart: start, lineEnd: lineEnd < 0 ? rest.length : lineEnd, reason: UNCLOSED };
          parser.abort();
          return;
        }
        cursor = result.meta.cursor;
        rowNumber++;
        const record = { rowNumber, cells: result.data };
        records.push(record);
        if (columns === null && !isBlank(record.cells)) columns = record.cells.length;
      },
    });
    if (!broken) break;
    const { rowStart, lineEnd, reason } = broken as { rowStart: number; lineEnd: number; reason: string };
    rowNumber++;
    records.push({ rowNumber, cells: rest.slice(rowStart, lineEnd).split(delimiter), unreadable: reason });
    offset += lineEnd < rest.length ? lineEnd + newline.length : rest.length;
  }
  return records;
}

function brokenRows(rows: number): string {
  const lines = ['First Name,Last Name,Company,Phone'];
  for (let i = 0; i < rows; i++) lines.push(`Lead ${i},"Stone ${i},Company ${i % 50},+1 212 555 ${String(1000 + (i % 9000))}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** A lead file whose every third row opens a stray quote, all closed only by the quoted cell of
 *  the last row: each stray cell runs to the end of the file. Read by handing papaparse the rest
 *  of the file after each stray row, or by looking through each stray cell, it is quadratic. */
function strayRows(rows: number): { text: string; rows: number; strays: number } {
  const lines = ['First Name,Last Name,Company,Phone'];
  let strays = 0;
  for (let i = 0; i < rows - 1; i++) {
    const phone = `+1 212 555 ${String(1000 + (i % 9000))}`;
    if (i % 3 === 0) {
      lines.push(`Lead ${i},"Stone ${i}, Jr,Company ${i % 50},${phone}`);
      strays++;
    } else lines.push(`Lead ${i},Reed,Company ${i % 50},${phone}`);
  }
  lines.push('Zed,"Last",Company,+1 212 555 0000');
  return { text: `${lines.join('\r\n')}\r\n`, rows, strays };
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
        expect(withoutNamedCell(readRecords(text, delimiter as ','))).toEqual(referenceRecords(text, delimiter));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads files shaped like lead files, with stray quotes and real multi-line cells, exactly as the reference reader does', () => {
    // Rows of cells, some quoted (with delimiters, escaped quotes or line breaks inside), some
    // with a stray opening or closing quote, rows of any width: strays and multi-line cells
    // meet here far more often than in the character soup above.
    const cell = fc.constantFrom('Ana', 'Acme', '+1 212 555 0101', '', ' ', '"Acme, Inc"', '"a ""b"" c"', '"12 Main St\nSpringfield, IL"', '"Note,\nmore, and more\nend"', '"Broken', '"Stray, quote', 'Jones"', '"Jones"', 'x"y', '"\n"');
    const row = fc.array(cell, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 14 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, delimiter, newline, lastNewline) => {
        const text = rows.map((cells) => cells.join(delimiter).replaceAll('\n', newline)).join(newline) + (lastNewline ? newline : '');
        fc.pre(text.length > 0);
        expect(withoutNamedCell(readRecords(text, delimiter as ','))).toEqual(referenceRecords(text, delimiter));
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

  it('a stray quote closed on the next line, in an earlier column than it opened in, breaks only its own row', () => {
    // Row 2's quote opens its third cell; row 3's quoted first cell closes it: papaparse read the
    // two as one record of 6 cells. Each line holds a whole row's delimiters (3).
    const lines = ['First Name,Last Name,Company,Phone', 'Carl,Smith,"Broken Co,+1 212 555 0101', '"Erin",Jones,Gamma,+1 212 555 0199'];
    const records = readRecords(`${lines.join('\n')}\n`, ',');
    expect(records).toEqual([
      { rowNumber: 1, cells: lines[0]!.split(',') },
      {
        rowNumber: 2,
        cells: lines[1]!.split(','),
        unreadable: 'a quote opened in this row (“"Broken Co,+1 212 555 0101”) is never closed on this row: remove the stray quote or close it, then import the row again; the lines after it were read as rows of their own',
      },
      { rowNumber: 3, cells: ['Erin', 'Jones', 'Gamma', '+1 212 555 0199'] },
      { rowNumber: 4, cells: [''] },
    ]);
  });

  it('in a one-column file (a list of numbers), any cell spanning a line break is a stray quote', () => {
    const lines = ['Phone', '"+1 212 555 0101', '+1 212 555 0102', '+1 212 555 0103"'];
    const records = readRecords(`${lines.join('\n')}\n`, ',');
    expect(records.map((r) => [r.rowNumber, r.cells, r.unreadable ? 'unreadable' : null])).toEqual([
      [1, ['Phone'], null],
      [2, ['"+1 212 555 0101'], 'unreadable'],
      [3, ['+1 212 555 0102'], null],
      // Its quote is data: it does not start the cell.
      [4, ['+1 212 555 0103"'], null],
      [5, [''], null],
    ]);
  });

  it('keeps real multi-line cells whole, also with commas inside, in a record with a stray quote after them', () => {
    const lines = ['Name,Address,Note,Phone', 'Ana,"12 Main St,\nSpringfield, IL","Called, no answer\nagain",+1 212 555 0101', 'Bob,"1 Elm St\nApt 2",x,"+1 212 555 0102'];
    const records = readRecords(lines.join('\n'), ',');
    expect(records.map((r) => [r.rowNumber, r.cells, r.unreadable ?? null])).toEqual([
      [1, ['Name', 'Address', 'Note', 'Phone'], null],
      [2, ['Ana', '12 Main St,\nSpringfield, IL', 'Called, no answer\nagain', '+1 212 555 0101'], null],
      // The unclosed quote is on the record's second line: the row runs to the end of that line.
      [3, 'Bob,"1 Elm St\nApt 2",x,"+1 212 555 0102'.split(','), 'unclosed quote: this row could not be read (fix the quotes in the file and import it again)'],
    ]);
  });

  it('cuts a broken row at the file\'s own line ending: a file whose lines end in CR alone loses nothing after it', () => {
    // (The cut was at the next \n: in such a file, none, so the rest of the file went into the row.)
    const lines = ['Name,Phone', 'Ana,"+1 212 555 0101', 'Bob,+1 212 555 0102', 'Cara,+1 212 555 0103'];
    const records = readRecords(`${lines.join('\r')}\r`, ',');
    expect(records.map((r) => [r.rowNumber, r.cells[0], r.unreadable ? 'unreadable' : null])).toEqual([
      [1, 'Name', null],
      [2, 'Ana', 'unreadable'],
      [3, 'Bob', null],
      [4, 'Cara', null],
      [5, '', null],
    ]);
  });

  it('reads a file with a stray quote every third row in time proportional to its size, handing papaparse each character at most once', () => {
    const small = strayRows(10_000);
    const large = strayRows(100_000);
    const parse = vi.spyOn(Papa, 'parse');
    const read = (file: ReturnType<typeof strayRows>) => {
      let records = 0;
      let unreadable = 0;
      const started = performance.now();
      forEachRecord(file.text, ',', (record) => {
        records++;
        if (record.unreadable) unreadable++;
      });
      return { records, unreadable, ms: performance.now() - started };
    };
    parse.mockClear();
    const once = read(large);
    const handed = parse.mock.calls.reduce((sum, [input]) => sum + (input as unknown as string).length, 0);
    // Every row read on its own: the header, each data row, the empty record after the last line break.
    expect(once).toMatchObject({ records: large.rows + 2, unreadable: large.strays });
    expect(handed).toBeLessThanOrEqual(large.text.length);
    parse.mockRestore();
    // Ten times the rows take about ten times as long (quadratic: a hundred). The best of a few
    // runs, the least disturbed by whatever else the machine is doing.
    const best = (file: ReturnType<typeof strayRows>, runs: number) => Math.min(...Array.from({ length: runs }, () => read(file).ms));
    read(small);
    const ratio = best(large, 3) / best(small, 7);
    expect(ratio).toBeLessThan(35);
  }, 60_000);

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
