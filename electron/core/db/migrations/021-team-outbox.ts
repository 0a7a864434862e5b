import type { Migration } from './index';

// Team mode (PostgreSQL, electron/core/team): what a desk keeps to work offline and sync later.
//
// team_outbox: every write the team must hear of, queued in the SAME transaction as the write by
// triggers, so no code path that writes a call, a disposition, a do-not-call number or a lead's
// dud state can forget it, and nothing is queued unless the desk has joined a team (team_link).
// AUTOINCREMENT: an entry's id is its key on the server (desk, id); an id is never reused after a
// pushed entry is deleted, or the server would take a new entry for one already applied.
// Numbers pulled from the team's list (source 'team') are not pushed back.
//
// team_claims: the leads this desk holds from the team's pool, their lease, and whether the lease
// was lost (ran out, or the lead went to another desk). team_conflicts: calls the server kept but
// that changed nothing because the lease was lost by then, shown to the rep. team_remote_calls:
// what other desks logged on leads this desk holds.
export const migration021: Migration = {
  version: 21,
  name: 'team mode: outbox, claims and leases, conflicts',
  up: `
    CREATE TABLE team_link (
      id               INTEGER PRIMARY KEY CHECK (id = 1),
      rep              TEXT NOT NULL,
      role_name        TEXT NOT NULL,
      desk_id          INTEGER NOT NULL,
      joined_at        INTEGER NOT NULL,
      lease_ms         INTEGER NOT NULL,
      last_sync_at     INTEGER,
      last_sync_error  TEXT,
      dnc_cursor       TEXT NOT NULL DEFAULT '0',
      calls_cursor     TEXT NOT NULL DEFAULT '0'
    ) STRICT;

    CREATE TABLE team_outbox (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      kind       TEXT NOT NULL CHECK (kind IN ('call', 'dnc', 'lead_status')),
      ref        TEXT NOT NULL,
      queued_at  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE team_claims (
      contact_id   INTEGER PRIMARY KEY REFERENCES contacts (id),
      lead_id      INTEGER NOT NULL UNIQUE,
      claimed_at   INTEGER NOT NULL,
      lease_until  INTEGER NOT NULL,
      lost_at      INTEGER
    ) STRICT;

    CREATE TABLE team_conflicts (
      id          INTEGER PRIMARY KEY,
      call_id     INTEGER NOT NULL UNIQUE REFERENCES calls (id),
      contact_id  INTEGER NOT NULL REFERENCES contacts (id),
      lead_id     INTEGER,
      reason      TEXT NOT NULL,
      found_at    INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE team_remote_calls (
      remote_id  INTEGER PRIMARY KEY,
      lead_id    INTEGER NOT NULL,
      rep        TEXT NOT NULL,
      dialed_at  INTEGER NOT NULL,
      outcome    TEXT
    ) STRICT;
    CREATE INDEX team_remote_calls_by_lead ON team_remote_calls (lead_id, dialed_at);

    CREATE TRIGGER team_outbox_call_added AFTER INSERT ON calls
      WHEN EXISTS (SELECT 1 FROM team_link)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('call', NEW.id, NEW.dialed_at); END;
    CREATE TRIGGER team_outbox_call_changed AFTER UPDATE OF outcome, ended_at, notes ON calls
      WHEN EXISTS (SELECT 1 FROM team_link)
        AND (OLD.outcome IS NOT NEW.outcome OR OLD.ended_at IS NOT NEW.ended_at OR OLD.notes IS NOT NEW.notes)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('call', NEW.id, coalesce(NEW.ended_at, NEW.dialed_at)); END;
    CREATE TRIGGER team_outbox_dnc_added AFTER INSERT ON dnc
      WHEN NEW.source <> 'team' AND EXISTS (SELECT 1 FROM team_link)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('dnc', NEW.e164, NEW.added_at); END;
    CREATE TRIGGER team_outbox_lead_status AFTER UPDATE OF status ON contacts
      WHEN OLD.status IS NOT NEW.status AND EXISTS (SELECT 1 FROM team_claims WHERE contact_id = NEW.id)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('lead_status', NEW.id, NEW.updated_at); END;
  `,
};
