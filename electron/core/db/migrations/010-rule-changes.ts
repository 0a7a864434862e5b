import type { Migration } from './index';

// Every time the desk switches a calling rule on or off, with the reason given: the settings keep
// the current choice, this keeps the history (who turned Florida off, when, and why).
export const migration010: Migration = {
  version: 10,
  name: 'rule changes: the log of calling rules switched on or off',
  up: `
    CREATE TABLE rule_changes (
      id      INTEGER PRIMARY KEY,
      rule    TEXT NOT NULL,
      on_     INTEGER NOT NULL CHECK (on_ IN (0, 1)),
      reason  TEXT NOT NULL,
      at      INTEGER NOT NULL
    ) STRICT;
  `,
};
