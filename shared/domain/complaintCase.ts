// A complaint case, from the complaint call that opens it to the call that closes the loop. Pure,
// of its facts and `now`. The life: the facts are documented; the steps we will take become
// promises with dates; the follow-up times by phone and email become tasks; when every step is
// kept a last task "close the loop" falls due; the case is open until that call is logged with a
// conversation (a voicemail cannot ask them whether it is put right).
import type { Outcome } from './dispositions';

export const COMPLAINT_CASE_STATES = ['facts_needed', 'steps_needed', 'follow_ups_needed', 'in_progress', 'close_the_loop', 'closed'] as const;
export type ComplaintCaseState = (typeof COMPLAINT_CASE_STATES)[number];

export const COMPLAINT_CASE_STATE_LABELS: Record<ComplaintCaseState, string> = {
  facts_needed: 'Document the facts: what, when, who, what it cost them',
  steps_needed: 'Say the steps you will take, each with a date',
  follow_ups_needed: 'Set the follow-up times by phone and by email',
  in_progress: 'Keep the steps you promised',
  close_the_loop: 'Every step kept: call and close the loop',
  closed: 'Closed: the loop was closed',
};

export interface ComplaintStep {
  dueAt: number;
  keptAt: number | null;
  brokenAt: number | null;
}

export interface ComplaintCaseFacts {
  facts: string;
  /** The steps we said we would take (promises). */
  steps: readonly ComplaintStep[];
  /** The follow-up times agreed (tasks): by phone and by email. */
  followUps: readonly { kind: 'call' | 'email' }[];
  /** When the "close the loop" task fell due (null: not yet). */
  closeLoopDueAt: number | null;
  closedAt: number | null;
}

/** Where the case stands: the first thing still missing, in the order of the complaint sequence. */
export function complaintCaseState(c: ComplaintCaseFacts): ComplaintCaseState {
  if (c.closedAt !== null) return 'closed';
  if (c.closeLoopDueAt !== null) return 'close_the_loop';
  if (c.facts.trim() === '') return 'facts_needed';
  if (c.steps.length === 0) return 'steps_needed';
  if (!c.followUps.some((f) => f.kind === 'call') || !c.followUps.some((f) => f.kind === 'email')) return 'follow_ups_needed';
  return 'in_progress';
}

/** The steps past due and neither kept nor broken at `now`. */
export function overdueSteps(c: ComplaintCaseFacts, now: number): number {
  return c.steps.filter((s) => s.keptAt === null && s.brokenAt === null && now > s.dueAt).length;
}

/** True when the "close the loop" task is due now and not yet made: facts documented, at least one
 *  step kept and every step kept — a broken step leaves its own "call them first and say so" task
 *  and counts as not kept until a new step is promised in its place and kept. */
export function closeLoopFallsDue(c: ComplaintCaseFacts): boolean {
  if (c.closedAt !== null || c.closeLoopDueAt !== null) return false;
  if (c.facts.trim() === '') return false;
  const live = c.steps.filter((s) => s.brokenAt === null);
  return live.length > 0 && live.every((s) => s.keptAt !== null) && c.steps.some((s) => s.keptAt !== null);
}

/** Outcomes of a call that talked to them: only such a call can close the loop. */
const TALKED: ReadonlySet<Outcome> = new Set<Outcome>(['conversation', 'advance', 'callback_requested', 'conversion', 'not_interested']);

/** True when a call logged with `outcome` closes the case's loop: the close-the-loop task is due
 *  (the call is at or after it) and the call talked to them. */
export function callClosesLoop(c: ComplaintCaseFacts, outcome: Outcome, callAt: number): boolean {
  return c.closedAt === null && c.closeLoopDueAt !== null && callAt >= c.closeLoopDueAt && TALKED.has(outcome);
}

/** Every change to a case is refused once it is closed; the reason the rep reads. */
export function complaintCaseEditable(c: ComplaintCaseFacts): { ok: true } | { ok: false; reason: string } {
  return c.closedAt === null ? { ok: true } : { ok: false, reason: 'This complaint case is closed: open a new one if they call about something else.' };
}

/** "Close the loop with Ana: ask whether it is put right". */
export function closeLoopTaskTitle(firstName: string): string {
  return `Close the loop with ${firstName.trim() || 'them'}: ask whether it is put right`;
}
