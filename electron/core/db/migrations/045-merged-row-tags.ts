import type { Migration } from './index';

// A merged row's tags were put on the original lead and stayed there after a split: the other
// person's "VIP" or "Spanish" stayed with the lead it was wrongly merged into, and the new lead
// had none. Each merged row now keeps which tags its merge added to the lead (tag id and when),
// so a split takes those back and gives the new lead the row's tags. Rows merged before this have
// none kept: their split leaves the lead's tags as they are.
export const migration045: Migration = {
  version: 45,
  name: 'a merged row keeps the tags it added to the lead',
  up: `
    ALTER TABLE import_rows ADD COLUMN tags_added TEXT;
  `,
};
