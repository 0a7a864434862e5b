import type { Migration } from './index';

// Skipping a lead from the call screen asks why (a numbered reason): each skip is kept here with
// its reason and how long it hides the lead, so the not-callable list can say why a lead is out
// of the queue ("skipped: wrong person to call") and the desk can see what reps skip and why.
export const migration015: Migration = {
  version: 15,
  name: 'skip reasons',
  up: `
    CREATE TABLE skips (
      id          INTEGER PRIMARY KEY,
      contact_id  INTEGER NOT NULL REFERENCES contacts (id),
      at          INTEGER NOT NULL,
      until       INTEGER NOT NULL,
      reason      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX skips_by_contact ON skips (contact_id, at);
  `,
};
