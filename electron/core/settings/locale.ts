import { isCountryCode } from '../../../shared/domain/phone';

/** The region of a locale such as "en-GB" or "de_DE.UTF-8", if it names a supported country:
 *  the first-run guess of the default country. */
export function countryFromLocale(locale: string | undefined): string | undefined {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Z]{2})\b/i)?.[1]?.toUpperCase();
  return region && isCountryCode(region) ? region : undefined;
}
