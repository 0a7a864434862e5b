import type { Migration } from './index';

// Calls the prospect made (#13, point 7): a call's direction, outbound for every call logged so
// far. The measure reads it (inbound calls return voicemails; dials are outbound only).
// Talk and wrap-up apart (point 8): when the rep marked the line hung up (H); talk time runs from
// the dial to then (or to the disposition when they never did), wrap-up from then to the
// disposition. An inbound call's talk time is what the rep said it lasted.
// The gatekeeper's name, said on a gatekeeper outcome: the next call asks for them by name.
export const migration023: Migration = {
  version: 23,
  name: 'call direction, hung-up time and talk seconds, gatekeeper name',
  up: `
    ALTER TABLE calls ADD COLUMN direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound'));
    ALTER TABLE calls ADD COLUMN hung_up_at INTEGER;
    ALTER TABLE calls ADD COLUMN talk_seconds_logged INTEGER;
    ALTER TABLE calls ADD COLUMN gatekeeper_name TEXT;
  `,
};
