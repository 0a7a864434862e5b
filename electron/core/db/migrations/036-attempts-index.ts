import type { Migration } from './index';

// The retry policy and the calling rules' caps read a lead's attempts of the last two days on
// every dial and disposition (when each was dialled, and whether it was a redial). Through the
// contact index each one was also a visit to its call row; a lead redialled all day had every
// disposition read hundreds of rows. This index holds exactly those attempts, with every column
// the query names (the last two are the same in every entry: SQLite still reads them to check).
export const migration036: Migration = {
  version: 36,
  name: "an index of each lead's attempts (outbound calls the phone took) by time, with the redial loop",
  up: `
    CREATE INDEX calls_attempts ON calls (contact_id, dialed_at, loop_id, dial_failure, direction)
      WHERE dial_failure IS NULL AND direction = 'outbound';
  `,
};
