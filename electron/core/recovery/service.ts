// The way out when the call log file is damaged. The app starts without the file (it is never
// recreated or overwritten) and offers three things: restore the newest good backup (the damaged
// file is kept aside, and what would be lost — the calls logged after that backup — is counted
// from the damaged file where it can be read), save what can still be read (every readable row
// to CSV and a fresh database, off the main thread), or quit.
import fs from 'node:fs';
import path from 'node:path';
import type { RecoveryStatus } from '../../../shared/ipc/contract';
import { backupFolderFor, backupNames } from '../backups/files';
import { restoreDatabase } from '../backups/restore';
import { backupView, latestGoodBackup } from '../backups/service';
import type { DatabaseFileError } from '../db/openErrors';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import type { Clock, Paths } from '../ports';
import { workerFile } from '../workerFile';
import { runWorkerJob } from '../workerJob';
import { countCallsAfter, type SalvageJob, type SalvageReport } from './salvage';

export type SalvageMessage = { type: 'progress'; table: string; rows: number } | { type: 'done'; report: SalvageReport } | { type: 'error'; message: string };

export interface RestoredFromRecovery {
  restoredFrom: string;
  calls: number;
  damagedKeptAs: string | null;
}

export class RecoveryService {
  private known: RecoveryStatus | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly paths: Paths,
    private readonly clock: Clock,
    private readonly error: DatabaseFileError,
    private readonly events: CoreEvents,
  ) {}

  /** What the recovery screen shows; the count of calls after the backup is read once. */
  status(): RecoveryStatus {
    this.known ??= this.read();
    return this.known;
  }

  /** Restore a backup from backups/ (by name; the newest good one when none is named). */
  restore(name?: string): Promise<RestoredFromRecovery> {
    return this.one(async () => {
      const chosen = name === undefined ? latestGoodBackup(this.folder, this.clock.now().getTime())?.backup : backupNames(this.folder).find((backup) => backup.name === name);
      if (!chosen) {
        throw new CoreError('not_found', name === undefined ? `There is no good backup in ${this.folder} to restore.` : `There is no backup called ${name} in ${this.folder}.`);
      }
      const outcome = await restoreDatabase(this.paths.databaseFile, chosen.file, this.clock.now());
      this.known = null;
      return {
        restoredFrom: outcome.restoredFrom,
        calls: outcome.facts.calls,
        damagedKeptAs: outcome.previous?.kind === 'damaged' ? outcome.previous.keptAs : (this.error.keptAs ?? null),
      };
    });
  }

  /** Save what can still be read, into a new folder beside the call log, on a worker thread. */
  saveReadable(): Promise<SalvageReport> {
    return this.one(() => {
      if (!this.damagedFilePresent()) throw new CoreError('conflict', `${this.paths.databaseFile} is not there to be read any more (it was moved aside at start, or replaced).`);
      const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
      let folder = path.join(this.paths.dataDir, `salvaged-${stamp}`);
      for (let n = 2; fs.existsSync(folder); n++) folder = path.join(this.paths.dataDir, `salvaged-${stamp}-${n}`);
      return runSalvageWorker({ damagedFile: this.paths.databaseFile, folder, now: this.clock.now().toISOString() }, (table, rows) =>
        this.events.emit('recovery.progress', { table, rows }),
      );
    });
  }

  private get folder(): string {
    return backupFolderFor(this.paths.databaseFile);
  }

  /** One action at a time: a restore never runs while the file is being read, nor twice. */
  private one<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private damagedFilePresent(): boolean {
    return this.error.keptAs === null && fs.existsSync(this.paths.databaseFile);
  }

  private read(): RecoveryStatus {
    const latest = latestGoodBackup(this.folder, this.clock.now().getTime());
    const present = this.damagedFilePresent();
    let callsAfterBackup: { count: number; complete: boolean } | null = null;
    if (latest && present) {
      const scratch = path.join(this.paths.dataDir, `.recovery-scan-${process.pid}`);
      callsAfterBackup = countCallsAfter(this.paths.databaseFile, latest.facts.lastCallId ?? 0, scratch);
    }
    return {
      state: 'damaged',
      file: this.paths.databaseFile,
      message: this.error.message,
      keptAs: this.error.keptAs,
      latestBackup: latest ? backupView(latest.backup, latest.facts, null) : null,
      callsAfterBackup,
      canSaveReadable: present,
    };
  }
}

function runSalvageWorker(job: SalvageJob, onProgress: (table: string, rows: number) => void): Promise<SalvageReport> {
  const file = workerFile('salvageWorker', 'recovery/salvageWorker.ts');
  if (!file) return Promise.reject(new CoreError('internal', 'The recovery worker is missing from this build of Dialdeck.'));
  return runWorkerJob<SalvageMessage, SalvageReport>({
    name: 'recovery',
    file,
    workerData: job,
    done: (message) => message.report,
    onProgress: (message) => onProgress(message.table, message.rows),
    failure: (message) => new CoreError('internal', `Could not save what can be read: ${message}. The damaged file was not changed.`),
  });
}
