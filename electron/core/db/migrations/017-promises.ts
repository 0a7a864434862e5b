import type { Migration } from './index';

// Follow-through, part two: promises the rep made — what, to whom, due when, whose — open until
// kept (with a note of how) or marked broken (which leaves a call task "call them first and say
// so"). Each open promise has a task of kind 'promise' that carries its due time, so it falls due,
// notifies and shows in the strip the way callbacks and tasks already do.
export const migration017: Migration = {
  version: 17,
  name: 'follow-through: promises',
  up: `
    CREATE TABLE promises (
      id              INTEGER PRIMARY KEY,
      contact_id      INTEGER NOT NULL REFERENCES contacts (id),
      call_id         INTEGER REFERENCES calls (id),
      what            TEXT NOT NULL,
      to_whom         TEXT NOT NULL,
      owner           TEXT NOT NULL,
      due_at          INTEGER NOT NULL,
      created_at      INTEGER NOT NULL,
      task_id         INTEGER NOT NULL REFERENCES tasks (id),
      kept_at         INTEGER,
      kept_note       TEXT,
      broken_at       INTEGER,
      broken_task_id  INTEGER REFERENCES tasks (id),
      CHECK (kept_at IS NULL OR broken_at IS NULL)
    ) STRICT;
    CREATE INDEX promises_open_by_due ON promises (due_at) WHERE kept_at IS NULL AND broken_at IS NULL;
    CREATE INDEX promises_by_contact ON promises (contact_id, due_at);
  `,
};
