import type { Database } from 'better-sqlite3';
import { QueueSettingsSchema, SettingsSchema, type Settings } from '../../../shared/ipc/contract';

const NotificationSettings = SettingsSchema.shape.notifications;
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '../../../shared/domain/queueRules';
import { DEFAULT_NOT_INTERESTED_REASONS } from '../../../shared/domain/dispositions';
import { getSetting, setSetting, setSettingIfMissing } from '../db/repos/settings';
import { isCountryCode, normalizePhone } from '../../../shared/domain/phone';
import { isIanaZone } from '../../../shared/domain/timeZones';
import { DEFAULT_DIAL_TEMPLATE } from '../../../shared/domain/dialUri';
import { CoreError } from '../errors';

export interface AppSettings extends Settings {
  dialTemplate: string;
}

/** The region of a locale such as "en-GB" or "de_DE.UTF-8", if it names a supported country. */
export function countryFromLocale(locale: string | undefined): string | undefined {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Z]{2})\b/i)?.[1]?.toUpperCase();
  return region && isCountryCode(region) ? region : undefined;
}

/** Settings have defaults written on first open (from the OS locale and zone), so every later
 *  reader sees the same value; the rep confirms or changes them on first run. */
export function initSettings(db: Database, initialCountry: string | undefined, initialZone?: string): void {
  setSettingIfMissing(db, 'defaultCountry', initialCountry && isCountryCode(initialCountry) ? initialCountry : 'US');
  setSettingIfMissing(db, 'defaultTimeZone', initialZone && isIanaZone(initialZone) ? initialZone : 'America/New_York');
  setSettingIfMissing(db, 'settingsConfirmed', 'false');
  setSettingIfMissing(db, 'dialTemplate', DEFAULT_DIAL_TEMPLATE);
}

/** Stored JSON that no longer parses (edited by hand, or from an older shape) falls back to the
 *  defaults field by field rather than stopping the app. */
function readQueueSettings(db: Database): QueueSettings {
  const raw = getSetting(db, 'queueSettings');
  if (!raw) return DEFAULT_QUEUE_SETTINGS;
  try {
    const parsed = QueueSettingsSchema.safeParse({ ...DEFAULT_QUEUE_SETTINGS, ...(JSON.parse(raw) as object) });
    return parsed.success ? (parsed.data as QueueSettings) : DEFAULT_QUEUE_SETTINGS;
  } catch {
    return DEFAULT_QUEUE_SETTINGS;
  }
}

const DEFAULT_NOTIFICATIONS = { doNotDisturb: false, quietFrom: null, quietUntil: null };

function readNotifications(db: Database): AppSettings['notifications'] {
  const raw = getSetting(db, 'notifications');
  try {
    const parsed = raw ? NotificationSettings.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : DEFAULT_NOTIFICATIONS;
  } catch {
    return DEFAULT_NOTIFICATIONS;
  }
}

function readReasons(db: Database): string[] {
  const raw = getSetting(db, 'notInterestedReasons');
  try {
    const list = raw ? (JSON.parse(raw) as unknown) : null;
    return Array.isArray(list) && list.length > 0 && list.every((r) => typeof r === 'string') ? (list as string[]) : DEFAULT_NOT_INTERESTED_REASONS;
  } catch {
    return DEFAULT_NOT_INTERESTED_REASONS;
  }
}

export function readSettings(db: Database): AppSettings {
  return {
    defaultCountry: getSetting(db, 'defaultCountry') ?? 'US',
    defaultTimeZone: getSetting(db, 'defaultTimeZone') ?? 'America/New_York',
    confirmed: getSetting(db, 'settingsConfirmed') === 'true',
    dialTemplate: getSetting(db, 'dialTemplate') ?? DEFAULT_DIAL_TEMPLATE,
    queue: readQueueSettings(db),
    notInterestedReasons: readReasons(db),
    notifications: readNotifications(db),
    repName: getSetting(db, 'repName') ?? '',
    repPhone: getSetting(db, 'repPhone') ?? '',
  };
}

export function updateSettings(
  db: Database,
  update: { defaultCountry: string; defaultTimeZone: string; queue?: QueueSettings; notInterestedReasons?: string[]; notifications?: AppSettings['notifications']; repName?: string; repPhone?: string },
): AppSettings {
  const fields: Record<string, string> = {};
  if (!isCountryCode(update.defaultCountry)) fields.defaultCountry = `"${update.defaultCountry}" is not a country we know.`;
  if (update.repPhone) {
    const phone = normalizePhone(update.repPhone, update.defaultCountry);
    if (!phone.ok) fields.repPhone = `Your number: ${phone.reason}.`;
  }
  if (!isIanaZone(update.defaultTimeZone)) fields.defaultTimeZone = `"${update.defaultTimeZone}" is not a time zone name such as America/New_York.`;
  if (Object.keys(fields).length > 0) throw new CoreError('invalid_request', Object.values(fields).join(' '), fields);
  db.transaction(() => {
    setSetting(db, 'defaultCountry', update.defaultCountry);
    setSetting(db, 'defaultTimeZone', update.defaultTimeZone);
    setSetting(db, 'settingsConfirmed', 'true');
    if (update.queue) setSetting(db, 'queueSettings', JSON.stringify(update.queue));
    if (update.notInterestedReasons) setSetting(db, 'notInterestedReasons', JSON.stringify([...new Set(update.notInterestedReasons)]));
    if (update.notifications) setSetting(db, 'notifications', JSON.stringify(update.notifications));
    if (update.repName !== undefined) setSetting(db, 'repName', update.repName);
    if (update.repPhone !== undefined) setSetting(db, 'repPhone', update.repPhone);
  }).immediate();
  return readSettings(db);
}
