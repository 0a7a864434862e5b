import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Formatting a number with libphonenumber takes ~50 µs (it parses the metadata's patterns each
// time); the screens show the same few hundred numbers over and over, so each is formatted once.
const FORMATTED_LIMIT = 10_000;
const formatted = new Map<string, string>();

/** A North American number (+1, an area code starting 2–9). Every one is shown
 *  +1 AAA EEE NNNN, whichever of the plan's countries it belongs to; libphonenumber first works
 *  out which of the ~25 countries it is (tens of µs to hundreds, cold), for each new lead on the
 *  call screen. tests/unit/phone-format.test.ts holds the two equal over every area code. */
const NANP = /^\+1[2-9]\d{9}$/;

/** International format for display; falls back to the E.164 string itself. */
export function formatForDisplay(e164: string, extension?: string | null): string {
  let base = formatted.get(e164);
  if (base === undefined) {
    if (NANP.test(e164)) base = `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
    else {
      const parsed = parsePhoneNumberFromString(e164);
      base = parsed ? parsed.formatInternational() : e164;
    }
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(e164, base);
  }
  return extension ? `${base} ext. ${extension}` : base;
}
