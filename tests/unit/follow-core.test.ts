import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../electron/core/testing';
import { readMailto } from '../../shared/domain/mailto';
import { timeToken } from '../../shared/domain/timeText';
import type { EmailDraft, FollowUp, OpenTask, PromiseView, TimelineEntry } from '../../shared/ipc/contract';
import { makeCore, tempDir } from './helpers';

// The helpers' clock: Monday 2 March 2026 17:00 UTC = 12:00 in New York (EST, −5).
const MONDAY_NOON_NY = '2026-03-02T17:00:00.000Z';

async function leadInNewYork(t: ReturnType<typeof makeCore>, email = 'jo.tremblay+quotes@example.com'): Promise<number> {
  const added = await t.call<{ id: number }>('contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '(212) 555-0143' });
  await t.call('contacts.update', { id: added.id, firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', title: '', email, phone: '(212) 555-0143', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '' });
  return added.id;
}

async function logCall(t: ReturnType<typeof makeCore>, contactId: number, outcome: string, extra: object = {}): Promise<number> {
  const dialled = await t.call<{ id: number }>('calls.dial', { contactId });
  await t.call('calls.log', { callId: dialled.id, outcome, ...extra });
  return dialled.id;
}

describe('phone–mail–phone through the core', () => {
  it('voicemail → email task → mailto opened → sent → follow-up call due two business days later in the queue, after a restart', async () => {
    const dir = tempDir();
    const clock = new FakeClock(MONDAY_NOON_NY);
    const t = makeCore(dir, { clock });
    const id = await leadInNewYork(t);
    await logCall(t, id, 'voicemail_left');

    const { tasks } = await t.call<{ tasks: OpenTask[] }>('tasks.list', { due: true });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ contactId: id, kind: 'email', emailSituation: 'after_voicemail', dueAt: MONDAY_NOON_NY });

    const opened = await t.call<EmailDraft>('email.open', { contactId: id });
    const mailLinks = t.dialer.opened.filter((uri) => uri.startsWith('mailto:'));
    expect(mailLinks).toHaveLength(1);
    expect(t.dialer.opened.at(-1)).toBe(opened.uri);
    const link = readMailto(mailLinks[0]!);
    expect(link?.to).toBe('jo.tremblay+quotes@example.com');
    expect(link?.subject).toBe('Sorry we haven’t connected yet, Jo');
    expect(link?.body).toContain("Sorry we haven't connected yet");
    expect(link?.body).toContain("teams like Q&A #1 Ltd's");
    expect(opened.taskId).toBe(tasks[0]!.id);

    clock.advance(10 * 60_000);
    const sent = await t.call<{ callDueAt: string; followUpTaskId: number; step: string }>('email.markSent', { contactId: id, taskId: tasks[0]!.id });
    // Monday → Wednesday 4 March, 08:00 EST (the desk's residential hours open) = 13:00Z.
    expect(sent.callDueAt).toBe('2026-03-04T13:00:00.000Z');
    // Sent now on the rep's clock (London, the helper's desk); the call on the lead's.
    expect(sent.step).toBe(`email sent ${timeToken(clock.now().getTime(), 'Europe/London')} · call due ${timeToken(Date.parse('2026-03-04T13:00:00Z'), 'America/New_York')}`);
    t.core.close();

    const again = makeCore(dir, { clock });
    const inQueue = async () => (await again.call<{ entries: { contact: { id: number } }[] }>('queue.list', {})).entries.some((e) => e.contact.id === id);
    const follow = await again.call<FollowUp>('follow.lead', { contactId: id });
    expect(follow.emails.map((e) => e.subject)).toEqual(['Sorry we haven’t connected yet, Jo']);
    expect(follow.tasks.map((task) => [task.kind, task.dueAt])).toEqual([['call', '2026-03-04T13:00:00.000Z']]);
    expect(await inQueue()).toBe(false);
    // Tuesday 13:00 in New York, inside calling hours: a day after the voicemail, but the email's
    // follow-up is not due until Wednesday.
    clock.advance(Date.parse('2026-03-03T18:00:00Z') - clock.now().getTime());
    expect(await inQueue()).toBe(false);
    clock.advance(Date.parse('2026-03-04T13:00:00Z') - clock.now().getTime() - 60_000);
    expect(await inQueue()).toBe(false);
    clock.advance(60_000);
    expect(await inQueue()).toBe(true);
    const timeline = await again.call<TimelineEntry[]>('follow.timeline', { contactId: id });
    // Newest first: the email sent (with its task done and the follow-up created) 10 minutes after the voicemail.
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort().reverse());
    expect(timeline.map((e) => `${e.at} ${e.kind}`).sort()).toEqual(
      [`${MONDAY_NOON_NY} call`, `${MONDAY_NOON_NY} task`, '2026-03-02T17:10:00.000Z email', '2026-03-02T17:10:00.000Z task', '2026-03-02T17:10:00.000Z task_done'].sort(),
    );
    again.core.close();
  });

  it('an email sent keeps a snooze the rep set past the follow-up call, and a shorter one changes nothing', async () => {
    const clock = new FakeClock(MONDAY_NOON_NY);
    const t = makeCore(tempDir(), { clock });
    const away = await leadInNewYork(t);
    const { id: soon } = await t.call<{ id: number }>('contacts.add', { firstName: 'Sam', phone: '(212) 555-0144' });
    await t.call('contacts.update', { id: soon, firstName: 'Sam', lastName: '', company: '', title: '', email: 'sam@example.com', phone: '(212) 555-0144', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '' });
    for (const id of [away, soon]) await logCall(t, id, 'voicemail_left');
    // Away until Friday 6 March 15:00Z (10:00 in New York); the other only until Tuesday.
    await t.call('queue.act', { contactId: away, action: 'snooze', until: '2026-03-06T15:00:00.000Z' });
    await t.call('queue.act', { contactId: soon, action: 'snooze', until: '2026-03-03T15:00:00.000Z' });
    for (const id of [away, soon]) {
      const sent = await t.call<{ callDueAt: string }>('email.markSent', { contactId: id });
      // Two business days after Monday, when the desk's hours open: Wednesday 08:00 EST.
      expect(sent.callDueAt).toBe('2026-03-04T13:00:00.000Z');
    }
    const queued = async () => (await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', {})).entries.map((e) => e.contact.id);
    clock.advance(Date.parse('2026-03-04T14:00:00.000Z') - clock.now().getTime());
    expect(await queued()).toEqual([soon]);
    const why = (await t.call<{ contact: { id: number }; code: string; nextAt: string | null }[]>('queue.notNow', {})).find((e) => e.contact.id === away);
    expect(why).toMatchObject({ code: 'hidden', nextAt: '2026-03-06T15:00:00.000Z' });
    clock.advance(Date.parse('2026-03-06T15:00:00.000Z') - clock.now().getTime());
    expect((await queued()).sort()).toEqual([away, soon].sort());
    t.core.close();
  });

  it('confirms the first conversation by email, not later ones', async () => {
    const t = makeCore();
    const id = await leadInNewYork(t);
    await logCall(t, id, 'conversation');
    const first = await t.call<{ tasks: OpenTask[] }>('tasks.list', {});
    expect(first.tasks.map((task) => task.emailSituation)).toEqual(['confirm_conversation']);
    await t.call('email.markSent', { contactId: id });
    t.clock.advance(3_600_000);
    await logCall(t, id, 'conversation');
    const later = await t.call<{ tasks: OpenTask[] }>('tasks.list', {});
    expect(later.tasks.map((task) => task.kind)).toEqual(['call']);
    t.core.close();
  });

  it('opens nothing for an address a link cannot carry, and says so', async () => {
    const t = makeCore();
    const id = await leadInNewYork(t);
    // As an imported cell can have it: the form refuses such an address, an old import may not have.
    t.core.db.prepare('UPDATE contacts SET email = ? WHERE id = ?').run('jo@example.com?bcc=boss@example.com', id);
    await logCall(t, id, 'voicemail_left');
    const draft = await t.call<EmailDraft>('email.draft', { contactId: id });
    expect(draft.uri).toBeNull();
    expect(draft.text).toContain('Subject: Sorry we haven’t connected yet, Jo');
    await expect(t.call('email.open', { contactId: id })).rejects.toThrow(/Copy the email as text/);
    expect(t.dialer.given.filter((uri) => !uri.startsWith('tel:'))).toEqual([]);
    t.core.close();
  });

  // The email after a voicemail depends on the lead's earlier calls (read in SQL, not as rows):
  // a conversation before means no "sorry we missed you", and an earlier next step naming a
  // quote (any case) means a proposal follow-up instead.
  it('after a voicemail: a proposal follow-up when an earlier next step named a quote, nothing when there was only a conversation', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock(MONDAY_NOON_NY) });
    const emailTasks = async (contactId: number) => (await t.call<{ tasks: OpenTask[] }>('tasks.list', {})).tasks.filter((task) => task.contactId === contactId && task.kind === 'email');
    const doneWithEmails = async (contactId: number) => {
      for (const task of await emailTasks(contactId)) await t.call('tasks.complete', { id: task.id });
    };
    const quoted = await leadInNewYork(t);
    await logCall(t, quoted, 'advance', { nextStep: 'Send the QUOTE', nextAt: '2026-03-09T15:00:00.000Z' });
    await doneWithEmails(quoted);
    t.clock.advance(60 * 60_000);
    await logCall(t, quoted, 'voicemail_left');
    expect((await emailTasks(quoted)).map((task) => task.emailSituation)).toEqual(['proposal_follow_up']);

    t.core.close();

    const u = makeCore(tempDir(), { clock: new FakeClock(MONDAY_NOON_NY) });
    const emailTasksOf = async (contactId: number) => (await u.call<{ tasks: OpenTask[] }>('tasks.list', {})).tasks.filter((task) => task.contactId === contactId && task.kind === 'email');
    const talked = await leadInNewYork(u);
    await logCall(u, talked, 'conversation');
    const confirmations = await emailTasksOf(talked);
    expect(confirmations.map((task) => task.emailSituation)).toEqual(['confirm_conversation']);
    await u.call('tasks.complete', { id: confirmations[0]!.id });
    u.clock.advance(60 * 60_000);
    await logCall(u, talked, 'voicemail_left');
    expect(await emailTasksOf(talked)).toEqual([]);
    u.core.close();
  });
});

describe('promises through the core', () => {
  it('made on a call, overdue with how late, then kept; a broken one leaves a call task due now', async () => {
    const dir = tempDir();
    const clock = new FakeClock(MONDAY_NOON_NY);
    const t = makeCore(dir, { clock });
    const id = await leadInNewYork(t);
    const callId = await logCall(t, id, 'conversation');
    const made = await t.call<PromiseView>('promises.add', { contactId: id, callId, what: 'send the price list', dueAt: '2026-03-02T18:00:00Z' });
    expect(made).toMatchObject({ state: 'open', toWhom: 'Jo Tremblay', overdue: false });
    const other = await t.call<PromiseView>('promises.add', { contactId: id, what: 'ask finance about terms', toWhom: 'Jo', dueAt: '2026-03-02T18:30:00Z' });

    clock.advance(2 * 3_600_000 + 5 * 60_000); // 19:05Z
    t.core.close();
    const again = makeCore(dir, { clock });
    const overdue = await again.call<PromiseView[]>('promises.list', { overdue: true });
    expect(overdue.map((p) => [p.id, p.late])).toEqual([
      [made.id, '1 h 5 min late'],
      [other.id, '35 min late'],
    ]);
    const due = await again.call<{ dueNow: { kind: string; ref: number; title: string }[] }>('due.list', {});
    expect(due.dueNow.map((d) => d.title)).toContain('Promise to Jo Tremblay: send the price list');
    // Each names its reminder task (the due strip leaves those out of "Due now"): the due task of its title.
    const reminderOf = (title: string) => due.dueNow.find((d) => d.kind === 'task' && d.title === title)?.ref;
    expect(overdue.map((p) => p.reminderTaskId)).toEqual([reminderOf('Promise to Jo Tremblay: send the price list'), reminderOf('Promise to Jo: ask finance about terms')]);
    expect(overdue.every((p) => p.reminderTaskId !== undefined)).toBe(true);

    const kept = await again.call<PromiseView>('promises.keep', { id: made.id, note: 'emailed the PDF' });
    expect(kept).toMatchObject({ state: 'kept', keptNote: 'emailed the PDF', keptAt: '2026-03-02T19:05:00.000Z' });
    const broken = await again.call<PromiseView & { taskId: number }>('promises.break', { id: other.id });
    expect(broken.state).toBe('broken');
    const tasks = await again.call<{ tasks: OpenTask[] }>('tasks.list', { due: true });
    expect(tasks.tasks.filter((task) => task.kind !== 'email').map((task) => [task.kind, task.title, task.dueAt])).toEqual([
      ['call', 'Promise broken (ask finance about terms): call Jo first and say so', '2026-03-02T19:05:00.000Z'],
    ]);
    expect(await again.call<PromiseView[]>('promises.list', {})).toEqual([]);
    await expect(again.call('promises.keep', { id: made.id, note: '' })).rejects.toThrow(/already kept/);
    again.core.close();
  });

  it('a promise cannot be marked broken before it is due', async () => {
    const t = makeCore();
    const id = await leadInNewYork(t);
    const made = await t.call<PromiseView>('promises.add', { contactId: id, what: 'call back with a date', dueAt: '2026-03-03T15:00:00Z' });
    await expect(t.call('promises.break', { id: made.id })).rejects.toThrow(/not due yet/);
    t.core.close();
  });
});

describe('tasks', () => {
  it('snooze moves the due time and keeps the first one', async () => {
    const t = makeCore();
    const id = await leadInNewYork(t);
    await logCall(t, id, 'voicemail_left');
    const [task] = (await t.call<{ tasks: OpenTask[] }>('tasks.list', {})).tasks;
    await t.call('tasks.snooze', { id: task!.id, until: '2026-03-02T19:00:00Z' });
    const after = (await t.call<{ tasks: OpenTask[] }>('tasks.list', {})).tasks[0]!;
    expect([after.dueAt, after.firstDueAt]).toEqual(['2026-03-02T19:00:00.000Z', MONDAY_NOON_NY]);
    expect((await t.call<{ tasks: OpenTask[] }>('tasks.list', { due: true })).tasks).toEqual([]);
    await expect(t.call('tasks.snooze', { id: task!.id, until: '2026-03-01T19:00:00Z' })).rejects.toThrow(/still to come/);
    t.core.close();
  });

  // The Tasks screen's 1 and 2 (the snooze dialog): the core decides when, on the rep's clock, as
  // for a lead; the screen once worked "tomorrow 08:00" out on its own.
  it('snooze for an hour or until tomorrow 08:00 on the rep’s clock, decided by the core; one of until and preset', async () => {
    const clock = new FakeClock(MONDAY_NOON_NY);
    const t = makeCore(tempDir(), { clock, repZone: 'Europe/Berlin' });
    const id = await leadInNewYork(t);
    await logCall(t, id, 'voicemail_left');
    const [task] = (await t.call<{ tasks: OpenTask[] }>('tasks.list', {})).tasks;
    const hourLater = new Date(clock.now().getTime() + 3_600_000).toISOString();
    expect(await t.call('tasks.snooze', { id: task!.id, preset: 'hour' })).toEqual({ id: task!.id, dueAt: hourLater });
    // Berlin is UTC+1 until 29 March: 08:00 on Tuesday 3 March there is 07:00 UTC.
    expect(await t.call('tasks.snooze', { id: task!.id, preset: 'tomorrow' })).toEqual({ id: task!.id, dueAt: '2026-03-03T07:00:00.000Z' });
    // Half past midnight in Berlin (23:30 UTC) is already Tuesday there: tomorrow is Wednesday.
    clock.advance(Date.parse('2026-03-02T23:30:00Z') - clock.now().getTime());
    expect(await t.call('tasks.snooze', { id: task!.id, preset: 'tomorrow' })).toEqual({ id: task!.id, dueAt: '2026-03-04T07:00:00.000Z' });
    await expect(t.call('tasks.snooze', { id: task!.id })).rejects.toThrow(/Choose until when to snooze/);
    await expect(t.call('tasks.snooze', { id: task!.id, preset: 'hour', until: '2026-03-05T07:00:00Z' })).rejects.toThrow(/Choose until when to snooze/);
    t.core.close();
  });
});

describe('tasks across leads, a page at a time', () => {
  it('in due order by keyset, with the total of what matches and the kind filter', async () => {
    const t = makeCore();
    const id = await leadInNewYork(t);
    const dues = ['2026-03-02T18:00:00Z', '2026-03-02T16:00:00Z', '2026-03-03T09:00:00Z', '2026-03-02T16:00:00Z', '2026-03-04T09:00:00Z'];
    for (const [i, dueAt] of dues.entries()) await t.call('promises.add', { contactId: id, what: `promise ${i}`, dueAt });
    // Due order, ties by id (the order they were made): 1 and 3 at 16:00, then 0, 2, 4.
    const expected = ['promise 1', 'promise 3', 'promise 0', 'promise 2', 'promise 4'].map((what) => `Promise to Jo Tremblay: ${what}`);
    const seen: string[] = [];
    let after: { dueAt: string; id: number } | null = null;
    for (let page = 0; page < 5; page++) {
      const reply: { total: number; tasks: OpenTask[]; next: { dueAt: string; id: number } | null } = await t.call('tasks.list', { limit: 2, after });
      expect(reply.total).toBe(5);
      seen.push(...reply.tasks.map((task) => task.title));
      after = reply.next;
      if (after === null) break;
    }
    expect(seen).toEqual(expected);
    const due = await t.call<{ total: number; tasks: OpenTask[] }>('tasks.list', { due: true });
    expect([due.total, due.tasks.map((task) => task.title)]).toEqual([2, expected.slice(0, 2)]);
    expect((await t.call<{ total: number }>('tasks.list', { kind: 'email' })).total).toBe(0);
    // The timeline keeps the newest entries when asked for fewer.
    const timeline = await t.call<TimelineEntry[]>('follow.timeline', { contactId: id, limit: 2 });
    expect(timeline.map((e) => e.text)).toEqual(['Promised Jo Tremblay: promise 4', 'Promised Jo Tremblay: promise 3']);
    t.core.close();
  });
});
