// When the app backs up by itself: at start when the last backup is older than a day (or there is
// none), then once a day while it runs.

export const BACKUP_REASONS = ['start', 'daily', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Copies taken of the call log just before something replaced it (a restore, a migration): after
 *  a restore the calls logged since the restored backup are in this copy only. They are not
 *  counted against the newest `keep` (fourteen days of daily backups would rotate them away) and
 *  are deleted only once this old. */
export const SAFETY_COPY_REASONS: ReadonlySet<BackupReason> = new Set<BackupReason>(['before-restore', 'before-migration']);
export const SAFETY_COPY_KEPT_DAYS = 90;

/** The instant the next automatic backup is due: now when there is none yet, else a day after
 *  the newest (of any kind: a backup before a migration is as whole as a daily one). */
export function nextBackupDue(newestBackupAt: number | null, now: number): number {
  return newestBackupAt === null ? now : newestBackupAt + BACKUP_INTERVAL_MS;
}
