import { formatForDisplay } from '../../../shared/domain/phoneFormat';

export function contactName(c: { firstName: string; lastName: string; company: string }): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.company;
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy": names in a sentence. */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "1 number", "2 numbers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

// A scrolled log formats the same numbers again and again: remembered (a bounded number of them).
const phones = new Map<string, string>();

/** An E.164 number as a rep reads it: "+353 1 234 5678", not "+35312345678". */
export function displayPhone(e164: string): string {
  let shown = phones.get(e164);
  if (shown === undefined) {
    shown = formatForDisplay(e164);
    if (phones.size >= 5000) phones.clear();
    phones.set(e164, shown);
  }
  return shown;
}
