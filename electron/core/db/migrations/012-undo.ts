import type { Migration } from './index';

// Undo of a disposition. Each disposition writes, in its own transaction, the rows it is about to
// change as they were (before) and as it left them (after): the lead's contact row, the queue rows
// of the lead and of every lead sharing the number (a do-not-call blocks them all), the
// do-not-call entry of the number, the lead's tasks, redial loops and notes draft. Undo puts
// `before` back in one transaction, refusing when the rows are no longer `after` (something else
// changed them since). The call itself stays in the log, marked undone with the time: an audit
// row that no metric counts.
export const migration012: Migration = {
  version: 12,
  name: 'undo of dispositions',
  up: `
    ALTER TABLE calls ADD COLUMN undone_at INTEGER;

    CREATE TABLE disposition_undo (
      call_id     INTEGER PRIMARY KEY REFERENCES calls (id),
      contact_id  INTEGER NOT NULL REFERENCES contacts (id),
      outcome     TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      before      TEXT NOT NULL,
      after       TEXT NOT NULL,
      undone_at   INTEGER
    ) STRICT;
    -- Old snapshots nobody undid are dropped as new dispositions are logged.
    CREATE INDEX disposition_undo_kept ON disposition_undo (created_at) WHERE undone_at IS NULL;
  `,
};
