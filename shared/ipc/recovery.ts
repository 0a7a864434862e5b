// The recovery screen: when the call log file is damaged, the app starts without it and offers
// the way out — restore the latest good backup, save what can still be read, or quit. A core
// that opened its file answers recovery.status with { state: 'ok' }, so the screens can always ask.
import { z } from 'zod';
import { BackupSchema } from './backups';

export const RecoveryStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('damaged'),
    /** The call log file. */
    file: z.string(),
    /** What is wrong with it, and that it has not been changed. */
    message: z.string(),
    /** Where it was moved at start (an emptied file); null when it is still in its place. */
    keptAs: z.string().nullable(),
    /** The newest backup that passes its check; null when there is none. */
    latestBackup: BackupSchema.nullable(),
    /** The calls logged after that backup, counted from the damaged file where it can be read
     *  (complete: false when some of it could not be, so there may be more); null when the file
     *  cannot be read at all, or there is no backup. */
    callsAfterBackup: z.object({ count: z.number().int().nonnegative(), complete: z.boolean() }).nullable(),
    /** Whether the damaged file is still there to be read. */
    canSaveReadable: z.boolean(),
  }),
]);

export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;

export const SalvageReportSchema = z.object({
  folder: z.string(),
  database: z.string().nullable(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int(), notStored: z.number().int(), csv: z.string(), unreadable: z.array(z.string()) })),
  problem: z.string().nullable(),
});

export const recoveryChannels = {
  'recovery.status': {
    request: z.object({}).strict(),
    response: RecoveryStatusSchema,
  },
  /** Put a backup in place of the damaged file (kept aside as dialdeck.sqlite.damaged-…), then
   *  start normally: the page reloads when this answers. A backup in backups/, by name; the
   *  newest good one when left out. */
  'recovery.restore': {
    request: z.object({ name: z.string().max(200).optional() }).strict(),
    response: z.object({ restoredFrom: z.string(), calls: z.number().int(), damagedKeptAs: z.string().nullable() }),
  },
  /** Every readable row of every table to CSV files and a fresh database, in a new folder beside
   *  the call log. The damaged file is not changed. */
  'recovery.saveReadable': {
    request: z.object({}).strict(),
    response: SalvageReportSchema,
  },
  /** Close Dialdeck (the preview server stops). */
  'recovery.quit': {
    request: z.object({}).strict(),
    response: z.object({}),
  },
} as const;

export const recoveryEvents = {
  /** Saving what can be read: rows read so far from a table. */
  'recovery.progress': z.object({ table: z.string(), rows: z.number().int() }),
} as const;
