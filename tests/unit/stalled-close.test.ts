import { describe, expect, it } from 'vitest';
import { DEFAULT_STALLED_REASONS, stalledClosing, stalledNow } from '../../shared/domain/stalled';
import { timeToken } from '../../shared/domain/timeText';
import type { TimelineEntry } from '../../shared/ipc/contract';
import { makeCore, tempDir } from './helpers';

const DAY = 86_400_000;
const REASONS = [...DEFAULT_STALLED_REASONS];

describe('stalled leads: the rule and how one is closed', () => {
  const due = Date.parse('2026-03-03T15:00:00Z');
  it('stalled until dealt with after its next step fell due', () => {
    expect(stalledNow({ nextAt: due, callsSinceDue: 0, handledAt: null }, due + 4 * DAY)).toBe(true);
    expect(stalledNow({ nextAt: due, callsSinceDue: 0, handledAt: null }, due + 3 * DAY)).toBe(false);
    expect(stalledNow({ nextAt: due, callsSinceDue: 1, handledAt: null }, due + 9 * DAY)).toBe(false);
    expect(stalledNow({ nextAt: due, callsSinceDue: 0, handledAt: due + 4 * DAY }, due + 5 * DAY)).toBe(false);
    // Dealt with before this next step was agreed: that was an older step.
    expect(stalledNow({ nextAt: due, callsSinceDue: 0, handledAt: due - DAY }, due + 5 * DAY)).toBe(true);
  });
  it('closing needs a reason from the list, by number or name, or a new next step still to come', () => {
    const now = due + 5 * DAY;
    expect(stalledClosing({ reason: '2' }, REASONS, now)).toEqual({ ok: true, kind: 'reason', reason: 'Chose someone else' });
    expect(stalledClosing({ reason: ' project SHELVED ' }, REASONS, now)).toEqual({ ok: true, kind: 'reason', reason: 'Project shelved' });
    expect(stalledClosing({ reason: '6' }, REASONS, now)).toMatchObject({ ok: false, reason: expect.stringContaining('"6" is not one of the reasons: 1 Went quiet') });
    expect(stalledClosing({ reason: '0' }, REASONS, now).ok).toBe(false);
    expect(stalledClosing({}, REASONS, now)).toMatchObject({ ok: false, reason: expect.stringContaining('Choose why it stalled') });
    expect(stalledClosing({ nextStep: 'demo to the board', nextAt: now + DAY }, REASONS, now)).toEqual({ ok: true, kind: 'next_step', nextStep: 'demo to the board', nextAt: now + DAY });
    expect(stalledClosing({ nextStep: 'demo', nextAt: now }, REASONS, now)).toMatchObject({ ok: false, reason: 'The new next step needs a time still to come.' });
    expect(stalledClosing({ nextStep: '  ', nextAt: now + DAY }, REASONS, now)).toMatchObject({ ok: false, reason: 'Say the new next step you agreed.' });
  });
});

describe('stalled leads through the core', () => {
  it('listed with the slipped step; closed by a numbered reason out of the queue, or given a new next step; after a restart', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const add = (firstName: string, phone: string) => t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone });
    const advance = async (contactId: number, nextStep: string, nextAt: string) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId });
      await t.call('calls.log', { callId: call.id, outcome: 'advance', nextStep, nextAt });
    };
    const [dee, eli] = [await add('Dee', '+1 212 555 0104'), await add('Eli', '+1 212 555 0105')];
    await advance(dee.id, 'proposal review', '2026-03-03T15:00:00Z');
    await advance(eli.id, 'pilot sign-off', '2026-03-03T16:00:00Z');
    t.clock.advance(Date.parse('2026-03-09T16:00:00Z') - t.clock.now().getTime());

    const stalled = await t.call<{ contactId: number; why: string }[]>('stalled.list', {});
    expect(stalled.map((s) => [s.contactId, s.why])).toEqual([
      [dee.id, `next step slipped: proposal review was due ${timeToken(Date.parse('2026-03-03T15:00:00Z'), 'America/New_York')}`],
      [eli.id, `next step slipped: pilot sign-off was due ${timeToken(Date.parse('2026-03-03T16:00:00Z'), 'America/New_York')}`],
    ]);
    await expect(t.call('stalled.close', { contactId: dee.id })).rejects.toThrow(/Choose why it stalled \(1 Went quiet, 2 Chose someone else/);
    expect(await t.call('stalled.close', { contactId: dee.id, reason: '2' })).toEqual({ contactId: dee.id, closed: 'Chose someone else', taskId: null });
    await expect(t.call('stalled.close', { contactId: dee.id, reason: '1' })).rejects.toThrow(/is not stalled/);
    const next = await t.call<{ taskId: number }>('stalled.close', { contactId: eli.id, nextStep: 'call the CFO', nextAt: '2026-03-11T15:00:00Z' });
    t.core.close();

    const again = makeCore(dir, { clock: t.clock });
    expect(await again.call('stalled.list', {})).toEqual([]);
    const queue = await again.call<{ entries: { contact: { id: number } }[] }>('queue.list', {});
    expect(queue.entries.map((e) => e.contact.id)).not.toContain(dee.id);
    const report = again.core.follow.lostReport(0, Date.parse('2027-01-01T00:00:00Z'));
    expect(report.stalled.closedReasons).toEqual([{ reason: 'Chose someone else', count: 1 }]);
    const deeTimeline = await again.call<TimelineEntry[]>('follow.timeline', { contactId: dee.id });
    expect(deeTimeline.filter((e) => e.kind === 'stalled_closed').map((e) => [e.at, e.text])).toEqual([['2026-03-09T16:00:00.000Z', 'Stalled, closed: Chose someone else']]);
    const { tasks } = await again.call<{ tasks: { id: number; title: string; dueAt: string }[] }>('tasks.list', {});
    expect(tasks.find((x) => x.id === next.taskId)).toMatchObject({ title: 'Next step: call the CFO', dueAt: '2026-03-11T15:00:00.000Z' });
    again.core.close();
  });
});
