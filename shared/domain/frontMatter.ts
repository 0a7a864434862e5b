// The front matter of a Markdown file Dialdeck imports (scripts, email templates): a "---" block
// of `key: value` lines (a value in double quotes is read as a JSON string, and may be followed
// by a `# comment`), then the body. Read line by line, so any file is read in linear time.

export type FrontMatter = { ok: true; meta: Map<string, string>; body: string } | { ok: false; reason: string };

/** A "---" line; editors leave spaces after it, which do not make it another line. */
function isFence(line: string): boolean {
  return line.trimEnd() === '---';
}

/** `text` with its line ends already normalised to "\n"; `names` says what the block must give
 *  ("name, situation and subject"), for the reason when there is none. */
export function readFrontMatter(text: string, fileName: string, names: string): FrontMatter {
  const lines = text.split('\n');
  const close = isFence(lines[0] ?? '') ? lines.findIndex((line, i) => i > 0 && isFence(line)) : -1;
  if (close < 0) return { ok: false, reason: `${fileName} has no front matter: it must start with a "---" block ${names}.` };
  const meta = new Map<string, string>();
  for (const line of lines.slice(1, close)) {
    const kv = /^(\w+)\s*:(.*)$/.exec(line.trim());
    if (!kv) continue;
    const value = valueOf(kv[2]!.trim());
    if (!value.ok) return { ok: false, reason: `${fileName}: the ${kv[1]} value ${kv[2]!.trim()} ${value.problem}.` };
    meta.set(kv[1]!, value.text);
  }
  return { ok: true, meta, body: lines.slice(close + 1).join('\n').trim() };
}

/** A value as written: plain text as it stands, or a double-quoted JSON string with nothing
 *  after its closing quote but a comment. */
function valueOf(written: string): { ok: true; text: string } | { ok: false; problem: string } {
  if (!written.startsWith('"')) return { ok: true, text: written };
  const end = closingQuote(written);
  if (end < 0) return { ok: false, problem: 'is not closed with a quote' };
  const after = written.slice(end + 1).trim();
  if (after !== '' && !after.startsWith('#')) return { ok: false, problem: `has text after its closing quote (${after}): put it inside the quotes, or start a comment with #` };
  try {
    return { ok: true, text: JSON.parse(written.slice(0, end + 1)) as string };
  } catch {
    return { ok: false, problem: 'is not a valid quoted text: check its backslashes (\\" for a quote, \\\\ for a backslash)' };
  }
}

/** Where the quote that closes the one at 0 is (one pass; a backslash escapes the next
 *  character), or -1. */
function closingQuote(written: string): number {
  for (let i = 1; i < written.length; i++) {
    if (written[i] === '\\') i++;
    else if (written[i] === '"') return i;
  }
  return -1;
}
