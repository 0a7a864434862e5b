const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A call's time in the rep's own zone, as the history shows it. */
export function formatInstant(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function contactName(c: { firstName: string; lastName: string; company: string }): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.company;
}

/** "1 number", "2 numbers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
