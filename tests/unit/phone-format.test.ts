// The call screen's number: North American numbers are laid out without asking libphonenumber
// which of the plan's countries they belong to. Held to libphonenumber's own international format
// over every area code and a spread of exchanges, and other countries still go through it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatForDisplay } from '../../shared/domain/phoneFormat';

describe("a number as the call screen shows it", () => {
  it('is, for every North American area code, what libphonenumber formats', () => {
    const mismatches: string[] = [];
    // Area codes 000–199 too (libphonenumber lays those out unspaced), and exchanges no real
    // number has (000, 010, 199), as a test list may hold.
    for (let area = 0; area <= 999; area++) {
      for (const exchange of [0, 10, 199, 200, 234, 555, 800, 911, 999]) {
        const e164 = `+1${String(area).padStart(3, '0')}${String(exchange).padStart(3, '0')}${String((area * 7 + exchange) % 10_000).padStart(4, '0')}`;
        const expected = parsePhoneNumberFromString(e164)!.formatInternational();
        if (formatForDisplay(e164) !== expected) mismatches.push(`${e164}: ${formatForDisplay(e164)} ≠ ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(formatForDisplay('+12125550100', '12')).toBe('+1 212 555 0100 ext. 12');
  });

  it('is libphonenumber’s for other countries, and the number itself where it cannot parse', () => {
    for (const e164 of ['+442079460958', '+33142685300', '+61293744000', '+5511987654321', '+917012345678', '+12120100000']) {
      expect(formatForDisplay(e164)).toBe(parsePhoneNumberFromString(e164)!.formatInternational());
    }
    expect(formatForDisplay('+44')).toBe('+44');
  });
});
