// When the app backs up by itself: at start when the last backup is older than a day (or there is
// none), then once a day while it runs.

export const BACKUP_REASONS = ['start', 'daily', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The instant the next automatic backup is due: now when there is none yet, else a day after
 *  the newest (of any kind: a backup before a migration is as whole as a daily one). */
export function nextBackupDue(newestBackupAt: number | null, now: number): number {
  return newestBackupAt === null ? now : newestBackupAt + BACKUP_INTERVAL_MS;
}
