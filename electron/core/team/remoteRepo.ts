// Every statement the desk runs on the team's PostgreSQL. Row-level security does the
// gatekeeping (migrations/001-team-schema.ts): these statements are written as the desk sees the
// tables, through its own role.
import type { ClientBase } from 'pg';
import { SHARED_LEAD_FIELDS, type SharedLeadFields } from './leadFields';
import { TEAM_MIGRATIONS, type TeamMigration } from './migrations';

export interface RemoteLead extends SharedLeadFields {
  id: string;
  lease_until: Date;
  claimed_at: Date;
}

const LEAD_COLUMNS = `id, first_name, last_name, company, title, email, phone_raw, e164, extension, time_zones, tz_source, country, region, city,
  postcode, kind, line_type, jurisdictions, status, dud_reason, lease_until, claimed_at`;

/** Bring the team schema up to date, one migration per transaction, under an advisory lock so
 *  two admins running init at once apply each version once. Returns the versions applied. */
export async function migrateTeamSchema(client: ClientBase, migrations: readonly TeamMigration[] = TEAM_MIGRATIONS): Promise<number[]> {
  await client.query("SELECT pg_advisory_lock(hashtext('dialdeck.team.migrations'))");
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS dialdeck');
    await client.query('CREATE TABLE IF NOT EXISTS dialdeck.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM dialdeck.migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO dialdeck.migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('dialdeck.team.migrations'))");
  }
}

export async function teamSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query<{ found: boolean }>("SELECT to_regclass('dialdeck.migrations') IS NOT NULL AS found");
  if (!exists.rows[0]!.found) return 0;
  return (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dialdeck.migrations')).rows[0]!.v ?? 0;
}

/** The database's name, which the team's role names carry. */
export async function databaseName(client: ClientBase): Promise<string> {
  return (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
}

/** A login role for one rep, a member of the desks' group (and of the publishers' when asked).
 *  The server quotes the names and the password (format %I, %L): nothing typed is spliced. */
export async function createRepRole(client: ClientBase, role: string, password: string, canPublish: boolean): Promise<void> {
  const statements = await client.query<{ create: string; publish: string }>(
    `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, current_database() || '_desk') AS create,
            format('GRANT %I TO %I', current_database() || '_publisher', $1::text) AS publish`,
    [role, password],
  );
  const row = statements.rows[0]!;
  await client.query(row.create);
  if (canPublish) await client.query(row.publish);
}

/** Register the session's role as a desk (again: the same desk). */
export async function registerDesk(client: ClientBase, rep: string): Promise<{ deskId: number; role: string }> {
  await client.query('INSERT INTO dialdeck.desks (rep) VALUES ($1) ON CONFLICT (role_name) DO NOTHING', [rep]);
  const row = (await client.query<{ id: number; role_name: string; rep: string }>('SELECT id, role_name, rep FROM dialdeck.desks WHERE role_name = session_user')).rows[0];
  if (!row) throw new Error('not registered');
  return { deskId: row.id, role: row.role_name };
}

export async function sessionRole(client: ClientBase): Promise<string> {
  return (await client.query<{ role: string }>('SELECT session_user AS role')).rows[0]!.role;
}

export interface LeadToPublish extends SharedLeadFields {
  sourceKey: string;
}


/** Add leads to the pool in one statement (one JSON parameter); a lead already published is left
 *  as it is. Returns how many were new. */
export async function insertLeads(client: ClientBase, leads: readonly LeadToPublish[]): Promise<number> {
  if (leads.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO dialdeck.leads (source_key, ${SHARED_LEAD_FIELDS.join(', ')})
     SELECT x."sourceKey", ${SHARED_LEAD_FIELDS.map((f) => `x.${f}`).join(', ')}
     FROM json_to_recordset($1::json) AS x("sourceKey" text, ${SHARED_LEAD_FIELDS.map((f) => `${f} text`).join(', ')})
     ON CONFLICT (source_key) DO NOTHING`,
    [JSON.stringify(leads)],
  );
  return result.rowCount ?? 0;
}

export async function addRemoteDnc(client: ClientBase, e164s: readonly string[]): Promise<number> {
  if (e164s.length === 0) return 0;
  const result = await client.query('INSERT INTO dialdeck.dnc (e164) SELECT unnest($1::text[]) ON CONFLICT (e164) DO NOTHING', [e164s]);
  return result.rowCount ?? 0;
}

/** A pool lead that is a copy of one the session's desk holds (one list published by two
 *  desks: the same number, extension and name): the desk gives such a copy back (service.ts,
 *  adopt), so it does not take it again while it holds the other. */
const NOT_A_COPY_HELD_HERE = `NOT EXISTS (
  SELECT 1 FROM dialdeck.leads h
  WHERE h.claimed_by = dialdeck.my_desk() AND h.lease_until >= now() AND h.id <> leads.id AND h.e164 = leads.e164
    AND coalesce(h.extension, '') = coalesce(leads.extension, '')
    AND lower(h.first_name) = lower(leads.first_name) AND lower(h.last_name) = lower(leads.last_name))`;

/** What a claim may take, expired lease or pool: open, active, not on the team's do-not-call
 *  list, not a copy of a lead the desk holds. */
const CLAIMABLE = `closed IS NULL AND status = 'active' AND NOT EXISTS (SELECT 1 FROM dialdeck.dnc d WHERE d.e164 = leads.e164) AND ${NOT_A_COPY_HELD_HERE}`;

/** Claim up to `count` leads for the session's desk, in one transaction: leases that ran out
 *  first (their leads went back to the pool), then the pool in order. A number on the team's
 *  do-not-call list is never claimed, nor a copy of a lead the desk holds.
 *
 *  Claims take turns (an advisory lock for the transaction), and the whole claim is one round
 *  trip, so the turn lasts the server's few milliseconds of work, not the network's. Taken at
 *  once, 50 desks' claims read the pool's head on snapshots older than each other's commits:
 *  each then locked rows another had just claimed to re-check them, and waited on one another
 *  "while locking updated version of tuple" (SKIP LOCKED does not skip that wait), up to ~55 s
 *  in the team bench, into the 60 s statement timeout. A claim that still waits `lockWaitMs` for
 *  its turn or a row gives up (55P03), nothing claimed, and is run again (service.ts). SKIP
 *  LOCKED stays for the rows a desk's push or release holds. */
export async function claimLeads(client: ClientBase, count: number, leaseMs: number, lockWaitMs: number): Promise<RemoteLead[]> {
  // Written into the statement (one round trip is a simple query, which takes no parameters):
  // whole numbers only.
  for (const [name, value] of [['count', count], ['leaseMs', leaseMs], ['lockWaitMs', lockWaitMs]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`claimLeads: ${name} must be a whole number of at least 0, not ${String(value)}`);
  }
  try {
    const results = (await client.query(
      `BEGIN;
       SELECT set_config('lock_timeout', '${lockWaitMs}ms', true);
       SELECT pg_advisory_xact_lock(hashtext('dialdeck.claim'));
       WITH expired AS (
         SELECT id FROM dialdeck.leads WHERE claimed_by IS NOT NULL AND lease_until < now() AND ${CLAIMABLE}
         ORDER BY lease_until LIMIT ${count} FOR UPDATE SKIP LOCKED),
       fresh AS (
         SELECT id FROM dialdeck.leads WHERE claimed_by IS NULL AND ${CLAIMABLE}
         ORDER BY id LIMIT (SELECT ${count} - count(*) FROM expired) FOR UPDATE SKIP LOCKED)
       UPDATE dialdeck.leads SET claimed_by = dialdeck.my_desk(), claimed_at = now(), lease_until = now() + ${leaseMs} * interval '1 millisecond'
       WHERE id IN (SELECT id FROM expired UNION ALL SELECT id FROM fresh) RETURNING ${LEAD_COLUMNS};
       COMMIT`,
    )) as unknown as { rows: RemoteLead[] }[];
    return results[3]!.rows;
  } catch (error) {
    // Aborted part way (a lock waited too long, the server refused): nothing of it stays.
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The leads the desk still holds, with their lease, renewing each lease that has used up more
 *  than a tenth of its length (a desk syncing every minute rewrites each lease a few times a
 *  day, not every minute). A lead the desk closed stays its own, not lost. A lease that ran out
 *  is neither renewed nor returned: its lead went back to the pool at that instant. */
export async function renewLeases(client: ClientBase, leaseMs: number): Promise<{ id: string; lease_until: Date }[]> {
  return (
    await client.query<{ id: string; lease_until: Date }>(
      `WITH renewed AS (
         UPDATE dialdeck.leads SET lease_until = now() + $1 * interval '1 millisecond'
         WHERE claimed_by = dialdeck.my_desk() AND lease_until >= now() AND lease_until < now() + $1 * 0.9 * interval '1 millisecond'
         RETURNING id, lease_until)
       SELECT id, lease_until FROM renewed
       UNION ALL
       SELECT id, lease_until FROM dialdeck.leads WHERE claimed_by = dialdeck.my_desk() AND lease_until >= now() + $1 * 0.9 * interval '1 millisecond'`,
      [leaseMs],
    )
  ).rows;
}

export async function leadsById(client: ClientBase, ids: readonly string[]): Promise<RemoteLead[]> {
  return (await client.query<RemoteLead>(`SELECT ${LEAD_COLUMNS} FROM dialdeck.leads WHERE id = ANY($1::bigint[]) AND claimed_by = dialdeck.my_desk()`, [ids])).rows;
}

/** Give these leads back to the pool, if this desk still holds them; returns the ones given. */
export async function releaseLeads(client: ClientBase, leadIds: readonly number[]): Promise<Set<number>> {
  const result = await client.query<{ id: string }>(
    'UPDATE dialdeck.leads SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL WHERE id = ANY($1::bigint[]) AND claimed_by = dialdeck.my_desk() RETURNING id',
    [leadIds],
  );
  return new Set(result.rows.map((r) => Number(r.id)));
}

/** Inside the push's transaction: mark these outbox entries applied; returns the ones that were
 *  not applied before (a retried push skips the rest). */
export async function markApplied(client: ClientBase, outboxIds: readonly number[]): Promise<Set<number>> {
  const result = await client.query<{ outbox_id: string }>(
    'INSERT INTO dialdeck.outbox_applied (outbox_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING RETURNING outbox_id',
    [outboxIds],
  );
  return new Set(result.rows.map((r) => Number(r.outbox_id)));
}

/** Which of these leads the session's desk holds now, locked for the push's transaction. */
export async function heldLeads(client: ClientBase, leadIds: readonly number[]): Promise<Set<number>> {
  if (leadIds.length === 0) return new Set();
  const result = await client.query<{ id: string }>(
    'SELECT id FROM dialdeck.leads WHERE id = ANY($1::bigint[]) AND claimed_by = dialdeck.my_desk() AND lease_until >= now() FOR UPDATE',
    [leadIds],
  );
  return new Set(result.rows.map((r) => Number(r.id)));
}

export interface PushedCall {
  localId: number;
  leadId: number | null;
  e164: string;
  dialedAt: string;
  endedAt: string | null;
  outcome: string | null;
  conflict: string | null;
  notes: string;
}

/** Calls by (desk, local id): each added once, brought up to date when pushed again; one
 *  statement for the batch, and one for their private notes. */
export async function upsertCalls(client: ClientBase, calls: readonly PushedCall[]): Promise<void> {
  if (calls.length === 0) return;
  await client.query(
    `INSERT INTO dialdeck.calls (local_id, lead_id, e164, dialed_at, ended_at, outcome, conflict)
     SELECT x."localId", x."leadId", x.e164, x."dialedAt", x."endedAt", x.outcome, x.conflict
     FROM json_to_recordset($1::json) AS x("localId" bigint, "leadId" bigint, e164 text, "dialedAt" timestamptz, "endedAt" timestamptz, outcome text, conflict text)
     ON CONFLICT (desk_id, local_id) DO UPDATE SET
       ended_at = excluded.ended_at, outcome = excluded.outcome, pushed_xid = pg_current_xact_id(),
       conflict = coalesce(dialdeck.calls.conflict, excluded.conflict)`,
    [JSON.stringify(calls)],
  );
  const notes = calls.filter((c) => c.notes !== '').map((c) => ({ localId: c.localId, text: c.notes }));
  if (notes.length === 0) return;
  await client.query(
    `INSERT INTO dialdeck.private_notes (local_call_id, text)
     SELECT x."localId", x.text FROM json_to_recordset($1::json) AS x("localId" bigint, text text)
     ON CONFLICT (desk_id, local_call_id) DO UPDATE SET text = excluded.text`,
    [JSON.stringify(notes)],
  );
}

export interface PushedTask {
  localId: number;
  leadId: number | null;
  e164: string | null;
  kind: string;
  title: string;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
}

/** Tasks by (desk, local id): added once, brought up to date when pushed again. One statement. */
export async function upsertTasks(client: ClientBase, tasks: readonly PushedTask[]): Promise<void> {
  if (tasks.length === 0) return;
  await client.query(
    `INSERT INTO dialdeck.tasks (local_id, lead_id, e164, kind, title, due_at, created_at, done_at)
     SELECT x."localId", x."leadId", x.e164, x.kind, x.title, x."dueAt", x."createdAt", x."doneAt"
     FROM json_to_recordset($1::json) AS x("localId" bigint, "leadId" bigint, e164 text, kind text, title text, "dueAt" timestamptz, "createdAt" timestamptz, "doneAt" timestamptz)
     ON CONFLICT (desk_id, local_id) DO UPDATE SET
       lead_id = excluded.lead_id, e164 = excluded.e164, kind = excluded.kind, title = excluded.title, due_at = excluded.due_at, done_at = excluded.done_at`,
    [JSON.stringify(tasks)],
  );
}

export interface PushedPromise {
  localId: number;
  leadId: number | null;
  e164: string | null;
  what: string;
  toWhom: string;
  owner: string;
  dueAt: string;
  createdAt: string;
  keptAt: string | null;
  keptNote: string | null;
  brokenAt: string | null;
}

export async function upsertPromises(client: ClientBase, promises: readonly PushedPromise[]): Promise<void> {
  if (promises.length === 0) return;
  await client.query(
    `INSERT INTO dialdeck.promises (local_id, lead_id, e164, what, to_whom, owner, due_at, created_at, kept_at, kept_note, broken_at)
     SELECT x."localId", x."leadId", x.e164, x.what, x."toWhom", x.owner, x."dueAt", x."createdAt", x."keptAt", x."keptNote", x."brokenAt"
     FROM json_to_recordset($1::json) AS x("localId" bigint, "leadId" bigint, e164 text, what text, "toWhom" text, owner text, "dueAt" timestamptz,
                                           "createdAt" timestamptz, "keptAt" timestamptz, "keptNote" text, "brokenAt" timestamptz)
     ON CONFLICT (desk_id, local_id) DO UPDATE SET
       lead_id = excluded.lead_id, e164 = excluded.e164, what = excluded.what, to_whom = excluded.to_whom, owner = excluded.owner,
       due_at = excluded.due_at, kept_at = excluded.kept_at, kept_note = excluded.kept_note, broken_at = excluded.broken_at`,
    [JSON.stringify(promises)],
  );
}

/** What the holder's calls did to their leads: the last outcome, and closed when an outcome
 *  ends the lead. One row per lead (its latest call in the batch). */
export async function recordLeadOutcomes(client: ClientBase, outcomes: readonly { leadId: number; outcome: string; at: string; closed: string | null }[]): Promise<void> {
  if (outcomes.length === 0) return;
  await client.query(
    `UPDATE dialdeck.leads l SET last_outcome = x.outcome, last_called_at = greatest(l.last_called_at, x.at), closed = coalesce(x.closed, l.closed)
     FROM json_to_recordset($1::json) AS x("leadId" bigint, outcome text, at timestamptz, closed text) WHERE l.id = x."leadId"`,
    [JSON.stringify(outcomes)],
  );
}

export async function recordLeadStatus(client: ClientBase, leadId: number, status: string, dudReason: string | null): Promise<void> {
  await client.query('UPDATE dialdeck.leads SET status = $2, dud_reason = $3 WHERE id = $1', [leadId, status, dudReason]);
}

/** The team's do-not-call numbers added by transactions this desk may not have seen, and the
 *  cursor for next time: every transaction before the snapshot's xmin has ended, so nothing
 *  older can still appear. Rows between are read again next time, which changes nothing. */
export async function dncSince(client: ClientBase, cursor: string): Promise<{ numbers: { e164: string; added_at: Date }[]; cursor: string }> {
  const next = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0]!.xmin;
  const rows = (await client.query<{ e164: string; added_at: Date }>('SELECT e164, added_at FROM dialdeck.dnc WHERE added_xid >= $1::text::xid8 ORDER BY added_xid', [cursor])).rows;
  return { numbers: rows, cursor: next };
}

/** Since the cursor (as for the do-not-call list): calls by other desks on the leads this desk
 *  holds, and this desk's own calls the server kept as conflicts (its lease was lost). */
export async function callsSince(client: ClientBase, cursor: string) {
  const next = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0]!.xmin;
  const others = (
    await client.query<{ id: string; lead_id: string; rep: string; dialed_at: Date; outcome: string | null }>(
      `SELECT c.id, c.lead_id, d.rep, c.dialed_at, c.outcome FROM dialdeck.calls c JOIN dialdeck.desks d ON d.id = c.desk_id
       WHERE c.desk_id <> dialdeck.my_desk() AND c.pushed_xid >= $1::text::xid8
         AND c.lead_id IN (SELECT id FROM dialdeck.leads WHERE claimed_by = dialdeck.my_desk())`,
      [cursor],
    )
  ).rows;
  const conflicts = (
    await client.query<{ local_id: string; lead_id: string | null; conflict: string }>(
      'SELECT local_id, lead_id, conflict FROM dialdeck.calls WHERE desk_id = dialdeck.my_desk() AND conflict IS NOT NULL AND pushed_xid >= $1::text::xid8',
      [cursor],
    )
  ).rows;
  return { others, conflicts, cursor: next };
}

export async function markDeskSynced(client: ClientBase): Promise<void> {
  await client.query('UPDATE dialdeck.desks SET last_sync_at = now() WHERE role_name = session_user');
}

export interface FloorStatsRow {
  rep: string;
  dials: string;
  conversations: string;
  advances: string;
  conversions: string;
  conflicts: string;
}

export async function floorStats(client: ClientBase, from: Date, to: Date): Promise<FloorStatsRow[]> {
  return (await client.query<FloorStatsRow>('SELECT * FROM dialdeck.floor_stats($1, $2)', [from, to])).rows;
}

export async function holdings(client: ClientBase): Promise<{ rep: string; held: string; next_expiry: Date | null }[]> {
  return (await client.query<{ rep: string; held: string; next_expiry: Date | null }>('SELECT * FROM dialdeck.holdings()')).rows;
}

export async function poolSize(client: ClientBase): Promise<number> {
  return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM dialdeck.leads WHERE claimed_by IS NULL AND closed IS NULL AND status = 'active'")).rows[0]!.n);
}
