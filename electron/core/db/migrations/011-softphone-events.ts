import type { Migration } from './index';

// What the desk's softphone reports about a call (MicroSIP's cmdCallStart/cmdCallEnd and the
// like, through `Dialdeck --call-event=…` or the command line): when the call connected, when it
// ended and the talk time the phone counted. Kept apart from the rep's own timing (the dial, the
// disposition key, and the talk time until the rep marks hung up that the calling day adds), so
// each says where it came from: reported talk time is the phone's, not a guess from key presses.
//
// Every event is kept in call_events, matched to a call or not: an event for a number Dialdeck
// never dialled (an inbound call, a call made from the phone's own keypad) is recorded as
// unmatched, never dropped and never an error.
//
// "Your phone" replaces the bare dial template: the two templates the app offered become their
// presets, anything else a custom template (checked again when it is read back).
export const migration011: Migration = {
  version: 11,
  name: 'softphone call events; phone presets',
  up: `
    ALTER TABLE calls ADD COLUMN connected_at INTEGER;
    ALTER TABLE calls ADD COLUMN talk_ended_at INTEGER;
    ALTER TABLE calls ADD COLUMN talk_seconds_reported INTEGER;

    CREATE TABLE call_events (
      id            INTEGER PRIMARY KEY,
      kind          TEXT NOT NULL CHECK (kind IN ('connected', 'ended')),
      number_raw    TEXT NOT NULL,
      e164          TEXT,
      at            INTEGER NOT NULL,
      duration_s    INTEGER,
      source        TEXT NOT NULL,
      call_id       INTEGER REFERENCES calls (id),
      received_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX call_events_by_call ON call_events (call_id);
    CREATE INDEX call_events_unmatched ON call_events (at) WHERE call_id IS NULL;
    CREATE INDEX calls_by_number ON calls (number, dialed_at);

    INSERT INTO settings (key, value)
      SELECT 'phone', CASE json_extract(value, '$')
          WHEN 'tel:{e164}' THEN json_object('preset', 'tel', 'sipHost', '', 'template', '')
          WHEN 'callto:{e164}' THEN json_object('preset', 'callto', 'sipHost', '', 'template', '')
          ELSE json_object('preset', 'custom', 'sipHost', '', 'template', json_extract(value, '$'))
        END
      FROM settings WHERE key = 'dialTemplate' AND json_valid(value) AND json_type(value) = 'text'
      ON CONFLICT (key) DO NOTHING;
    DELETE FROM settings WHERE key = 'dialTemplate';
  `,
};
