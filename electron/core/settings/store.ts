// The settings store over the registry in shared/domain/settings.ts: values are read once and
// kept (read again when another connection commits), each through its own schema with the
// registry's fallbacks; updates are real partial updates, validated, written in one transaction.
import type { Database } from 'better-sqlite3';
import { normalizePhone } from '../../../shared/domain/phone';
import { readSettingValue, SETTING_KEYS, SETTINGS, type EditableSettingKey, type SettingKey, type SettingValues } from '../../../shared/domain/settings';
import { otherConnectionWatch } from '../db/dataVersion';
import { CoreError } from '../errors';
import { storedSettings, writeSetting, writeSettingIfMissing } from './repo';

export type SettingsUpdate = Partial<Pick<SettingValues, EditableSettingKey>>;

export class SettingsStore {
  private values: SettingValues | null = null;
  private readonly otherCommitted: () => boolean;
  private readonly listeners = new Set<(changed: ReadonlySet<SettingKey>) => void>();

  constructor(private readonly db: Database) {
    this.otherCommitted = otherConnectionWatch(db);
  }

  /** First open: the country and zone guessed from the OS, so every later reader sees them. */
  initDefaults(guess: { country?: string; timeZone?: string }): void {
    const country = guess.country !== undefined && SETTINGS.defaultCountry.schema.safeParse(guess.country).success ? guess.country : SETTINGS.defaultCountry.default;
    const zone = guess.timeZone !== undefined && SETTINGS.defaultTimeZone.schema.safeParse(guess.timeZone).success ? guess.timeZone : SETTINGS.defaultTimeZone.default;
    this.db.transaction(() => {
      writeSettingIfMissing(this.db, 'defaultCountry', JSON.stringify(country));
      writeSettingIfMissing(this.db, 'defaultTimeZone', JSON.stringify(zone));
    })();
    this.values = null;
  }

  all(): SettingValues {
    if (this.otherCommitted()) this.values = null;
    this.values ??= this.load();
    return this.values;
  }

  get<K extends SettingKey>(key: K): SettingValues[K] {
    return this.all()[key];
  }

  /** Called with the keys that changed, after they are committed. */
  onChange(listener: (changed: ReadonlySet<SettingKey>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Change only the keys given (each already valid by its schema); the rules across keys are
   *  checked here. Committed before it returns. */
  update(update: SettingsUpdate): SettingValues {
    const current = this.all();
    const next = { ...current, ...update };
    const fields = new Map<string, string>();
    if (update.repPhone !== undefined || update.defaultCountry !== undefined) {
      if (next.repPhone !== '') {
        const phone = normalizePhone(next.repPhone, next.defaultCountry);
        // Written to follow the field's label, as the schemas' messages are (settingsFields.ts).
        if (!phone.ok) fields.set('repPhone', `must be a number you can be called back on (${phone.reason})`);
      }
    }
    if (fields.size > 0) throw new CoreError('invalid_request', `Your callback number ${[...fields.values()].join(' ')}.`, Object.fromEntries(fields));
    const changed = new Set<SettingKey>();
    for (const key of SETTING_KEYS) {
      if (!Object.hasOwn(update, key) || update[key as EditableSettingKey] === undefined) continue;
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changed.add(key);
    }
    this.write(next, changed);
    return this.all();
  }

  /** The rep has seen and accepted the first-run questions. */
  confirm(): SettingValues {
    if (!this.get('confirmed')) this.write({ ...this.all(), confirmed: true }, new Set(['confirmed']));
    return this.all();
  }

  /** Where the window was: written by the desktop glue when it moves or closes. */
  setWindowState(state: SettingValues['windowState']): void {
    const value = SETTINGS.windowState.schema.parse(state);
    if (JSON.stringify(value) !== JSON.stringify(this.get('windowState'))) this.write({ ...this.all(), windowState: value }, new Set(['windowState']));
  }

  /** An internal setting, written through its own action; `alongside` runs in the same
   *  transaction (a log of the change). */
  writeInternal<K extends SettingKey>(key: K, value: SettingValues[K], alongside?: () => void): SettingValues {
    const parsed = SETTINGS[key].schema.safeParse(value);
    if (!parsed.success) throw new CoreError('invalid_request', parsed.error.issues.map((issue) => issue.message).join('; '));
    this.write({ ...this.all(), [key]: parsed.data }, new Set([key]), alongside);
    return this.all();
  }

  private write(next: SettingValues, changed: ReadonlySet<SettingKey>, alongside?: () => void): void {
    if (changed.size === 0) return;
    this.db.transaction(() => {
      for (const key of changed) writeSetting(this.db, key, JSON.stringify(next[key]));
      alongside?.();
    }).immediate();
    this.values = null;
    for (const listener of this.listeners) listener(changed);
  }

  private load(): SettingValues {
    const stored = storedSettings(this.db);
    const values = new Map<string, unknown>();
    for (const key of SETTING_KEYS) {
      const json = stored.get(key);
      let parsed: unknown;
      try {
        parsed = json === undefined ? undefined : JSON.parse(json);
      } catch {
        // Not JSON at all (edited by hand): the default, as for any other value that does not fit.
        parsed = Symbol('unreadable');
      }
      values.set(key, readSettingValue(key, parsed).value);
    }
    return Object.fromEntries(values) as SettingValues;
  }
}
