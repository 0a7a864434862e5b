import type { Migration } from './index';

// Follow-through, part one: email templates (one per situation, starters shipped, editable beside
// the scripts), every email the rep marked sent (the lead's timeline, and what the follow-up call
// counts its business days from), and on each email task the situation its template is chosen by.
// A task's snooze moves its due time; the time it first fell due is kept beside it.
export const migration016: Migration = {
  version: 16,
  name: 'follow-through: email templates, sent emails, email tasks by situation',
  up: `
    CREATE TABLE email_templates (
      id           INTEGER PRIMARY KEY,
      name         TEXT NOT NULL,
      situation    TEXT NOT NULL CHECK (situation IN ('after_voicemail', 'confirm_conversation', 'after_complaint', 'proposal_follow_up')),
      subject      TEXT NOT NULL,
      body         TEXT NOT NULL,
      starter_key  TEXT UNIQUE,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE emails (
      id                 INTEGER PRIMARY KEY,
      contact_id         INTEGER NOT NULL REFERENCES contacts (id),
      task_id            INTEGER REFERENCES tasks (id),
      template_id        INTEGER REFERENCES email_templates (id) ON DELETE SET NULL,
      situation          TEXT NOT NULL,
      to_address         TEXT NOT NULL,
      subject            TEXT NOT NULL,
      sent_at            INTEGER NOT NULL,
      follow_up_task_id  INTEGER REFERENCES tasks (id)
    ) STRICT;
    CREATE INDEX emails_by_contact ON emails (contact_id, sent_at);

    ALTER TABLE tasks ADD COLUMN email_situation TEXT CHECK (email_situation IN ('after_voicemail', 'confirm_conversation', 'after_complaint', 'proposal_follow_up'));
    ALTER TABLE tasks ADD COLUMN first_due_at INTEGER;
    CREATE INDEX tasks_by_contact_due ON tasks (contact_id, due_at);

    -- The email task a voicemail left before this version asked for the voicemail email.
    UPDATE tasks SET email_situation = 'after_voicemail' WHERE kind = 'email' AND email_situation IS NULL;
  `,
};
