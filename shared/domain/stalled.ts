// Stalled deals: an advance whose agreed next step passed N days ago (default 3) with no call
// since. Pure, of its inputs and `now`.
import { timeToken } from './timeText';
import { outOfReach } from './planningHorizon';

export const DEFAULT_STALLED_DAYS = 3;
const DAY = 86_400_000;

/** True when the next step was due more than `days` days before `now` and nobody has called since. */
export function isStalled(advance: { nextAt: number; callsSinceDue: number }, now: number, days = DEFAULT_STALLED_DAYS): boolean {
  return advance.callsSinceDue === 0 && now - advance.nextAt > days * DAY;
}

/** "next step slipped: proposal review was due ⟦…⟧" (on the lead's clock, a token). */
export function slippedLine(nextStep: string, nextAt: number, zone: string): string {
  return `next step slipped: ${nextStep} was due ${timeToken(nextAt, zone)}`;
}

/** Reasons with their counts, most first, then by name. */
export function countReasons(reasons: readonly string[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The short editable list a stalled lead is closed with (the `stalledReasons` setting). */
export const DEFAULT_STALLED_REASONS = ['Went quiet', 'Chose someone else', 'No budget now', 'Project shelved', 'Other'] as const;

/** Stalled at `now`, unless the rep has dealt with it since its next step fell due (closed it
 *  with a reason, or agreed a new next step): `handledAt` is when, null if never. */
export function stalledNow(advance: { nextAt: number; callsSinceDue: number; handledAt: number | null }, now: number, days = DEFAULT_STALLED_DAYS): boolean {
  if (advance.handledAt !== null && advance.handledAt >= advance.nextAt) return false;
  return isStalled(advance, now, days);
}

export type StalledClosing = { ok: true; kind: 'reason'; reason: string } | { ok: true; kind: 'next_step'; nextStep: string; nextAt: number } | { ok: false; reason: string };

/** Closing a stalled lead needs a reason from the list (picked by its number, 1 to 9, or by
 *  name) or a new next step still to come; anything else is refused with what to do. */
export function stalledClosing(request: { reason?: string; nextStep?: string; nextAt?: number }, reasons: readonly string[], now: number): StalledClosing {
  if (request.nextStep !== undefined || request.nextAt !== undefined) {
    const step = (request.nextStep ?? '').trim();
    if (step === '') return { ok: false, reason: 'Say the new next step you agreed.' };
    if (request.nextAt === undefined || !(request.nextAt > now)) return { ok: false, reason: 'The new next step needs a time still to come.' };
    const far = outOfReach(request.nextAt, now);
    if (far) return { ok: false, reason: `The new next step's time ${far}.` };
    return { ok: true, kind: 'next_step', nextStep: step, nextAt: request.nextAt };
  }
  const given = (request.reason ?? '').trim();
  if (given === '') return { ok: false, reason: `Choose why it stalled (${reasons.map((r, i) => `${i + 1} ${r}`).join(', ')}), or agree a new next step.` };
  const byNumber = /^[1-9]$/.test(given) ? reasons[Number(given) - 1] : undefined;
  const found = byNumber ?? reasons.find((r) => r.toLowerCase() === given.toLowerCase());
  if (found === undefined) return { ok: false, reason: `"${given}" is not one of the reasons: ${reasons.map((r, i) => `${i + 1} ${r}`).join(', ')}.` };
  return { ok: true, kind: 'reason', reason: found };
}
