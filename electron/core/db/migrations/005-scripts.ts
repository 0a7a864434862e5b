import type { Migration } from './index';

// Call scripts (Markdown with merge fields), by situation and campaign; the starter scripts are
// written in at start under a key so they can be restored. A call remembers which objections
// came up and the checklist as it was ticked.
export const migration005: Migration = {
  version: 5,
  name: 'scripts, and objections and checklist on calls',
  up: `
    CREATE TABLE scripts (
      id           INTEGER PRIMARY KEY,
      name         TEXT NOT NULL,
      situation    TEXT NOT NULL CHECK (situation IN ('first_call', 'follow_up', 'voicemail', 'complaint')),
      campaign     TEXT NOT NULL DEFAULT '',
      body         TEXT NOT NULL,
      starter_key  TEXT UNIQUE,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX scripts_by_situation ON scripts (situation, campaign);

    ALTER TABLE calls ADD COLUMN objections TEXT;
    ALTER TABLE calls ADD COLUMN checklist TEXT;
  `,
};
