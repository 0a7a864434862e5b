import type { Migration } from './index';

// The due-now count (the strip's badge, sent with every due.changed) counts the promised callbacks
// due by now whether or not they were notified; the only callback index (003) holds the
// unnotified ones, so the count read all 100,000 queue rows (undo's p99 was ~18 ms, most of it
// here). This index holds exactly the open callbacks, by due time.
export const migration034: Migration = {
  version: 34,
  name: 'an index of the open callbacks by due time, for the due-now count',
  up: `
    CREATE INDEX queue_callbacks_open ON queue_state (due_at)
      WHERE tier = 'callback' AND closed IS NULL AND blocked IS NULL;
  `,
};
