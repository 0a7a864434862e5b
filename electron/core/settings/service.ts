import type { Database } from 'better-sqlite3';
import type { SettingValues } from '../../../shared/domain/settings';
import { isCountryCode } from '../../../shared/domain/phone';
import { SettingsStore } from './store';

export type AppSettings = SettingValues;

/** The region of a locale such as "en-GB" or "de_DE.UTF-8", if it names a supported country. */
export function countryFromLocale(locale: string | undefined): string | undefined {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Z]{2})\b/i)?.[1]?.toUpperCase();
  return region && isCountryCode(region) ? region : undefined;
}

// One store per connection while the features still take the database alone.
const stores = new WeakMap<Database, SettingsStore>();

export function settingsStore(db: Database): SettingsStore {
  let store = stores.get(db);
  if (!store) {
    store = new SettingsStore(db);
    stores.set(db, store);
  }
  return store;
}

export function readSettings(db: Database): AppSettings {
  return settingsStore(db).all();
}
