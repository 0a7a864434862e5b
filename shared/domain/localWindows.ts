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

/** The instant a local wall-clock time happens on a local date in a zone. A time that does not
 *  exist that day (inside a spring-forward gap) moves forward by the gap, as clocks do. */
function instantOf(date: DateTime, time: LocalTime): number {
  const { hour, minute } = parseLocalTime(time);
  return date.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
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
  const first = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  if (!first.isValid) throw new Error(`unknown time zone "${zone}"`);
  const last = DateTime.fromMillis(to, { zone }).startOf('day');
  const intervals: Interval[] = [];
  for (let date = first; date <= last; date = date.plus({ days: 1 })) {
    for (const window of windowsOn(date.weekday as IsoWeekday, date.toISODate()!)) {
      const start = Math.max(instantOf(date, window.start), from);
      const end = Math.min(instantOf(date, window.end), to);
      if (end > start) intervals.push({ start, end });
    }
  }
  return mergeIntervals(intervals);
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

// One formatter per zone: building a luxon DateTime for each "HH:mm" cost ~25 µs, and reasons,
// badges and views ask for many of them.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "08:00" on the lead's clock for an instant, for reasons the rep reads. */
export function localClock(at: number, zone: string): string {
  let format = clockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  let hour = '00';
  let minute = '00';
  for (const part of parts) {
    if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return `${hour}:${minute}`;
}
