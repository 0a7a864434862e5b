// What Ctrl+K's text means as an FTS5 query over the lead index (migration 014): a number in any
// format is normalised to E.164 and matched on its digits; anything else is words, each a prefix,
// all of them required, in any column. Pure: the desk's default country is passed in.
// The call log's search (callLogSearch.ts) reads a number and words the same way.
import { callingCodeOf, normalizePhone } from './phone';

/** Only these characters and at least 7 digits: a phone number as people write them. */
const PHONE_LIKE = /^[\d\s().+\-/x#]+$/i;

/** Fewer digits than this are in too many numbers to be worth looking for inside them. */
const NUMBER_PART_DIGITS = 4;

/** `numberPart`: digits typed that may sit anywhere in a number ("555-0701", the number without
 *  its area code), looked for inside the numbers when the index's starts do not fill the list. */
export type LeadSearch = { kind: 'words'; match: string; numberPart?: string } | { kind: 'email'; prefix: string };

/** The text read as a phone number, or null when it does not look like one (other characters, or
 *  fewer than 3 digits): `e164` when it is a whole number in any format (the desk's country for a
 *  national one), `digits` the digits as typed (part of a number: "4420", "555-01"). */
export function phoneQueryOf(text: string, defaultCountry: string): { e164: string | null; digits: string } | null {
  // A number as the app writes one with its extension ("+1 212 555 0100 ext. 12") is a number:
  // the extension's words are read as the "x" people type.
  const typed = text.trim().replace(/\s*\b(?:ext\.?|extension)\s*(\d+)$/i, ' x$1');
  const digits = typed.replace(/\D/g, '');
  if (!PHONE_LIKE.test(typed) || digits.length < 3) return null;
  if (digits.length >= 7) {
    const phone = normalizePhone(typed, defaultCountry);
    if (phone.ok) return { e164: phone.e164, digits };
  }
  return { e164: null, digits };
}

/** The words of the text as an FTS5 query (every word quoted, so nothing typed is read as FTS5
 *  syntax — AND, NEAR, column filters, "*"): the words typed in full, the last one as far as it has
 *  been typed (a prefix), all of them required. Null when there is no word. */
export function wordsMatchOf(text: string): string | null {
  const words = text.trim().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  const kept = words.slice(0, 8);
  return kept.map((word, i) => (i === kept.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ');
}

/** Digits typed as the start of a national number in the desk's country, as the start of its
 *  international digits (its trunk 0 dropped: "0207946" on a GB desk is "44207946"); null when
 *  written as international ("+", "00") or the desk's country is not known. */
function nationalStartAsInternational(typed: string, digits: string, defaultCountry: string): string | null {
  if (typed.startsWith('+') || digits.startsWith('00')) return null;
  const code = callingCodeOf(defaultCountry);
  return code === null ? null : `${code}${digits.replace(/^0/, '')}`;
}

/** How to look the text up, or null when there is nothing to look for: an FTS5 MATCH expression,
 *  or, for text with an "@", the start of an email address (through its index: the words of an
 *  address — "gmail", "com" — are in most rows, and would make the word query slow). */
export function leadSearchMatch(text: string, defaultCountry: string): LeadSearch | null {
  const typed = text.trim();
  const phone = phoneQueryOf(typed, defaultCountry);
  if (phone) {
    if (phone.e164) return { kind: 'words', match: `phones : "${phone.e164.slice(1)}"` };
    // Part of a number: the start of its international digits ("4420", "1212555"), or of a
    // national number of the desk's country ("212 555" on a US desk, "020 7946" on a British one).
    // "00" is how most of the world dials out: "0044 20" is "44 20".
    const international = phone.digits.startsWith('00') ? phone.digits.slice(2) : phone.digits;
    const national = nationalStartAsInternational(typed, phone.digits, defaultCountry);
    const match = national ? `phones : ("${international}"* OR "${national}"*)` : `phones : "${international}"*`;
    return international.length >= NUMBER_PART_DIGITS ? { kind: 'words', match, numberPart: international } : { kind: 'words', match };
  }
  if (typed.includes('@')) return { kind: 'email', prefix: typed.toLowerCase() };
  const match = wordsMatchOf(typed);
  return match === null ? null : { kind: 'words', match };
}
