import type { TeamMigration } from './index';

// Tasks and promises a desk made, one row per (desk, local id) as calls are: a push sends each as
// it is now, so a retried or repeated push updates the row, never adds another. Private to the
// desk that made them (a manager reads the floor through counts, as for calls); the lead they are
// about is named when the desk held it from the pool.
export const teamMigration002: TeamMigration = {
  version: 2,
  name: 'tasks and promises from the desks',
  sql: `
    CREATE TABLE dialdeck.tasks (
      desk_id     integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      local_id    bigint NOT NULL,
      lead_id     bigint REFERENCES dialdeck.leads (id),
      e164        text,
      kind        text NOT NULL,
      title       text NOT NULL,
      due_at      timestamptz NOT NULL,
      created_at  timestamptz NOT NULL,
      done_at     timestamptz,
      PRIMARY KEY (desk_id, local_id)
    );

    CREATE TABLE dialdeck.promises (
      desk_id     integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      local_id    bigint NOT NULL,
      lead_id     bigint REFERENCES dialdeck.leads (id),
      e164        text,
      what        text NOT NULL,
      to_whom     text NOT NULL,
      owner       text NOT NULL,
      due_at      timestamptz NOT NULL,
      created_at  timestamptz NOT NULL,
      kept_at     timestamptz,
      kept_note   text,
      broken_at   timestamptz,
      PRIMARY KEY (desk_id, local_id)
    );

    ALTER TABLE dialdeck.tasks ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.promises ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tasks_own ON dialdeck.tasks FOR ALL USING (desk_id = dialdeck.my_desk()) WITH CHECK (desk_id = dialdeck.my_desk());
    CREATE POLICY promises_own ON dialdeck.promises FOR ALL USING (desk_id = dialdeck.my_desk()) WITH CHECK (desk_id = dialdeck.my_desk());

    DO $grants$
    DECLARE
      desk_role text := current_database() || '_desk';
    BEGIN
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.tasks TO %I', desk_role);
      EXECUTE format('GRANT UPDATE (lead_id, e164, kind, title, due_at, done_at) ON dialdeck.tasks TO %I', desk_role);
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.promises TO %I', desk_role);
      EXECUTE format('GRANT UPDATE (lead_id, e164, what, to_whom, owner, due_at, kept_at, kept_note, broken_at) ON dialdeck.promises TO %I', desk_role);
    END
    $grants$;
  `,
};
