import type { Migration } from './index';

// Every row an import merged into an existing lead is kept in import_rows (outcome 'merged') with
// its import, row number, raw cells and the contact it went into. A wrong merge (another person
// on the same number) can be split from the contact screen: a new lead is made from the kept row
// (the calls stay on the original) and the row records which lead it became and when. The index
// lists a contact's merged rows at once.
//
// Databases from before this version: a merge only ever filled the lead's empty fields, so a
// person merged into another cannot be told apart automatically; their rows are the ones kept
// here, and each can be split by hand.
export const migration013: Migration = {
  version: 13,
  name: 'merged rows: split into their own lead',
  up: `
    ALTER TABLE import_rows ADD COLUMN split_contact_id INTEGER REFERENCES contacts (id);
    ALTER TABLE import_rows ADD COLUMN split_at INTEGER;
    CREATE INDEX import_rows_merged_by_contact ON import_rows (contact_id, row_number) WHERE outcome = 'merged';
  `,
};
