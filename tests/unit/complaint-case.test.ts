import { describe, expect, it } from 'vitest';
import {
  callClosesLoop,
  closeLoopFallsDue,
  closeLoopTaskTitle,
  complaintCaseEditable,
  complaintCaseState,
  overdueSteps,
  type ComplaintCaseFacts,
} from '../../shared/domain/complaintCase';

const T0 = Date.parse('2026-03-02T17:00:00Z');
const HOUR = 3_600_000;

const opened: ComplaintCaseFacts = { facts: '', steps: [], followUps: [], closeLoopDueAt: null, closedAt: null };
const documented = { ...opened, facts: 'Invoice 4411 charged twice on 20 Feb; €240 out of pocket' };
const step = (dueAt: number, keptAt: number | null = null, brokenAt: number | null = null) => ({ dueAt, keptAt, brokenAt });
const withSteps = { ...documented, steps: [step(T0 + 24 * HOUR), step(T0 + 48 * HOUR)] };
const followedUp = { ...withSteps, followUps: [{ kind: 'call' as const }, { kind: 'email' as const }] };

describe('a complaint case, from the first call to the closed loop', () => {
  it('each state in the order of the complaint sequence', () => {
    expect(complaintCaseState(opened)).toBe('facts_needed');
    // Blank facts are not facts.
    expect(complaintCaseState({ ...opened, facts: '  \n ' })).toBe('facts_needed');
    expect(complaintCaseState(documented)).toBe('steps_needed');
    expect(complaintCaseState(withSteps)).toBe('follow_ups_needed');
    // A call alone, or an email alone, is half the follow-up the sequence asks for.
    expect(complaintCaseState({ ...withSteps, followUps: [{ kind: 'call' }] })).toBe('follow_ups_needed');
    expect(complaintCaseState({ ...withSteps, followUps: [{ kind: 'email' }, { kind: 'email' }] })).toBe('follow_ups_needed');
    expect(complaintCaseState(followedUp)).toBe('in_progress');
    expect(complaintCaseState({ ...followedUp, closeLoopDueAt: T0 })).toBe('close_the_loop');
    expect(complaintCaseState({ ...followedUp, closeLoopDueAt: T0, closedAt: T0 + HOUR })).toBe('closed');
  });

  it('the close-the-loop task falls due when every step is kept, not before', () => {
    expect(closeLoopFallsDue(opened)).toBe(false);
    expect(closeLoopFallsDue(documented)).toBe(false);
    expect(closeLoopFallsDue(followedUp)).toBe(false);
    const oneKept = { ...followedUp, steps: [step(T0, T0), step(T0 + HOUR)] };
    expect(closeLoopFallsDue(oneKept)).toBe(false);
    const allKept = { ...followedUp, steps: [step(T0, T0), step(T0 + HOUR, T0 + 2 * HOUR)] };
    expect(closeLoopFallsDue(allKept)).toBe(true);
    // Once made, it is not made again; a closed case makes none.
    expect(closeLoopFallsDue({ ...allKept, closeLoopDueAt: T0 + 2 * HOUR })).toBe(false);
    expect(closeLoopFallsDue({ ...allKept, closedAt: T0 + 3 * HOUR })).toBe(false);
    // Steps kept but the facts never written down: the case is not ready to close.
    expect(closeLoopFallsDue({ ...allKept, facts: '' })).toBe(false);
  });

  it('a broken step is not kept: the loop waits for a step promised in its place and kept', () => {
    const broken = { ...followedUp, steps: [step(T0, T0), step(T0 + HOUR, null, T0 + 2 * HOUR)] };
    // The kept step and the broken one: the broken one leaves its own task; the live steps are kept.
    expect(closeLoopFallsDue(broken)).toBe(true);
    const onlyBroken = { ...followedUp, steps: [step(T0, null, T0 + HOUR)] };
    expect(closeLoopFallsDue(onlyBroken)).toBe(false);
    const replacementOpen = { ...followedUp, steps: [step(T0, null, T0 + HOUR), step(T0 + 5 * HOUR)] };
    expect(closeLoopFallsDue(replacementOpen)).toBe(false);
    expect(closeLoopFallsDue({ ...replacementOpen, steps: [step(T0, null, T0 + HOUR), step(T0 + 5 * HOUR, T0 + 4 * HOUR)] })).toBe(true);
  });

  it('overdue steps are counted at now', () => {
    const c = { ...followedUp, steps: [step(T0), step(T0 + 2 * HOUR), step(T0 - HOUR, T0 - 2 * HOUR), step(T0 - HOUR, null, T0)] };
    expect(overdueSteps(c, T0)).toBe(0);
    expect(overdueSteps(c, T0 + 1)).toBe(1);
    expect(overdueSteps(c, T0 + 2 * HOUR + 1)).toBe(2);
  });

  it('only a call that talked to them, at or after the close-the-loop task fell due, closes the loop', () => {
    const due = { ...followedUp, closeLoopDueAt: T0 };
    expect(callClosesLoop(due, 'conversation', T0)).toBe(true);
    expect(callClosesLoop(due, 'advance', T0 + HOUR)).toBe(true);
    expect(callClosesLoop(due, 'voicemail_left', T0 + HOUR)).toBe(false);
    expect(callClosesLoop(due, 'no_answer', T0 + HOUR)).toBe(false);
    // A conversation before the steps were kept is part of the case, not its end.
    expect(callClosesLoop(due, 'conversation', T0 - 1)).toBe(false);
    expect(callClosesLoop(followedUp, 'conversation', T0)).toBe(false);
    expect(callClosesLoop({ ...due, closedAt: T0 }, 'conversation', T0 + HOUR)).toBe(false);
  });

  it('a closed case takes no more changes, and says why', () => {
    expect(complaintCaseEditable(followedUp)).toEqual({ ok: true });
    const closed = complaintCaseEditable({ ...followedUp, closeLoopDueAt: T0, closedAt: T0 });
    expect(closed.ok).toBe(false);
    expect(closeLoopTaskTitle('Ana ')).toBe('Close the loop with Ana: ask whether it is put right');
    expect(closeLoopTaskTitle('')).toBe('Close the loop with them: ask whether it is put right');
  });
});
