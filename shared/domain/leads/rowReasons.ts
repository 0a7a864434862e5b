// Why a row of a lead file could not be read as the header says, in words the rep can act on:
// each row's reason names its own values; the import's summary counts the rows under one group.

/** How a delimiter is called in a reason. */
const DELIMITER_WORDS = new Map<string, string>([
  [',', 'comma'],
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'bar (|)'],
]);

/** A value as a reason names it: in “”, shortened, with no “” of its own (so the summary can
 *  strip it to group rows). */
export function named(value: string, max = 40): string {
  const text = value.length > max ? `${value.slice(0, max).trimEnd()}…` : value;
  return `“${text.replace(/[“”]/g, '"')}”`;
}

const STRAY_QUOTE_GROUP = 'a quote opened in this row is never closed on this row: remove the stray quote or close it, then import the row again; the lines after it were read as rows of their own';

/** A row whose quote is closed only by a quote further down the file (the reader took the lines
 *  between as rows of their own); `fromQuote` is the row's line from that quote on. */
export function strayQuoteReason(fromQuote: string): string {
  return `a quote opened in this row (${named(fromQuote)}) is never closed on this row: remove the stray quote or close it, then import the row again; the lines after it were read as rows of their own`;
}

const LINE_BREAK = /\r\n|\r|\n/;
const SWALLOWED_LINE = /^the (.+) \(“.*”\) runs onto the next line, which starts as a row does/s;

/** How a value fits the column it would be in if its line started a row: a phone number in a
 *  phone column, an email address in the email column, some other value that could be there
 *  (an empty cell, a name), or one that could not (text in the phone column, a phone number or an
 *  email address in a name column). */
export type ValueFit = 'phone number' | 'email address' | 'fits' | 'misfit';

/** Two rows read as one: a quote left open on a short row ran into the next line, and the reader
 *  took that line's first cells into the quoted cell and its last cells as this row's, so the
 *  record has the header's width and two people in it. Counting delimiters cannot tell it from a
 *  real multi-line cell (the next line is a whole row either way, and "12 Main St,↵Springfield,
 *  IL" after a name has the same shape), so the values decide: the quoted cell, in column c ≥ 2
 *  (from 0), ends with a line of c delimiters whose c values each fit the column they would start
 *  a row in, one of them a phone number in a phone column or an email address in the email
 *  column (`fit` says, by the mapping). So a note listing other numbers ("Alt:↵212 555 0102,
 *  212 555 0103") is kept: its first value is a number where a name goes. Not caught: a quote
 *  opened in the first two columns, or a next row with no phone or email before the quoted one.
 *  Returns why, in words the rep can act on, or null. `headers` names the columns. */
export function swallowedLineReason(cells: readonly string[], headers: readonly string[], delimiter: string, fit: (column: number, value: string) => ValueFit): string | null {
  for (let column = 2; column < cells.length; column++) {
    const cell = cells[column]!;
    if (!LINE_BREAK.test(cell)) continue;
    const lines = cell.split(LINE_BREAK);
    const values = lines[lines.length - 1]!.split(delimiter);
    if (values.length - 1 !== column) continue;
    const fits = values.slice(0, column).map((value, at) => fit(at, value.trim()));
    if (fits.includes('misfit')) continue;
    const before = fits.findIndex((f) => f === 'phone number' || f === 'email address');
    if (before < 0) continue;
    const header = (at: number) => headers[at]?.trim() ?? '';
    const cellName = header(column) ? `the ${header(column)} cell` : `the cell in column ${column + 1}`;
    const columnName = header(before) ? `the ${header(before)} column` : `column ${before + 1}`;
    return `${cellName} (${named(lines.join(' ↵ '))}) runs onto the next line, which starts as a row does, with ${fits[before] === 'phone number' ? 'a phone number' : 'an email address'} where ${columnName} is: a quote opened in this row is probably not closed on its own line, so the next row was read into this one. Close or remove that quote, then import both rows again`;
  }
  return null;
}

const EXTRA_CELLS = /^this row has \d+ cells but the header has \d+ columns/;
const EXTRA_CELLS_GROUP = 'more cells than the header has columns: a value holding the delimiter without quotes, or extra values at the end of the row';

/** A row with more cells than the header has columns, the extra ones not all empty: its values
 *  may sit in the wrong columns (the phone in no column at all), so it is not imported. The most
 *  common cause is a value holding the delimiter without quotes ("Acme, Inc"), whose second part
 *  starts with a space: such values are named when there are no more of them than surplus cells
 *  (in a file written "a, b, c" every cell starts with a space, and that tells nothing); else the
 *  extra values are named. */
export function extraCellsReason(cells: readonly string[], columns: number, delimiter: string): string {
  const counts = `this row has ${cells.length} cells but the header has ${columns} columns`;
  const word = DELIMITER_WORDS.get(delimiter) ?? `“${delimiter}”`;
  let filled = cells.length;
  while (filled > 0 && cells[filled - 1]!.trim() === '') filled--;
  const split: string[] = [];
  for (let i = 1; i < filled; i++) {
    if (/^\s+\S/.test(cells[i]!) && cells[i - 1]!.trim() !== '') split.push(named(`${cells[i - 1]!.trim()}${delimiter}${cells[i]!.trimEnd()}`));
  }
  if (split.length > 0 && split.length <= filled - columns) {
    const one = split.length === 1;
    return `${counts}: ${one ? `an unquoted ${word}` : `unquoted ${word}s`} in ${split.slice(0, 3).join(' and ')}? Put ${one ? 'that value' : 'those values'} in quotes or remove the ${word}, then import the row again`;
  }
  const extra = cells.slice(columns).filter((cell) => cell.trim() !== '');
  const shown = extra.slice(0, 3).map((cell) => named(cell.trim()));
  const more = extra.length > shown.length ? ` and ${(extra.length - shown.length).toLocaleString('en')} more` : '';
  const values = `${extra.length === 1 ? 'the extra value is' : 'the extra values are'} ${shown.join(', ')}${more}`;
  return `${counts}, so its values may be in the wrong columns: ${values}. Remove ${extra.length === 1 ? 'it' : 'them'}, or put quotes around a value that holds a ${word}, then import the row again`;
}

/** The group a row's reason is counted under in the import's summary: the reason without the
 *  values it names. */
export function reasonGroup(reason: string): string {
  if (EXTRA_CELLS.test(reason)) return EXTRA_CELLS_GROUP;
  if (reason.startsWith('a quote opened in this row (“')) return STRAY_QUOTE_GROUP;
  if (SWALLOWED_LINE.test(reason)) return reason.replace(/ \(“.*”\)/s, '');
  // "phone "12": too short for US" → "phone: too short for US".
  return reason.replace(/ "[^"]*": /g, ': ');
}
