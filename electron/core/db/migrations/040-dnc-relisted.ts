import type { Migration } from './index';

// A number already on the do-not-call list that is listed again (a registry file, the rep by hand,
// another lead's "do not call") left no trace, so undoing the first listing's call took the number
// off the list the others had put it on. The latest other listing is now kept on the row, and an
// undo that finds it leaves the number listed (calls/service.ts undo).
export const migration040: Migration = {
  version: 40,
  name: 'the do-not-call list remembers a number listed again',
  up: `
    ALTER TABLE dnc ADD COLUMN relisted_at INTEGER;
    ALTER TABLE dnc ADD COLUMN relisted_by TEXT;
  `,
};
