import { DateTime } from 'luxon';

// One time format everywhere: in the OS locale (Intl.DateTimeFormat), every time with its zone's
// abbreviation, a lead's time with the rep's beside it where the two differ, the date only when
// it is not today and its year only when it is not this year. Never an unlabeled time. Pure
// functions of the instant, the zones and "now", used by the screens and, for the times inside
// the core's texts (timeText.ts), by the renderer's client, the CLI and the notifications. "Yours"
// is the zone of the process drawing it: the renderer's and the core's are the rep's computer's.

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build and a list formats thousands of rows: one per shape,
 *  built the first time it is asked for. */
function kept(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formats.get(key);
  if (!found) {
    found = build();
    formats.set(key, found);
  }
  return found;
}

function format(zone: string | undefined, withDate: boolean, withYear = false): Intl.DateTimeFormat {
  return kept(`${zone ?? ''}|${withDate}|${withYear}`, () =>
    new Intl.DateTimeFormat(undefined, {
      ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      ...(withYear ? { year: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(zone ? { timeZone: zone } : {}),
    }),
  );
}

/** A time is never split across two lines ("9:00" at a line's end, "PM EST" on the next): the
 *  spaces inside it are no-break spaces; a line may still break after a comma ("Thu, Mar 5, …"). */
function unbroken(text: string): string {
  return text.replace(/(?<!,) /g, '\u00a0');
}

function dayFormat(zone: string | undefined): Intl.DateTimeFormat {
  return kept(`day|${zone ?? ''}`, () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(zone ? { timeZone: zone } : {}) }));
}

/** A zone name the platform knows, or undefined (the rep's own). */
function known(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    format(zone, false);
    return zone;
  } catch {
    return undefined;
  }
}

function sameDay(a: number, b: number, zone: string | undefined): boolean {
  const day = dayFormat(zone);
  return day.format(a) === day.format(b);
}

/** Whether a time drawn in `zone` says its date: always without `now`, else when it is not
 *  `now`'s day there. */
function saysDate(ms: number, zone: string | undefined, now: number | undefined): boolean {
  return now === undefined || !sameDay(ms, now, zone);
}

/** Whether two zones' clocks show the same date at an instant. */
function sameDateIn(ms: number, a: string | undefined, b: string | undefined): boolean {
  return dayFormat(a).format(ms) === dayFormat(b).format(ms);
}

/** "3:01 PM EST", or "Thu, Mar 5, 2:00 AM EST" when that is not today in that zone (`now`
 *  given), "Thu, Mar 4, 2027, 2:00 AM EST" when not this year; always with the date (and no year)
 *  when `now` is not given. `zone` undefined: the rep's own. */
export function timeIn(at: number | string, zone?: string, now?: number): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return '';
  const z = known(zone);
  return unbroken(format(z, saysDate(ms, z, now), now !== undefined && !sameYear(ms, now, z)).format(ms));
}

/** Always with the date, and its year when that is not `now`'s year in that zone: "Thu, Mar 5,
 *  9:00 AM EST", "Thu, Mar 4, 2027, 2:47 PM EST" (a chosen time, before it is saved). */
export function dateTimeIn(at: number | string, zone: string | undefined, now: number): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return '';
  const z = known(zone);
  return unbroken(format(z, true, !sameYear(ms, now, z)).format(ms));
}

function sameYear(a: number, b: number, zone: string | undefined): boolean {
  const day = dayFormat(zone);
  return day.format(a).slice(0, 4) === day.format(b).slice(0, 4);
}

// Asking the platform builds a formatter each time, and every time on screen asks: read once,
// and again when the core says the clock jumped (a change of zone is one).
let repZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The rep's own zone, as the computer reports it. */
export function myZone(): string {
  return repZone;
}

/** Read the rep's zone again (the clock jumped: the computer may have changed zone). */
export function rereadZone(): void {
  repZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether two zones read the same wall clock at an instant (London and UTC in winter do,
 *  whatever their abbreviations). */
function sameClock(at: number, a: string | undefined, b: string | undefined): boolean {
  const day = (zone: string | undefined) => `${dayFormat(zone).format(at)} ${wallFormat(zone).format(at)}`;
  return day(known(a)) === day(known(b));
}

function wallFormat(zone: string | undefined): Intl.DateTimeFormat {
  return kept(`wall|${zone ?? ''}`, () => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(zone ? { timeZone: zone } : {}) }));
}

/** A lead's time: "3:01 PM EST", and the rep's beside it where it differs:
 *  "3:01 PM EST · 8:01 PM GMT+1 yours". A date the lead's time has already said is not said
 *  again: "Thu, Mar 5, 2:00 AM EST · 8:00 AM GMT+1 yours". */
export function leadTime(at: number | string, leadZone: string, now?: number, rep: string = myZone()): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return '';
  const theirs = timeIn(ms, leadZone, now);
  if (sameClock(ms, leadZone, rep)) return theirs;
  const lead = known(leadZone);
  const mine = known(rep);
  // The lead's part said the date (as timeIn decides) and yours falls on that date: time only.
  const yours = saysDate(ms, lead, now) && sameDateIn(ms, lead, mine) ? unbroken(format(mine, false).format(ms)) : timeIn(ms, rep, now);
  return `${theirs} · ${yours}\u00a0yours`;
}

/** How a time inside the core's texts (timeText.ts) is drawn for the rep reading it at `now`: as
 *  a lead's time. The one drawer of the renderer's client, the CLI and the notifications. */
export function leadTimeDrawer(now: number): (at: number, zone: string) => string {
  return (at, zone) => leadTime(at, zone, now);
}

/** A lead's time in a column beside the rep's, which carries the date: "10:00 AM EST" when both
 *  clocks are on the same day, "Fri, Mar 6, 1:00 AM AEDT" when the lead's is on another. */
export function theirTimeBeside(at: number | string, leadZone: string, rep: string = myZone()): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return '';
  const theirs = known(leadZone);
  return unbroken(format(theirs, !sameDateIn(ms, theirs, known(rep))).format(ms));
}

/** The rep's time of an instant, labelled: "Wed, Mar 4, 6:00 PM GMT+1" (no date when today and
 *  `now` is given). */
export function yourTime(at: number | string, now?: number): string {
  return timeIn(at, undefined, now);
}

function clockFormat(zone: string | undefined, locale?: string): Intl.DateTimeFormat {
  return kept(`clock|${zone ?? ''}|${locale ?? ''}`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', ...(zone ? { timeZone: zone } : {}) }));
}

/** The clock in `zone` at an instant, in the OS locale like every other time ("3:01 PM" in the
 *  US, "15:01" in Britain), without the zone: for a text that says whose clock it is itself
 *  ("… their time", a script's "it is 9:15 AM there"). */
export function localClock(at: number, zone: string): string {
  return unbroken(clockFormat(known(zone) ?? 'UTC').format(at));
}

// A time of day in a rule or a setting ("08:00") is on no particular day: drawn from a day
// without a change of clocks, read on UTC's.
const WALL_DAY = Date.UTC(2000, 0, 3);

/** A time of day as the rules and settings hold it ("HH:mm", or minutes since midnight), drawn
 *  in the OS locale as every time on screen is: "8:00 AM" in the US, "8:00" in Britain. The
 *  end of a day ("24:00") is midnight: "12:00 AM", or "24:00" where clocks run 0–23. `locale`:
 *  the OS's when left out (a test asks for another). */
export function wallClock(time: string | number, locale?: string): string {
  const read = typeof time === 'number' ? null : /^(\d{2}):([0-5]\d)$/.exec(time);
  const minutes = typeof time === 'number' ? time : read ? Number(read[1]) * 60 + Number(read[2]) : NaN;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) return String(time);
  const format = clockFormat('UTC', locale);
  if (minutes === 24 * 60 && format.resolvedOptions().hourCycle === 'h23') {
    return unbroken(format.formatToParts(WALL_DAY).map((part) => (part.type === 'hour' ? '24' : part.value)).join(''));
  }
  return unbroken(format.format(WALL_DAY + minutes * 60_000));
}

function spokenFormat(zone: string): Intl.DateTimeFormat {
  return kept(`spoken|${zone}`, () => new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone: zone }));
}

/** A day as a rep says it in a script, on `zone`'s calendar: "Tuesday, March 3" in the US,
 *  "Tuesday 3 March" in Britain. */
export function spokenDate(at: number, zone: string): string {
  const z = known(zone) ?? 'UTC';
  return spokenFormat(z).format(at);
}

/** Build the formatters a lead's screen and script draw in `zone` (a reply that first shows a
 *  lead of a zone would otherwise build them itself, ~0.15 ms each): the queue's warming calls it
 *  for each zone it prepares, in the pauses. An unknown zone builds nothing. */
export function prepareZoneFormats(zone: string): void {
  const z = known(zone);
  if (z === undefined) return;
  format(z, true);
  format(z, true, true);
  dayFormat(z);
  wallFormat(z);
  clockFormat(z);
  spokenFormat(z);
}

/** A span of the day: "8:00 AM–8:00 PM". */
export function wallRange(start: string | number, end: string | number): string {
  return `${wallClock(start)}–${wallClock(end)}`;
}

/** A datetime-local value ("2026-03-04T16:00") read as a wall time in `zone`, as an ISO instant;
 *  null when it is not a complete date and time. */
export function instantFromLocal(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

/** The datetime-local value for an instant in `zone`. */
export function localInputValue(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
