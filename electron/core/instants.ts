import { snoozeUntil, type SnoozePreset } from '../../shared/domain/queueRules';
import type { CoreContext } from './context';
import { CoreError } from './errors';
import { outOfReach } from '../../shared/domain/planningHorizon';

/** Until when a snooze asked on the wire runs (a lead's, queue.act; a task's, tasks.snooze): its
 *  preset decided now on the rep's clock, or the instant it names; neither is refused. */
export function snoozeInstant(ctx: Pick<CoreContext, 'clock' | 'repTimeZone'>, choice: { preset?: SnoozePreset; until?: string }): number {
  if (choice.preset) return snoozeUntil(choice.preset, ctx.clock.now().getTime(), ctx.repTimeZone);
  if (choice.until === undefined) throw new CoreError('invalid_request', 'Choose until when to snooze.', { until: 'Choose until when to snooze' });
  return Date.parse(choice.until);
}

/** Refuse a planned or recorded time out of reach of `now` (planningHorizon.ts), naming the
 *  field: "The snooze time is more than 5 years ahead: check the year." */
export function requireWithinReach(at: number, now: number, field: string, what: string): void {
  const far = outOfReach(at, now);
  if (far) throw new CoreError('invalid_request', `${what} ${far}.`, { [field]: far });
}

/** An instant stored as epoch milliseconds, as the contract's ISO text; null stays null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The last instant a JavaScript Date can hold (+275760-09-13): "no end" for a range that is
 *  written back as ISO text (Number.MAX_SAFE_INTEGER is past it and would not format). */
export const LATEST_INSTANT = 8.64e15;
