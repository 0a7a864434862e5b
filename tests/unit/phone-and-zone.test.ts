import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalizeCleanNumber, normalizePhone, vanityToDigits } from '../../shared/domain/phone';
import { formatForDisplay } from '../../shared/domain/phoneFormat';
import { resolveLeadPlace, zoneFromText, zonesForNumber } from '../../shared/domain/timeZones';

type Row = [input: string, country: string, e164: string | null, extension: string | null, zonesOrReason: string];
// zonesOrReason: the zones from the number ("A&B" when it names two), or the dud reason.
const TABLE: Row[] = [
  // United States: national, international, dots, brackets, extensions, vanity; every zone and Arizona.
  ['(212) 555-0143', 'US', '+12125550143', null, 'America/New_York'],
  ['212.555.0143', 'US', '+12125550143', null, 'America/New_York'],
  ['+1 212 555 0143', 'GB', '+12125550143', null, 'America/New_York'],
  ['1-212-555-0143', 'US', '+12125550143', null, 'America/New_York'],
  ['212-555-0143 x123', 'US', '+12125550143', '123', 'America/New_York'],
  ['(312) 555-0187 ext. 45', 'US', '+13125550187', '45', 'America/Chicago'],
  ['713 555 0110', 'US', '+17135550110', null, 'America/Chicago'],
  ['(303) 555-0199', 'US', '+13035550199', null, 'America/Denver'],
  ['602-555-0110', 'US', '+16025550110', null, 'America/Phoenix'],
  ['(928) 555-0123', 'US', '+19285550123', null, 'America/Phoenix'],
  ['(415) 555-2671', 'US', '+14155552671', null, 'America/Los_Angeles'],
  ['(907) 555-0100', 'US', '+19075550100', null, 'America/Adak&America/Anchorage'],
  ['(808) 555-0100', 'US', '+18085550100', null, 'Pacific/Honolulu'],
  ['(605) 555-0100', 'US', '+16055550100', null, 'America/Denver&America/North_Dakota/Center'],
  ['1-800-FLOWERS', 'US', '+18003569377', null, ''],
  ['1 (800) GOT-JUNK', 'US', '+18004685865', null, ''],
  ['555-0143', 'US', null, null, 'too short for US'],
  ['212 555 01', 'US', null, null, 'too short for US'],
  ['+1 212 555 01431', 'US', null, null, 'too long for US'],
  // Canada.
  ['(416) 555-0199', 'CA', '+14165550199', null, 'America/Toronto'],
  ['604-555-0101', 'CA', '+16045550101', null, 'America/Vancouver'],
  ['+1 514 555 0111', 'US', '+15145550111', null, 'America/Toronto'],
  ['(403) 555-0100', 'CA', '+14035550100', null, 'America/Edmonton'],
  ['902-555-0100', 'CA', '+19025550100', null, 'America/Halifax'],
  ['709-555-0100', 'CA', '+17095550100', null, 'America/Puerto_Rico&America/St_Johns'],
  // United Kingdom.
  ['020 7946 0958', 'GB', '+442079460958', null, 'Europe/London'],
  ['+44 20 7946 0958', 'US', '+442079460958', null, 'Europe/London'],
  ['+44 (0)161 496 0000', 'US', '+441614960000', null, 'Europe/London'],
  ['0161 496 0000', 'GB', '+441614960000', null, 'Europe/London'],
  ['0113 496 0000 ext 204', 'GB', '+441134960000', '204', 'Europe/London'],
  ['+44 7700 900', 'US', null, null, 'not a valid number for US'],
  // Ireland.
  ['01 234 5678', 'IE', '+35312345678', null, 'Europe/Dublin'],
  ['+353 1 234 5678', 'US', '+35312345678', null, 'Europe/Dublin'],
  ['087 123 4567', 'IE', '+353871234567', null, 'Europe/Dublin'],
  ['+353 21 123 4567', 'US', '+353211234567', null, 'Europe/Dublin'],
  // Germany.
  ['030 901820', 'DE', '+4930901820', null, 'Europe/Berlin'],
  ['+49 30 901820', 'US', '+4930901820', null, 'Europe/Berlin'],
  ['+49 (0)89 1234567', 'US', '+49891234567', null, 'Europe/Berlin'],
  ['0151 23456789', 'DE', '+4915123456789', null, 'Europe/Berlin'],
  ['+49 30', 'US', null, null, 'too short for DE'],
  ['12', 'DE', null, null, 'too short for DE'],
  // France.
  ['01 42 68 53 00', 'FR', '+33142685300', null, 'Europe/Paris'],
  ['+33 1 42 68 53 00', 'US', '+33142685300', null, 'Europe/Paris'],
  ['06 12 34 56 78', 'FR', '+33612345678', null, 'Europe/Paris'],
  ['+33 6 12 34 56 78', 'US', '+33612345678', null, 'Europe/Paris'],
  // Spain.
  ['912 34 56 78', 'ES', '+34912345678', null, 'Europe/Madrid'],
  ['+34 912 34 56 78', 'US', '+34912345678', null, 'Europe/Madrid'],
  ['612 34 56 78', 'ES', '+34612345678', null, 'Europe/Madrid'],
  // Australia: Sydney, Brisbane, and the 08 area that spans Adelaide and Perth.
  ['(02) 9374 4000', 'AU', '+61293744000', null, 'Australia/Sydney'],
  ['+61 2 9374 4000', 'US', '+61293744000', null, 'Australia/Sydney'],
  ['0412 345 678', 'AU', '+61412345678', null, 'Australia/Sydney'],
  ['(07) 3224 0000', 'AU', '+61732240000', null, 'Australia/Brisbane'],
  ['(08) 9222 0000', 'AU', '+61892220000', null, 'Australia/Adelaide&Australia/Perth'],
  ['+61 3 9654 3210', 'US', '+61396543210', null, 'Australia/Sydney'],
  // India.
  ['098123 45678', 'IN', '+919812345678', null, 'Asia/Kolkata'],
  ['+91 98123 45678', 'US', '+919812345678', null, 'Asia/Kolkata'],
  ['+91 22 2266 2222', 'US', '+912222662222', null, 'Asia/Kolkata'],
  ['011 2345 6789', 'IN', '+911123456789', null, 'Asia/Kolkata'],
  // Brazil: São Paulo, Manaus, Rio Branco.
  ['(11) 98765-4321', 'BR', '+5511987654321', null, 'America/Sao_Paulo'],
  ['+55 11 98765-4321', 'US', '+5511987654321', null, 'America/Sao_Paulo'],
  ['+55 21 2345-6789', 'US', '+552123456789', null, 'America/Sao_Paulo'],
  ['(92) 3234-5678', 'BR', '+559232345678', null, 'America/Manaus'],
  ['+55 68 3224-1234', 'US', '+556832241234', null, 'America/Rio_Branco'],
  // Digits in other scripts: fullwidth (an East Asian input method), Arabic-Indic, Persian, Devanagari.
  ['２１２ ５５５ ０１０２', 'US', '+12125550102', null, 'America/New_York'],
  ['＋４４ ２０ ７９４６ ０９５８', 'US', '+442079460958', null, 'Europe/London'],
  ['٢١٢٥٥٥٠١٠١', 'US', '+12125550101', null, 'America/New_York'],
  ['+۹۱ ۹۸۱۲۳ ۴۵۶۷۸', 'US', '+919812345678', null, 'Asia/Kolkata'],
  ['+९१ ९८१२३ ४५६७८', 'US', '+919812345678', null, 'Asia/Kolkata'],
  // Junk.
  ['abc', 'US', null, null, 'no digits in the phone number'],
  ['', 'US', null, null, 'no phone number'],
  ['   ', 'US', null, null, 'no phone number'],
  ['+999 123 456', 'US', null, null, 'unknown country calling code'],
  ['0000000000', 'US', null, null, 'not a valid number for US'],
  ['=1+2', 'US', null, null, 'not a phone number'],
  ['4155552671', 'XX', null, null, 'no country code (start with + or set a default country)'],
  ['x'.repeat(80), 'US', null, null, 'too long to be a phone number'],
];

// India's zone is called Asia/Calcutta in libphonenumber's map; both names are the same zone.
const sameZone = (zone: string) => (zone === 'Asia/Calcutta' ? 'Asia/Kolkata' : zone);

describe('normalizePhone and the zones of a number', () => {
  it('has at least 60 cases over the ten countries', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%j (default %s) → %s ext %s, %s', (input, country, e164, extension, zonesOrReason) => {
    const result = normalizePhone(input, country);
    if (e164 === null) {
      expect(result).toEqual({ ok: false, reason: zonesOrReason });
      return;
    }
    expect(result).toEqual({ ok: true, e164, extension });
    if (zonesOrReason !== '') expect(zonesForNumber(e164).map(sameZone)).toEqual(zonesOrReason.split('&'));
  });

  it('a US number whose area code spans two zones keeps both, and resolves from the phone', () => {
    expect(resolveLeadPlace({ e164: '+16055550100' })).toEqual({
      zones: ['America/Denver', 'America/North_Dakota/Center'],
      source: 'phone',
      jurisdictions: ['US', 'US-SD'],
    });
  });

  it('vanity letters become keypad digits, extensions stay extensions', () => {
    expect(vanityToDigits('1-800-FLOWERS')).toBe('1-800-3569377');
    expect(vanityToDigits('212-555-0143 x123')).toBe('212-555-0143 x123');
    expect(vanityToDigits('call me later')).toBe('call me later');
  });

  it('a label beside the number ("mobile", "(work)") is a label, not keypad letters', () => {
    for (const text of ['212 555 0143 mobile', '+1 212 555 0143 (work)', '(212) 555-0143 home', '212-555-0143 cell', '212-555-0143 office']) {
      expect(normalizePhone(text, 'US'), text).toEqual({ ok: true, e164: '+12125550143', extension: null });
    }
    expect(normalizePhone('07911 123456 mobile', 'GB')).toEqual({ ok: true, e164: '+447911123456', extension: null });
    // A number that is not one says so, whatever its label (07700 900xxx is kept for drama).
    expect(normalizePhone('07700 900123 mobile', 'GB')).toEqual(normalizePhone('07700 900123', 'GB'));
    // Letters that are the number still are.
    expect(normalizePhone('1-800-FLOWERS', 'US')).toEqual({ ok: true, e164: '+18003569377', extension: null });
  });

  it('property: the fast path always agrees with libphonenumber parsing the same text', () => {
    const countries = ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'ES', 'AU', 'IN', 'BR'] as const;
    const sep = fc.constantFrom('', ' ', '-', '.', ' - ');
    const extension = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 9_999_999 }).chain((n) => fc.constantFrom(` x${n}`, ` ext. ${n}`, ` ext ${n}`, ` X${n}`, ` x ${n}`)));
    const clean = fc
      .tuple(fc.constantFrom('+1', '+44', '+353', '+49', '+33', '+34', '+61', '+91', '+55', '+7', '+86', ''), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 12 }), sep, extension)
      .map(([code, digits, s, ext]) => `${code}${s}${digits.join('').replace(/(\d{3})(?=\d)/g, `$1${s}`)}${ext}`);
    fc.assert(
      fc.property(clean, fc.constantFrom(...countries), (text, country) => {
        const fast = normalizeCleanNumber(text, country);
        if (!fast?.ok) return;
        const parsed = parsePhoneNumberFromString(text, country);
        expect(parsed?.isValid()).toBe(true);
        expect(fast.e164).toBe(parsed!.number);
        expect(fast.extension).toBe(parsed!.ext ?? null);
      }),
      { numRuns: 20_000 },
    );
  });

  it('formats for display', () => {
    expect(formatForDisplay('+14155552671')).toBe('+1 415 555 2671');
    expect(formatForDisplay('+442079460958', '12')).toBe('+44 20 7946 0958 ext. 12');
  });
});

describe('resolveLeadPlace', () => {
  const US = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  it.each([
    [{ explicit: 'Europe/Berlin', e164: '+14155552671' }, ['Europe/Berlin'], 'column'],
    [{ explicit: 'PST' }, ['America/Los_Angeles'], 'column'],
    [{ explicit: 'Central Time' }, ['America/Chicago'], 'column'],
    [{ explicit: 'UTC-5' }, ['Etc/GMT+5'], 'column'],
    [{ explicit: '+01:00' }, ['Etc/GMT-1'], 'column'],
    [{ explicit: 'nonsense', region: 'CA', country: 'USA' }, ['America/Los_Angeles'], 'address'],
    // Ontario spans Eastern and (north-west of Lake Superior) Central time.
    [{ region: 'Ontario' }, ['America/Toronto', 'America/Winnipeg'], 'address'],
    [{ region: 'AZ', country: 'United States' }, ['America/Phoenix'], 'address'],
    // An address in Texas is Central or Mountain, whatever the (New York) area code says.
    [{ region: 'TX', country: 'US', e164: '+12125550143' }, ['America/Chicago', 'America/Denver'], 'address'],
    // Nor does an out-of-state area code that happens to share one of its zones (Chicago, Atlanta):
    // only Texas's own codes say where in Texas (El Paso's 915 is Mountain).
    [{ region: 'TX', country: 'US', e164: '+13125550142' }, ['America/Chicago', 'America/Denver'], 'address'],
    [{ region: 'FL', country: 'US', e164: '+14045550143' }, ['America/New_York', 'America/Chicago'], 'address'],
    [{ region: 'TX', country: 'US', e164: '+19155550142' }, ['America/Denver'], 'address'],
    [{ country: 'Germany' }, ['Europe/Berlin'], 'address'],
    [{ country: 'UK' }, ['Europe/London'], 'address'],
    [{ country: 'Ireland', e164: '+14155552671' }, ['Europe/Dublin'], 'address'],
    [{ country: 'Australia', e164: '+61293744000' }, ['Australia/Sydney'], 'phone'],
    // A toll-free number names no place: every zone of its country, never the desk's own.
    [{ e164: '+18003569377' }, US, 'country'],
    [{}, [], 'unknown'],
  ] as const)('%j → %j from %s', (inputs, zones, source) => {
    const result = resolveLeadPlace(inputs);
    expect(result.zones).toEqual(zones);
    expect(result.source).toBe(source);
  });

  it('reads zone cells', () => {
    expect(zoneFromText('America/Chicago')).toBe('America/Chicago');
    expect(zoneFromText('EST')).toBe('America/New_York');
    expect(zoneFromText('GMT+05:17')).toBeUndefined();
    expect(zoneFromText('Mars/Olympus')).toBeUndefined();
    expect(zoneFromText('')).toBeUndefined();
  });

  // Checked against the zone database (Intl), not against the table: the zone named must keep the
  // written offset in January or in July.
  it.each(['UTC+5:30', 'GMT+05:30', '+0545', '+03:30', '+04:30', '+06:30', '+08:45', 'UTC+9:30', '+10:30', 'UTC+12:45', 'UTC+13:45', 'UTC-3:30', 'UTC-2:30', 'UTC-9:30'])(
    'reads the part-hour offset %s as a place that keeps it', (text) => {
      const zone = zoneFromText(text);
      expect(zone).toBeDefined();
      const match = /([+-])0?(\d{1,2}):?(\d{2})$/.exec(text)!;
      const written = `GMT${match[1]}${match[2]!.padStart(2, '0')}:${match[3]}`;
      const offsets = ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z'].map((at) =>
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')!.value);
      expect(offsets).toContain(written);
    });

  it('lets a "UTC+5:30" column win over a UK mobile number', () => {
    expect(resolveLeadPlace({ explicit: 'UTC+5:30', e164: '+447700900123' })).toMatchObject({ zones: ['Asia/Kolkata'], source: 'column' });
  });
});
