import type { Migration } from './index';

// Reminders that fall due during quiet hours or do-not-disturb are held, not marked as told:
// notice 'held' (notified_at set, so the timer does not wake for them again), and told once the
// quiet ends. These indexes find the held ones still open at every tick for the price of an
// empty index probe.
export const migration044: Migration = {
  version: 44,
  name: 'reminders held during quiet hours are told when they end',
  up: `
    CREATE INDEX queue_callbacks_held ON queue_state (due_at) WHERE notice = 'held';
    CREATE INDEX tasks_held ON tasks (due_at) WHERE notice = 'held';
  `,
};
