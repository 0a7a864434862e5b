import type { Migration } from './index';

// Follow-through, part three: a complaint case, opened by a complaint call and open until the
// call that closes the loop is logged. Its steps are promises and its follow-up times are tasks,
// each marked with the case (case_id), so they fall due, notify and are kept the way every
// promise and task already is; the case keeps its facts and its close-the-loop task.
export const migration025: Migration = {
  version: 25,
  name: 'follow-through: complaint cases',
  up: `
    CREATE TABLE complaint_cases (
      id              INTEGER PRIMARY KEY,
      contact_id      INTEGER NOT NULL REFERENCES contacts (id),
      opened_call_id  INTEGER REFERENCES calls (id),
      opened_at       INTEGER NOT NULL,
      facts           TEXT NOT NULL DEFAULT '',
      facts_at        INTEGER,
      close_task_id   INTEGER REFERENCES tasks (id),
      close_due_at    INTEGER,
      closed_at       INTEGER,
      closed_call_id  INTEGER REFERENCES calls (id),
      CHECK (closed_at IS NULL OR close_due_at IS NOT NULL)
    ) STRICT;
    -- One open case per lead: a second complaint while one is open is part of the same case.
    CREATE UNIQUE INDEX complaint_cases_one_open ON complaint_cases (contact_id) WHERE closed_at IS NULL;
    CREATE INDEX complaint_cases_by_contact ON complaint_cases (contact_id, opened_at);

    ALTER TABLE promises ADD COLUMN case_id INTEGER REFERENCES complaint_cases (id);
    ALTER TABLE tasks ADD COLUMN case_id INTEGER REFERENCES complaint_cases (id);
    CREATE INDEX promises_by_case ON promises (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX tasks_by_case ON tasks (case_id) WHERE case_id IS NOT NULL;
  `,
};
