import type { Migration } from './index';

// The next lead of a tier is found by reading its due leads in waiting order and keeping the first
// whose zone is open (queue/repo.ts tierRows). At night most due callbacks sit in closed zones at
// the head of that order, and each one stepped over was a visit to its queue row for its zone,
// voicemail rest, import and kind: hundreds a pick. The waiting-order index now holds those too,
// so the step-over reads the index alone. It replaces the narrower one: still one index to keep.
export const migration037: Migration = {
  version: 37,
  name: 'the waiting-order index of the queue holds what picking a lead filters on',
  up: `
    DROP INDEX queue_wait;
    CREATE INDEX queue_wait ON queue_state (rank, wait_at, contact_id, zone_id, voicemail_rest_until, import_id, kind) WHERE rank IS NOT NULL;
  `,
};
