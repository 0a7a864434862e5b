import type { Migration } from './index';

// A dial the desk's phone did not take (the operating system refused the link: no softphone
// registered for it, the handler failed) stays in the log as the attempt it was, with the reason
// the system gave. It reached nobody: it takes no disposition and counts as no attempt.
export const migration007: Migration = {
  version: 7,
  name: 'dials the phone did not take',
  up: `
    ALTER TABLE calls ADD COLUMN dial_failure TEXT;
  `,
};
