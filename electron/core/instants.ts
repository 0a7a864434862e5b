/** An instant stored as epoch milliseconds, as the contract's ISO text; null stays null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The last instant a JavaScript Date can hold (+275760-09-13): "no end" for a range that is
 *  written back as ISO text (Number.MAX_SAFE_INTEGER is past it and would not format). */
export const LATEST_INSTANT = 8.64e15;
