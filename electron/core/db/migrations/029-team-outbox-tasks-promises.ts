import type { Migration } from './index';

// Team mode: tasks and promises join the outbox (the "every write that matters"), queued
// by triggers in the write's own transaction as calls and do-not-call numbers are (021).
//
// team_outbox's CHECK on kind has to widen, which SQLite does only by rebuilding the table. Its
// AUTOINCREMENT counter is carried over by hand: an entry's id is its key on the server (desk,
// id), so a new table that started counting again at 1 would have the server skip fresh entries
// as already applied. 021's triggers insert into team_outbox by name, so they are dropped before
// the swap and created again after it, unchanged; so are this migration's own, should it run
// again on a file already at its version (a version set back by hand, as a test of 022 does).
export const migration029: Migration = {
  version: 29,
  name: 'team mode: tasks and promises in the outbox',
  up: `
    DROP TRIGGER IF EXISTS team_outbox_call_added;
    DROP TRIGGER IF EXISTS team_outbox_call_changed;
    DROP TRIGGER IF EXISTS team_outbox_dnc_added;
    DROP TRIGGER IF EXISTS team_outbox_lead_status;
    DROP TRIGGER IF EXISTS team_outbox_task_added;
    DROP TRIGGER IF EXISTS team_outbox_task_changed;
    DROP TRIGGER IF EXISTS team_outbox_promise_added;
    DROP TRIGGER IF EXISTS team_outbox_promise_changed;

    CREATE TABLE team_outbox_new (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      kind       TEXT NOT NULL CHECK (kind IN ('call', 'dnc', 'lead_status', 'task', 'promise')),
      ref        TEXT NOT NULL,
      queued_at  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO team_outbox_new (id, kind, ref, queued_at) SELECT id, kind, ref, queued_at FROM team_outbox;
    DELETE FROM sqlite_sequence WHERE name = 'team_outbox_new';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'team_outbox_new', seq FROM sqlite_sequence WHERE name = 'team_outbox';
    DROP TABLE team_outbox;
    ALTER TABLE team_outbox_new RENAME TO team_outbox;

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

    -- A task or a promise is sent as it is at push time (one row per local id on the server), so
    -- an entry only says which one changed. Its created_at stands in for the change's instant:
    -- the desk's clock is not read inside a trigger.
    CREATE TRIGGER team_outbox_task_added AFTER INSERT ON tasks
      WHEN EXISTS (SELECT 1 FROM team_link)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('task', NEW.id, NEW.created_at); END;
    CREATE TRIGGER team_outbox_task_changed AFTER UPDATE OF title, due_at, done_at ON tasks
      WHEN EXISTS (SELECT 1 FROM team_link)
        AND (OLD.title IS NOT NEW.title OR OLD.due_at IS NOT NEW.due_at OR OLD.done_at IS NOT NEW.done_at)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('task', NEW.id, coalesce(NEW.done_at, NEW.created_at)); END;
    CREATE TRIGGER team_outbox_promise_added AFTER INSERT ON promises
      WHEN EXISTS (SELECT 1 FROM team_link)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('promise', NEW.id, NEW.created_at); END;
    CREATE TRIGGER team_outbox_promise_changed AFTER UPDATE OF what, to_whom, owner, due_at, kept_at, kept_note, broken_at ON promises
      WHEN EXISTS (SELECT 1 FROM team_link)
        AND (OLD.what IS NOT NEW.what OR OLD.to_whom IS NOT NEW.to_whom OR OLD.owner IS NOT NEW.owner OR OLD.due_at IS NOT NEW.due_at
             OR OLD.kept_at IS NOT NEW.kept_at OR OLD.kept_note IS NOT NEW.kept_note OR OLD.broken_at IS NOT NEW.broken_at)
      BEGIN INSERT INTO team_outbox (kind, ref, queued_at) VALUES ('promise', NEW.id, coalesce(NEW.kept_at, NEW.broken_at, NEW.created_at)); END;
  `,
};
