import type { Migration } from './index';

// The Tasks and Promises screens read by index alone. Open tasks are counted on every page of
// the Tasks screen (20,000 and more): an index that holds done_at as well as due_at is a
// covering one for SQLite, so the count is read in the index without looking a row up; by kind
// the same. Kept and broken promises are listed newest first on the Promises screen.
export const migration032: Migration = {
  version: 32,
  name: 'tasks counted in their indexes; kept and broken promises listed by index',
  up: `
    CREATE INDEX tasks_open_count ON tasks (due_at, done_at) WHERE done_at IS NULL;
    CREATE INDEX tasks_open_by_kind ON tasks (kind, due_at, done_at) WHERE done_at IS NULL;
    CREATE INDEX promises_kept ON promises (kept_at) WHERE kept_at IS NOT NULL;
    CREATE INDEX promises_broken ON promises (broken_at) WHERE broken_at IS NOT NULL;
  `,
};
