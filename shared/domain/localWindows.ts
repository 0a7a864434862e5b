// Local-time windows ("08:00–21:00 their time", "16:30–18:30 on weekdays") turned into UTC
// instants, correct across daylight-saving changes because every local time is resolved in its
// own zone on its own date. Pure: the caller passes the instants; nothing reads the clock.
import { DateTime } from 'luxon';

/** A local time of day as "HH:MM" (24-hour). */
export type LocalTime = string;

export interface LocalWindow {
  start: LocalTime;
  end: LocalTime;
}

/** A half-open interval of instants, in epoch milliseconds: [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseLocalTime(value: LocalTime): { hour: number; minute: number } {
  const match = TIME.exec(value);
  if (!match) throw new Error(`"${value}" is not a time of day (HH:MM)`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** One local date in a zone: its midnight, its ISO date and weekday, the instants of the local
 *  times asked of it so far, and the next date. Remembered: resolving a local time in a zone
 *  costs tens of microseconds in luxon, and the queue, the timers and the badges ask the same few
 *  dates and times of the same zones all day. The answers depend only on the zone's rules, so
 *  remembering them changes no result. */
interface LocalDay {
  start: DateTime;
  iso: string;
  weekday: IsoWeekday;
  instants: Map<LocalTime, number>;
  next: LocalDay | null;
}

const localDays = new Map<string, LocalDay>();
const localDayKey = (zone: string, iso: string) => `${zone}|${iso}`;
/** A bound on what is remembered (a few years of dates in a few hundred zones). */
const MAX_LOCAL_DAYS = 200_000;

function localDay(zone: string, start: DateTime): LocalDay {
  const iso = start.toISODate()!;
  const key = localDayKey(zone, iso);
  let day = localDays.get(key);
  if (!day) {
    if (localDays.size >= MAX_LOCAL_DAYS) localDays.clear();
    day = { start, iso, weekday: start.weekday as IsoWeekday, instants: new Map(), next: null };
    localDays.set(key, day);
  }
  return day;
}

/** The local date an instant falls on in a zone (many callers ask the same instant: the queue
 *  builds every zone key's hours at one instant). */
const dayOfInstantMemo = new Map<string, LocalDay>();
function dayOfInstant(zone: string, at: number): LocalDay {
  const key = `${zone}|${at}`;
  let day = dayOfInstantMemo.get(key);
  if (!day) {
    const local = DateTime.fromMillis(at, { zone });
    if (!local.isValid) throw new Error(`unknown time zone "${zone}"`);
    if (dayOfInstantMemo.size >= 10_000) dayOfInstantMemo.clear();
    day = localDay(zone, local.startOf('day'));
    dayOfInstantMemo.set(key, day);
  }
  return day;
}

const previousDays = new WeakMap<LocalDay, LocalDay>();
function dayBefore(zone: string, day: LocalDay): LocalDay {
  let previous = previousDays.get(day);
  if (!previous) {
    previous = localDay(zone, day.start.minus({ days: 1 }));
    previousDays.set(day, previous);
  }
  return previous;
}

function dayAfter(zone: string, day: LocalDay): LocalDay {
  day.next ??= localDay(zone, day.start.plus({ days: 1 }));
  return day.next;
}

/** The instant a local wall-clock time happens on a local date in a zone. A time that does not
 *  exist that day (inside a spring-forward gap) moves forward by the gap, as clocks do. */
function instantOf(day: LocalDay, time: LocalTime): number {
  let instant = day.instants.get(time);
  if (instant === undefined) {
    const { hour, minute } = parseLocalTime(time);
    instant = day.start.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
    day.instants.set(time, instant);
  }
  return instant;
}

/** Every window the rule gives for each local date in the zone, as instants, clipped to
 *  [from, to). windowsOn is asked once per local date with that date's ISO weekday and the date
 *  itself (YYYY-MM-DD, for holidays). */
export function localWindowsBetween(
  zone: string,
  from: number,
  to: number,
  windowsOn: (weekday: IsoWeekday, localDate: string) => readonly LocalWindow[],
): Interval[] {
  if (to <= from) return [];
  const last = dayOfInstant(zone, to).iso;
  const intervals: Interval[] = [];
  for (let day = dayBefore(zone, dayOfInstant(zone, from)); day.iso <= last; day = dayAfter(zone, day)) {
    for (const window of windowsOn(day.weekday, day.iso)) {
      const start = Math.max(instantOf(day, window.start), from);
      const end = Math.min(instantOf(day, window.end), to);
      if (end > start) intervals.push({ start, end });
    }
  }
  return mergeIntervals(intervals);
}

/** Sorted, merged intervals cut to [from, to]: what the same windows computed over [from, to]
 *  would have given. */
export function clipIntervals(intervals: readonly Interval[], from: number, to: number): Interval[] {
  const clipped: Interval[] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.start, from);
    const end = Math.min(interval.end, to);
    if (end > start) clipped.push({ start, end });
  }
  return clipped;
}

/** Sorted, with touching or overlapping intervals joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const previous = merged.at(-1);
    if (previous && interval.start <= previous.end) previous.end = Math.max(previous.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The instants inside every one of the lists (each sorted and merged). */
export function intersectIntervals(lists: readonly (readonly Interval[])[]): Interval[] {
  if (lists.length === 0) return [];
  let result: Interval[] = lists[0]!.map((i) => ({ ...i }));
  for (const list of lists.slice(1)) {
    const next: Interval[] = [];
    let a = 0;
    let b = 0;
    while (a < result.length && b < list.length) {
      const start = Math.max(result[a]!.start, list[b]!.start);
      const end = Math.min(result[a]!.end, list[b]!.end);
      if (end > start) next.push({ start, end });
      if (result[a]!.end < list[b]!.end) a++;
      else b++;
    }
    result = next;
  }
  return result;
}

/** The local day an instant falls on in a zone, as [from, to) instants and its ISO date. Each
 *  zone's last answer is kept: a disposition, the queue and the badges ask about the same day
 *  many times, and each answer otherwise costs luxon tens of microseconds. A day's bounds depend
 *  only on the zone's rules, so keeping them changes no result. */
export function localDayBounds(at: number, zone: string): { from: number; to: number; iso: string } {
  const kept = lastDayOfZone.get(zone);
  if (kept && at >= kept.from && at < kept.to) return kept;
  const start = DateTime.fromMillis(at, { zone }).startOf('day');
  const bounds = { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis(), iso: start.toISODate() ?? '' };
  if (lastDayOfZone.size >= 10_000) lastDayOfZone.clear();
  lastDayOfZone.set(zone, bounds);
  return bounds;
}
const lastDayOfZone = new Map<string, { from: number; to: number; iso: string }>();

const DAY_MS = 86_400_000;

/** The same local wall-clock time `days` calendar dates later in the zone, as luxon's
 *  `plus({ days })` gives it, from the remembered dates: on a date of exactly 24 hours the zone
 *  keeps one offset all day, so the time of day is the distance from its midnight, and it is the
 *  same distance from the later date's midnight when that date is 24 hours long too. A change of
 *  clocks on either date, or a date the zone skipped, is worked out in luxon (it cost a
 *  disposition ~80 µs of the zone's offsets: the voicemail's rest and a conversation's follow-up
 *  asked it at every disposition). */
export function sameWallTimeDaysLater(at: number, days: number, zone: string): number {
  const bounds = localDayBounds(at, zone);
  if (bounds.to - bounds.from === DAY_MS) {
    const iso = new Date((dayNumberOf(bounds.iso) + days) * DAY_MS).toISOString().slice(0, 10);
    const day = localDays.get(localDayKey(zone, iso)) ?? localDay(zone, DateTime.fromISO(iso, { zone }).startOf('day'));
    const start = day.start.toMillis();
    if (day.iso === iso && dayAfter(zone, day).start.toMillis() - start === DAY_MS) return start + (at - bounds.from);
  }
  return DateTime.fromMillis(at, { zone }).plus({ days }).toMillis();
}

/** The ISO weekday (1 = Monday) of the local date an instant falls on in a zone. */
export function localWeekdayOf(at: number, zone: string): IsoWeekday {
  // 1970-01-01, day 0, was a Thursday.
  const day = dayNumberOf(localDayBounds(at, zone).iso);
  return ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/** Days since 1970-01-01 of a date written YYYY-MM-DD (the date as written, no zone). */
function dayNumberOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** Forget every remembered local date (a benchmark measuring a process's first computation). */
export function forgetLocalDays(): void {
  localDays.clear();
  dayOfInstantMemo.clear();
  lastDayOfZone.clear();
}
