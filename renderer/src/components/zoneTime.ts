import { DateTime } from 'luxon';

/** "14:05" on the lead's clock. */
export function clockIn(zone: string, at: number): string {
  const dt = DateTime.fromMillis(at, { zone });
  return dt.isValid ? dt.toFormat('HH:mm') : '';
}

/** "Wed 4 Mar, 14:05" in a zone (the rep's own when zone is undefined). */
export function dateTimeIn(at: number | string, zone?: string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  const dt = DateTime.fromMillis(ms, zone ? { zone } : {});
  return dt.isValid ? dt.toFormat('ccc d LLL, HH:mm') : '';
}

/** The rep's own zone, as the computer reports it. */
export function myZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
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
