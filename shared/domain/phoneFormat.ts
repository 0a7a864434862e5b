import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** International format for display; falls back to the E.164 string itself. */
export function formatForDisplay(e164: string, extension?: string | null): string {
  const parsed = parsePhoneNumberFromString(e164);
  const base = parsed ? parsed.formatInternational() : e164;
  return extension ? `${base} ext. ${extension}` : base;
}
