// A script is read in linear time whatever it holds (it is read in the main process, for the call
// screen), and the readers written by position keep what the patterns they replaced read.
import { describe, expect, it } from 'vitest';
import { checklistItems, checkVoicemail, fromMarkdownFile, mergePieces, mergeText, objectionCards, splitSections, unknownFields, withoutTaskItems } from '../../shared/domain/scripts';

const LIMIT = 100_000;
const spaces = (n: number) => ' '.repeat(n);

/** Milliseconds `read` takes over `text`. */
function timed(read: (text: string) => unknown, text: string): number {
  const started = performance.now();
  read(text);
  return performance.now() - started;
}

describe('a hostile script', () => {
  it('is read in linear time by every reader (each well under a second at the 100,000-character limit)', () => {
    const hostile: [string, (text: string) => unknown, string][] = [
      ['a heading of spaces', splitSections, `## a${spaces(LIMIT - 10)}b`],
      ['an objection heading of spaces', objectionCards, `## Objections\n### a${spaces(LIMIT - 30)}b`],
      ['a checklist line of spaces', checklistItems, `-${spaces(LIMIT - 10)}x`],
      ['blank lines', checklistItems, `${'\n'.repeat(LIMIT - 10)}x`],
      // The call screen strips the task items from the section it shows (a pattern over the whole
      // text took 1.9 s on this).
      ['blank lines, then a word, on the call screen', withoutTaskItems, `${' \n'.repeat((LIMIT - 10) / 2)}x`],
      ['an unclosed field', (text) => mergePieces(text, {}), `{{a${spaces(LIMIT - 10)}`],
      ['many unclosed fields', (text) => unknownFields(text), '{{a '.repeat(LIMIT / 4)],
      ['a label of spaces', objectionCards, `## Objections\n### Price\n**${spaces(LIMIT - 40)}x`],
    ];
    for (const [what, read, text] of hostile) expect(timed(read, text), what).toBeLessThan(1_000);
  });
});

describe('what the readers read', () => {
  it('sections and objection cards', () => {
    expect(splitSections('intro\n## Opening ##\nHi\n### Not a section\n## Close\nBye').map((s) => s.title)).toEqual(['', 'Opening', 'Close']);
    // "##No space" and a bare "## " are text (before any heading: the untitled first section).
    expect(splitSections('##No space\n## \n##   Spaced   #  ')).toEqual([{ title: '', body: '##No space\n##' }, { title: 'Spaced', body: '' }]);
    const cards = objectionCards('## Objections\n### Objection: Too expensive\nPre-handle: Most say that.\n**Answer:** Compared with what?\nAnswering machines aside, it pays.\n### Busy\nAnswer no colon here');
    expect(cards).toEqual([
      { objection: 'Too expensive', prehandle: 'Most say that.', answer: 'Compared with what? Answering machines aside, it pays.' },
      { objection: 'Busy', prehandle: '', answer: 'no colon here' },
    ]);
  });

  it('checklist items', () => {
    expect(checklistItems('- [ ] Let them vent\n  * [x] Confirm the facts  \n- [] not an item\n-[ ] nor this\n- [ ]   \n+ [ ] nor this')).toEqual(['Let them vent', 'Confirm the facts']);
    // …and the text the call screen shows without them: every other line kept as it was.
    expect(withoutTaskItems('Hi\n- [ ] Let them vent\n  * [x] Confirm the facts  \n- [] not an item\n- [ ]   \nBye')).toBe('Hi\n- [] not an item\n- [ ]   \nBye');
  });

  it('merge fields: spaced, filtered, a custom column under its own heading; "{{ }}" and "{{1}}" are text', () => {
    const values = { 'contact.firstName': 'Ana', 'contact.company': 'Acme', 'contact.custom.Budget (€)': '5k', 'contact.custom.Société': 'Ouest' };
    expect(mergeText('Hi {{ contact.firstName }}, {{contact.company | possessive}} budget is {{contact.custom.Budget (€)}} ({{contact.custom.Société}}). {{ }} {{1}}', values)).toBe("Hi Ana, Acme's budget is 5k (Ouest). {{ }} {{1}}");
    expect(unknownFields('{{contact.custom.Budget (€)}} {{contact.frist}} {{contact.company | shout}}', ['Budget (€)'])).toEqual(['contact.frist', 'contact.company | shout']);
  });

  it('the voicemail checker counts the name and the number however the field is written', () => {
    const checks = checkVoicemail('Hi {{ contact.firstName }}, Sam here on {{ me.phone }}. {{contact.firstName | possessive}} team asked. Again, {{me.phone}}.');
    expect(checks.find((c) => c.rule === 'first_name')?.ok).toBe(true);
    expect(checks.find((c) => c.rule === 'callback_number')?.ok).toBe(true);
  });

  it('a script file whose name is only spaces is refused, and a padded name is kept trimmed', () => {
    expect(fromMarkdownFile('---\nname: "   "\n---\nHello')).toEqual({ ok: false, reason: 'script.md: the front matter has no name.' });
    expect(fromMarkdownFile('---\nname: "  Cold call  "\n---\nHello')).toMatchObject({ ok: true, script: { name: 'Cold call' } });
  });
});
