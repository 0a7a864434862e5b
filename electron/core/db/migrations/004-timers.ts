import type { Migration } from './index';

// Timers: what has been notified (or reported missed) so a restart never notifies it again,
// indexes that give the next pending callback or task at once, and the "missed while closed"
// reports the app shows once.
export const migration004: Migration = {
  version: 4,
  name: 'timers: notified marks, pending indexes, missed reports',
  up: `
    ALTER TABLE queue_state ADD COLUMN notified_at INTEGER;
    ALTER TABLE queue_state ADD COLUMN notice TEXT; -- notified | missed
    ALTER TABLE tasks ADD COLUMN notified_at INTEGER;
    ALTER TABLE tasks ADD COLUMN notice TEXT;
    CREATE INDEX queue_callbacks_pending ON queue_state (due_at)
      WHERE tier = 'callback' AND notified_at IS NULL AND closed IS NULL AND blocked IS NULL;
    CREATE INDEX tasks_pending ON tasks (due_at) WHERE done_at IS NULL AND notified_at IS NULL;

    CREATE TABLE missed_reports (
      id          INTEGER PRIMARY KEY,
      created_at  INTEGER NOT NULL,
      summary     TEXT NOT NULL,
      items       TEXT NOT NULL,
      shown_at    INTEGER
    ) STRICT;
  `,
};
