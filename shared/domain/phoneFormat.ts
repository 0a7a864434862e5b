import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Formatting a number with libphonenumber takes ~50 µs (it parses the metadata's patterns each
// time); the screens show the same few hundred numbers over and over, so each is formatted once.
const FORMATTED_LIMIT = 10_000;
const formatted = new Map<string, string>();

/** International format for display; falls back to the E.164 string itself. */
export function formatForDisplay(e164: string, extension?: string | null): string {
  let base = formatted.get(e164);
  if (base === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    base = parsed ? parsed.formatInternational() : e164;
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(e164, base);
  }
  return extension ? `${base} ext. ${extension}` : base;
}
