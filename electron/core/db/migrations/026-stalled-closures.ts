import type { Migration } from './index';

// Follow-through, part four: a stalled lead dealt with — closed with a reason from the short list
// (it leaves the queue), or given a new next step (a call task due then). Kept per lead, so the
// stalled rule knows it was handled and the lost and stalled report can count the reasons.
export const migration026: Migration = {
  version: 26,
  name: 'follow-through: stalled leads closed with a reason or a new next step',
  up: `
    CREATE TABLE stalled_closures (
      id               INTEGER PRIMARY KEY,
      contact_id       INTEGER NOT NULL REFERENCES contacts (id),
      advance_call_id  INTEGER NOT NULL REFERENCES calls (id),
      reason           TEXT,
      next_step        TEXT,
      next_at          INTEGER,
      task_id          INTEGER REFERENCES tasks (id),
      at               INTEGER NOT NULL,
      CHECK ((reason IS NOT NULL) <> (next_step IS NOT NULL))
    ) STRICT;
    CREATE INDEX stalled_closures_by_contact ON stalled_closures (contact_id, at);
  `,
};
