import { tierRankSql } from '../../../../shared/domain/queueRules';
import type { Migration } from './index';

// The persistent redial queue: one row per lead with its stored plan (tier, next due instant,
// voicemail rest, pins and snoozes), so "who next" is an indexed query and survives anything.
// rank and wait_at are generated from the plan, so no writer can let them drift apart:
//   rank    TIER_RANK (1 callback/advance · 2 inbound · 3 retry · 4 fresh); NULL when out of the queue
//   wait_at the instant it has waited since (its due time, or the end of a snooze/skip)
// Leads whose calling hours follow the same rule (line type, country, zones) share a zone key;
// the queue asks, per zone key open now, for the lowest wait_at in a rank: one seek each in
// queue_next. Queue rows are derived from contacts: an import records each batch's new id range
// in queue_backlog (same transaction) and the rows are built right after it, set-based; any
// queue read first builds whatever is still pending, so no lead is ever missing from the queue,
// even after a crash between the two. Rows stay cheap: zone keys are small integers, and no CHECK
// or foreign key is paid per row (tier and blocked are only written from typed code; rows are
// only made from contacts rows, which are never deleted).
// Calls gain the detail each disposition needs; drafts keep notes through a crash; the redial
// loop and follow-up tasks get their own tables.
export const migration003: Migration = {
  version: 3,
  name: 'queue: plans, pins, snoozes, redial loops, tasks, call details',
  up: `
    CREATE TABLE zone_keys (
      id         INTEGER PRIMARY KEY,
      line_type  TEXT NOT NULL,
      country    TEXT NOT NULL,
      zones      TEXT NOT NULL,
      UNIQUE (line_type, country, zones)
    ) STRICT;

    CREATE TABLE queue_state (
      contact_id            INTEGER PRIMARY KEY, -- contacts.id
      zone_id               INTEGER NOT NULL,    -- zone_keys.id
      kind                  TEXT NOT NULL,
      import_id             INTEGER,
      tier                  TEXT, -- callback | inbound | retry | fresh; NULL when closed
      due_at                INTEGER,
      why                   TEXT NOT NULL DEFAULT '',
      closed                TEXT,
      blocked               TEXT, -- dnc | dud
      voicemail_rest_until  INTEGER,
      last_attempt_at       INTEGER,
      attempts_today        INTEGER NOT NULL DEFAULT 0,
      cap_reached           INTEGER NOT NULL DEFAULT 0,
      pinned_at             INTEGER,
      hidden_until          INTEGER,
      hidden_kind           TEXT,
      rank INTEGER GENERATED ALWAYS AS (
        CASE WHEN blocked IS NULL AND closed IS NULL AND due_at IS NOT NULL THEN
          ${tierRankSql('tier')}
        END) VIRTUAL,
      wait_at INTEGER GENERATED ALWAYS AS (max(coalesce(due_at, 0), coalesce(hidden_until, 0))) VIRTUAL
    ) STRICT;
    -- contact_id is the rowid, which every index entry ends with: ties go to the older lead.
    CREATE INDEX queue_next ON queue_state (rank, zone_id, wait_at) WHERE rank IS NOT NULL;
    CREATE INDEX queue_pinned ON queue_state (pinned_at) WHERE pinned_at IS NOT NULL;

    CREATE TABLE queue_backlog (
      from_id  INTEGER NOT NULL,
      to_id    INTEGER NOT NULL
    ) STRICT;

    INSERT OR IGNORE INTO zone_keys (line_type, country, zones) SELECT DISTINCT line_type, country, time_zones FROM contacts;
    INSERT INTO queue_state (contact_id, zone_id, kind, import_id, tier, due_at, why, closed, blocked, last_attempt_at)
      SELECT c.id, z.id, c.kind, c.import_id,
        CASE
          WHEN c.last_called_at IS NULL THEN CASE c.kind WHEN 'inbound' THEN 'inbound' ELSE 'fresh' END
          WHEN c.last_outcome IN ('conversion', 'not_interested', 'wrong_number', 'do_not_call') THEN NULL
          ELSE 'retry' END,
        CASE
          WHEN c.last_called_at IS NULL THEN c.created_at
          WHEN c.last_outcome IN ('conversion', 'not_interested', 'wrong_number', 'do_not_call') THEN NULL
          ELSE c.last_called_at + 7200000 END,
        '',
        CASE WHEN c.last_outcome IN ('conversion', 'not_interested', 'wrong_number', 'do_not_call') THEN c.last_outcome END,
        CASE WHEN c.status = 'dud' OR c.e164 IS NULL THEN 'dud'
             WHEN EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) THEN 'dnc' END,
        c.last_called_at
      FROM contacts c JOIN zone_keys z ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones;

    ALTER TABLE calls ADD COLUMN override INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE calls ADD COLUMN next_step TEXT;
    ALTER TABLE calls ADD COLUMN next_at INTEGER;
    ALTER TABLE calls ADD COLUMN callback_at INTEGER;
    ALTER TABLE calls ADD COLUMN reason TEXT;
    ALTER TABLE calls ADD COLUMN loop_id INTEGER;
    CREATE INDEX calls_by_time ON calls (dialed_at);

    CREATE TABLE note_drafts (
      contact_id  INTEGER PRIMARY KEY REFERENCES contacts (id),
      text        TEXT NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;

    -- Engaged: redial every interval until connected, another disposition, stop, or the limit.
    CREATE TABLE redial_loops (
      id            INTEGER PRIMARY KEY,
      contact_id    INTEGER NOT NULL REFERENCES contacts (id),
      started_at    INTEGER NOT NULL,
      ends_at       INTEGER NOT NULL,
      next_dial_at  INTEGER,
      attempts      INTEGER NOT NULL,
      last_call_id  INTEGER REFERENCES calls (id),
      status        TEXT NOT NULL CHECK (status IN ('running', 'connected', 'stopped', 'ended', 'dispositioned')),
      ended_at      INTEGER
    ) STRICT;
    CREATE INDEX redial_loops_by_contact ON redial_loops (contact_id, id);
    CREATE INDEX redial_loops_running ON redial_loops (next_dial_at) WHERE status = 'running';

    CREATE TABLE tasks (
      id          INTEGER PRIMARY KEY,
      contact_id  INTEGER NOT NULL REFERENCES contacts (id),
      kind        TEXT NOT NULL CHECK (kind IN ('email', 'call', 'promise')),
      title       TEXT NOT NULL,
      due_at      INTEGER NOT NULL,
      call_id     INTEGER REFERENCES calls (id),
      created_at  INTEGER NOT NULL,
      done_at     INTEGER
    ) STRICT;
    CREATE INDEX tasks_by_contact ON tasks (contact_id, done_at);
    CREATE INDEX tasks_open_by_due ON tasks (due_at) WHERE done_at IS NULL;
  `,
};
