// Public holidays (local dates) of the US, Canada, Australia and their states, provinces and
// territories, generated from the date-holidays package (tools/generate-holidays.mjs), and the
// few a statute names that the calendar lacks, computed.
import data from '../data/holidays.json';

const HOLIDAYS = data as { firstYear: number; lastYear: number; regions: object };
let regions: Map<string, Map<string, string>> | undefined;

function calendars(): Map<string, Map<string, string>> {
  regions ??= new Map(Object.entries(HOLIDAYS.regions).map(([place, days]) => [place, new Map(Object.entries(days as object) as [string, string][])]));
  return regions;
}

/** The years the shipped calendar covers; outside them a holiday rule cannot be checked. */
export const HOLIDAY_YEARS = { first: HOLIDAYS.firstYear, last: HOLIDAYS.lastYear };

/** The public holiday on a local date (YYYY-MM-DD) in a place ("US-LA", "AU"), or null. */
export function publicHoliday(place: string, localDate: string): string | null {
  return calendars().get(place)?.get(localDate) ?? null;
}

/** Easter Sunday (Gregorian; the anonymous algorithm), as [month, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Good Friday and (US) Election Day — the first Tuesday after the first Monday in November —
 *  for a year, as local dates with their names. */
export function goodFridayAndElectionDay(year: number): Map<string, string> {
  const [month, day] = easter(year);
  const friday = new Date(Date.UTC(year, month - 1, day - 2));
  const firstOfNovember = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstMonday = 1 + ((8 - firstOfNovember) % 7);
  return new Map([
    [`${friday.getUTCFullYear()}-${pad(friday.getUTCMonth() + 1)}-${pad(friday.getUTCDate())}`, 'Good Friday'],
    [`${year}-11-${pad(firstMonday + 1)}`, 'Election Day'],
  ]);
}
