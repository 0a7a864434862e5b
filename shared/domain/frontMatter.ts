// The front matter of a Markdown file Dialdeck imports (scripts, email templates): a "---" block
// of `key: value` lines (a value in double quotes is read as a JSON string), then the body.

export type FrontMatter = { ok: true; meta: Map<string, string>; body: string } | { ok: false; reason: string };

/** `text` with its line ends already normalised to "\n"; `names` says what the block must give
 *  ("name, situation and subject"), for the reason when there is none. */
export function readFrontMatter(text: string, fileName: string, names: string): FrontMatter {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) return { ok: false, reason: `${fileName} has no front matter: it must start with a "---" block ${names}.` };
  const meta = new Map<string, string>();
  for (const line of match[1]!.split('\n')) {
    const kv = /^(\w+)\s*:\s*(.*)$/.exec(line.trim());
    if (!kv) continue;
    let value = kv[2]!.trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        return { ok: false, reason: `${fileName}: the ${kv[1]} value ${value} is not closed with a quote.` };
      }
    }
    meta.set(kv[1]!, value);
  }
  return { ok: true, meta, body: match[2]!.trim() };
}
