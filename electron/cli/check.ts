import { openDatabase } from '../core/db/open';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../core/db/migrations';
import { countCalls } from '../core/calls/repo';
import { countContacts } from '../core/contacts/repo';
import { countDnc } from '../core/dnc/repo';
import { pragmaValue, quickCheck } from '../core/db/health';
import { pathsFor, resolveDataDir } from '../core/paths';

export interface CheckReport {
  ok: boolean;
  database: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  journalMode: string;
  quickCheck: string[];
  counts: { contacts: number; calls: number; doNotCall: number };
}

export function runCheck(dataDirFlag: string | undefined): CheckReport {
  const { databaseFile } = pathsFor(resolveDataDir(dataDirFlag));
  const db = openDatabase(databaseFile);
  try {
    const problems = quickCheck(db);
    return {
      ok: problems.length === 1 && problems[0] === 'ok',
      database: databaseFile,
      schemaVersion: schemaVersion(db),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      journalMode: String(pragmaValue(db, 'journal_mode')),
      quickCheck: problems,
      counts: { contacts: countContacts(db), calls: countCalls(db), doNotCall: countDnc(db) },
    };
  } finally {
    db.close();
  }
}

export function formatCheck(report: CheckReport): string {
  return [
    `Database:       ${report.database}`,
    `Schema version: ${report.schemaVersion} (latest ${report.latestSchemaVersion})`,
    `Journal mode:   ${report.journalMode}`,
    `Integrity:      ${report.quickCheck.join('; ')}`,
    `Contacts:       ${report.counts.contacts}`,
    `Calls:          ${report.counts.calls}`,
    `Do-not-call:    ${report.counts.doNotCall}`,
  ].join('\n');
}
