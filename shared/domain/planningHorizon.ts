// A time a rep plans or records (a callback, a next step, a snooze, a promise, a complaint's step)
// lies within a few years of now. A year typed 2062 for 2026, or 9999 from a script, is refused
// with the field named, rather than stored as a plan nobody will see fall due (or, for year 1, a
// date drawn as "GMT-4:56:02").

const YEAR_MS = 365.25 * 24 * 3_600_000;
export const PLANNING_HORIZON_YEARS = 5;

/** What is wrong with `at` as a planned or recorded time at `now`; null when it is within reach. */
export function outOfReach(at: number, now: number): string | null {
  if (at > now + PLANNING_HORIZON_YEARS * YEAR_MS) return `is more than ${PLANNING_HORIZON_YEARS} years ahead: check the year`;
  if (at < now - PLANNING_HORIZON_YEARS * YEAR_MS) return `is more than ${PLANNING_HORIZON_YEARS} years ago: check the year`;
  return null;
}
