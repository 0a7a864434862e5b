import type { Database } from 'better-sqlite3';
import { migration001 } from './001-contacts-and-calls';
import { migration002 } from './002-leads';
import { migration003 } from './003-queue';
import { migration004 } from './004-timers';
import { migration005 } from './005-scripts';
import { migration006 } from './006-interrupted-imports';
import { migration007 } from './007-dial-failures';
import { migration008 } from './008-settings-json';
import { migration009 } from './009-places-and-law';
import { migration010 } from './010-rule-changes';
import { migration011 } from './011-softphone-events';
import { migration012 } from './012-undo';
import { migration013 } from './013-merged-rows';
import { migration014 } from './014-lead-search';
import { migration015 } from './015-skip-reasons';
import { migration016 } from './016-follow-through-email';
import { migration017 } from './017-promises';
import { migration018 } from './018-call-local-slots';
import { migration021 } from './021-team-outbox';
import { migration022 } from './022-zone-keys-by-rule-places';
import { migration023 } from './023-call-direction-talk-gatekeeper';
import { migration024 } from './024-campaigns-and-tags';
import { migration025 } from './025-complaint-cases';
import { migration026 } from './026-stalled-closures';
import { migration027 } from './027-call-tallies';
import { migration029 } from './029-team-outbox-tasks-promises';
import { migration032 } from './032-open-task-and-promise-lists';
import { migration034 } from './034-open-callbacks-index';
import { migration035 } from './035-wal-primer';
import { migration036 } from './036-attempts-index';
import { migration037 } from './037-queue-wait-covering';
import { migration039 } from './039-talk-time-without-phone';
import { migration040 } from './040-dnc-relisted';
import { migration041 } from './041-redial-end-reason';
import { migration042 } from './042-merge-filled';
import { migration043 } from './043-lead-search-backlog';
import { migration044 } from './044-held-reminders';
import { migration045 } from './045-merged-row-tags';
import { migration046 } from './046-look-alike-labels';
import { DatabaseFileError } from '../openErrors';

export interface Migration {
  /** The PRAGMA user_version this migration brings the file to. */
  version: number;
  name: string;
  /** DDL and data moves, run in one transaction with the version bump. */
  up: string | ((db: Database) => void);
  /** For table rebuilds: foreign keys are switched off around the transaction (SQLite ignores
   *  the pragma inside one) and checked with foreign_key_check before it commits. */
  foreignKeysOff?: boolean;
}

/** In order; each version exactly once. A schema change is always a new file here. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018, migration021, migration022, migration023, migration024, migration025, migration026, migration027, migration029, migration032, migration034, migration035, migration036, migration037, migration039, migration040, migration041, migration042, migration043, migration044, migration045, migration046];
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export class NewerDatabaseError extends DatabaseFileError {
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
    file: string,
  ) {
    super(
      'newer_version',
      file,
      `This database (${file}) was written by a newer Dialdeck (schema version ${fileVersion}; this version understands up to ${supportedVersion}). ` +
        'Update Dialdeck to open it. The file has not been changed.',
    );
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the file up to `target` (default: the latest), one migration per transaction.
 *  `migrations` is the list to apply: always MIGRATIONS, except in the tests of this function. */
export function migrate(db: Database, target: number = LATEST_SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new NewerDatabaseError(current, latest, db.name);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        if (migration.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.version} would break ${broken.length} foreign key(s)`);
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.foreignKeysOff && foreignKeysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}
