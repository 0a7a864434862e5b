// Email templates: plain text (Markdown reads as plain text in any mail client) with the scripts'
// merge fields, one per situation, starters shipped; a template as a .md file with front matter.
// Pure: the merge is the scripts' (scripts.ts), so a lead's values stay data.
import { readFrontMatter } from './frontMatter';
import { EMAIL_SITUATIONS, type EmailSituation } from './cadence';
import { mergeText, type MergeValues } from './scripts';

export interface EmailTemplateFile {
  name: string;
  situation: EmailSituation;
  subject: string;
  body: string;
}

export interface StarterEmailTemplate extends EmailTemplateFile {
  key: string;
}

export const STARTER_EMAIL_TEMPLATES: readonly StarterEmailTemplate[] = [
  {
    key: 'after-voicemail',
    name: 'After a voicemail',
    situation: 'after_voicemail',
    subject: 'Sorry we haven’t connected yet, {{contact.firstName}}',
    body: `Hi {{contact.firstName}},

Sorry we haven't connected yet — I just left you a short voicemail.

I help teams like {{contact.company}}'s get more real conversations out of every calling hour. If
that might be relevant, a few minutes on the phone would tell us both whether it is worth more.

I'll try you in a couple of days; if another time suits you better, just reply with it.

{{me.name}}
{{me.phone}}
`,
  },
  {
    key: 'confirm-conversation',
    name: 'Confirming a conversation',
    situation: 'confirm_conversation',
    subject: 'Our call today — next step',
    body: `Hi {{contact.firstName}},

Thank you for your time today. To make sure we agree on what happens next:

- What we agreed: ____
- The next step: {{lastCall.nextStep}}
- When: ____
- Who: you, me, and anyone else you want there

If anything here is not how you understood it, reply and I'll put it right.

{{me.name}}
{{me.phone}}
`,
  },
  {
    key: 'after-complaint',
    name: 'After a complaint call',
    situation: 'after_complaint',
    subject: 'What we are doing about your complaint',
    body: `Hi {{contact.firstName}},

Thank you for telling me what went wrong. Here is what we will do, and when:

1. ____ by ____
2. ____ by ____

I will call you on ____ to check it is put right. If anything changes before then, I'll tell you
first.

{{me.name}}
{{me.phone}}
`,
  },
  {
    key: 'proposal-follow-up',
    name: 'Following up a proposal',
    situation: 'proposal_follow_up',
    subject: 'The proposal for {{contact.company}}',
    body: `Hi {{contact.firstName}},

Following up on the proposal we discussed ({{lastCall.nextStep}}). Has everyone who needs to see it
had a chance to?

I'll call you in a couple of days to hear what you think; if you would rather talk sooner, reply
with a time.

{{me.name}}
{{me.phone}}
`,
  },
];

// Control characters (other than line breaks and tabs in a body) never reach a mail draft.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A template filled for a lead: the subject one line, the body with its line breaks; values the
 *  lead lacks show as "____" for the rep to fill in the draft. */
export function renderEmail(template: { subject: string; body: string }, values: MergeValues): { subject: string; body: string } {
  const subject = mergeText(template.subject, values)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(CONTROL, '')
    .trim()
    .slice(0, 300);
  const body = mergeText(template.body, values).replace(/\r\n?/g, '\n').replace(CONTROL, '').trimEnd();
  return { subject, body };
}

/** A template as a .md file with front matter, to hand to another desk. */
export function emailTemplateToMarkdown(template: EmailTemplateFile): string {
  const quote = (v: string) => JSON.stringify(v);
  return `---\nname: ${quote(template.name)}\nsituation: ${template.situation}\nsubject: ${quote(template.subject)}\n---\n${template.body.trimEnd()}\n`;
}

export type ParsedEmailTemplate = { ok: true; template: EmailTemplateFile } | { ok: false; reason: string };

/** Read a .md file with front matter (name, situation, subject); every problem is a reason the rep can act on. */
export function emailTemplateFromMarkdown(text: string, fileName = 'template.md'): ParsedEmailTemplate {
  const front = readFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), fileName, 'giving name, situation and subject');
  if (!front.ok) return front;
  const { meta } = front;
  const name = meta.get('name');
  if (!name) return { ok: false, reason: `${fileName}: the front matter has no name.` };
  const situation = meta.get('situation') ?? '';
  if (!(EMAIL_SITUATIONS as readonly string[]).includes(situation)) return { ok: false, reason: `${fileName}: situation "${situation}" is not one of ${EMAIL_SITUATIONS.join(', ')}.` };
  const subject = meta.get('subject') ?? '';
  if (!subject.trim()) return { ok: false, reason: `${fileName}: the front matter has no subject.` };
  const body = front.body;
  if (!body) return { ok: false, reason: `${fileName}: the email has no text.` };
  if (body.length > 20_000) return { ok: false, reason: `${fileName}: the email is longer than 20,000 characters.` };
  return { ok: true, template: { name: name.slice(0, 120), situation: situation as EmailSituation, subject: subject.slice(0, 300), body } };
}
