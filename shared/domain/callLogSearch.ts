// What the Calls screen's search text means. Pure: the desk's default country is passed in.
// A number is read as Ctrl+K reads it (leadSearch.ts): "+1 212 555 0107" — the Calls list's own
// format —, "(212) 555-0107" and "212-555-0107" all find the calls to +12125550107, which a
// substring of the text as typed never could (stored numbers are E.164, without the spaces and
// dashes). A name is looked up through Ctrl+K's lead index too, which folds case and accents
// ("jose" finds José), on top of the substring match the log has always done.
import { phoneQueryOf, wordsMatchOf } from './leadSearch';

export interface CallLogSearch {
  /** The text as typed: a part of the lead's name or company, or of the call's notes or next step
   *  (and of its number, when the text is not a number). */
  text: string;
  /** When the text is a phone number: a call whose number contains any of these digits matches —
   *  the E.164 digits of a whole number in any format (national ones in the desk's country), and
   *  the digits as typed (part of a number, or a foreign one written without its "+"). */
  numberDigits: string[];
  /** An FTS5 query over the lead index's name and company columns, or null (a number, or no word). */
  names: string | null;
}

/** The search, or null when there is nothing to search for (every call matches). */
export function callLogSearch(text: string, defaultCountry: string): CallLogSearch | null {
  const typed = text.trim();
  if (typed === '') return null;
  const phone = phoneQueryOf(typed, defaultCountry);
  if (phone) {
    const whole = phone.e164?.slice(1);
    // "00" is how most of the world dials out: "0044 20 7946" is "44 20 7946", as in Ctrl+K.
    const international = phone.digits.startsWith('00') ? phone.digits.slice(2) : null;
    return { text: typed, numberDigits: [...new Set([whole, phone.digits, international].filter((d): d is string => Boolean(d)))], names: null };
  }
  const words = wordsMatchOf(typed);
  return { text: typed, numberDigits: [], names: words === null ? null : `{name company} : (${words})` };
}
