import { describe, expect, it } from 'vitest';
import type { ComplaintCaseView, FollowUp, OpenTask, TimelineEntry } from '../../shared/ipc/contract';
import { makeCore, tempDir } from './helpers';

// The helpers' clock: Monday 2 March 2026 17:00 UTC = 12:00 in New York.
const HOUR = 3_600_000;

async function ana(t: ReturnType<typeof makeCore>): Promise<number> {
  const added = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Silva & Co', phone: '(212) 555-0177' });
  return added.id;
}

async function logCall(t: ReturnType<typeof makeCore>, contactId: number, outcome: string): Promise<number> {
  const dialled = await t.call<{ id: number }>('calls.dial', { contactId });
  await t.call('calls.log', { callId: dialled.id, outcome });
  return dialled.id;
}

describe('a complaint case through the core', () => {
  it('from the complaint call to the closed loop, every step on the timeline with its time, after a restart', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const id = await ana(t);
    const firstCall = await logCall(t, id, 'conversation');

    let kase = await t.call<ComplaintCaseView>('complaints.open', { contactId: id, callId: firstCall });
    expect(kase.state).toBe('facts_needed');
    // Opening again while it is open shows the same case.
    expect((await t.call<ComplaintCaseView>('complaints.open', { contactId: id })).id).toBe(kase.id);
    await expect(t.call('complaints.facts', { id: kase.id, facts: '   ' })).rejects.toThrow(/Write down the facts/);

    t.clock.advance(60_000);
    kase = await t.call<ComplaintCaseView>('complaints.facts', { id: kase.id, facts: 'Invoice 4411 charged twice; €240 out of pocket' });
    expect(kase.state).toBe('steps_needed');
    const refundDue = new Date(t.clock.now().getTime() + 24 * HOUR).toISOString();
    kase = await t.call<ComplaintCaseView>('complaints.addStep', { id: kase.id, what: 'refund the second charge', dueAt: refundDue });
    kase = await t.call<ComplaintCaseView>('complaints.addStep', { id: kase.id, what: 'credit note by email', dueAt: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString() });
    expect(kase.state).toBe('follow_ups_needed');
    kase = await t.call<ComplaintCaseView>('complaints.addFollowUp', { id: kase.id, kind: 'call', dueAt: new Date(t.clock.now().getTime() + 26 * HOUR).toISOString() });
    kase = await t.call<ComplaintCaseView>('complaints.addFollowUp', { id: kase.id, kind: 'email', dueAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString() });
    expect(kase.state).toBe('in_progress');
    expect(kase.followUps.map((f) => f.kind)).toEqual(['email', 'call']);

    // The steps are promises of the lead; the follow-ups its tasks (the email by the complaint template).
    const follow = await t.call<FollowUp>('follow.lead', { contactId: id });
    expect(follow.promises.map((p) => p.what)).toEqual(['refund the second charge', 'credit note by email']);
    const { tasks } = await t.call<{ tasks: OpenTask[] }>('tasks.list', {});
    // The first conversation's cadence email (confirming it), and the case's own.
    expect(tasks.filter((x) => x.kind === 'email').map((x) => x.emailSituation)).toEqual(['confirm_conversation', 'after_complaint']);
    t.core.close();

    // A restart: the case is all there; the steps are kept one by one.
    const again = makeCore(dir, { clock: t.clock });
    t.clock.advance(3 * HOUR);
    const [refund, credit] = kase.steps;
    await again.call('promises.keep', { id: refund!.promiseId, note: 'refunded by card' });
    kase = (await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current;
    expect(kase.state).toBe('in_progress');
    expect(kase.closeLoop).toBeNull();
    t.clock.advance(HOUR);
    const keptAt = t.clock.now().toISOString();
    await again.call('promises.keep', { id: credit!.promiseId, note: 'sent' });
    kase = (await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current;
    expect(kase.state).toBe('close_the_loop');
    expect(kase.closeLoop).toMatchObject({ dueAt: keptAt, doneAt: null });
    const closeTask = (await again.call<{ tasks: OpenTask[] }>('tasks.list', { due: true })).tasks.find((x) => x.id === kase.closeLoop!.taskId);
    expect(closeTask?.title).toBe('Close the loop with Ana: ask whether it is put right');

    // A voicemail does not close the loop; a conversation does.
    t.clock.advance(10 * 60_000);
    await logCall(again, id, 'voicemail_left');
    expect((await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current.state).toBe('close_the_loop');
    t.clock.advance(HOUR);
    const closingCall = await logCall(again, id, 'conversation');
    const closedAt = t.clock.now().toISOString();
    kase = (await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current;
    expect(kase).toMatchObject({ state: 'closed', closedAt, closedCallId: closingCall, closeLoop: { doneAt: closedAt } });
    await expect(again.call('complaints.addStep', { id: kase.id, what: 'more', dueAt: closedAt })).rejects.toThrow(/closed/);

    // Ctrl+Z on the closing call: the case is open again, waiting for its close-the-loop call,
    // and its task is open again; logged again, the loop closes as before.
    const caseRow = () => again.core.db.prepare('SELECT * FROM complaint_cases WHERE id = ?').get(kase.id);
    await again.call('calls.undo', { callId: closingCall, confirm: true });
    kase = (await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current;
    expect(kase).toMatchObject({ state: 'close_the_loop', closedAt: null, closedCallId: null, closeLoop: { dueAt: keptAt, doneAt: null } });
    expect((await again.call<{ tasks: OpenTask[] }>('tasks.list', { due: true })).tasks.map((x) => x.id)).toContain(kase.closeLoop!.taskId);
    const reopened = caseRow();
    t.clock.advance(60_000);
    const closedAgain = await logCall(again, id, 'conversation');
    const reclosedAt = t.clock.now().toISOString();
    expect((await again.call<{ current: ComplaintCaseView }>('complaints.ofLead', { contactId: id })).current).toMatchObject({ state: 'closed', closedCallId: closedAgain });
    expect(reopened).toMatchObject({ closed_at: null, closed_call_id: null });
    again.core.close();

    // After a second restart: the case, closed, and its life on the timeline with times.
    const third = makeCore(dir, { clock: t.clock });
    expect((await third.call<{ current: ComplaintCaseView; total: number }>('complaints.ofLead', { contactId: id })).current.state).toBe('closed');
    const timeline = await third.call<TimelineEntry[]>('follow.timeline', { contactId: id });
    const at = (kind: string) => timeline.filter((e) => e.kind === kind).map((e) => e.at);
    expect(at('case_opened')).toEqual(['2026-03-02T17:00:00.000Z']);
    expect(at('case_facts')).toEqual(['2026-03-02T17:01:00.000Z']);
    expect(at('promise_kept')).toEqual([keptAt, '2026-03-02T20:01:00.000Z']);
    // One close, the one that stands (the undone one opened the case again).
    expect(at('case_closed')).toEqual([reclosedAt]);
    expect(timeline.filter((e) => e.kind === 'task_done').map((e) => e.text)).toContain('Done: Close the loop with Ana: ask whether it is put right');
    third.core.close();
  });
});
