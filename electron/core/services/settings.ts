import type { Database } from 'better-sqlite3';
import { getSetting, setSettingIfMissing } from '../db/repos/settings';
import { isCountryCode } from '../../../shared/domain/phone';
import { DEFAULT_DIAL_TEMPLATE } from '../../../shared/domain/dialUri';

export interface AppSettings {
  defaultCountry: string;
  dialTemplate: string;
}

/** The region of a locale such as "en-GB" or "de_DE.UTF-8", if it names a supported country. */
export function countryFromLocale(locale: string | undefined): string | undefined {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Z]{2})\b/i)?.[1]?.toUpperCase();
  return region && isCountryCode(region) ? region : undefined;
}

/** Settings have defaults written on first open, so every later reader sees the same value. */
export function initSettings(db: Database, initialCountry: string | undefined): void {
  setSettingIfMissing(db, 'defaultCountry', initialCountry && isCountryCode(initialCountry) ? initialCountry : 'US');
  setSettingIfMissing(db, 'dialTemplate', DEFAULT_DIAL_TEMPLATE);
}

export function readSettings(db: Database): AppSettings {
  return {
    defaultCountry: getSetting(db, 'defaultCountry') ?? 'US',
    dialTemplate: getSetting(db, 'dialTemplate') ?? DEFAULT_DIAL_TEMPLATE,
  };
}
