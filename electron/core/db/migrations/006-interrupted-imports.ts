import type { Migration } from './index';

// An import that stops part-way (a crash, a full disk, a worker error) is kept "unfinished"
// (finished_at NULL) and explained: how far it got (the last file row committed), why it
// stopped, and a fingerprint of the file, so "import the rest" can carry on from that row of
// the same file. "Keep what was imported" finishes it as it is (kept_at).
export const migration006: Migration = {
  version: 6,
  name: 'interrupted imports: last row written, why it stopped, file fingerprint, kept',
  up: `
    ALTER TABLE imports ADD COLUMN last_row INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE imports ADD COLUMN file_sha256 TEXT;
    ALTER TABLE imports ADD COLUMN stop_reason TEXT;
    ALTER TABLE imports ADD COLUMN kept_at INTEGER;
  `,
};
