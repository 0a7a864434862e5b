import type { Migration } from './index';

// Campaigns and tags (#13 point 9). Until now a lead's "campaign" was its import file; a campaign
// is now named by the rep and a lead can be in several (added from an import, a filter or by
// hand), with the script chosen for it. Tags label leads the same way. Names are unique compared
// case-insensitively and trimmed: name_key holds that form (computed in shared/domain/campaigns,
// since SQLite's lower() only folds ASCII). Memberships go with their lead or label. IF NOT EXISTS:
// a file whose version was set back (as the migration tests do) runs it again without harm.
export const migration024: Migration = {
  version: 24,
  name: 'campaigns and tags',
  up: `
    CREATE TABLE IF NOT EXISTS campaigns (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      name_key   TEXT NOT NULL UNIQUE,
      script_id  INTEGER REFERENCES scripts(id) ON DELETE SET NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS campaign_leads (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      source      TEXT NOT NULL CHECK (source IN ('import', 'filter', 'hand')),
      added_at    INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS campaign_leads_by_contact ON campaign_leads (contact_id, campaign_id);
    CREATE TABLE IF NOT EXISTS tags (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      name_key   TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS lead_tags (
      tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      added_at   INTEGER NOT NULL,
      PRIMARY KEY (tag_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS lead_tags_by_contact ON lead_tags (contact_id, tag_id);
  `,
};
