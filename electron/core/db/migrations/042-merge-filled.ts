import type { Migration } from './index';

// Splitting a wrong merge made the row a lead of its own but left what the merge had filled in
// on the original lead (the other person's email, title, number). What each merge changed on the
// lead is now kept with the merged row, as it was and as the merge left it, so a split takes it
// back. Rows merged before this have none kept: their split works as before.
export const migration042: Migration = {
  version: 42,
  name: 'a merged row keeps what it filled in on the lead',
  up: `
    ALTER TABLE import_rows ADD COLUMN filled TEXT;
  `,
};
