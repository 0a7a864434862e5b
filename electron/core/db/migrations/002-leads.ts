import type { Migration } from './index';

// Leads from files: the contact grows the fields CRM exports carry, a nullable number (a dud has
// none), its time zones and their source; imports, what happened to each row that was not
// imported as a new lead, remembered column mappings, and the do-not-call list.
// SQLite cannot relax NOT NULL in place, so contacts is rebuilt (ids kept, calls untouched).
// Only status, which decides who is ever dialled, carries a CHECK: each CHECK costs every
// imported row, and kind, line type and zone source are written only from the contract's enums.
export const migration002: Migration = {
  version: 2,
  name: 'leads: import, duds, time zones, do-not-call',
  foreignKeysOff: true,
  up: `
    CREATE TABLE imports (
      id            INTEGER PRIMARY KEY,
      file_name     TEXT NOT NULL,
      encoding      TEXT NOT NULL,
      delimiter     TEXT NOT NULL,
      headers       TEXT NOT NULL,
      mapping       TEXT NOT NULL,
      on_duplicate  TEXT NOT NULL CHECK (on_duplicate IN ('merge', 'skip')),
      country       TEXT NOT NULL,
      started_at    INTEGER NOT NULL,
      finished_at   INTEGER,
      data_rows     INTEGER NOT NULL DEFAULT 0,
      imported      INTEGER NOT NULL DEFAULT 0,
      merged        INTEGER NOT NULL DEFAULT 0,
      skipped       INTEGER NOT NULL DEFAULT 0,
      rejected      INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE contacts_v2 (
      id              INTEGER PRIMARY KEY,
      first_name      TEXT NOT NULL DEFAULT '',
      last_name       TEXT NOT NULL DEFAULT '',
      company         TEXT NOT NULL DEFAULT '',
      title           TEXT NOT NULL DEFAULT '',
      email           TEXT NOT NULL DEFAULT '',
      email_key       TEXT,
      phone_raw       TEXT NOT NULL DEFAULT '',
      e164            TEXT,
      extension       TEXT,
      other_phones    TEXT NOT NULL DEFAULT '[]',
      time_zones      TEXT NOT NULL DEFAULT '',
      tz_source       TEXT NOT NULL DEFAULT 'default',
      country         TEXT NOT NULL DEFAULT '',
      region          TEXT NOT NULL DEFAULT '',
      city            TEXT NOT NULL DEFAULT '',
      postcode        TEXT NOT NULL DEFAULT '',
      kind            TEXT NOT NULL DEFAULT 'outbound',
      line_type       TEXT NOT NULL DEFAULT 'business',
      notes           TEXT NOT NULL DEFAULT '',
      owner           TEXT NOT NULL DEFAULT '',
      custom_fields   TEXT NOT NULL DEFAULT '{}',
      status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dud')),
      dud_reason      TEXT,
      import_id       INTEGER REFERENCES imports (id),
      source_row      INTEGER,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      last_called_at  INTEGER,
      last_outcome    TEXT
    ) STRICT;

    INSERT INTO contacts_v2 (id, first_name, last_name, company, phone_raw, e164, extension,
                             created_at, updated_at, last_called_at, last_outcome)
      SELECT id, first_name, last_name, company, phone_raw, e164, extension,
             created_at, updated_at, last_called_at, last_outcome
      FROM contacts;
    DROP TABLE contacts;
    ALTER TABLE contacts_v2 RENAME TO contacts;

    -- Only the lookup that must be instant: a phone typed in any format. Every index costs each
    -- imported row (duplicate emails are found from a map the import loads once); the queue's
    -- indexes come with the queue.
    CREATE INDEX contacts_by_e164 ON contacts (e164) WHERE e164 IS NOT NULL;

    -- What happened to each data row that did not become a new lead: rejected (with its
    -- reason), merged into or skipped as a duplicate of an existing contact.
    CREATE TABLE import_rows (
      id           INTEGER PRIMARY KEY,
      import_id    INTEGER NOT NULL REFERENCES imports (id),
      row_number   INTEGER NOT NULL,
      outcome      TEXT NOT NULL CHECK (outcome IN ('rejected', 'merged', 'skipped')),
      reason       TEXT NOT NULL,
      raw          TEXT NOT NULL,
      contact_id   INTEGER REFERENCES contacts (id)
    ) STRICT;
    CREATE INDEX import_rows_by_import ON import_rows (import_id, outcome, row_number);

    -- A column mapping remembered per set of headers (key: the normalised header list).
    CREATE TABLE import_mappings (
      header_key  TEXT PRIMARY KEY,
      mapping     TEXT NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;

    -- Do-not-call: numbers in E.164. An import never removes an entry.
    CREATE TABLE dnc (
      e164      TEXT PRIMARY KEY,
      added_at  INTEGER NOT NULL,
      source    TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
