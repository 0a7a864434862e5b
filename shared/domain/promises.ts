// Promises the rep made on a call: open until kept (with a note of how) or marked broken. Pure.
export const PROMISE_STATES = ['open', 'overdue', 'kept', 'broken'] as const;
export type PromiseState = (typeof PROMISE_STATES)[number];

export interface PromiseFacts {
  dueAt: number;
  keptAt: number | null;
  brokenAt: number | null;
}

/** Where a promise stands at `now`: kept and broken are final; an open one past due is overdue. */
export function promiseState(p: PromiseFacts, now: number): PromiseState {
  if (p.keptAt !== null) return 'kept';
  if (p.brokenAt !== null) return 'broken';
  return now > p.dueAt ? 'overdue' : 'open';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How late something due at `dueAt` is at `now`, for the rep: "5 min late", "2 h 5 min late",
 *  "3 days late"; null when it is not late. */
export function lateness(dueAt: number, now: number): string | null {
  const late = now - dueAt;
  if (late <= 0) return null;
  if (late < HOUR) return `${Math.max(1, Math.floor(late / MINUTE))} min late`;
  if (late < DAY) {
    const hours = Math.floor(late / HOUR);
    const minutes = Math.floor((late % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h late` : `${hours} h ${minutes} min late`;
  }
  const days = Math.floor(late / DAY);
  return `${days} day${days === 1 ? '' : 's'} late`;
}

/** The task a broken promise leaves: own it before they find out. */
export function brokenPromiseTaskTitle(what: string, toWhom: string): string {
  return `Promise broken (${what}): call ${toWhom} first and say so`;
}
