// Backups are whole database files in backups/ beside the database, named by the instant they
// were taken and why: dialdeck-2026-03-02T15-00-00-000Z-daily.sqlite. A backup is written under
// a temporary name, checked, and only then given its own, so a listed backup is always whole.
// A file whose name does not follow the pattern (one put there by hand, or written with
// `backup --out`) is never listed or pruned.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_REASONS, backupsToDelete, type BackupReason } from '../../../shared/domain/backups';

export const BACKUP_FOLDER = 'backups';

const NAME = new RegExp(`^dialdeck-(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z)-(${BACKUP_REASONS.join('|')})(?:-(\\d+))?\\.sqlite$`);

/** The backups folder for a database file. */
export function backupFolderFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), BACKUP_FOLDER);
}

/** A free name for a backup taken at `at` for `reason` (a counter after it if one is taken). */
export function newBackupPath(folder: string, at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let candidate = path.join(folder, `dialdeck-${stamp}-${reason}.sqlite`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(folder, `dialdeck-${stamp}-${reason}-${n}.sqlite`);
  return candidate;
}

export interface BackupName {
  file: string;
  name: string;
  createdAt: Date;
  reason: BackupReason;
}

/** What a file name says about a backup, or null when it is not a backup's name. */
export function parseBackupName(folder: string, name: string): BackupName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  const [hh, mm, ss, ms] = time.slice(0, -1).split('-');
  const createdAt = new Date(`${date}T${hh}:${mm}:${ss}.${ms}Z`);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { file: path.join(folder, name), name, createdAt, reason: match[2] as BackupReason };
}

/** The backups in a folder, newest first. */
export function backupNames(folder: string): BackupName[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => parseBackupName(folder, name))
    .filter((backup): backup is BackupName => backup !== null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
}

/** Delete the backups `backupsToDelete` names (beyond the newest `keep`, safety copies past their
 *  days; never one named after `now`); returns the names deleted. */
export function pruneBackups(folder: string, keep: number, now: number): string[] {
  const extra = backupsToDelete(backupNames(folder), keep, now);
  for (const backup of extra) fs.rmSync(backup.file, { force: true });
  return extra.map((backup) => backup.name);
}

/** A name beside `file` no other writer uses, for a copy in progress. */
export function draftPathFor(file: string): string {
  return `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Flush a finished file to the disk before it is renamed into place. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** What a process left behind when it was killed mid-copy (a backup's draft, a restore's staged
 *  file, the recovery screen's scratch copy, with SQLite's journal beside them): each name carries
 *  the pid that wrote it. */
const LEFTOVER = /(?:\.partial-(\d+)-[a-z0-9]+|\.restoring-(\d+)|^\.recovery-scan-(\d+))(?:-journal|-wal|-shm)?$/;

function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Delete, in these folders, the leftovers of copies whose process no longer runs (a crash or a
 *  forced quit during a backup leaves a full-size draft nothing lists); returns what went. */
export function sweepLeftovers(folders: readonly string[]): string[] {
  const removed: string[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = LEFTOVER.exec(name);
      const pid = match ? Number(match[1] ?? match[2] ?? match[3]) : NaN;
      if (!match || !Number.isSafeInteger(pid) || processIsRunning(pid)) continue;
      fs.rmSync(path.join(folder, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Remove a draft and whatever SQLite left beside it. */
export function removeDraft(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}
