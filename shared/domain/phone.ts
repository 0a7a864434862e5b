// Phone normalisation: every number Dialdeck stores or dials goes through here.
// libphonenumber-js with the "max" metadata validates against real number ranges,
// not only lengths, so "555-0000" style junk is refused rather than dialled.
import {
  parsePhoneNumberWithError,
  ParseError,
  isSupportedCountry,
  validatePhoneNumberLength,
  getCountryCallingCode,
  type CountryCode,
} from 'libphonenumber-js/max';
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

export type PhoneResult =
  | { ok: true; e164: string; extension: string | null }
  | { ok: false; reason: string };

const MAX_INPUT_LENGTH = 64;

export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value as CountryCode);
}

/** The country's calling code ("1", "44"), or null for a code that is not a country. */
export function callingCodeOf(country: string): string | null {
  return isCountryCode(country) ? getCountryCallingCode(country) : null;
}

/** Digits written in another script as ASCII ones: fullwidth (what a Japanese or Chinese input
 *  method types, folded by NFKC) and Arabic-Indic, Eastern Arabic-Indic and Devanagari, which
 *  NFKC leaves as they are. Only text with a character beyond ASCII is looked at. */
function asciiDigits(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text.normalize('NFKC').replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= 0x0966 ? 0x0966 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

/** Normalise a phone number typed or imported in any common format to E.164 plus extension. */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const text = asciiDigits(input).trim();
  if (text === '') return { ok: false, reason: 'no phone number' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too long to be a phone number' };
  if (!/\d/.test(text)) return { ok: false, reason: 'no digits in the phone number' };
  const country = isCountryCode(defaultCountry) ? defaultCountry : undefined;
  const fast = normalizeCleanNumber(text, country);
  if (fast) return fast;
  const vanity = vanityToDigits(text);
  if (vanity === text) return normalizeSlow(text, country);
  // A label beside a number ("212 555 0143 mobile", "(work)") is not keypad letters: the number
  // as written first, the letters as digits only when it is not one.
  const asWritten = normalizeSlow(text, country);
  if (asWritten.ok) return asWritten;
  // Neither reads: letters that would make it longer than any number (15 digits) were a label,
  // and the reason is the number's own ("not a valid number for GB"), not "too long".
  const vanityDigits = vanity.replace(EXTENSION_SUFFIX, '').match(/\d/g)?.length ?? 0;
  return vanityDigits > 15 ? asWritten : normalizeSlow(vanity, country);
}

const KEYPAD = new Map<string, string>(
  ['ABC2', 'DEF3', 'GHI4', 'JKL5', 'MNO6', 'PQRS7', 'TUV8', 'WXYZ9'].flatMap((keys) => [...keys.slice(0, -1)].map((letter): [string, string] => [letter, keys.slice(-1)])),
);
const EXTENSION_SUFFIX = /(\s*(?:ext\.?|extension|x|#)\s*\d{1,10})$/i;

/** "1-800-FLOWERS" → "1-800-3569377": letters in the number body read as keypad digits. An
 *  extension marker ("x123", "ext. 45") is left alone. */
export function vanityToDigits(text: string): string {
  const extension = text.match(EXTENSION_SUFFIX)?.[1] ?? '';
  const body = text.slice(0, text.length - extension.length);
  const letters = body.match(/[A-Za-z]/g)?.length ?? 0;
  const digits = body.match(/\d/g)?.length ?? 0;
  // Only where letters stand in for digits in a number (1-800-FLOWERS), not in "call me" text.
  if (letters < 2 || digits < 3 || !/^[+\d\s().A-Za-z-]+$/.test(body)) return text;
  return body.replace(/[A-Za-z]/g, (ch) => KEYPAD.get(ch.toUpperCase()) ?? ch) + extension;
}

function normalizeSlow(text: string, country: CountryCode | undefined): PhoneResult {
  try {
    const parsed = parsePhoneNumberWithError(text, country ? { defaultCountry: country } : undefined);
    const where = parsed.country ?? country;
    if (!parsed.isValid()) {
      const lengthProblem = validatePhoneNumberLength(text, country ? { defaultCountry: country } : undefined);
      if (lengthProblem === 'TOO_SHORT' || lengthProblem === 'TOO_LONG') {
        return { ok: false, reason: parseErrorReason(lengthProblem, (parsed.country ?? country) as CountryCode | undefined) };
      }
      return { ok: false, reason: where ? `not a valid number for ${where}` : 'not a valid phone number' };
    }
    return { ok: true, e164: parsed.number, extension: parsed.ext ?? null };
  } catch (error) {
    if (error instanceof ParseError) {
      if (error.message === 'INVALID_COUNTRY' && text.startsWith('+')) return { ok: false, reason: 'unknown country calling code' };
      return { ok: false, reason: parseErrorReason(error.message, country) };
    }
    throw error;
  }
}

// Formatting people put between digits; anything else (letters, "x123", "(0)") takes the full path.
const FORMATTING = /[\s().\-\u00a0\u2010-\u2015]/g;
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;
const SIMPLE_EXTENSION = /\s+(?:x|ext\.?)\s?(\d{1,7})$/i;
const NANP_NATIONAL = /^1?[2-9]\d{9}$/;

/** The fast path for the shapes most lead files hold: "+<digits>" with any formatting, or a
 *  10-digit North American number when the default country is in +1. Building the number from
 *  its digits skips libphonenumber's text extraction (most of its cost) yet validates with the
 *  same metadata. Only valid results are returned; everything else goes the full way, so reasons
 *  and edge cases stay libphonenumber's. A unit test checks both paths agree. */
export function normalizeCleanNumber(text: string, country: CountryCode | undefined): PhoneResult | null {
  // "212-555-0143 x123", "… ext. 45": the number, then the extension as libphonenumber keeps it.
  const extension = SIMPLE_EXTENSION.exec(text);
  if (extension) {
    const main = normalizeCleanNumber(text.slice(0, extension.index), country);
    return main?.ok ? { ...main, extension: extension[1]! } : null;
  }
  const compact = text.replace(FORMATTING, '');
  let e164: string;
  if (INTERNATIONAL.test(compact)) e164 = compact;
  else if (country && getCountryCallingCode(country) === '1' && NANP_NATIONAL.test(compact)) e164 = `+1${compact.slice(-10)}`;
  else return null;
  return isValidE164(e164) ? { ok: true, e164, extension: null } : null;
}

// libphonenumber-js validates with patterns from its metadata but builds each RegExp anew on
// every call, which was most of an import's phone time. The same checks, in the same way as
// PhoneNumber#isValid (the calling code's main numbering plan: the general pattern, then any
// number type whose lengths and pattern match), with each pattern compiled once.
interface CompiledPlan {
  hasTypes: boolean;
  general: RegExp;
  types: { pattern: RegExp; lengths: number[] | undefined }[];
}
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const CALLING_CODES = new Set(Object.keys((metadata as unknown as { country_calling_codes: object }).country_calling_codes));
const plans = new Map<string, CompiledPlan>();

interface NumberingPlanApi {
  hasTypes(): boolean;
  nationalNumberPattern(): string;
  type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

function compiledPlan(callingCode: string): CompiledPlan {
  let plan = plans.get(callingCode);
  if (!plan) {
    const md = new Metadata(metadata as never) as unknown as { selectNumberingPlan(c: string): void } & NumberingPlanApi;
    md.selectNumberingPlan(callingCode);
    const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
    plan = {
      hasTypes: md.hasTypes(),
      general: whole(md.nationalNumberPattern()),
      types: NUMBER_TYPES.flatMap((name) => {
        const type = md.type(name);
        return type && type.pattern() ? [{ pattern: whole(type.pattern()), lengths: type.possibleLengths() }] : [];
      }),
    };
    plans.set(callingCode, plan);
  }
  return plan;
}

/** Whether "+<digits>" is a valid number, exactly as libphonenumber-js's PhoneNumber#isValid. */
export function isValidE164(e164: string): boolean {
  const digits = e164.slice(1);
  for (let length = 1; length <= 3; length++) {
    const callingCode = digits.slice(0, length);
    if (!CALLING_CODES.has(callingCode)) continue;
    const national = digits.slice(length);
    if (national === '') return false;
    const plan = compiledPlan(callingCode);
    if (!plan.general.test(national)) return false;
    if (!plan.hasTypes) return true;
    return plan.types.some((t) => (t.lengths === undefined || t.lengths.includes(national.length)) && t.pattern.test(national));
  }
  return false;
}

function parseErrorReason(code: string, country: CountryCode | undefined): string {
  switch (code) {
    case 'INVALID_COUNTRY':
      return 'no country code (start with + or set a default country)';
    case 'TOO_SHORT':
      return country ? `too short for ${country}` : 'too short to be a phone number';
    case 'TOO_LONG':
      return country ? `too long for ${country}` : 'too long to be a phone number';
    case 'NOT_A_NUMBER':
      return 'not a phone number';
    default:
      return 'not a phone number';
  }
}
