// The local diagnostics log: errors from the main process, the core and the renderer, one JSON
// line each in logs/dialdeck.log beside the database, rotated (three files of 512 KB at most).
// It holds no lead data: every message and stack is scrubbed of phone numbers, e-mail addresses
// and quoted text before it is written, and cut short. Nothing leaves the machine: "Copy
// diagnostics" in Settings puts a summary on the clipboard for the rep to send if they choose.
import fs from 'node:fs';
import path from 'node:path';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'dialdeck.log';
const MAX_BYTES = 512 * 1024;
const KEEP_FILES = 3;
const MAX_TEXT = 2000;

export type DiagnosticSource = 'main' | 'core' | 'renderer';

export interface DiagnosticEntry {
  at: string;
  source: DiagnosticSource;
  message: string;
  stack: string | null;
}

/** Lead data out of a text: quoted text, e-mail addresses, and any run of six or more digits
 *  (with the spaces, dots, dashes and brackets numbers are written with) go; the text is cut to
 *  2,000 characters. */
export function scrub(text: string): string {
  return text
    .replace(/"(?:[^"\\\n]|\\.){1,500}"|'(?:[^'\\\n]|\\.){2,500}'|“[^”\n]{1,500}”/g, '"…"')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[e-mail]')
    .replace(/\+?\(?\d(?:[\d\s().-]*\d){5,}/g, '[number]')
    .slice(0, MAX_TEXT);
}

export class DiagnosticsLog {
  private readonly file: string;

  constructor(
    private readonly folder: string,
    private readonly now: () => Date = () => new Date(),
    private readonly maxBytes = MAX_BYTES,
  ) {
    this.file = path.join(folder, LOG_FILE);
  }

  /** Write one error (scrubbed). Never throws: a log that cannot be written must not stop
   *  what was going on; it says so on stderr instead. */
  error(source: DiagnosticSource, message: string, stack?: string | null): void {
    const entry: DiagnosticEntry = { at: this.now().toISOString(), source, message: scrub(message), stack: stack ? scrub(stack) : null };
    const line = `${JSON.stringify(entry)}\n`;
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      if (this.size(this.file) + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      fs.appendFileSync(this.file, line);
    } catch (error) {
      console.error(`[dialdeck] the diagnostics log ${this.file} could not be written:`, error);
    }
  }

  /** The latest entries, newest last, from the current file and the ones before it. */
  recent(limit: number): DiagnosticEntry[] {
    const entries: DiagnosticEntry[] = [];
    for (let n = 0; n < KEEP_FILES && entries.length < limit; n++) {
      const file = n === 0 ? this.file : `${this.file}.${n}`;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        break;
      }
      const lines = text.split('\n').filter(Boolean);
      for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
        try {
          entries.push(JSON.parse(lines[i]!) as DiagnosticEntry);
        } catch {
          // A line cut short by a crash: skipped.
        }
      }
    }
    return entries.reverse();
  }

  /** dialdeck.log → .1 → .2; the oldest beyond that is deleted. */
  private rotate(): void {
    fs.rmSync(`${this.file}.${KEEP_FILES - 1}`, { force: true });
    for (let n = KEEP_FILES - 2; n >= 1; n--) {
      if (fs.existsSync(`${this.file}.${n}`)) fs.renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (fs.existsSync(this.file)) fs.renameSync(this.file, `${this.file}.1`);
  }

  private size(file: string): number {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  }
}

/** The log for a data folder. */
export function diagnosticsLogFor(dataDir: string, now?: () => Date): DiagnosticsLog {
  return new DiagnosticsLog(path.join(dataDir, LOG_FOLDER), now);
}
