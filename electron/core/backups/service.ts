// Backups while the app runs: at start when the newest is older than a day, then once a day, and
// whenever the rep (Settings) or an admin (the command line) asks. Each is an online copy (calling
// goes on while it is written), checked with quick_check, kept in backups/ beside the database;
// the newest `backupsKept` (a setting, 14 by default) are kept and older ones deleted.
import fs from 'node:fs';
import path from 'node:path';
import type { Backup } from '../../../shared/ipc/contract';
import { nextBackupDue, restoreOrder, type BackupReason } from '../../../shared/domain/backups';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { inspectDatabaseFile, inspectDatabaseFilesOffThread, writeOnlineBackupOffThread, type DatabaseFacts } from './copies';
import { backupFolderFor, backupNames, newBackupPath, pruneBackups, sweepLeftovers, type BackupName } from './files';

/** After a failed automatic backup, the next try. */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

export class BackupService {
  private running: Promise<unknown> = Promise.resolve();
  private automaticInFlight = false;
  private lastFailureAt: number | null = null;
  private started = false;
  private closed = false;
  /** Automatic backups taken since start: the first is "start", the next ones "daily". */
  private automatic = 0;
  /** What each backup file holds, read once per file (by name, size and modification time). */
  private readonly facts = new Map<string, { key: string; facts: DatabaseFacts | null; problem: string | null }>();

  constructor(
    private readonly ctx: CoreContext,
    /** Told when an automatic backup fails (the diagnostics log). */
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  get folder(): string {
    return backupFolderFor(this.ctx.paths.databaseFile);
  }

  /** The backups in backups/, newest first, with what each holds: each file is checked once (by
   *  name, size and modification time), on a worker thread, and one this app wrote is known from
   *  the check it had then. */
  async list(): Promise<Backup[]> {
    const names = backupNames(this.folder);
    const keyed = names.map((backup) => ({ backup, key: fileKey(backup.file) }));
    const unknown = keyed.filter(({ backup, key }) => this.facts.get(backup.name)?.key !== key);
    if (unknown.length > 0) {
      const inspections = await inspectDatabaseFilesOffThread(unknown.map((u) => u.backup.file));
      unknown.forEach(({ backup, key }, i) => {
        const inspection = inspections[i]!;
        this.facts.set(backup.name, inspection.ok ? { key, facts: inspection.facts, problem: null } : { key, facts: null, problem: inspection.problem });
      });
    }
    return names.map((backup) => {
      const known = this.facts.get(backup.name)!;
      return backupView(backup, known.facts, known.problem);
    });
  }

  /** The backups' names, newest first, without reading them. */
  names(): BackupName[] {
    return backupNames(this.folder);
  }

  /** When the next automatic backup is due; null when this core runs no timers. */
  nextAt(): number | null {
    if (!this.started) return null;
    const due = nextBackupDue(backupNames(this.folder).map((backup) => backup.createdAt.getTime()), this.ctx.clock.now().getTime());
    return this.lastFailureAt === null ? due : Math.max(due, this.lastFailureAt + RETRY_AFTER_FAILURE_MS);
  }

  /** Back up now into backups/ (then prune to the setting), or to `out` (never pruned; never
   *  over an existing file). One backup at a time: a second request waits for the first. */
  create(reason: BackupReason, out?: string): Promise<Backup> {
    const next = this.running.then(() => this.write(reason, out));
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Start the automatic backups (the app and the preview; not the command line). They are
   *  checked on the scheduler's heartbeat, so the app keeps its one timer: the first within a
   *  minute of start. */
  start(): void {
    this.started = true;
    // What a copy cut short by a crash left (a full-size draft nothing lists) goes now.
    try {
      sweepLeftovers([this.folder, path.dirname(this.ctx.paths.databaseFile)]);
    } catch (error) {
      this.onFailure(error);
    }
  }

  close(): void {
    this.closed = true;
  }

  /** The scheduler's heartbeat: an automatic backup when one is due (and none is running). */
  heartbeat(now: number): void {
    if (!this.started || this.closed || this.automaticInFlight) return;
    if ((this.nextAt() ?? Infinity) > now) return;
    this.automaticInFlight = true;
    void this.create(this.automatic === 0 ? 'start' : 'daily')
      .then(
        () => {
          this.automatic++;
          this.lastFailureAt = null;
        },
        (error: unknown) => {
          this.lastFailureAt = this.ctx.clock.now().getTime();
          if (!this.closed) this.onFailure(error);
        },
      )
      .finally(() => (this.automaticInFlight = false));
  }

  private async write(reason: BackupReason, out?: string): Promise<Backup> {
    const { clock, paths } = this.ctx;
    const at = clock.now();
    const keep = this.ctx.settings.get('backupsKept');
    let dest: string;
    if (out === undefined) {
      fs.mkdirSync(this.folder, { recursive: true });
      dest = newBackupPath(this.folder, at, reason);
    } else {
      dest = path.resolve(out);
      if (fs.existsSync(dest)) throw new CoreError('invalid_request', `${dest} already exists: a backup never replaces a file. Choose another name.`);
      if (!fs.existsSync(path.dirname(dest))) throw new CoreError('invalid_request', `The folder ${path.dirname(dest)} does not exist.`);
    }
    const facts = await writeOnlineBackupOffThread(paths.databaseFile, dest);
    if (out === undefined) {
      // Checked as it was written: the list need not read it again.
      this.facts.set(path.basename(dest), { key: fileKey(dest), facts, problem: null });
      pruneBackups(this.folder, keep, at.getTime());
    }
    // The core may have closed while the copy was written (it reads its own connection): the
    // backup is whole either way, and only a running app has screens to tell.
    if (!this.closed) this.ctx.effects.emit('backups.changed', {});
    const name = path.basename(dest);
    return {
      file: dest,
      name,
      createdAt: at.toISOString(),
      reason,
      bytes: facts.bytes,
      schemaVersion: facts.schemaVersion,
      calls: facts.calls,
      problem: null,
    };
  }
}

/** A backup as the screens see it: its name's facts and what the file holds (null where it cannot
 *  be read, with the problem). */
export function backupView(backup: BackupName, facts: DatabaseFacts | null, problem: string | null): Backup {
  return {
    file: backup.file,
    name: backup.name,
    createdAt: backup.createdAt.toISOString(),
    reason: backup.reason,
    bytes: facts?.bytes ?? sizeOf(backup.file),
    schemaVersion: facts?.schemaVersion ?? null,
    calls: facts?.calls ?? null,
    problem,
  };
}

/** Every backup in a folder, newest first, each read to say what it holds (the command line,
 *  which may run while the call log itself cannot be opened). */
export function describeBackups(folder: string): Backup[] {
  return backupNames(folder).map((backup) => {
    const inspection = inspectDatabaseFile(backup.file);
    return inspection.ok ? backupView(backup, inspection.facts, null) : backupView(backup, null, inspection.problem);
  });
}

/** The newest backup in a folder that passes its check (in `restoreOrder`: one named after `now`
 *  only when none before it passes), with what it holds. */
export function latestGoodBackup(folder: string, now: number): { backup: BackupName; facts: DatabaseFacts } | null {
  for (const backup of restoreOrder(backupNames(folder), now)) {
    const inspection = inspectDatabaseFile(backup.file);
    if (inspection.ok) return { backup, facts: inspection.facts };
  }
  return null;
}

function fileKey(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'gone';
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
