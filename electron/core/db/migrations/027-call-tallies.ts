import type { Migration } from './index';

// Measure (#15), the numbers at a million calls: summing the calls of a 90-day range or of the
// whole log took one to three seconds, so the counts are kept ready, per UTC hour of the call ×
// the prospect's local weekday·hour (calls.local_slot, migration 018) × the lead's import, in
// call_tallies; the same summed per hour × import (call_hour_tallies: the totals, a row an hour)
// and per UTC day × slot (call_day_slot_tallies: the heat map, a few dozen rows a day). A range
// reads its whole days and hours there and only its partial edge hours from calls.
//
// What each call adds to its cell is kept on the call (tally_mask: one bit per count, see
// TALLY_BITS in metrics/repo.ts; tally_talk; tally_import), so a change is applied as "take the
// old contribution out, put the new one in" and the table stays equal to the sum of its calls.
// Any write that changes what a call counts puts the call in call_tally_pending (triggers, so
// every writer is caught: the app, the command line, a change from another feature); the
// disposition and the undo apply the pending calls in their own transaction, and every read
// applies what is left first. A deleted call takes its contribution out right away, and the
// voicemails it may have returned are re-counted.
//
// A log written before this migration is counted by a background task, newest call first, in
// small committed chunks (call_tally_backfill.below: the calls with a smaller id are still to do);
// until it is done the reads fall back to summing the calls.
const SUBTRACT = (bit: number) => `(OLD.tally_mask & ${bit} != 0)`;
const ALL_COUNTS = `dials = dials - ${SUBTRACT(1)}, redials = redials - ${SUBTRACT(2)}, connects = connects - ${SUBTRACT(4)},
        conversations = conversations - ${SUBTRACT(8)}, advances = advances - ${SUBTRACT(16)}, conversions = conversions - ${SUBTRACT(32)},
        voicemails = voicemails - ${SUBTRACT(64)}, voicemails_returned = voicemails_returned - ${SUBTRACT(128)},
        talk_seconds = talk_seconds - coalesce(OLD.tally_talk, 0)`;
export const migration027: Migration = {
  version: 27,
  name: 'call counts kept per hour, local slot and import',
  up: `
    ALTER TABLE calls ADD COLUMN tally_mask INTEGER;
    ALTER TABLE calls ADD COLUMN tally_talk INTEGER;
    ALTER TABLE calls ADD COLUMN tally_import INTEGER;
    CREATE TABLE call_tallies (
      hour INTEGER NOT NULL,
      slot INTEGER NOT NULL,
      import_id INTEGER NOT NULL,
      dials INTEGER NOT NULL DEFAULT 0,
      redials INTEGER NOT NULL DEFAULT 0,
      connects INTEGER NOT NULL DEFAULT 0,
      conversations INTEGER NOT NULL DEFAULT 0,
      advances INTEGER NOT NULL DEFAULT 0,
      conversions INTEGER NOT NULL DEFAULT 0,
      talk_seconds INTEGER NOT NULL DEFAULT 0,
      voicemails INTEGER NOT NULL DEFAULT 0,
      voicemails_returned INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (hour, slot, import_id)
    ) WITHOUT ROWID;
    CREATE TABLE call_hour_tallies (
      hour INTEGER NOT NULL,
      import_id INTEGER NOT NULL,
      dials INTEGER NOT NULL DEFAULT 0,
      redials INTEGER NOT NULL DEFAULT 0,
      connects INTEGER NOT NULL DEFAULT 0,
      conversations INTEGER NOT NULL DEFAULT 0,
      advances INTEGER NOT NULL DEFAULT 0,
      conversions INTEGER NOT NULL DEFAULT 0,
      talk_seconds INTEGER NOT NULL DEFAULT 0,
      voicemails INTEGER NOT NULL DEFAULT 0,
      voicemails_returned INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (hour, import_id)
    ) WITHOUT ROWID;
    CREATE TABLE call_day_slot_tallies (
      day INTEGER NOT NULL,
      slot INTEGER NOT NULL,
      dials INTEGER NOT NULL DEFAULT 0,
      connects INTEGER NOT NULL DEFAULT 0,
      voicemails INTEGER NOT NULL DEFAULT 0,
      voicemails_returned INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (day, slot)
    ) WITHOUT ROWID;
    CREATE TABLE call_tally_pending (call_id INTEGER PRIMARY KEY);
    CREATE TABLE call_tally_backfill (id INTEGER PRIMARY KEY CHECK (id = 1), below INTEGER NOT NULL, total INTEGER NOT NULL);
    INSERT INTO call_tally_backfill (id, below, total) SELECT 1, coalesce(max(id) + 1, 0), count(*) FROM calls;
    CREATE TRIGGER calls_tally_insert AFTER INSERT ON calls BEGIN
      INSERT OR IGNORE INTO call_tally_pending (call_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER calls_tally_update AFTER UPDATE OF outcome, dial_failure, loop_id, talk_seconds_reported, undone_at, contact_id ON calls BEGIN
      INSERT OR IGNORE INTO call_tally_pending (call_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER calls_tally_moved AFTER UPDATE OF contact_id ON calls BEGIN
      INSERT OR IGNORE INTO call_tally_pending (call_id) SELECT id FROM calls WHERE contact_id = OLD.contact_id AND outcome = 'voicemail_left';
    END;
    CREATE TRIGGER calls_tally_delete AFTER DELETE ON calls BEGIN
      DELETE FROM call_tally_pending WHERE call_id = OLD.id;
      UPDATE call_tallies SET ${ALL_COUNTS}
      WHERE OLD.tally_mask IS NOT NULL AND hour = OLD.dialed_at / 3600000 AND slot = OLD.local_slot AND import_id = OLD.tally_import;
      UPDATE call_hour_tallies SET ${ALL_COUNTS}
      WHERE OLD.tally_mask IS NOT NULL AND hour = OLD.dialed_at / 3600000 AND import_id = OLD.tally_import;
      UPDATE call_day_slot_tallies SET dials = dials - ${SUBTRACT(1)}, connects = connects - ${SUBTRACT(4)}, voicemails = voicemails - ${SUBTRACT(64)}, voicemails_returned = voicemails_returned - ${SUBTRACT(128)}
      WHERE OLD.tally_mask IS NOT NULL AND day = OLD.dialed_at / 86400000 AND slot = OLD.local_slot;
      INSERT OR IGNORE INTO call_tally_pending (call_id)
        SELECT id FROM calls WHERE contact_id = OLD.contact_id AND outcome = 'voicemail_left' AND dialed_at < OLD.dialed_at AND dialed_at >= OLD.dialed_at - 1036800000;
    END;
  `,
};
