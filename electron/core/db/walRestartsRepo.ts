// The checkpointer's one row (migration 035): writing it starts the WAL over in a pause.
import type { Database } from 'better-sqlite3';
import { statement } from './sql';

const touch = statement<never, [at: number]>('INSERT INTO wal_restarts (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');

export function recordWalRestart(db: Database, at: number): void {
  touch(db).run(at);
}
