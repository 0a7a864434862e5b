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
  // "phone "12": too short for US" → "phone: too short for US".
  return reason.replace(/ "[^"]*": /g, ': ');
}
