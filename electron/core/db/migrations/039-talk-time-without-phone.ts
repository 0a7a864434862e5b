import type { Migration } from './index';

// Talk time counted only what a softphone reported, so a desk without one saw 0:00 all day
// although the call screen timed every call (#13: from the dial to the hang-up, H, or to the
// disposition). Now the kept counts take that time where the phone reported none, for calls that
// reached a person, and an inbound call's logged length (metrics/repo.ts talkSql). The trigger
// re-counts a call when those instants change, and the calls already counted get their talk
// share set and moved into their cells here. The expression is written out as it stood at this
// version, as migrations are.
const CONNECTS = "('gatekeeper', 'conversation', 'advance', 'conversion', 'not_interested', 'callback_requested')";
const END = 'coalesce(hung_up_at, ended_at)';
const TALK = `coalesce(talk_seconds_reported, CASE WHEN direction = 'inbound' THEN coalesce(talk_seconds_logged, 0)
  WHEN coalesce(direction, 'outbound') = 'outbound' AND dial_failure IS NULL AND outcome IN ${CONNECTS} AND ${END} IS NOT NULL
  THEN (max(0, ${END} - dialed_at) + 500) / 1000 ELSE 0 END)`;

export const migration039: Migration = {
  version: 39,
  name: 'talk time from the call screen where no phone reported it',
  up: `
    DROP TRIGGER calls_tally_update;
    CREATE TRIGGER calls_tally_update AFTER UPDATE OF outcome, dial_failure, loop_id, talk_seconds_reported, undone_at, contact_id, hung_up_at, ended_at, talk_seconds_logged ON calls BEGIN
      INSERT OR IGNORE INTO call_tally_pending (call_id) VALUES (NEW.id);
    END;

    CREATE TEMP TABLE talk_moves AS
      SELECT id, dialed_at / 3600000 AS hour, local_slot AS slot, tally_import AS import_id, ${TALK} - coalesce(tally_talk, 0) AS delta
      FROM calls
      WHERE tally_mask IS NOT NULL AND undone_at IS NULL AND talk_seconds_reported IS NULL AND ${TALK} <> coalesce(tally_talk, 0);
    CREATE INDEX temp.talk_moves_cell ON talk_moves (hour, slot, import_id);
    UPDATE call_tallies SET talk_seconds = talk_seconds + (SELECT sum(m.delta) FROM talk_moves m WHERE m.hour = call_tallies.hour AND m.slot = call_tallies.slot AND m.import_id = call_tallies.import_id)
      WHERE EXISTS (SELECT 1 FROM talk_moves m WHERE m.hour = call_tallies.hour AND m.slot = call_tallies.slot AND m.import_id = call_tallies.import_id);
    UPDATE call_hour_tallies SET talk_seconds = talk_seconds + (SELECT sum(m.delta) FROM talk_moves m WHERE m.hour = call_hour_tallies.hour AND m.import_id = call_hour_tallies.import_id)
      WHERE EXISTS (SELECT 1 FROM talk_moves m WHERE m.hour = call_hour_tallies.hour AND m.import_id = call_hour_tallies.import_id);
    UPDATE calls SET tally_talk = tally_talk + (SELECT m.delta FROM talk_moves m WHERE m.id = calls.id) WHERE id IN (SELECT id FROM talk_moves);
    DROP TABLE talk_moves;
  `,
};
