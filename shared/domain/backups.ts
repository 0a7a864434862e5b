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
 *  the newest (of any kind: a backup before a migration is as whole as a daily one). A backup
 *  named after `now` was taken while the clock was ahead, or the clock is behind now: its name
 *  says nothing of when the last backup was, so it does not put the next one off (it would, for
 *  as long as the clock was wrong, with no backup at all in between). */
export function nextBackupDue(backupTimes: Iterable<number>, now: number): number {
  let newest: number | null = null;
  for (const at of backupTimes) if (at <= now && (newest === null || at > newest)) newest = at;
  return newest === null ? now : newest + BACKUP_INTERVAL_MS;
}

/** The backups to delete, of `backups` (newest first): those beyond the newest `keep` (at least
 *  one kept) and the safety copies older than SAFETY_COPY_KEPT_DAYS. One named after `now` is
 *  neither counted nor deleted: either it or the clock is wrong, and a backup is never deleted for
 *  a clock's sake (once the clock passes its name it is counted like any other). */
export function backupsToDelete<B extends { createdAt: Date; reason: BackupReason }>(backups: readonly B[], keep: number, now: number): B[] {
  const dated = backups.filter((backup) => namedByNow(backup, now));
  const rotated = dated.filter((backup) => !SAFETY_COPY_REASONS.has(backup.reason)).slice(Math.max(keep, 1));
  const expired = dated.filter((backup) => SAFETY_COPY_REASONS.has(backup.reason) && backup.createdAt.getTime() < now - SAFETY_COPY_KEPT_DAYS * DAY_MS);
  return [...rotated, ...expired];
}

/** `backups` (newest first) in the order a restore offers them: those named by `now` first, then
 *  any named after it. A backup named while the clock was ahead is not the newest (the calls
 *  logged since are in none of it); when the clock is behind now, every real backup is named
 *  after it, and they keep their order after the few taken since. */
export function restoreOrder<B extends { createdAt: Date }>(backups: readonly B[], now: number): B[] {
  return [...backups.filter((backup) => namedByNow(backup, now)), ...backups.filter((backup) => !namedByNow(backup, now))];
}

/** Whether a backup is named no later than `now`: one named after it says the clock was wrong
 *  when it was taken, or is now. */
function namedByNow(backup: { createdAt: Date }, now: number): boolean {
  return backup.createdAt.getTime() <= now;
}

const DAY_MS = 24 * 60 * 60 * 1000;
