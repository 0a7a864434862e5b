import type { TeamMigration } from './index';

// The team's shared database: the desks, the pool of leads with who holds each and until when,
// the do-not-call list, every desk's calls, and each desk's private notes. Every desk logs in as
// its own role, a member of "<database>_desk"; row-level security keys every row to the desk
// whose login role is the session's (dialdeck.my_desk()):
// - leads: a desk sees the pool (unclaimed, or a lease run out) and its own claims, never what
//   another desk holds now; it may only set itself (or nobody) as the holder;
// - dnc: everyone reads it; a desk only adds, under its own name (no UPDATE or DELETE is granted:
//   the list only grows);
// - calls: a desk writes only its own; it reads its own and those on leads it holds now (what
//   others did before it);
// - private_notes and the push ledger: the desk's own rows only.
// The floor's numbers come from dialdeck.floor_stats(), which returns counts, never rows.
// Role names carry the database's name: roles are cluster-wide, a team's tables are not.
export const teamMigration001: TeamMigration = {
  version: 1,
  name: 'desks, pool and leases, do-not-call, calls, private notes, row-level security',
  sql: `
    CREATE TABLE dialdeck.desks (
      id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      rep           text NOT NULL UNIQUE,
      role_name     name NOT NULL UNIQUE DEFAULT session_user,
      joined_at     timestamptz NOT NULL DEFAULT now(),
      last_sync_at  timestamptz
    );

    CREATE FUNCTION dialdeck.my_desk() RETURNS integer
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$ SELECT id FROM dialdeck.desks WHERE role_name = session_user $$;

    CREATE TABLE dialdeck.leads (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- Publishing the same lead twice adds nothing: "<publishing role>:<its contact id>".
      source_key      text NOT NULL UNIQUE,
      published_by    integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      published_at    timestamptz NOT NULL DEFAULT now(),
      first_name      text NOT NULL DEFAULT '',
      last_name       text NOT NULL DEFAULT '',
      company         text NOT NULL DEFAULT '',
      title           text NOT NULL DEFAULT '',
      email           text NOT NULL DEFAULT '',
      phone_raw       text NOT NULL DEFAULT '',
      e164            text,
      extension       text,
      time_zones      text NOT NULL DEFAULT '',
      tz_source       text NOT NULL DEFAULT 'default',
      country         text NOT NULL DEFAULT '',
      region          text NOT NULL DEFAULT '',
      city            text NOT NULL DEFAULT '',
      postcode        text NOT NULL DEFAULT '',
      kind            text NOT NULL DEFAULT 'outbound',
      line_type       text NOT NULL DEFAULT 'business',
      jurisdictions   text NOT NULL DEFAULT '',
      status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dud')),
      dud_reason      text,
      closed          text,
      last_outcome    text,
      last_called_at  timestamptz,
      claimed_by      integer REFERENCES dialdeck.desks (id),
      claimed_at      timestamptz,
      lease_until     timestamptz,
      CHECK ((claimed_by IS NULL) = (lease_until IS NULL))
    );
    -- The pool in claiming order, and the leases by expiry: a claim reads a few index entries,
    -- never the whole table.
    CREATE INDEX leads_pool ON dialdeck.leads (id) WHERE claimed_by IS NULL AND closed IS NULL AND status = 'active';
    CREATE INDEX leads_by_lease ON dialdeck.leads (lease_until) WHERE claimed_by IS NOT NULL AND closed IS NULL;
    CREATE INDEX leads_by_holder ON dialdeck.leads (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE INDEX leads_by_e164 ON dialdeck.leads (e164);

    CREATE TABLE dialdeck.dnc (
      e164       text PRIMARY KEY,
      added_at   timestamptz NOT NULL DEFAULT now(),
      added_by   integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      -- The adding transaction: a desk pulls what it has not seen by transaction, not by a
      -- sequence, since a sequence number taken early can commit after a later one.
      added_xid  xid8 NOT NULL DEFAULT pg_current_xact_id()
    );
    CREATE INDEX dnc_by_xid ON dialdeck.dnc (added_xid);

    CREATE TABLE dialdeck.calls (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id      integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      -- The desk's own calls.id: pushing the same call again updates it, never adds another.
      local_id     bigint NOT NULL,
      lead_id      bigint REFERENCES dialdeck.leads (id),
      e164         text NOT NULL,
      dialed_at    timestamptz NOT NULL,
      ended_at     timestamptz,
      outcome      text,
      -- Why this call did not change its lead (the desk had lost the lead's lease), or null.
      conflict     text,
      pushed_xid   xid8 NOT NULL DEFAULT pg_current_xact_id(),
      UNIQUE (desk_id, local_id)
    );
    CREATE INDEX calls_by_lead ON dialdeck.calls (lead_id, pushed_xid);
    CREATE INDEX calls_by_time ON dialdeck.calls (dialed_at);

    CREATE TABLE dialdeck.private_notes (
      desk_id        integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      local_call_id  bigint NOT NULL,
      text           text NOT NULL,
      PRIMARY KEY (desk_id, local_call_id)
    );

    -- Which outbox entries of each desk are applied: a retried push applies nothing twice.
    CREATE TABLE dialdeck.outbox_applied (
      desk_id     integer NOT NULL REFERENCES dialdeck.desks (id) DEFAULT dialdeck.my_desk(),
      outbox_id   bigint NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (desk_id, outbox_id)
    );

    ALTER TABLE dialdeck.desks ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.leads ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.dnc ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.calls ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.private_notes ENABLE ROW LEVEL SECURITY;
    ALTER TABLE dialdeck.outbox_applied ENABLE ROW LEVEL SECURITY;

    CREATE POLICY desks_read ON dialdeck.desks FOR SELECT USING (true);
    CREATE POLICY desks_join ON dialdeck.desks FOR INSERT WITH CHECK (role_name = session_user);
    CREATE POLICY desks_own ON dialdeck.desks FOR UPDATE USING (role_name = session_user) WITH CHECK (role_name = session_user);

    CREATE POLICY leads_read ON dialdeck.leads FOR SELECT
      USING (claimed_by IS NULL OR claimed_by = dialdeck.my_desk() OR lease_until < now());
    CREATE POLICY leads_claim ON dialdeck.leads FOR UPDATE
      USING (claimed_by IS NULL OR claimed_by = dialdeck.my_desk() OR lease_until < now())
      WITH CHECK (claimed_by IS NULL OR claimed_by = dialdeck.my_desk());
    CREATE POLICY leads_publish ON dialdeck.leads FOR INSERT WITH CHECK (published_by = dialdeck.my_desk() AND claimed_by IS NULL);

    CREATE POLICY dnc_read ON dialdeck.dnc FOR SELECT USING (true);
    CREATE POLICY dnc_add ON dialdeck.dnc FOR INSERT WITH CHECK (added_by = dialdeck.my_desk());

    CREATE POLICY calls_read ON dialdeck.calls FOR SELECT
      USING (desk_id = dialdeck.my_desk() OR lead_id IN (SELECT id FROM dialdeck.leads WHERE claimed_by = dialdeck.my_desk()));
    CREATE POLICY calls_add ON dialdeck.calls FOR INSERT WITH CHECK (desk_id = dialdeck.my_desk());
    CREATE POLICY calls_own ON dialdeck.calls FOR UPDATE USING (desk_id = dialdeck.my_desk()) WITH CHECK (desk_id = dialdeck.my_desk());

    CREATE POLICY notes_own ON dialdeck.private_notes FOR ALL USING (desk_id = dialdeck.my_desk()) WITH CHECK (desk_id = dialdeck.my_desk());
    CREATE POLICY applied_own ON dialdeck.outbox_applied FOR ALL USING (desk_id = dialdeck.my_desk()) WITH CHECK (desk_id = dialdeck.my_desk());

    -- The measure's totals per rep over [from, to): counts only, so every desk may see the floor.
    CREATE FUNCTION dialdeck.floor_stats(from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (rep text, dials bigint, conversations bigint, advances bigint, conversions bigint, conflicts bigint)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT d.rep,
               count(c.id),
               count(c.id) FILTER (WHERE c.outcome IN ('conversation', 'advance', 'conversion', 'not_interested', 'callback_requested')),
               count(c.id) FILTER (WHERE c.outcome IN ('advance', 'conversion')),
               count(c.id) FILTER (WHERE c.outcome = 'conversion'),
               count(c.id) FILTER (WHERE c.conflict IS NOT NULL)
        FROM dialdeck.desks d
        LEFT JOIN dialdeck.calls c ON c.desk_id = d.id AND c.dialed_at >= from_at AND c.dialed_at < to_at
        GROUP BY d.rep ORDER BY d.rep
      $$;

    -- Who holds how many leads now, for the manager's view.
    CREATE FUNCTION dialdeck.holdings()
      RETURNS TABLE (rep text, held bigint, next_expiry timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT d.rep, count(l.id), min(l.lease_until)
        FROM dialdeck.desks d
        LEFT JOIN dialdeck.leads l ON l.claimed_by = d.id AND l.lease_until >= now() AND l.closed IS NULL
        GROUP BY d.rep ORDER BY d.rep
      $$;

    DO $grants$
    DECLARE
      desk_role text := current_database() || '_desk';
      publisher_role text := current_database() || '_publisher';
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = desk_role) THEN EXECUTE format('CREATE ROLE %I NOLOGIN', desk_role); END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = publisher_role) THEN EXECUTE format('CREATE ROLE %I NOLOGIN IN ROLE %I', publisher_role, desk_role); END IF;
      EXECUTE format('REVOKE ALL ON SCHEMA dialdeck FROM PUBLIC');
      EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dialdeck FROM PUBLIC');
      EXECUTE format('GRANT USAGE ON SCHEMA dialdeck TO %I', desk_role);
      EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA dialdeck TO %I', desk_role);
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.desks TO %I', desk_role);
      EXECUTE format('GRANT UPDATE (last_sync_at) ON dialdeck.desks TO %I', desk_role);
      EXECUTE format('GRANT SELECT ON dialdeck.leads TO %I', desk_role);
      EXECUTE format('GRANT UPDATE (claimed_by, claimed_at, lease_until, closed, last_outcome, last_called_at, status, dud_reason) ON dialdeck.leads TO %I', desk_role);
      EXECUTE format('GRANT INSERT ON dialdeck.leads TO %I', publisher_role);
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.dnc TO %I', desk_role);
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.calls TO %I', desk_role);
      EXECUTE format('GRANT UPDATE (lead_id, ended_at, outcome, conflict, pushed_xid) ON dialdeck.calls TO %I', desk_role);
      EXECUTE format('GRANT SELECT, INSERT, UPDATE ON dialdeck.private_notes TO %I', desk_role);
      EXECUTE format('GRANT SELECT, INSERT ON dialdeck.outbox_applied TO %I', desk_role);
      EXECUTE format('GRANT SELECT ON dialdeck.migrations TO %I', desk_role);
    END
    $grants$;
  `,
};
