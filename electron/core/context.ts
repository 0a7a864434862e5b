import type { Database } from 'better-sqlite3';
import type { Effects } from './effects';
import type { Clock, Paths } from './ports';
import type { SettingsStore } from './settings/store';

/** What every feature's service is given: the one writing connection, the clock every rule
 *  reads, the settings, the effects that follow a commit, where the data lives and the rep's
 *  own zone. */
export interface CoreContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly effects: Effects;
  readonly paths: Paths;
  /** The rep's own zone: quiet hours and "tomorrow 08:00" are on their clock. */
  readonly repTimeZone: string;
}
