import type { Migration } from './index';

// A redial loop that ends by itself (its 30 minutes ran out, the lead's calling hours closed, the
// number went on the do-not-call list) ended without a word on the call screen: the panel went,
// and "stopped" looked like the rep's own S. Why it ended is now kept with it, for the screen.
export const migration041: Migration = {
  version: 41,
  name: 'a redial loop keeps why it ended by itself',
  up: `
    ALTER TABLE redial_loops ADD COLUMN end_reason TEXT;
  `,
};
