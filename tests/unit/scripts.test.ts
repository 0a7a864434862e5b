import { describe, expect, it } from 'vitest';
import {
  checkVoicemail,
  checklistItems,
  filterCards,
  fromMarkdownFile,
  mergePieces,
  mergeText,
  objectionCards,
  sameNamedScript,
  situationFor,
  splitSections,
  spokenPhone,
  toMarkdownFile,
  unknownFields,
  type CheckResult,
} from '../../shared/domain/scripts';
import { STARTER_SCRIPTS } from '../../shared/domain/starterScripts';
import { renderScript } from '../../renderer/src/features/scripts/render';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir } from './helpers';

const values = {
  'contact.firstName': 'Ana',
  'contact.lastName': 'Silva',
  'contact.company': 'Acme',
  'contact.title': 'Head of Sales',
  'contact.localTime': '09:15',
  'me.name': 'Sam Reed',
  'me.phone': '2 1 2, 5 5 5, 0 1 4 3',
  'lastCall.nextStep': 'a demo with the CFO',
  'lastCall.date': 'Tuesday 3 March',
  'contact.custom.Plan': 'Gold',
};

describe('merge', () => {
  it.each([
    ['contact.firstName', 'Ana'],
    ['contact.lastName', 'Silva'],
    ['contact.company', 'Acme'],
    ['contact.title', 'Head of Sales'],
    ['contact.localTime', '09:15'],
    ['me.name', 'Sam Reed'],
    ['me.phone', '2 1 2, 5 5 5, 0 1 4 3'],
    ['lastCall.nextStep', 'a demo with the CFO'],
    ['lastCall.date', 'Tuesday 3 March'],
    ['contact.custom.Plan', 'Gold'],
  ])('fills {{%s}}', (field, expected) => {
    expect(mergeText(`Say: {{${field}}}.`, values)).toBe(`Say: ${expected}.`);
  });
  it('tolerates spaces inside the braces', () => {
    expect(mergeText('Hi {{ contact.firstName }}!', values)).toBe('Hi Ana!');
  });
  it('a missing or empty value is a visible blank, never raw braces', () => {
    expect(mergePieces('Next: {{lastCall.nextStep}}', { 'lastCall.nextStep': '  ' })).toEqual([{ text: 'Next: ' }, { field: 'lastCall.nextStep', value: null }]);
    expect(mergeText('Next: {{lastCall.nextStep}}', {})).toBe('Next: ____');
    const html = renderScript('Next: {{lastCall.nextStep}} and {{nope.field}}', {});
    expect(html).toContain('<span class="merge-blank"');
    expect(html).toContain('____ (lastCall.nextStep)');
    expect(html).toContain('____ (nope.field)');
    expect(html).not.toContain('{{');
  });
  it('the possessive filter: an apostrophe alone after a name ending in s, inside the field (no gap before it)', () => {
    const company = (name: string) => ({ 'contact.company': name });
    expect(mergeText('{{contact.company | possessive}} team', company('Ó Briain & Sons'))).toBe("Ó Briain & Sons' team");
    expect(mergeText('{{contact.company|possessive}} team', company('Acme'))).toBe("Acme's team");
    expect(mergeText('{{contact.company | possessive}}', company('ATLAS INDUSTRIES '))).toBe("ATLAS INDUSTRIES'");
    // Written by hand after the field, 's is the same filter: never "Sons's".
    expect(mergeText("teams like {{contact.company}}'s", company('Ó Briain & Sons'))).toBe("teams like Ó Briain & Sons'");
    expect(mergeText('teams like {{contact.company}}’s', company('Acme'))).toBe("teams like Acme's");
    // The 's is inside the highlighted value: nothing between the name and its possessive.
    expect(renderScript("Like {{contact.company}}'s team", company('Acme'))).toContain("<span class=\"merge-value\">Acme's</span> team");
    // A blank keeps the 's; "{{x}}'ssss" is no possessive.
    expect(mergeText("{{contact.company}}'s", {})).toBe("____'s");
    expect(mergeText("{{contact.firstName}}'sake", { 'contact.firstName': 'Ana' })).toBe("Ana'sake");
    expect(unknownFields('{{contact.company | possesive}}')).toEqual(['contact.company | possesive']);
  });
  it('flags fields the app does not know, custom fields by the import’s columns', () => {
    expect(unknownFields('{{contact.firstName}} {{contact.frstName}} {{me.name}} {{contact.custom.Plan}} {{contact.custom.Tier}}', ['Plan'])).toEqual(['contact.frstName', 'contact.custom.Tier']);
  });
  it('HTML and Markdown in a lead’s data stay text', () => {
    const html = renderScript('Hello {{contact.company}}, {{contact.firstName}}', { 'contact.company': '<img src=x onerror="alert(1)">', 'contact.firstName': '[click](javascript:alert(1)) **bold**' });
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('[click](javascript:alert(1)) **bold**');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<strong>');
    expect(html).not.toMatch(/<a\b/);
  });
  it('says a phone number digit by digit, in groups', () => {
    expect(spokenPhone('+1 212 555 0143')).toBe('2 1 2, 5 5 5, 0 1 4 3');
    expect(spokenPhone('+44 20 7946 0958')).toBe('2 0, 7 9 4 6, 0 9 5 8');
  });
});

describe('sanitising scripts', () => {
  it('raw HTML, script tags, event handlers, javascript: and web links are inert', () => {
    const html = renderScript(
      ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[call me](javascript:alert(1))', '[our site](https://example.com)', '![logo](https://example.com/x.png)', '<a href="https://example.com">raw link</a>'].join('\n\n'),
      {},
    );
    // Only harmless elements, and no attribute but a class or a title, whatever the script says.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/g)];
    expect(new Set(tags.map((t) => t[1]))).toEqual(new Set(['p', 'span']));
    for (const [, , attributes] of tags) expect(attributes!.replace(/\s(class|title)="[^"]*"/g, '').trim()).toBe('');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="script-link" title="https://example.com">our site</span>');
    expect(html).toContain('[image: logo]');
    // markdown-it refuses javascript: as a link: it stays the text it was.
    expect(html).toContain('[call me](javascript:alert(1))');
  });

  it('a merge field in a code block’s info string or a link’s address never lands inside an attribute as markup', () => {
    const html = renderScript(['```{{contact.company}}', 'Ask for {{contact.firstName}}', '```', '', '[book a demo](https://example.com/demo?who={{contact.firstName}})'].join('\n'), { 'contact.company': 'Acme "Ltd"', 'contact.firstName': 'Ana' });
    // Every tag is whole, with only class and title attributes, each one quoted value.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g)];
    expect(html.replace(/<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g, '')).not.toMatch(/[<>]/);
    for (const [, , attributes] of tags) expect(attributes!.replace(/\s(class|title)="[^"]*"/g, '').trim()).toBe('');
    // The code block's text is filled in; the link's address reads with the value, not percent-codes.
    expect(html).toContain('Ask for <span class="merge-value">Ana</span>');
    expect(html).toContain('(https://example.com/demo?who=Ana)');
    expect(html).not.toContain('%EE%80');
  });
});

describe('sections, objection cards, checklist, situation', () => {
  const first = STARTER_SCRIPTS.find((s) => s.key === 'first-call')!.body;
  it('splits the starter first call into its four sections', () => {
    expect(splitSections(first).map((s) => s.title)).toEqual(['Opening: the up-front contract', 'Discovery', 'Objections', 'Close: the next up-front contract']);
  });
  it('reads the objection cards, and the quick filter finds one by a word', () => {
    const cards = objectionCards(first);
    expect(cards.map((c) => c.objection)).toEqual(['Price', 'Send me an email', 'We already have a supplier', 'Not a good time']);
    expect(cards[0]!.prehandle).toMatch(/^Early on/);
    expect(cards[0]!.answer).toMatch(/^Fair question/);
    expect(filterCards(cards, 'price').map((c) => c.objection)).toEqual(['Price']);
    expect(filterCards(cards, 'supplier change').map((c) => c.objection)).toEqual(['We already have a supplier']);
    expect(filterCards(cards, 'zebra')).toEqual([]);
  });
  it('reads the complaint checklist', () => {
    const items = checklistItems(STARTER_SCRIPTS.find((s) => s.key === 'complaint')!.body);
    expect(items).toHaveLength(9);
    expect(items[0]).toBe('Let them vent: do not interrupt, do not defend');
    expect(items.at(-1)).toBe('Close the loop: call back when it is done, and ask if it is');
  });
  // The rule's cases, written from the SPEC and the starter scripts, not from the code: the
  // follow-up script opens with "we agreed that today we would {{lastCall.nextStep}}" and asks
  // about "the proposal", so it is for a lead who agreed a next step (an advance) or was
  // promised a proposal or quote; a conversation that agreed nothing gets the first call's
  // up-front contract. An undone disposition counts nowhere.
  const call = (outcome: string | null, nextStep: string | null = null, undone = false) => ({ outcome, nextStep, undone });
  const none = { calls: [], taskTitles: [], complaint: false, voicemailMode: false };
  it.each([
    ['a new lead', 'first_call', none],
    ['no answer twice', 'first_call', { ...none, calls: [call('no_answer'), call('no_answer')] }],
    ['a plain conversation, no next step (the preview bug)', 'first_call', { ...none, calls: [call('conversation')] }],
    ['a conversation, then a voicemail', 'first_call', { ...none, calls: [call('voicemail_left'), call('conversation')] }],
    ['a gatekeeper and a callback request', 'first_call', { ...none, calls: [call('callback_requested'), call('gatekeeper')] }],
    ['an advance to send the proposal', 'follow_up', { ...none, calls: [call('advance', 'send the proposal')] }],
    ['an advance to a demo (an agreed next step)', 'follow_up', { ...none, calls: [call('advance', 'a demo with the CFO')] }],
    ['an advance, then a plain conversation', 'follow_up', { ...none, calls: [call('conversation'), call('advance', 'proposal review')] }],
    ['an advance, then no answer', 'follow_up', { ...none, calls: [call('no_answer'), call('advance', 'proposal review')] }],
    ['an advance that was undone', 'first_call', { ...none, calls: [call('advance', 'send the proposal', true)] }],
    ['an undone advance and a plain conversation', 'first_call', { ...none, calls: [call('conversation'), call('advance', 'proposal review', true)] }],
    ['a call still open', 'first_call', { ...none, calls: [call(null)] }],
    ['a conversation and a promise to send the quote', 'follow_up', { ...none, calls: [call('conversation')], taskTitles: ['Promise to Ana: send the Quote by Friday'] }],
    ['a conversation and a task naming a proposal', 'follow_up', { ...none, calls: [call('conversation')], taskTitles: ['Email: following up a proposal'] }],
    ['a conversation and tasks that name no proposal', 'first_call', { ...none, calls: [call('conversation')], taskTitles: ['Email: confirming a conversation', 'Follow-up call after the email (Phone–mail–phone)'] }],
    ['a complaint, whatever was agreed', 'complaint', { ...none, calls: [call('advance', 'send the proposal')], complaint: true }],
    ['voicemail mode, over a complaint', 'voicemail', { ...none, calls: [call('advance', 'send the proposal')], complaint: true, voicemailMode: true }],
  ] as const)('%s → %s', (_name, expected, history) => {
    expect(situationFor(history)).toBe(expected);
  });
});

const rule = (results: CheckResult[], name: CheckResult['rule']) => results.find((r) => r.rule === name)!;
const GOOD = 'Hi Ana, this is Sam. I have one idea for Acme. My number is 212 555 0143. Once more: 212 555 0143. Thanks, Ana.';

describe('the voicemail checker', () => {
  const withValues = { firstName: 'Ana', phone: '+1 212 555 0143' };
  it('passes a good voicemail on every rule', () => {
    expect(checkVoicemail(GOOD, withValues).every((r) => r.ok)).toBe(true);
  });
  it.each([
    ['length: 40 words is under 20 s', `${'word '.repeat(40)}`, 'length', true],
    ['length: 49 words is under 20 s', `${'word '.repeat(49)}`, 'length', true],
    ['length: 50 words is 20 s: too long', `${'word '.repeat(50)}`, 'length', false],
    ['length: 80 words is far too long', `${'word '.repeat(80)}`, 'length', false],
    ['name twice passes', 'Hi Ana, thanks Ana.', 'first_name', true],
    ['name once fails', 'Hi Ana, thanks.', 'first_name', false],
    ['name missing fails', 'Hi there, thanks.', 'first_name', false],
    ['name as a field, twice, passes', 'Hi {{contact.firstName}}, thanks {{contact.firstName}}.', 'first_name', true],
    ['number twice passes', 'Call 212 555 0143, that is 212-555-0143.', 'callback_number', true],
    ['number once fails', 'Call 212 555 0143.', 'callback_number', false],
    ['number missing fails', 'Call me back.', 'callback_number', false],
    ['number as a field, twice, passes', 'Call {{me.phone}}. Again: {{me.phone}}.', 'callback_number', true],
    ['no "again" passes', "I'm sorry we haven't connected yet.", 'again', true],
    ['"again" fails', 'Trying you again today.', 'again', false],
    ['"Again" at the start fails', 'Again, it is Sam.', 'again', false],
    ['"against" is not "again"', 'Against all odds.', 'again', true],
    ['no fillers passes', 'I have one idea for you.', 'fillers', true],
    ['"um" fails', 'Um, I have one idea.', 'fillers', false],
    ['"uh" fails', 'I, uh, have an idea.', 'fillers', false],
    ['"er" fails', 'It is, er, Sam.', 'fillers', false],
    ['"like" fails', 'It is like a quick idea.', 'fillers', false],
    ['"you know" fails', 'You know, a quick idea.', 'fillers', false],
    ['"likely" is not "like"', 'A likely win.', 'fillers', true],
    ['"error" is not "er"', 'An error in billing.', 'fillers', true],
  ] as const)('%s', (_name, text, name, ok) => {
    const result = rule(checkVoicemail(text, withValues), name);
    expect(result.ok).toBe(ok);
    expect(result.message.length).toBeGreaterThan(10);
  });
  it('explains each miss in plain words', () => {
    const results = checkVoicemail('Um, trying you again. Call 212 555 0143.', withValues);
    expect(results.filter((r) => !r.ok).map((r) => r.message)).toEqual([
      'Says their first name not at all: say it at the start and again before you hang up.',
      'Gives your number once: say it twice, slowly, so they can write it down.',
      'Says "again", which sounds like a complaint about them not calling back: try "I\'m sorry we haven\'t connected yet".',
      'Filler words: "um". Cut them: a voicemail is read, not improvised.',
    ]);
  });
  it('the starter voicemail script passes every rule', () => {
    const voicemail = STARTER_SCRIPTS.find((s) => s.situation === 'voicemail')!.body;
    expect(checkVoicemail(voicemail).filter((r) => !r.ok)).toEqual([]);
    // And merged with a real name and number.
    const merged = mergeText(voicemail, { ...values, 'me.phone': '212 555 0143' });
    expect(checkVoicemail(merged, withValues).filter((r) => !r.ok)).toEqual([]);
  });
});

describe('scripts as Markdown files', () => {
  it('round-trips through front matter', () => {
    const file = toMarkdownFile({ name: 'Spring "push"', situation: 'follow_up', campaign: 'spring.csv', body: '## Opening\nHi {{contact.firstName}}' });
    expect(fromMarkdownFile(file)).toEqual({ ok: true, script: { name: 'Spring "push"', situation: 'follow_up', campaign: 'spring.csv', body: '## Opening\nHi {{contact.firstName}}' } });
  });
  // What editors and people write around the values: spaces after a fence, a comment after a
  // quoted value, a "#" in a plain value, a rule ("---") in the body.
  it.each([
    ['---  \nname: Opening\n--- \nHi', 'Opening', 'Hi'],
    ['---\t\r\nname: "Opening" # the first call\r\n---\r\nHi', 'Opening', 'Hi'],
    ['---\nname: "Say \\"hi\\"" #quoted\n---\nHi', 'Say "hi"', 'Hi'],
    ['---\nname: Pitch #2\n---\nHi\n---\nrest', 'Pitch #2', 'Hi\n---\nrest'],
  ])('reads %j', (text, name, body) => {
    expect(fromMarkdownFile(text, 'ok.md')).toMatchObject({ ok: true, script: { name, body } });
  });
  it.each([
    ['## No front matter', /has no front matter/],
    ['---\nsituation: voicemail\n---\nHi', /has no name/],
    ['---\nname: x\nsituation: sales\n---\nHi', /situation "sales" is not one of/],
    ['---\nname: x\n---\n', /has no text/],
    ['---\nname: "x\n---\nHi', /not closed with a quote/],
    ['---\nname: "x" y\n---\nHi', /the name value "x" y has text after its closing quote \(y\)/],
    ['---\nname: "x\\q"\n---\nHi', /name value "x\\q" is not a valid quoted text/],
    ['---\nname: x\n--\nHi', /has no front matter/],
  ])('refuses %j with a reason', (text, reason) => {
    const parsed = fromMarkdownFile(text, 'bad.md');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('script names', () => {
  const scripts = [
    { id: 1, name: 'First call' },
    { id: 2, name: 'Follow-up after a proposal' },
    { id: 3, name: 'Spring  Push' },
  ];
  // Written by hand: which typed names a rep could not tell apart from one in the list.
  it.each([
    ['First call', undefined, 1],
    ['first call', undefined, 1],
    ['  FIRST   CALL ', undefined, 1],
    ['Firstcall', undefined, 1],
    ['First\u00a0call', undefined, 1],
    ['FOLLOW-UP AFTER A PROPOSAL', undefined, 2],
    ['spring push', undefined, 3],
    ['Spring push', 3, undefined],
    ['First calls', undefined, undefined],
    ['Follow up after a proposal', undefined, undefined],
    ['First call', 1, undefined],
    ['first call', 2, 1],
  ] as const)('%j (renaming #%s) is the name of #%s', (name, exceptId, expected) => {
    expect(sameNamedScript(name, scripts, exceptId)?.id).toBe(expected);
  });
});

describe('scripts in the core', () => {
  it('ships the four starters, chooses by history, fills the fields, saves objections and the checklist with the call', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
    const scripts = await t.call<{ name: string; starter: boolean }[]>('scripts.list', {});
    expect(scripts.filter((s) => s.starter).map((s) => s.name).sort()).toEqual(['Complaint recovery', 'First call', 'Follow-up after a proposal', 'Voicemail']);
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', company: 'Acme', phone: '+1 212 555 0100' })).id;
    let forCall = await t.call<{ situation: string; script: { name: string }; values: Record<string, string> }>('scripts.forCall', { contactId: ana });
    expect(forCall).toMatchObject({ situation: 'first_call', script: { name: 'First call' } });
    expect(forCall.values).toMatchObject({ 'contact.firstName': 'Ana', 'me.name': 'Sam Reed', 'me.phone': '2 1 2, 5 5 5, 0 1 4 3', 'contact.localTime': '10:00\u00a0AM' });
    // The rep's number is parsed once per value: a new number in Settings is the one read out.
    await t.call('settings.update', { repPhone: '(646) 555-0199' });
    forCall = await t.call('scripts.forCall', { contactId: ana });
    expect(forCall.values['me.phone']).toBe('6 4 6, 5 5 5, 0 1 9 9');
    await t.call('settings.update', { repPhone: '(212) 555-0143' });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: call.id, outcome: 'advance', nextStep: 'a demo with the CFO', nextAt: '2026-03-10T15:00:00Z', objections: ['Price'], notes: 'Keen.' });
    forCall = await t.call('scripts.forCall', { contactId: ana });
    expect(forCall).toMatchObject({ situation: 'follow_up', script: { name: 'Follow-up after a proposal' } });
    expect(forCall.values).toMatchObject({ 'lastCall.nextStep': 'a demo with the CFO', 'lastCall.date': 'Wednesday, March 4' });
    expect((await t.call<{ situation: string }>('scripts.forCall', { contactId: ana, voicemailMode: true })).situation).toBe('voicemail');
    expect((await t.call<{ situation: string; script: { name: string } }>('scripts.forCall', { contactId: ana, situation: 'complaint' })).script.name).toBe('Complaint recovery');

    const second = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: second.id, outcome: 'conversation', notes: 'Billing error.', checklist: [{ item: 'Let them vent', done: true }, { item: 'Thank them', done: false }] });
    const saved = t.core.db.prepare('SELECT notes, objections, checklist FROM calls ORDER BY id').all();
    expect(saved).toEqual([
      { notes: 'Keen.', objections: '["Price"]', checklist: null },
      { notes: 'Billing error.\n\nChecklist:\n[x] Let them vent\n[ ] Thank them', objections: null, checklist: '[{"item":"Let them vent","done":true},{"item":"Thank them","done":false}]' },
    ]);
    t.core.close();
  });

  it('a conversation that agreed nothing gets the first call; a promised proposal or an advance the follow-up; an undone advance counts nowhere', async () => {
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(tempDir(), { clock });
    type ForCall = { situation: string; autoSituation: string; script: { name: string }; values: Record<string, string> };
    const lead = async (firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, company: 'Acme', phone })).id;
    const logged = async (contactId: number, disposition: Record<string, string>) => {
      const dialled = await t.call<{ id: number }>('calls.dial', { contactId });
      await t.call('calls.log', { callId: dialled.id, ...disposition });
      return dialled.id;
    };
    const forCall = (contactId: number) => t.call<ForCall>('scripts.forCall', { contactId });

    const dee = await lead('Dee', '+1 212 555 0101');
    await logged(dee, { outcome: 'conversation', notes: 'Chatted; nothing agreed.' });
    expect(await forCall(dee)).toMatchObject({ situation: 'first_call', autoSituation: 'first_call', script: { name: 'First call' } });
    // She was promised a proposal: the next call follows it up.
    await t.call('promises.add', { contactId: dee, what: 'send the proposal', dueAt: '2026-03-05T15:00:00Z' });
    expect(await forCall(dee)).toMatchObject({ situation: 'follow_up', script: { name: 'Follow-up after a proposal' } });

    const eli = await lead('Eli', '+1 212 555 0102');
    const advance = await logged(eli, { outcome: 'advance', nextStep: 'walk through the proposal', nextAt: '2026-03-05T15:00:00Z' });
    expect(await forCall(eli)).toMatchObject({ situation: 'follow_up', values: { 'lastCall.nextStep': 'walk through the proposal', 'lastCall.date': 'Wednesday, March 4' } });
    await t.call('calls.undo', { callId: advance });
    expect(await forCall(eli)).toMatchObject({ situation: 'first_call', script: { name: 'First call' }, values: { 'lastCall.nextStep': '', 'lastCall.date': '' } });

    // Tried the next day and not reached: "when we spoke on …" is still the day the step was
    // agreed, not the day of the unanswered call; a lead with no step has its last call's date.
    const fay = await lead('Fay', '+1 212 555 0103');
    const gus = await lead('Gus', '+1 212 555 0104');
    await logged(fay, { outcome: 'advance', nextStep: 'a demo with the CFO', nextAt: '2026-03-06T15:00:00Z' });
    await logged(gus, { outcome: 'conversation', notes: 'Call again.' });
    clock.advance(24 * 3_600_000);
    await logged(fay, { outcome: 'no_answer' });
    await logged(gus, { outcome: 'no_answer' });
    expect((await forCall(fay)).values).toMatchObject({ 'lastCall.nextStep': 'a demo with the CFO', 'lastCall.date': 'Wednesday, March 4' });
    expect((await forCall(gus)).values).toMatchObject({ 'lastCall.nextStep': '', 'lastCall.date': 'Thursday, March 5' });
    t.core.close();
  });

  it('refuses a name another script has, case and spaces aside: on create, rename, import and restore', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    type View = { id: number; name: string; body: string };
    const body = '## Opening\nHi {{contact.firstName}}.\n';
    const names = async () => (await t.call<View[]>('scripts.list', {})).map((s) => s.name).sort();
    const before = await names();
    const refused = async (request: object, channel: 'scripts.save' | 'scripts.import' | 'scripts.restore' = 'scripts.save') => {
      const reply = await t.core.invoke(channel, request as never);
      expect(reply.ok).toBe(false);
      return reply.ok ? null : reply.error;
    };

    const created = await refused({ name: '  first   CALL ', situation: 'first_call', body });
    expect(created).toMatchObject({ code: 'conflict', fields: { name: expect.stringContaining('There is already a script called “First call”.') } });
    expect(await names()).toEqual(before);

    const spring = await t.call<View>('scripts.save', { name: 'Spring push', situation: 'first_call', body });
    const renamed = await refused({ id: spring.id, name: 'VoiceMail', situation: 'first_call', body });
    expect(renamed?.fields?.name).toContain('“Voicemail”');
    // Its own name in other capitals is no duplicate.
    expect((await t.call<View>('scripts.save', { id: spring.id, name: 'SPRING Push', situation: 'first_call', body })).name).toBe('SPRING Push');

    const file = '---\nname: "spring  push"\nsituation: first_call\n---\nHi.\n';
    expect((await refused({ fileName: 'spring.md', text: file }, 'scripts.import'))?.message).toMatch(/spring\.md is called “spring {2}push”, and there is already a script called “SPRING Push”/);

    // A starter renamed, a new script given its old name: restoring the starter would make two.
    const voicemail = (await t.call<View[]>('scripts.list', {})).find((s) => s.name === 'Voicemail')!;
    await t.call('scripts.save', { id: voicemail.id, name: 'Short voicemail', situation: 'voicemail', body: voicemail.body });
    await t.call('scripts.save', { name: 'voicemail', situation: 'voicemail', body });
    expect((await refused({ id: voicemail.id }, 'scripts.restore'))?.message).toMatch(/“voicemail” already has: rename that one first/);
    expect((await t.call<View[]>('scripts.list', {})).filter((s) => s.name.toLowerCase() === 'voicemail')).toHaveLength(1);
    t.core.close();
  });

  it('refuses an email template name another template has, case and spaces aside: on create, rename, import and restore', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    type View = { id: number; name: string; situation: string; subject: string; body: string };
    const draft = { situation: 'after_voicemail', subject: 'Missed you', body: 'Hi {{contact.firstName}}.' };
    const list = () => t.call<View[]>('emailTemplates.list', {});
    const names = async () => (await list()).map((v) => v.name).sort();
    const before = await names();
    const refused = async (channel: 'emailTemplates.save' | 'emailTemplates.import' | 'emailTemplates.restore', request: object) => {
      const reply = await t.core.invoke(channel, request as never);
      expect(reply.ok).toBe(false);
      return reply.ok ? null : reply.error;
    };

    // A shipped name, in other capitals and spaces.
    const shipped = (await list())[0]!;
    const created = await refused('emailTemplates.save', { ...draft, name: ` ${shipped.name.toUpperCase().replaceAll(' ', '  ')} ` });
    expect(created).toMatchObject({ code: 'conflict', fields: { name: `There is already an email template called “${shipped.name}”. Give this one a name of its own (capitals and spaces do not make a name different).` } });
    expect(await names()).toEqual(before);

    const spring = await t.call<View>('emailTemplates.save', { ...draft, name: 'Spring push' });
    expect((await refused('emailTemplates.save', { ...draft, id: spring.id, name: shipped.name.toLowerCase() }))?.fields?.name).toContain(`“${shipped.name}”`);
    // Its own name in other capitals is no duplicate; a template kept under its name can be edited.
    expect((await t.call<View>('emailTemplates.save', { ...draft, id: spring.id, name: 'SPRING Push' })).name).toBe('SPRING Push');

    const file = `---\nname: "spring  push"\nsituation: after_voicemail\nsubject: Hello\n---\nHi.\n`;
    expect((await refused('emailTemplates.import', { fileName: 'spring.md', text: file }))?.message).toBe('spring.md is called “spring  push”, and there is already an email template called “SPRING Push”: rename yours, or change the name in the file, then import it again.');
    expect(await names()).toEqual([...before, 'SPRING Push'].sort());

    // A shipped template renamed, a new one given its old name: restoring the first would make two.
    await t.call('emailTemplates.save', { id: shipped.id, name: 'Renamed', situation: shipped.situation, subject: shipped.subject, body: shipped.body });
    await t.call('emailTemplates.save', { ...draft, name: shipped.name.toLowerCase() });
    expect((await refused('emailTemplates.restore', { id: shipped.id }))?.message).toBe(`Restoring would give this template the name “${shipped.name}”, which “${shipped.name.toLowerCase()}” already has: rename that one first.`);
    expect((await list()).filter((v) => v.name.toLowerCase() === shipped.name.toLowerCase())).toHaveLength(1);
    t.core.close();
  });

  it('edits, restores a starter, refuses deleting one, imports and exports Markdown files', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const voicemail = (await t.call<{ id: number; name: string; body: string }[]>('scripts.list', {})).find((s) => s.name === 'Voicemail')!;
    await t.call('scripts.save', { id: voicemail.id, name: 'Voicemail', situation: 'voicemail', body: 'Short one.' });
    const restored = await t.call<{ body: string }>('scripts.restore', { id: voicemail.id });
    expect(restored.body).toBe(voicemail.body);
    const refused = await t.core.invoke('scripts.delete', { id: voicemail.id });
    expect(refused.ok || refused.error.message).toMatch(/starter script cannot be deleted/);
    const exported = await t.call<{ fileName: string; text: string }>('scripts.export', { id: voicemail.id });
    expect(exported.fileName).toBe('voicemail.md');
    const imported = await t.call<{ id: number; name: string; starter: boolean }>('scripts.import', { fileName: 'voicemail.md', text: exported.text.replace('name: "Voicemail"', 'name: "Voicemail (desk 2)"') });
    expect(imported).toMatchObject({ name: 'Voicemail (desk 2)', starter: false });
    const bad = await t.core.invoke('scripts.import', { fileName: 'notes.md', text: 'just text' });
    expect(bad.ok || bad.error.message).toMatch(/notes.md has no front matter/);
    expect((await t.call<{ id: number }>('scripts.delete', { id: imported.id })).id).toBe(imported.id);
    const empty = await t.core.invoke('scripts.save', { name: ' ', situation: 'first_call', body: '' });
    expect(empty.ok || empty.error.fields).toEqual({ name: 'Give the script a name', body: 'The script has no text' });
    t.core.close();
  });
});
