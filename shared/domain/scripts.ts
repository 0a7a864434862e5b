// Call scripts: Markdown with merge fields, split into the sections a rep moves through, with
// objection cards and a checklist read out of it, and the voicemail checker. Pure: the renderer
// turns the Markdown into inert HTML; this module only reads and fills text.
import { readFrontMatter } from './frontMatter';

export const SITUATIONS = ['first_call', 'follow_up', 'voicemail', 'complaint'] as const;
export type Situation = (typeof SITUATIONS)[number];

export const SITUATION_LABELS: Record<Situation, string> = {
  first_call: 'First call',
  follow_up: 'Follow-up after a proposal',
  voicemail: 'Voicemail',
  complaint: 'Complaint / recovery',
};

/** The fields a script may use; custom fields from an import are `contact.custom.<name>`. */
export const MERGE_FIELDS = [
  'contact.firstName',
  'contact.lastName',
  'contact.company',
  'contact.title',
  'contact.localTime',
  'me.name',
  'me.phone',
  'lastCall.nextStep',
  'lastCall.date',
] as const;

// {{field}} or {{field | filter}}; a field written straight before 's (or ’s) is read as
// {{field | possessive}}, so scripts written before the filter read right too. A name runs to the
// | or the }}, so a custom column keeps its own heading ("Budget (€)", "Société"); each part is
// bounded, so a "{{" that never closes costs a bounded look, never a scan of the rest (a script
// is read in linear time whatever it holds).
const FIELD = /\{\{([^{}|\n]{1,120})(?:\|([^{}|\n]{1,40}))?\}\}(['’]s\b)?/g;

interface FieldUse {
  /** The field's name, trimmed ("contact.firstName"). */
  name: string;
  filter: string | undefined;
  /** 's (or ’s) written straight after it. */
  possessiveAfter: string | undefined;
  index: number;
  length: number;
}

/** The merge fields a text uses, in order. A name must start with a letter: "{{ }}" and "{{1}}"
 *  are text. */
function fieldsIn(text: string): FieldUse[] {
  const uses: FieldUse[] = [];
  if (!text.includes('{{')) return uses;
  for (const match of text.matchAll(FIELD)) {
    const name = match[1]!.trim();
    if (!/^\p{L}/u.test(name)) continue;
    const filter = match[2]?.trim();
    uses.push({ name, filter: filter === '' ? undefined : filter, possessiveAfter: match[3], index: match.index, length: match[0].length });
  }
  return uses;
}

/** The filters a merge field may take: `{{contact.company | possessive}}`. */
export const MERGE_FILTERS = ['possessive'] as const;
export type MergeFilter = (typeof MERGE_FILTERS)[number];

/** A name's possessive as written in English: "Acme" → "Acme's", "Ó Briain & Sons" → "Ó Briain & Sons'"
 *  (a name ending in s takes the apostrophe alone). Trailing spaces are not part of the name. */
export function possessive(name: string): string {
  const trimmed = name.trimEnd();
  return /s$/i.test(trimmed) ? `${trimmed}'` : `${trimmed}'s`;
}

function applyFilter(value: string, filter: string | undefined): string {
  return filter?.toLowerCase() === 'possessive' ? possessive(value) : value;
}

export function isKnownField(name: string, customFields: readonly string[] = []): boolean {
  if ((MERGE_FIELDS as readonly string[]).includes(name)) return true;
  if (name.startsWith('contact.custom.')) return customFields.length === 0 || customFields.includes(name.slice('contact.custom.'.length));
  return false;
}

/** Every {{field}} the text uses that is not a field we know, for the editor to flag. */
export function unknownFields(text: string, customFields: readonly string[] = []): string[] {
  const unknown = new Set<string>();
  for (const { name, filter } of fieldsIn(text)) {
    if (!isKnownField(name, customFields)) unknown.add(name);
    if (filter !== undefined && !(MERGE_FILTERS as readonly string[]).includes(filter.toLowerCase())) unknown.add(`${name} | ${filter}`);
  }
  return [...unknown];
}

export type MergeValues = Partial<Record<string, string>>;

export interface MergePiece {
  /** Text as written in the script. */
  text?: string;
  /** A merge field: its value (its filter applied), or null when there is none (a visible blank to fill). */
  field?: string;
  value?: string | null;
}

/** Split text into literal pieces and filled fields. Values stay data: the renderer shows them as
 *  text, so HTML or Markdown in a lead's fields can never become markup. */
export function mergePieces(text: string, values: MergeValues): MergePiece[] {
  const pieces: MergePiece[] = [];
  // A Map of the values' own entries: {{toString}} in a script finds no value, not Object's.
  const byField = new Map(Object.entries(values));
  let last = 0;
  for (const use of fieldsIn(text)) {
    if (use.index > last) pieces.push({ text: text.slice(last, use.index) });
    const field = use.name;
    const value = byField.get(field);
    // The possessive is part of the value (no gap before it); written after the field, "'s" is the filter.
    const filter = use.filter ?? (use.possessiveAfter !== undefined ? 'possessive' : undefined);
    const missing = value === undefined || value.trim() === '';
    pieces.push({ field, value: missing ? null : applyFilter(value, filter) });
    // A blank keeps the 's written after it: the rep says the name and its 's.
    if (missing && use.possessiveAfter !== undefined) pieces.push({ text: use.possessiveAfter });
    last = use.index + use.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** Plain merged text (for the voicemail checker and exports): a missing value is "____". */
export function mergeText(text: string, values: MergeValues): string {
  return mergePieces(text, values)
    .map((p) => (p.text !== undefined ? p.text : (p.value ?? '____')))
    .join('');
}

/** A phone number as said aloud: digits in groups, "+1 212 555 0143" → "2 1 2, 5 5 5, 0 1 4 3". */
export function spokenPhone(display: string): string {
  const groups = display
    .replace(/^\+\d{1,3}\s+/, '')
    .split(/[\s\-().]+/)
    .filter((g) => /\d/.test(g));
  return groups.map((g) => g.replace(/\D/g, '').split('').join(' ')).join(', ');
}

export interface ScriptSection {
  title: string;
  /** The Markdown of the section, heading excluded. */
  body: string;
}

/** A Markdown heading's title at exactly `level` ("## Opening", "## Opening ##"), or null. Read by
 *  position, not by a pattern: "## a" and thousands of spaces took a regex minutes. */
function headingTitle(line: string, level: number): string | null {
  if (line.length <= level || line[level] === '#' || !line.startsWith('#'.repeat(level)) || !/\s/.test(line[level]!)) return null;
  let title = line.slice(level).trim();
  // A closing run of #s is not part of the title.
  let end = title.length;
  while (end > 0 && title[end - 1] === '#') end--;
  if (end < title.length) title = title.slice(0, end).trimEnd();
  return title === '' ? null : title;
}

/** Sections are the level-2 headings (## Opening, ## Discovery, ## Objections, ## Close). Text
 *  before the first heading is its own untitled section. */
export function splitSections(markdown: string): ScriptSection[] {
  const sections: ScriptSection[] = [];
  let current: ScriptSection | null = null;
  const preamble: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const title = headingTitle(line, 2);
    if (title !== null) {
      current = { title, body: '' };
      sections.push(current);
    } else if (current) current.body += `${line}\n`;
    else preamble.push(line);
  }
  const intro = preamble.join('\n').trim();
  if (intro) sections.unshift({ title: '', body: `${intro}\n` });
  return sections.map((s) => ({ ...s, body: s.body.trim() }));
}

export interface ObjectionCard {
  objection: string;
  prehandle: string;
  answer: string;
}

/** Objection cards: in the section titled "Objections", each ### heading is an objection, with
 *  "Pre-handle:" and "Answer:" paragraphs under it. */
export function objectionCards(markdown: string): ObjectionCard[] {
  const section = splitSections(markdown).find((s) => /^objections?\b/i.test(s.title));
  if (!section) return [];
  const cards: ObjectionCard[] = [];
  let card: ObjectionCard | null = null;
  let field: 'prehandle' | 'answer' | null = null;
  for (const line of section.body.split('\n')) {
    const heading = headingTitle(line, 3);
    if (heading !== null) {
      card = { objection: heading.replace(/^objection:\s*/i, ''), prehandle: '', answer: '' };
      cards.push(card);
      field = null;
      continue;
    }
    if (!card) continue;
    const labelled = cardLabel(line);
    if (labelled) {
      field = labelled.field;
      card[field] = labelled.text;
    } else if (field && line.trim()) card[field] = `${card[field]} ${line.trim()}`.trim();
  }
  return cards;
}

/** "Pre-handle: …", "**Answer:** …", "Answer …": the field a line starts and its text; null for
 *  any other line ("Answering machines…" is text). Read piece by piece, each piece once. */
function cardLabel(line: string): { field: 'prehandle' | 'answer'; text: string } | null {
  let rest = line.trimStart();
  if (rest.startsWith('**')) rest = rest.slice(2);
  const label = /^(pre-?handle|answer)(?![\p{L}\p{N}])/iu.exec(rest);
  if (!label) return null;
  rest = rest.slice(label[0].length).trimStart();
  for (const mark of [':', '**', ':']) if (rest.startsWith(mark)) rest = rest.slice(mark.length).trimStart();
  return { field: label[1]!.toLowerCase().startsWith('pre') ? 'prehandle' : 'answer', text: rest.trim() };
}

const TASK_ITEM = /^[-*]\s+\[[ xX]\]\s/;

/** The task item a line holds ("- [ ] Let them vent" → "Let them vent"), or null. */
function taskItemOf(line: string): string | null {
  const item = TASK_ITEM.exec(line.trimStart());
  if (!item) return null;
  const text = line.trimStart().slice(item[0].length).trim();
  return text === '' ? null : text;
}

/** The checklist a rep ticks during the call: Markdown task items ("- [ ] Let them vent"), a line
 *  at a time (a pattern over the whole text backtracked across runs of blank lines). */
export function checklistItems(markdown: string): string[] {
  return markdown.split('\n').map(taskItemOf).filter((text): text is string => text !== null);
}

/** The section's text without its task items (the checklist shows them apart), a line at a time
 *  for the same reason: one pattern over the whole text took seconds on a long blank run. */
export function withoutTaskItems(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => taskItemOf(line) === null)
    .join('\n');
}

/** Objection cards matching a quick filter: every word in the objection, its pre-handle or answer. */
export function filterCards(cards: readonly ObjectionCard[], query: string): ObjectionCard[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter((card) => {
    const text = `${card.objection} ${card.prehandle} ${card.answer}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Words that name a proposal in a next step, a task or a promise ("send the quote", "proposal
 *  review"): the same words the follow-through's email rule reads as a proposal. */
const PROPOSAL_WORDS = /proposal|quote/i;

/** Whether a rep's words name a proposal. */
export function namesProposal(text: string | null): boolean {
  return text !== null && PROPOSAL_WORDS.test(text);
}

/** What the script rule reads of a lead's history. */
export interface ScriptHistory {
  /** The lead's calls, in any order: the outcome (null while open, or a dial that failed), the
   *  next step agreed on it, and whether its disposition was undone (then it counts nowhere). */
  calls: readonly { outcome: string | null; nextStep: string | null; undone: boolean }[];
  /** The titles of the lead's tasks, open or done: promises ("Promise to Ana: send the quote"),
   *  the follow-through's emails and calls. */
  taskTitles: readonly string[];
  /** A complaint flagged on the lead (a custom field says so). */
  complaint: boolean;
  /** The rep turned voicemail mode on. */
  voicemailMode: boolean;
}

/** Whether the lead's history shows a proposal or an agreed next step: a call (not undone) that
 *  ended with a next step (an advance: SPEC "an advance without a dated next step is not an
 *  advance"), or a task or promise naming a proposal or quote. A conversation that agreed nothing
 *  shows neither: nothing was proposed to follow up. */
export function proposalOrStepAgreed(history: Pick<ScriptHistory, 'calls' | 'taskTitles'>): boolean {
  for (const call of history.calls) {
    if (call.outcome === null || call.undone) continue;
    if (call.outcome === 'advance' || (call.nextStep ?? '').trim() !== '') return true;
  }
  return history.taskTitles.some(namesProposal);
}

/** Which script a call needs, from the lead's history: voicemail when the rep turns voicemail mode
 *  on; a complaint flagged on the lead; the follow-up once a proposal or next step was agreed (its
 *  opening states what was agreed); else a first call (its opening is the up-front contract),
 *  which is also what a lead gets after a conversation that agreed nothing. */
export function situationFor(history: ScriptHistory): Situation {
  if (history.voicemailMode) return 'voicemail';
  if (history.complaint) return 'complaint';
  if (proposalOrStepAgreed(history)) return 'follow_up';
  return 'first_call';
}

/** A script's name as two names are compared: case and spaces aside ("Follow up" and
 *  " follow  UP", or "Followup", are one name), so the numbered list (G) never offers two that a
 *  rep cannot tell apart. */
export function scriptNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The script other than `exceptId` whose name is `name`, case and spaces aside; undefined: none. */
export function sameNamedScript<T extends { id: number; name: string }>(name: string, scripts: readonly T[], exceptId?: number): T | undefined {
  const key = scriptNameKey(name);
  return scripts.find((s) => s.id !== exceptId && scriptNameKey(s.name) === key);
}

/** Whose name `name` would repeat among `items` (case and spaces aside); undefined: nobody's.
 *  `self`, the item renamed or restored, may keep its own name in other capitals, and one that
 *  already shares its name with another (two made before names were checked) can still be
 *  edited under it: only a change of name is checked. Scripts and email templates alike. */
export function nameTakenBy<T extends { id: number; name: string }>(name: string, items: readonly T[], self?: { id: number; name: string }): T | undefined {
  if (self && scriptNameKey(name) === scriptNameKey(self.name)) return undefined;
  return sameNamedScript(name, items, self?.id);
}

/** Why a name cannot be used: another script (or template) has it, case and spaces aside. */
export function duplicateNameMessage(kind: 'a script' | 'an email template', existing: string): string {
  return `There is already ${kind} called “${existing}”. Give this one a name of its own (capitals and spaces do not make a name different).`;
}

export const WORDS_PER_MINUTE = 150;
export const VOICEMAIL_LIMIT_SECONDS = 20;
export const FILLER_WORDS = ['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'ah', 'like', 'you know', 'basically', 'actually', 'just'];

export interface CheckResult {
  rule: 'length' | 'first_name' | 'callback_number' | 'again' | 'fillers';
  ok: boolean;
  /** Plain words: what is wrong and what to do, or what is right. */
  message: string;
}

function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    count++;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return count;
}

/** The words spoken: Markdown marks and headings' hashes dropped. */
export function spokenWords(text: string): string[] {
  return text
    .replace(/[#*_`>[\]()]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Check a voicemail script (merged, or with its fields) against the rules: under 20 s at about
 *  150 words a minute, their first name twice, the callback number twice, no "again", no filler
 *  words. Works on the template too: {{contact.firstName}} and {{me.phone}} count as the name
 *  and the number. */
export function checkVoicemail(text: string, values: { firstName?: string; phone?: string } = {}): CheckResult[] {
  const lower = text.toLowerCase();
  // Their name and your number as the template writes them, however spaced or filtered.
  const uses = fieldsIn(text);
  const said = (name: string) => uses.filter((use) => use.name === name).length;
  const words = spokenWords(mergeText(text, { 'contact.firstName': 'Name', 'me.phone': '2 1 2 5 5 5 0 1 4 3' }));
  const seconds = (words.length / WORDS_PER_MINUTE) * 60;
  const results: CheckResult[] = [];
  results.push(
    seconds < VOICEMAIL_LIMIT_SECONDS
      ? { rule: 'length', ok: true, message: `About ${Math.round(seconds)} s spoken (${words.length} words): under 20 s.` }
      : { rule: 'length', ok: false, message: `About ${Math.round(seconds)} s spoken (${words.length} words at 150 a minute): cut it to under 20 s, about ${Math.floor((VOICEMAIL_LIMIT_SECONDS * WORDS_PER_MINUTE) / 60) - 1} words.` },
  );
  const nameCount = said('contact.firstName') + (values.firstName ? countOccurrences(lower, values.firstName.toLowerCase()) : 0);
  results.push(
    nameCount >= 2
      ? { rule: 'first_name', ok: true, message: 'Says their first name twice.' }
      : { rule: 'first_name', ok: false, message: `Says their first name ${nameCount === 0 ? 'not at all' : 'once'}: say it at the start and again before you hang up.` },
  );
  const digits = values.phone?.replace(/\D/g, '') ?? '';
  const spokenDigits = lower.replace(/[^\d]/g, '');
  const numberCount = said('me.phone') + (digits.length >= 6 ? countOccurrences(spokenDigits, digits.slice(-6)) : 0);
  results.push(
    numberCount >= 2
      ? { rule: 'callback_number', ok: true, message: 'Gives your number twice.' }
      : { rule: 'callback_number', ok: false, message: `Gives your number ${numberCount === 0 ? 'not at all' : 'once'}: say it twice, slowly, so they can write it down.` },
  );
  results.push(
    /\bagain\b/i.test(text)
      ? { rule: 'again', ok: false, message: 'Says "again", which sounds like a complaint about them not calling back: try "I\'m sorry we haven\'t connected yet".' }
      : { rule: 'again', ok: true, message: 'No "again".' },
  );
  const fillers = FILLER_WORDS.filter((f) => new RegExp(`(^|[^\\p{L}])${f.replace(' ', '\\s+')}([^\\p{L}]|$)`, 'iu').test(text));
  results.push(
    fillers.length === 0
      ? { rule: 'fillers', ok: true, message: 'No filler words.' }
      : { rule: 'fillers', ok: false, message: `Filler words: ${fillers.map((f) => `"${f}"`).join(', ')}. Cut them: a voicemail is read, not improvised.` },
  );
  return results;
}

export interface ScriptFile {
  name: string;
  situation: Situation;
  /** The campaign it is for: an import's file name or a tag; empty for every lead. */
  campaign: string;
  body: string;
}

/** A script as a Markdown file with front matter, to hand to another desk. */
export function toMarkdownFile(script: ScriptFile): string {
  const quote = (v: string) => JSON.stringify(v);
  return `---\nname: ${quote(script.name)}\nsituation: ${script.situation}\ncampaign: ${quote(script.campaign)}\n---\n${script.body.trimEnd()}\n`;
}

export type ParsedScriptFile = { ok: true; script: ScriptFile } | { ok: false; reason: string };

/** Read a Markdown file with front matter; every problem is a reason the rep can act on. */
export function fromMarkdownFile(text: string, fileName = 'script.md'): ParsedScriptFile {
  const front = readFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), fileName, 'naming the script (name, situation, campaign)');
  if (!front.ok) return front;
  const { meta } = front;
  const name = meta.get('name')?.trim();
  if (!name) return { ok: false, reason: `${fileName}: the front matter has no name.` };
  const situation = meta.get('situation') ?? 'first_call';
  if (!(SITUATIONS as readonly string[]).includes(situation)) return { ok: false, reason: `${fileName}: situation "${situation}" is not one of ${SITUATIONS.join(', ')}.` };
  const body = front.body;
  if (!body) return { ok: false, reason: `${fileName}: the script has no text.` };
  if (body.length > 100_000) return { ok: false, reason: `${fileName}: the script is longer than 100,000 characters.` };
  return { ok: true, script: { name: name.slice(0, 120), situation: situation as Situation, campaign: (meta.get('campaign') ?? '').slice(0, 200), body } };
}
