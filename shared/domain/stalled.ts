// Stalled deals: an advance whose agreed next step passed N days ago (default 3) with no call
// since. Pure, of its inputs and `now`.
import { DateTime } from 'luxon';

export const DEFAULT_STALLED_DAYS = 3;
const DAY = 86_400_000;

/** True when the next step was due more than `days` days before `now` and nobody has called since. */
export function isStalled(advance: { nextAt: number; callsSinceDue: number }, now: number, days = DEFAULT_STALLED_DAYS): boolean {
  return advance.callsSinceDue === 0 && now - advance.nextAt > days * DAY;
}

/** "next step slipped: proposal review was due Tue" (on the lead's clock). */
export function slippedLine(nextStep: string, nextAt: number, zone: string): string {
  return `next step slipped: ${nextStep} was due ${DateTime.fromMillis(nextAt, { zone }).toFormat('ccc d LLL')}`;
}

/** Reasons with their counts, most first, then by name. */
export function countReasons(reasons: readonly string[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
