import type { Migration } from './index';

// Measure (#15): the heat map and the voicemail-return rule read each call on the prospect's
// clock. Luxon cannot run inside SQL, and a million calls cannot be converted per query, so each
// call carries its local weekday × hour (local_slot = weekday·24 + hour, weekday 1 Monday … 7
// Sunday; -1 for a lead with no zone) and its local date (local_day, days since 1970-01-01 on
// the lead's clock), written once, right after the call, by the metrics service (any call still
// NULL is found through calls_unplaced). The zone is the lead's at the time of the call.
// calls_measure covers every column the range aggregates read, so a 90-day range is one index
// scan; calls_voicemails lets the voicemail-return rate skip every other call.
export const migration018: Migration = {
  version: 18,
  name: 'calls on the prospect’s clock, for the heat map and voicemail returns',
  up: `
    ALTER TABLE calls ADD COLUMN local_slot INTEGER;
    ALTER TABLE calls ADD COLUMN local_day INTEGER;
    CREATE INDEX calls_unplaced ON calls (id) WHERE local_slot IS NULL;
    CREATE INDEX calls_measure ON calls (dialed_at, outcome, dial_failure, loop_id, talk_seconds_reported, local_slot, local_day, contact_id);
    CREATE INDEX calls_voicemails ON calls (dialed_at, local_slot, local_day, contact_id) WHERE outcome = 'voicemail_left';
  `,
};
