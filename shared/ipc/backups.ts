// Backups: the list Settings shows, and "Back up now".
import { z } from 'zod';
import { BACKUP_REASONS } from '../domain/backups';
import { IsoInstant } from './common';

export const BackupSchema = z.object({
  /** Full path of the backup file. */
  file: z.string(),
  name: z.string(),
  createdAt: IsoInstant,
  /** Why it was taken: at start, daily, by hand, before a migration, before a restore. */
  reason: z.enum(BACKUP_REASONS),
  bytes: z.number().int().nonnegative(),
  /** What it holds; null when it cannot be read (then `problem` says why). */
  schemaVersion: z.number().int().nullable(),
  calls: z.number().int().nonnegative().nullable(),
  problem: z.string().nullable(),
});

export type Backup = z.infer<typeof BackupSchema>;

export const BackupListSchema = z.object({
  folder: z.string(),
  /** How many are kept (the setting). */
  kept: z.number().int(),
  backups: z.array(BackupSchema),
  /** When the app backs up next by itself; null when its timers do not run (the command line). */
  nextAt: IsoInstant.nullable(),
});

export const backupsChannels = {
  'backups.list': {
    request: z.object({}).strict(),
    response: BackupListSchema,
  },
  /** Back up now: an online copy (calling goes on), checked, into backups/. */
  'backups.create': {
    request: z.object({}).strict(),
    response: BackupSchema,
  },
} as const;

export const backupsEvents = {
  /** A backup was written or pruned. */
  'backups.changed': z.object({}),
} as const;
