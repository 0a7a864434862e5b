import { getCountries } from 'libphonenumber-js/max';
import { COMMON_COUNTRIES } from '../../../shared/domain/countries';

// One country list for every form (the default country, the calling hours per country): the
// domain's common countries first, then every other country libphonenumber knows, by name in the
// rep's language.
const names = new Intl.DisplayNames(undefined, { type: 'region' });

export function countryName(code: string): string {
  return names.of(code) ?? code;
}

const common = new Set<string>(COMMON_COUNTRIES);

export const COUNTRY_GROUPS: readonly { label: string; countries: readonly { code: string; name: string }[] }[] = [
  { label: 'Common', countries: COMMON_COUNTRIES.map((code) => ({ code, name: countryName(code) })) },
  {
    label: 'All countries',
    countries: getCountries()
      .filter((code) => !common.has(code))
      .map((code) => ({ code, name: countryName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  },
];

/** The options of a country select, grouped. */
export function CountryOptions({ suffix }: { suffix?: (code: string) => string }) {
  return (
    <>
      {COUNTRY_GROUPS.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.countries.map(({ code, name }) => (
            <option key={code} value={code}>
              {name} ({code}){suffix?.(code) ?? ''}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
