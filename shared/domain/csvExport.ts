// CSV that is safe to open in Excel: a cell that starts like a formula (=, +, -, @, tab, CR,
// LF) gets a leading apostrophe, which Excel hides and which stops it evaluating the cell.
// Phone numbers stay readable: "+14155552671" shows as +14155552671.

const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text (CRLF line ends, as Excel writes them), every cell neutralised. */
export function toSafeCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map((h) => quote(neutraliseCell(h))).join(',')];
  for (const row of rows) lines.push(row.map((cell) => quote(neutraliseCell(cell))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
