// Settings: the registry in shared/domain/settings.ts, over the wire.
import { z } from 'zod';
import { SETTINGS } from '../domain/settings';

/** Every setting the screens read, from the registry (shared/domain/settings.ts). */
export const SettingsSchema = z.object({
  defaultCountry: SETTINGS.defaultCountry.schema,
  defaultTimeZone: SETTINGS.defaultTimeZone.schema,
  /** False until the rep has confirmed the first-run questions. */
  confirmed: SETTINGS.confirmed.schema,
  queue: SETTINGS.queue.schema,
  notInterestedReasons: SETTINGS.notInterestedReasons.schema,
  notifications: SETTINGS.notifications.schema,
  repName: SETTINGS.repName.schema,
  repPhone: SETTINGS.repPhone.schema,
  theme: SETTINGS.theme.schema,
  /** "Your phone": the preset and its host or template. */
  phone: SETTINGS.phone.schema,
  /** How many backups are kept. */
  backupsKept: SETTINGS.backupsKept.schema,
  /** Always on top, the compact strip, start at login. */
  desk: SETTINGS.desk.schema,
  /** The session strip's goals for a day. */
  dailyGoals: SETTINGS.dailyGoals.schema,
  /** Power-dial mode and its countdown. */
  powerDial: SETTINGS.powerDial.schema,
  /** How long after logging it a do-not-call can be undone. */
  undoDoNotCallMinutes: SETTINGS.undoDoNotCallMinutes.schema,
  /** Team mode: claim more leads when the claimed ones run low. */
  teamAutoClaim: SETTINGS.teamAutoClaim.schema,
  tryMobileNext: SETTINGS.tryMobileNext.schema,
  /** The short list a stalled lead is closed with, picked by number. */
  stalledReasons: SETTINGS.stalledReasons.schema,
});

export type Settings = z.infer<typeof SettingsSchema>;

export const settingsChannels = {
  'settings.get': {
    request: z.object({}).strict(),
    response: SettingsSchema,
  },
  'settings.update': {
    /** Only the settings given change; each is checked by its own schema. */
    request: z
      .object({
        defaultCountry: SETTINGS.defaultCountry.schema.optional(),
        defaultTimeZone: SETTINGS.defaultTimeZone.schema.optional(),
        queue: SETTINGS.queue.schema.optional(),
        notInterestedReasons: SETTINGS.notInterestedReasons.schema.optional(),
        notifications: SETTINGS.notifications.schema.optional(),
        repName: SETTINGS.repName.schema.optional(),
        repPhone: SETTINGS.repPhone.schema.optional(),
        theme: SETTINGS.theme.schema.optional(),
        phone: SETTINGS.phone.schema.optional(),
        backupsKept: SETTINGS.backupsKept.schema.optional(),
        desk: SETTINGS.desk.schema.optional(),
        dailyGoals: SETTINGS.dailyGoals.schema.optional(),
        powerDial: SETTINGS.powerDial.schema.optional(),
        undoDoNotCallMinutes: SETTINGS.undoDoNotCallMinutes.schema.optional(),
        teamAutoClaim: SETTINGS.teamAutoClaim.schema.optional(),
        tryMobileNext: SETTINGS.tryMobileNext.schema.optional(),
        stalledReasons: SETTINGS.stalledReasons.schema.optional(),
      })
      .strict(),
    response: SettingsSchema,
  },
  /** The rep has checked the first-run questions (country, zone). */
  'settings.confirm': {
    request: z.object({}).strict(),
    response: SettingsSchema,
  },
} as const;
