// CSV that is safe to open in a spreadsheet, whatever list separator it splits on (the OWASP
// CSV-injection rule). Excel with a `;` list separator (German, French…) does not read a comma
// file's quotes the way RFC 4180 does: in `a,"x;=cmd|' /C calc'!A0"` it sees the fields
// `a,"x` and `=cmd|' /C calc'!A0"`, and runs the second. So a field is neutralised (a `'` before
// it) wherever one may begin: at the start of the cell and after every `,` `;` tab or line break.

/** A field that begins with one of = + - @ tab CR is a formula, or becomes one once tab or CR
 *  is trimmed. Quotes before it do not help: a spreadsheet reading `"=…` as a quoted field may
 *  keep what follows the closing quote. */
const FORMULA_AT_START = /^"*[=+\-@\t\r]/;
/** A `,` `;` tab or line break followed by such a field: where a new field may begin mid-cell. */
const FORMULA_AFTER_BREAK = /[,;\t\r\n](?="*[=+\-@\t\r])/g;
/** A quick check first: most cells hold nothing to neutralise. */
const MAY_HOLD_FORMULA = /(?:^|[,;\t\r\n])"*[=+\-@\t\r]/;
/** `+` and digits only, as an E.164 number is: every spreadsheet reads it as a number, a
 *  constant that can neither call nor reference anything, so it is left readable. */
const PLAIN_INTERNATIONAL_NUMBER = /^\+\d{1,15}$/;
/** Quoted: a cell with a quote, a line break or a separator any spreadsheet might split on. */
const NEEDS_QUOTES = /[",;\t\r\n]/;
/** The longest stretch of a cell handed on in one piece. */
const PIECE_CHARS = 64 * 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** One cell as written to the file, handed to `emit` in pieces: a `'` before every field that
 *  would begin like a formula, quotes around it (its own quotes doubled) when it needs them.
 *  In pieces of at most 64 KB, so a 10 MB cell is written as it is read, never copied whole,
 *  however many fields in it need neutralising. */
export function emitCsvCell(value: string, emit: (piece: string) => void): void {
  const quoted = NEEDS_QUOTES.test(value);
  const stretch = (from: number, to: number) => {
    if (from === 0 && to === value.length && to <= PIECE_CHARS) {
      emit(quoted ? value.replaceAll('"', '""') : value);
      return;
    }
    for (let at = from; at < to; ) {
      let end = Math.min(to, at + PIECE_CHARS);
      // Never between the two halves of an emoji (a surrogate pair): each piece is encoded on its
      // own, and a lone half is written as U+FFFD.
      if (end < to && isHighSurrogate(value.charCodeAt(end - 1))) end--;
      const piece = value.slice(at, end);
      emit(quoted ? piece.replaceAll('"', '""') : piece);
      at = end;
    }
  };
  if (quoted) emit('"');
  let from = 0;
  if (MAY_HOLD_FORMULA.test(value) && !PLAIN_INTERNATIONAL_NUMBER.test(value)) {
    if (FORMULA_AT_START.test(value)) emit("'");
    const breaks = new RegExp(FORMULA_AFTER_BREAK);
    for (let match = breaks.exec(value); match !== null; match = breaks.exec(value)) {
      const at = match.index + 1;
      // A CR right after a line break only continues a run of blank lines (a note's paragraphs):
      // it starts no field with anything in it, so those lines are left as they were.
      if (value[at] === '\r' && (match[0] === '\r' || match[0] === '\n')) continue;
      stretch(from, at);
      emit("'");
      from = at;
    }
  }
  stretch(from, value.length);
  if (quoted) emit('"');
}

/** One row of cells as CSV, with the CRLF Excel writes, handed to `emit` in pieces. */
export function emitCsvLine(cells: readonly string[], emit: (piece: string) => void): void {
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) emit(',');
    emitCsvCell(cells[i]!, emit);
  }
  emit('\r\n');
}

/** The UTF-8 byte order mark that makes Excel read the file as UTF-8 (accents intact). */
export const UTF8_BOM = '\uFEFF';
