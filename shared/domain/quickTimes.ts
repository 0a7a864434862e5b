// The times a rep sets for a callback or a next step, in the lead's own clock: five numbered quick
// picks and free typing ("tue 10am", "in 2h", "tomorrow 9"). Pure functions of `now`, the lead's
// zone(s) and the stretches when the lead may be called (from callableIntervals); the instant is
// always passed in, never read.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Interval } from './localWindows';

export type QuickPickId = 'in_an_hour' | 'later_today' | 'tomorrow_morning' | 'next_business_day' | 'in_a_week';

export interface QuickPick {
  /** The digit that picks it: "1" … "5". */
  key: string;
  id: QuickPickId;
  /** "Later today 16:00" (their time). */
  label: string;
  /** The instant, epoch ms; null when the pick does not apply now (later today, past 16:00). */
  at: number | null;
  /** Why it does not apply, when `at` is null. */
  unavailable?: string;
  /** Whether the lead may be called then (false: the form warns). */
  insideHours: boolean;
}

export interface LeadClock {
  /** The lead's zones; the first is "their time" (as the call screen shows it). */
  zones: readonly string[];
  /** When the lead may be called, from `now` onwards (callableIntervals over the coming days). */
  callable: readonly Interval[];
  /** The end of the stretch `callable` covers: beyond it nothing is known. */
  knownUntil: number;
}

const LATER_TODAY = { hour: 16, minute: 0 };
const MORNING = { hour: 9, minute: 0 };

/** Whether the lead may be called at `at`; null when beyond what `callable` covers. */
export function insideCallingHours(at: number, lead: LeadClock): boolean | null {
  if (at >= lead.knownUntil) return null;
  return lead.callable.some((i) => i.start <= at && at < i.end);
}

/** Monday to Friday on the lead's clock, with calling hours that day (a public holiday the law
 *  closes is not a business day). */
function isBusinessDay(day: DateTime, lead: LeadClock): boolean {
  if (day.weekday > 5) return false;
  const start = day.startOf('day').toMillis();
  const end = day.endOf('day').toMillis();
  if (start >= lead.knownUntil) return true;
  return lead.callable.some((i) => i.start < end && i.end > start);
}

/** The five quick picks at `now`, in the lead's time: in 1 hour, later today 16:00, tomorrow
 *  09:00, the next business day 09:00, in a week (same wall time, whatever the clocks did). */
export function quickPicks(now: number, lead: LeadClock): QuickPick[] {
  const zone = lead.zones[0] ?? 'UTC';
  const local = DateTime.fromMillis(now, { zone });
  const wall = (day: DateTime, time: { hour: number; minute: number }) => day.set({ ...time, second: 0, millisecond: 0 }).toMillis();
  let nextBusiness = local.plus({ days: 1 });
  for (let i = 0; i < 14 && !isBusinessDay(nextBusiness, lead); i++) nextBusiness = nextBusiness.plus({ days: 1 });
  const laterToday = wall(local, LATER_TODAY);
  const picks: Omit<QuickPick, 'key' | 'insideHours'>[] = [
    { id: 'in_an_hour', label: 'In 1 hour', at: now + 60 * 60 * 1000 },
    laterToday > now
      ? { id: 'later_today', label: 'Later today 16:00', at: laterToday }
      : { id: 'later_today', label: 'Later today 16:00', at: null, unavailable: 'already past 16:00 their time' },
    { id: 'tomorrow_morning', label: 'Tomorrow 09:00', at: wall(local.plus({ days: 1 }), MORNING) },
    { id: 'next_business_day', label: `Next business day 09:00 (${nextBusiness.toFormat('ccc')})`, at: wall(nextBusiness, MORNING) },
    // Luxon adds calendar weeks in the zone: the same wall time a week on, across a clock change.
    { id: 'in_a_week', label: 'In a week', at: local.plus({ weeks: 1 }).toMillis() },
  ];
  return picks.map((pick, i) => ({ ...pick, key: String(i + 1), insideHours: pick.at === null ? false : insideCallingHours(pick.at, lead) !== false }));
}

export type TypedTime = { ok: true; at: number } | { ok: false; message: string };

// "tomorrow 9", "fri 4": chrono reads the day and leaves the bare hour out; said with "at" it reads both.
const TRAILING_HOUR = /^(.*\S)\s+(\d{1,2}(?::\d{2})?)\s*$/;

function parseOnce(text: string, now: number, offsetMinutes: number): chrono.ParsedResult | null {
  const results = chrono.parse(text, { instant: new Date(now), timezone: offsetMinutes }, { forwardDate: true });
  return results[0] ?? null;
}

/** A typed time read on the lead's clock: "tue 10am", "in 2h", "tomorrow 9", "16:00". A bare
 *  hour from 1 to 7 without am/pm is the afternoon (nobody books a 3 a.m. callback). */
export function parseTypedTime(text: string, now: number, zone: string): TypedTime {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: 'Type a time, e.g. "tue 10am", "in 2h", "tomorrow 9".' };
  const offset = DateTime.fromMillis(now, { zone }).offset;
  let result = parseOnce(typed, now, offset);
  const trailing = TRAILING_HOUR.exec(typed);
  if (result && trailing && result.index + result.text.length < typed.length) result = parseOnce(`${trailing[1]} at ${trailing[2]}`, now, offset) ?? result;
  if (!result) return { ok: false, message: `"${typed}" is not a time Dialdeck can read: try "tue 10am", "in 2h" or "tomorrow 9".` };
  const leftover = (typed.slice(0, result.index) + typed.slice(result.index + result.text.length)).trim();
  if (leftover !== '' && !(trailing && leftover === trailing[2])) return { ok: false, message: `Only "${result.text}" of "${typed}" could be read; type the time alone.` };
  const tags = result.tags();
  // "in 2h", "in 30 min": a span of time from now, whatever the wall clock does meanwhile.
  if (tags.has('result/relativeDateAndTime')) return { ok: true, at: result.date().getTime() };
  const start = result.start;
  let hour = start.get('hour') ?? MORNING.hour;
  if (!start.isCertain('hour')) hour = MORNING.hour;
  else if (!start.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  const at = DateTime.fromObject(
    { year: start.get('year') ?? undefined, month: start.get('month') ?? undefined, day: start.get('day') ?? undefined, hour, minute: start.get('minute') ?? 0 },
    { zone },
  );
  if (!at.isValid) return { ok: false, message: `"${typed}" is not a date that exists.` };
  let ms = at.toMillis();
  // A time of day alone that has passed today means tomorrow.
  if (ms <= now && !start.isCertain('day') && !start.isCertain('weekday')) ms = at.plus({ days: 1 }).toMillis();
  if (ms <= now) return { ok: false, message: `"${typed}" is in the past; callbacks are set for later.` };
  return { ok: true, at: ms };
}
