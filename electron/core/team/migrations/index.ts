// The team database's schema versions, as the desk's own (electron/core/db/migrations): an ordered
// list, each applied once in its own transaction and recorded in dialdeck.migrations; a schema
// change is always a new file here.
import { teamMigration001 } from './001-team-schema';
import { teamMigration002 } from './002-tasks-and-promises';

export interface TeamMigration {
  version: number;
  name: string;
  sql: string;
}

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [teamMigration001, teamMigration002];
export const LATEST_TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS.at(-1)?.version ?? 0;
