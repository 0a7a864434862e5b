/** An instant stored as epoch milliseconds, as the contract's ISO text; null stays null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
