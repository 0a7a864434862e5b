// Turning the bytes of a lead file into text, whatever Excel or a CRM saved it as.
// TextDecoder is the web standard decoder, present in Node, Electron and browsers alike.

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: Encoding;
  bom: boolean;
}

/** BOMs first; then UTF-16 without a BOM (every other byte zero); then strict UTF-8; and
 *  Windows-1252 (Excel's plain "CSV" on a Western Windows) for anything that is not UTF-8. */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sample = bytes.subarray(0, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  }
  const half = sample.length / 2;
  if (half > 0 && zeroOdd > half * 0.6 && zeroEven < half * 0.1) return { encoding: 'utf-16le', bom: false };
  if (half > 0 && zeroEven > half * 0.6 && zeroOdd < half * 0.1) return { encoding: 'utf-16be', bom: false };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/** Decode with the given encoding; the BOM is dropped, invalid sequences become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
}

/** A file that is not text at all (an image renamed .csv, a zip): many control bytes. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control++;
  }
  return control / sample.length > 0.1;
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter that splits the first lines into the most consistent, widest rows,
 *  counting only outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const lines = firstRecords(text, 20);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

function firstRecords(text: string, max: number): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && records.length < max; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (i > start) records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (records.length < max && start < text.length) records.push(text.slice(start, Math.min(text.length, start + 100_000)));
  return records.filter((r) => r.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) count++;
  }
  return count;
}
