import { getCountries } from 'libphonenumber-js/max';

// Country cells arrive as "US", "USA", "United States", "Deutschland", "U.K."…: map them to
// ISO 3166 codes, using the platform's own region names so no list is kept by hand.
const ALIASES = new Map<string, string>(Object.entries({
  USA: 'US', 'U.S.': 'US', 'U.S.A.': 'US', AMERICA: 'US', 'UNITED STATES OF AMERICA': 'US',
  UK: 'GB', 'U.K.': 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB', 'GREAT BRITAIN': 'GB',
  DEUTSCHLAND: 'DE', ESPAÑA: 'ES', ESPANA: 'ES', BRASIL: 'BR', 'REPUBLIC OF IRELAND': 'IE', EIRE: 'IE', ÉIRE: 'IE',
}));

let byName: Map<string, string> | undefined;
function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(ALIASES);
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of getCountries()) {
    byName.set(code, code);
    const name = display.of(code);
    if (name) byName.set(name.toUpperCase(), code);
  }
  return byName;
}

/** ISO code for a country cell, or undefined when it names no country we know. */
export function countryFromName(text: string): string | undefined {
  const key = text.trim().toUpperCase();
  return key === '' ? undefined : names().get(key);
}

/** The countries a desk most often calls, first in every country list the screens offer (the
 *  desk's own default is added when it is another one). */
export const COMMON_COUNTRIES = ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'ES', 'IT', 'NL', 'AU', 'NZ', 'IN', 'BR', 'ZA'] as const;
