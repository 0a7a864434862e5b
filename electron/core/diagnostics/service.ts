// "Copy diagnostics": what someone helping the rep needs to know, and nothing about their leads —
// the versions, the database's schema and size, how many rows it holds, the backups, the phone
// preset, and the last errors from the diagnostics log (already scrubbed).
import fs from 'node:fs';
import os from 'node:os';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import { pragmaValue } from '../db/health';
import { countCalls } from '../calls/repo';
import { countContacts } from '../contacts/repo';
import { countDnc } from '../dnc/repo';
import type { BackupService } from '../backups/service';
import type { CoreContext } from '../context';
import { countUnmatchedEvents } from '../callEvents/repo';
import type { DiagnosticsLog } from './log';
import { sqliteVersion } from './repo';

const LAST_ERRORS = 10;

export class DiagnosticsService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly log: DiagnosticsLog,
    private readonly backups: BackupService,
    private readonly version: string,
  ) {}

  reportRendererError(message: string, stack: string | undefined): void {
    this.log.error('renderer', message, stack ?? null);
  }

  summary(): string {
    const { db, paths, settings, clock } = this.ctx;
    const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
    const sqlite = sqliteVersion(db);
    const bytes = sizeOf(paths.databaseFile) + sizeOf(`${paths.databaseFile}-wal`);
    const backups = this.backups.names();
    const errors = this.log.recent(LAST_ERRORS);
    return [
      `Dialdeck ${this.version}${versions.electron ? ` (Electron ${versions.electron}, Chrome ${versions.chrome})` : ''}, Node ${versions.node}, SQLite ${sqlite}`,
      `System: ${os.platform()} ${os.release()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      `Copied: ${clock.now().toISOString()}`,
      `Database: schema ${schemaVersion(db)} (this version writes ${LATEST_SCHEMA_VERSION}), journal ${String(pragmaValue(db, 'journal_mode'))}, ${(bytes / 1_000_000).toFixed(1)} MB, in ${paths.dataDir}`,
      `Rows: ${countContacts(db)} contacts, ${countCalls(db)} calls, ${countDnc(db)} do-not-call numbers, ${countUnmatchedEvents(db)} unmatched softphone events`,
      `Backups: ${backups.length} kept of ${settings.get('backupsKept')}${backups[0] ? `, newest ${backups[0].createdAt.toISOString()} (${backups[0].reason})` : ''}`,
      `Phone preset: ${settings.get('phone').preset}`,
      `Last errors (${errors.length}):`,
      ...(errors.length === 0 ? ['  none'] : errors.map((e) => `  ${e.at} [${e.source}] ${e.message}${e.stack ? `\n    ${e.stack.split('\n').slice(0, 4).join('\n    ')}` : ''}`)),
    ].join('\n');
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
