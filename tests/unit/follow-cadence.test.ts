import { describe, expect, it } from 'vitest';
import { businessDaysLater, cadenceStepLine, emailSituationAfter, followUpCallAt, PHONE_MAIL_PHONE, waitAfterEmail } from '../../shared/domain/cadence';
import type { CallableLead } from '../../shared/domain/callingHours';
import { timeToken } from '../../shared/domain/timeText';
import { emailTemplateFromMarkdown, emailTemplateToMarkdown, renderEmail, STARTER_EMAIL_TEMPLATES } from '../../shared/domain/emailTemplates';
import { brokenPromiseTaskTitle, lateness, promiseState } from '../../shared/domain/promises';

// A residential line in New York: the desk's default hours there are 08:00–21:00 local, every day.
// US daylight saving time starts on Sunday 8 March 2026 (EST −5 before, EDT −4 after).
const newYork: CallableLead = { timeZones: ['America/New_York'], lineType: 'residential', country: 'US', jurisdictions: ['US', 'US-NY'] };
const london: CallableLead = { timeZones: ['Europe/London'], lineType: 'residential', country: 'GB', jurisdictions: ['GB'] };
const at = (iso: string) => Date.parse(iso);

describe('phone–mail–phone: the follow-up call after the email', () => {
  it('is two business days later, at the opening of the lead’s calling hours', () => {
    // Sent Monday 2 March 12:00 EST → Wednesday 4 March 08:00 EST (13:00Z).
    expect(new Date(followUpCallAt(newYork, at('2026-03-02T17:00:00Z'), 2)).toISOString()).toBe('2026-03-04T13:00:00.000Z');
  });

  it('skips the weekend after a voicemail on Friday afternoon', () => {
    // Friday 6 March 16:30 EST → Monday 9 is one, Tuesday 10 March is two: 08:00 EDT = 12:00Z.
    expect(new Date(followUpCallAt(newYork, at('2026-03-06T21:30:00Z'), 2)).toISOString()).toBe('2026-03-10T12:00:00.000Z');
  });

  it('skips the lead’s public holidays, and only theirs', () => {
    // Friday 22 May 2026, 15:00 EDT; Monday 25 May is Memorial Day in the US: Tuesday 26 is one,
    // Wednesday 27 is two (08:00 EDT = 12:00Z). In London the Monday counts (the UK's Spring bank
    // holiday is not in the lead's rules), so two is Tuesday 26 at 08:00 BST (07:00Z).
    expect(new Date(followUpCallAt(newYork, at('2026-05-22T19:00:00Z'), 2)).toISOString()).toBe('2026-05-27T12:00:00.000Z');
    expect(new Date(businessDaysLater(london, at('2026-05-22T14:00:00Z'), 2)).toISOString()).toBe('2026-05-25T23:00:00.000Z');
  });

  it('counts from when the email was sent, not when it was due, when it is sent late', () => {
    // Due Monday 2 March, sent Tuesday 3 March at 22:30 EST (after hours): Thursday 5 March 08:00 EST.
    expect(new Date(followUpCallAt(newYork, at('2026-03-04T03:30:00Z'), 2)).toISOString()).toBe('2026-03-05T13:00:00.000Z');
  });

  it('reads the wait from the cadence as data', () => {
    expect(waitAfterEmail(PHONE_MAIL_PHONE)).toBe(2);
    expect(waitAfterEmail({ name: 'slow', steps: [{ kind: 'call' }, { kind: 'email' }, { kind: 'wait', businessDays: 1 }, { kind: 'wait', businessDays: 3 }, { kind: 'call' }] })).toBe(4);
    expect(waitAfterEmail({ name: 'email only', steps: [{ kind: 'call' }, { kind: 'email' }] })).toBeNull();
    // A wait of 0 is the next instant the lead may be called: Monday 21:30 EST is after hours, so Tuesday 08:00.
    expect(new Date(followUpCallAt(newYork, at('2026-03-03T02:30:00Z'), 0)).toISOString()).toBe('2026-03-03T13:00:00.000Z');
  });
});

describe('which email a call calls for', () => {
  const none = { complaint: false, proposal: false, hadConversation: false };
  it('chooses the template by the situation', () => {
    expect(emailSituationAfter('voicemail_left', none)).toBe('after_voicemail');
    expect(emailSituationAfter('conversation', none)).toBe('confirm_conversation');
    expect(emailSituationAfter('advance', { ...none, proposal: true })).toBe('proposal_follow_up');
    expect(emailSituationAfter('conversation', { ...none, complaint: true })).toBe('after_complaint');
    // A voicemail to someone we have spoken to is no "haven't connected yet".
    expect(emailSituationAfter('voicemail_left', { ...none, hadConversation: true })).toBeNull();
    expect(emailSituationAfter('no_answer', none)).toBeNull();
    expect(emailSituationAfter('not_interested', none)).toBeNull();
  });
});

describe('email templates', () => {
  it('ship one per situation; the voicemail one says "haven’t connected yet", never "again"', () => {
    expect(new Set(STARTER_EMAIL_TEMPLATES.map((t) => t.situation)).size).toBe(4);
    const voicemail = STARTER_EMAIL_TEMPLATES.find((t) => t.situation === 'after_voicemail')!;
    expect(`${voicemail.subject}\n${voicemail.body}`).toMatch(/haven.t connected yet/);
    expect(`${voicemail.subject}\n${voicemail.body}`).not.toMatch(/again/i);
  });

  it('merge the scripts’ fields as data, with subjects kept to one line', () => {
    const rendered = renderEmail({ subject: 'Hi {{contact.firstName}}', body: 'From {{me.name}} to {{contact.company}} {{contact.title}}' }, {
      'contact.firstName': 'Ana\r\nBcc: x@evil.com',
      'me.name': 'Sam',
      'contact.company': '<b>Acme</b> & {{me.name}}',
    });
    expect(rendered.subject).toBe('Hi Ana Bcc: x@evil.com');
    // A value that looks like a field or markup stays as written; a missing one is a blank to fill.
    expect(rendered.body).toBe('From Sam to <b>Acme</b> & {{me.name}} ____');
  });

  it('round-trip through a .md file, and a bad file says what is wrong', () => {
    const template = { name: 'Mine "quoted"', situation: 'after_complaint' as const, subject: 'About: your order', body: 'Hello\n\n- one\n- two' };
    expect(emailTemplateFromMarkdown(emailTemplateToMarkdown(template))).toEqual({ ok: true, template });
    expect(emailTemplateFromMarkdown('no front matter')).toMatchObject({ ok: false, reason: expect.stringContaining('front matter') as string });
    expect(emailTemplateFromMarkdown('---\nname: x\nsituation: lunch\nsubject: s\n---\nbody')).toMatchObject({ ok: false, reason: expect.stringContaining('lunch') as string });
    expect(emailTemplateFromMarkdown('---\nname: x\nsituation: after_voicemail\n---\nbody')).toMatchObject({ ok: false, reason: expect.stringContaining('subject') as string });
  });
});

describe('promise states', () => {
  const due = at('2026-03-02T18:00:00Z');
  it('open, overdue, kept, broken', () => {
    expect(promiseState({ dueAt: due, keptAt: null, brokenAt: null }, due)).toBe('open');
    expect(promiseState({ dueAt: due, keptAt: null, brokenAt: null }, due + 1)).toBe('overdue');
    expect(promiseState({ dueAt: due, keptAt: due + 10, brokenAt: null }, due + 1e9)).toBe('kept');
    expect(promiseState({ dueAt: due, keptAt: null, brokenAt: due + 10 }, due + 1e9)).toBe('broken');
  });
  it('says how late', () => {
    expect(lateness(due, due)).toBeNull();
    expect(lateness(due, due + 30_000)).toBe('1 min late');
    expect(lateness(due, due + 5 * 60_000)).toBe('5 min late');
    expect(lateness(due, due + 2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min late');
    expect(lateness(due, due + 3 * 86_400_000 + 1)).toBe('3 days late');
    expect(brokenPromiseTaskTitle('send the quote', 'Ana')).toMatch(/call Ana first and say so/);
  });
});

// The lead's follow-up step on the call screen: every time in it says whose clock it is on (the
// email is the rep's to send, the call falls in the lead's hours).
describe('the follow-up step line', () => {
  it('says the email is due on the rep’s clock', () => {
    // 17:00Z on Wednesday 4 March, on Berlin's clock, where the rep sits (drawn where read).
    expect(cadenceStepLine({ emailDueAt: at('2026-03-04T17:00:00Z'), emailSentAt: null, callDueAt: null }, 'America/New_York', 'Europe/Berlin')).toBe(`email due ${timeToken(at('2026-03-04T17:00:00Z'), 'Europe/Berlin')}`);
  });

  it('says the call is due on the lead’s clock, after the day the email went', () => {
    // Sent 4 March; the call Friday 6 March 13:00Z = 08:00 in New York (EST, UTC−5).
    expect(cadenceStepLine({ emailDueAt: null, emailSentAt: at('2026-03-04T17:05:00Z'), callDueAt: at('2026-03-06T13:00:00Z') }, 'America/New_York', 'Europe/Berlin')).toBe(
      `email sent ${timeToken(at('2026-03-04T17:05:00Z'), 'Europe/Berlin')} · call due ${timeToken(at('2026-03-06T13:00:00Z'), 'America/New_York')}`,
    );
  });
});
