import type { Migration } from './index';

// Instants are INTEGER milliseconds since the epoch (UTC); local times are computed from them.
export const migration001: Migration = {
  version: 1,
  name: 'contacts, calls and settings',
  up: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE contacts (
      id              INTEGER PRIMARY KEY,
      first_name      TEXT NOT NULL DEFAULT '',
      last_name       TEXT NOT NULL DEFAULT '',
      company         TEXT NOT NULL DEFAULT '',
      phone_raw       TEXT NOT NULL,
      e164            TEXT NOT NULL,
      extension       TEXT,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      last_called_at  INTEGER,
      last_outcome    TEXT
    ) STRICT;
    CREATE INDEX contacts_by_e164 ON contacts (e164);
    CREATE INDEX contacts_by_last_called ON contacts (last_called_at, id);

    CREATE TABLE calls (
      id          INTEGER PRIMARY KEY,
      contact_id  INTEGER NOT NULL REFERENCES contacts (id),
      dial_uri    TEXT NOT NULL,
      number      TEXT NOT NULL,
      dialed_at   INTEGER NOT NULL,
      ended_at    INTEGER,
      outcome     TEXT,
      notes       TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX calls_by_contact ON calls (contact_id, dialed_at);
  `,
};
