import { getCountries } from 'libphonenumber-js/max';

// One country list for every form (the default country, the calling hours per country): every
// country libphonenumber knows, by its name in the rep's language.
const names = new Intl.DisplayNames(undefined, { type: 'region' });

export function countryName(code: string): string {
  return names.of(code) ?? code;
}

export const COUNTRY_CHOICES: readonly { code: string; name: string }[] = getCountries()
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));
