import type { Migration } from './index';

// After a checkpoint has copied the whole WAL back, SQLite starts the WAL over with the next
// commit, which then writes and syncs a new WAL header before its own frames: two syncs, about
// twice the time of any other commit. The checkpointer writes this one row right after a complete
// checkpoint, in the same pause, so that commit is never a rep's (db/checkpoints.ts).
export const migration035: Migration = {
  version: 35,
  name: 'a one-row table the checkpointer writes to start the WAL over in the pause',
  up: `
    CREATE TABLE wal_restarts (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      at INTEGER NOT NULL
    ) STRICT;
  `,
};
