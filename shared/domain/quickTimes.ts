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
  /** "Later today, late afternoon" (16:00 on their clock, drawn beside it). */
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
    // Named, not timed: the time each one picks is drawn beside it in the one time format
    // ("4:00 PM EST"), where a "16:00" in the name read as a second, different clock.
    laterToday > now
      ? { id: 'later_today', label: 'Later today, late afternoon', at: laterToday }
      : { id: 'later_today', label: 'Later today, late afternoon', at: null, unavailable: 'already past on their clock' },
    { id: 'tomorrow_morning', label: 'Tomorrow morning', at: wall(local.plus({ days: 1 }), MORNING) },
    { id: 'next_business_day', label: 'Next business day, morning', at: wall(nextBusiness, MORNING) },
    // Luxon adds calendar weeks in the zone: the same wall time a week on, across a clock change.
    { id: 'in_a_week', label: 'In a week', at: local.plus({ weeks: 1 }).toMillis() },
  ];
  return picks.map((pick, i) => ({ ...pick, key: String(i + 1), insideHours: pick.at === null ? false : insideCallingHours(pick.at, lead) !== false }));
}

export type TypedTime = { ok: true; at: number } | { ok: false; message: string };

// "tomorrow 9", "fri 4": chrono reads the day and leaves the bare hour out; said with "at" it reads both.
const TRAILING_HOUR = /^(.*\S)\s+(\d{1,2}(?::\d{2})?)\s*$/;
// "3", "7": an hour alone.
const BARE_HOUR = /^\d{1,2}$/;

function parseOnce(text: string, now: number, offsetMinutes: number): chrono.ParsedResult | null {
  const results = chrono.parse(text, { instant: new Date(now), timezone: offsetMinutes }, { forwardDate: true });
  return results[0] ?? null;
}

/** A typed time read on the lead's clock: "tue 10am", "in 2h", "tomorrow 9", "16:00". A bare
 *  hour ("3", "at 3") is the next such hour to come; from 1 to 7 without am/pm it is the afternoon
 *  (nobody books a 3 a.m. callback). "in 2 days", "next week", "next year": the same wall time that
 *  many days, weeks… on (a month or a year on from the 31st is the month's last day). A day alone
 *  ("tomorrow", "fri") is 09:00 that day. */
export function parseTypedTime(text: string, now: number, zone: string): TypedTime {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: 'Type a time, e.g. "tue 10am", "in 2h", "tomorrow 9".' };
  const local = DateTime.fromMillis(now, { zone });
  const offset = local.offset;
  // chrono reads no bare number as a time: "3" is read as "at 3".
  const input = BARE_HOUR.test(typed) ? `at ${typed}` : typed;
  let result = parseOnce(input, now, offset);
  const trailing = TRAILING_HOUR.exec(input);
  if (result && trailing && result.index + result.text.length < input.length) result = parseOnce(`${trailing[1]} at ${trailing[2]}`, now, offset) ?? result;
  if (!result) return { ok: false, message: `"${typed}" is not a time Dialdeck can read: try "tue 10am", "in 2h" or "tomorrow 9".` };
  const leftover = (input.slice(0, result.index) + input.slice(result.index + result.text.length)).trim();
  if (leftover !== '' && !(trailing && leftover === trailing[2])) return { ok: false, message: `Only "${result.text}" of "${typed}" could be read; type the time alone.` };
  const tags = result.tags();
  // "in 2h", "in 30 min": a span of time from now, whatever the wall clock does meanwhile.
  if (tags.has('result/relativeDateAndTime')) return { ok: true, at: result.date().getTime() };
  const start = result.start;
  // "in 2 days", "next week", "next year" with no time: calendar days, months or years on the
  // lead's clock at the time it is there now. chrono counts them on a fixed offset (today's) and
  // from its own `hour` default, and rolls 31 March + 1 month over into May: only its date is kept.
  if (tags.has('result/relativeDate') && !start.isCertain('hour')) {
    const year = start.get('year') ?? local.year;
    const month = start.get('month') ?? local.month;
    const months = (year - local.year) * 12 + (month - local.month) - (start.get('day') !== local.day ? 1 : 0);
    const on = start.isCertain('day') ? local.set({ year, month, day: start.get('day') ?? local.day }) : local.plus({ months });
    if (on.toMillis() <= now) return { ok: false, message: `"${typed}" is in the past; callbacks are set for later.` };
    return { ok: true, at: on.toMillis() };
  }
  let hour = start.get('hour') ?? MORNING.hour;
  let minute = start.get('minute') ?? 0;
  if (!start.isCertain('hour')) [hour, minute] = [MORNING.hour, MORNING.minute];
  else if (!start.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  // A time of day alone is on today's date (chrono's forward date was chosen for the hour before
  // the afternoon rule: "at 3" at 14:47 was tomorrow) and, once passed, tomorrow's.
  const timeAlone = !['day', 'weekday', 'month', 'year'].some((c) => start.isCertain(c as chrono.Component));
  const at = DateTime.fromObject(
    timeAlone
      ? { year: local.year, month: local.month, day: local.day, hour, minute }
      : { year: start.get('year') ?? undefined, month: start.get('month') ?? undefined, day: start.get('day') ?? undefined, hour, minute },
    { zone },
  );
  if (!at.isValid) return { ok: false, message: `"${typed}" is not a date that exists.` };
  let ms = at.toMillis();
  if (ms <= now && timeAlone) ms = at.plus({ days: 1 }).toMillis();
  if (ms <= now) return { ok: false, message: `"${typed}" is in the past; callbacks are set for later.` };
  return { ok: true, at: ms };
}
