// The desk's side of team mode, in its own SQLite file: the link to the team, the outbox the
// triggers of migration 021 fill, the leads it holds from the pool, conflicts and what other
// desks did on its leads.
import type { Database } from 'better-sqlite3';
import type { Outcome } from '../../../shared/domain/dispositions';
import type { SharedLeadFields } from './leadFields';
import { scalar, statement } from '../db/sql';

export interface TeamLinkRow {
  rep: string;
  role_name: string;
  desk_id: number;
  joined_at: number;
  lease_ms: number;
  last_sync_at: number | null;
  last_sync_error: string | null;
  dnc_cursor: string;
  calls_cursor: string;
}

export interface OutboxRow {
  id: number;
  kind: 'call' | 'dnc' | 'lead_status' | 'task' | 'promise';
  ref: string;
  queued_at: number;
}

/** A call as it is pushed: the local row with the team lead it was on, if any. */
export interface CallToPush {
  id: number;
  contact_id: number;
  number: string;
  dialed_at: number;
  ended_at: number | null;
  outcome: string | null;
  notes: string;
  lead_id: number | null;
}

export interface ClaimRow {
  contact_id: number;
  lead_id: number;
  claimed_at: number;
  lease_until: number;
  lost_at: number | null;
}

export interface ConflictRow {
  call_id: number;
  contact_id: number;
  lead_id: number | null;
  reason: string;
  found_at: number;
  outcome: Outcome | null;
  dialed_at: number;
  name: string;
}

const linkRow = statement<TeamLinkRow>('SELECT rep, role_name, desk_id, joined_at, lease_ms, last_sync_at, last_sync_error, dnc_cursor, calls_cursor FROM team_link WHERE id = 1');
const writeLink = statement<never, { rep: string; role: string; deskId: number; at: number; leaseMs: number }>(
  `INSERT INTO team_link (id, rep, role_name, desk_id, joined_at, lease_ms) VALUES (1, @rep, @role, @deskId, @at, @leaseMs)
   ON CONFLICT (id) DO UPDATE SET rep = excluded.rep, role_name = excluded.role_name, desk_id = excluded.desk_id, lease_ms = excluded.lease_ms,
     dnc_cursor = '0', calls_cursor = '0'`,
);
const queueEveryDnc = statement<never>("INSERT INTO team_outbox (kind, ref, queued_at) SELECT 'dnc', e164, added_at FROM dnc WHERE source <> 'team' ORDER BY added_at, e164");
const outboxBatch = statement<OutboxRow, [afterId: number, limit: number]>('SELECT id, kind, ref, queued_at FROM team_outbox WHERE id > ? ORDER BY id LIMIT ?');
const outboxCount = scalar<number>('SELECT count(*) FROM team_outbox');
const outboxDncBatch = statement<OutboxRow, [afterId: number, limit: number]>("SELECT id, kind, ref, queued_at FROM team_outbox WHERE kind = 'dnc' AND id > ? ORDER BY id LIMIT ?");
const dropOutboxUpTo = statement<never, [lastId: number, keep: string]>('DELETE FROM team_outbox WHERE id <= ? AND id NOT IN (SELECT value FROM json_each(?))');
const dropOutboxIds = statement<never, [ids: string]>('DELETE FROM team_outbox WHERE id IN (SELECT value FROM json_each(?))');
const callToPush = statement<CallToPush, [callId: number]>(
  `SELECT c.id, c.contact_id, c.number, c.dialed_at, c.ended_at, c.outcome, c.notes, t.lead_id
   FROM calls c LEFT JOIN team_claims t ON t.contact_id = c.contact_id WHERE c.id = ?`,
);
const contactStatus = statement<{ status: string; dud_reason: string | null; lead_id: number }, [contactId: number]>(
  'SELECT c.status, c.dud_reason, t.lead_id FROM contacts c JOIN team_claims t ON t.contact_id = c.id WHERE c.id = ?',
);
const writeSyncDone = statement<never, { at: number; dncCursor: string; callsCursor: string }>(
  'UPDATE team_link SET last_sync_at = @at, last_sync_error = NULL, dnc_cursor = @dncCursor, calls_cursor = @callsCursor WHERE id = 1',
);
const writeSyncError = statement<never, [error: string]>('UPDATE team_link SET last_sync_error = ? WHERE id = 1');
const claimByLead = statement<ClaimRow, [leadId: number]>('SELECT contact_id, lead_id, claimed_at, lease_until, lost_at FROM team_claims WHERE lead_id = ?');
const claimByContact = statement<ClaimRow, [contactId: number]>('SELECT contact_id, lead_id, claimed_at, lease_until, lost_at FROM team_claims WHERE contact_id = ?');
const heldClaims = statement<ClaimRow>('SELECT contact_id, lead_id, claimed_at, lease_until, lost_at FROM team_claims WHERE lost_at IS NULL ORDER BY lead_id');
const putClaim = statement<never, { contactId: number; leadId: number; at: number; leaseUntil: number }>(
  `INSERT INTO team_claims (contact_id, lead_id, claimed_at, lease_until) VALUES (@contactId, @leadId, @at, @leaseUntil)
   ON CONFLICT (lead_id) DO UPDATE SET lease_until = excluded.lease_until, claimed_at = excluded.claimed_at, lost_at = NULL`,
);
const renewClaim = statement<never, [leaseUntil: number, leadId: number]>('UPDATE team_claims SET lease_until = ? WHERE lead_id = ? AND lost_at IS NULL');
const loseClaim = statement<never, [at: number, leadId: number]>('UPDATE team_claims SET lost_at = ? WHERE lead_id = ? AND lost_at IS NULL');
const heldCount = scalar<number>('SELECT count(*) FROM team_claims WHERE lost_at IS NULL');
const addConflict = statement<never, { callId: number; contactId: number; leadId: number | null; reason: string; at: number }>(
  'INSERT INTO team_conflicts (call_id, contact_id, lead_id, reason, found_at) VALUES (@callId, @contactId, @leadId, @reason, @at) ON CONFLICT (call_id) DO NOTHING',
);
const allConflicts = statement<ConflictRow>(
  `SELECT x.call_id, x.contact_id, x.lead_id, x.reason, x.found_at, c.outcome, c.dialed_at,
          trim(k.first_name || ' ' || k.last_name) AS name
   FROM team_conflicts x JOIN calls c ON c.id = x.call_id JOIN contacts k ON k.id = x.contact_id ORDER BY x.id`,
);
const addRemoteCall = statement<never, { remoteId: number; leadId: number; rep: string; dialedAt: number; outcome: string | null }>(
  `INSERT INTO team_remote_calls (remote_id, lead_id, rep, dialed_at, outcome) VALUES (@remoteId, @leadId, @rep, @dialedAt, @outcome)
   ON CONFLICT (remote_id) DO UPDATE SET outcome = excluded.outcome`,
);
const insertTeamDnc = statement<never, [e164: string, at: number]>("INSERT INTO dnc (e164, added_at, source) VALUES (?, ?, 'team') ON CONFLICT (e164) DO NOTHING");
const contactsOfImport = statement<PublishableContact, { importId: number | null }>(
  `SELECT c.id, c.first_name, c.last_name, c.company, c.title, c.email, c.phone_raw, c.e164, c.extension, c.time_zones, c.tz_source,
          c.country, c.region, c.city, c.postcode, c.kind, c.line_type, c.jurisdictions, c.status, c.dud_reason,
          EXISTS (SELECT 1 FROM dnc d WHERE d.e164 = c.e164) AS do_not_call
   FROM contacts c
   WHERE (@importId IS NULL OR c.import_id = @importId) AND c.id NOT IN (SELECT contact_id FROM team_claims)
     -- A lead this desk has closed (a customer now, not interested, removed, do not call) is not
     -- the pool's to call: published, another rep would claim and call it.
     AND c.id NOT IN (SELECT contact_id FROM queue_state WHERE closed IS NOT NULL)
   ORDER BY c.id`,
);
const tasksToPush = statement<TaskToPush, [ids: string]>(
  `SELECT t.id, t.kind, t.title, t.due_at, t.created_at, t.done_at, k.e164, c.lead_id
   FROM tasks t JOIN contacts k ON k.id = t.contact_id LEFT JOIN team_claims c ON c.contact_id = t.contact_id
   WHERE t.id IN (SELECT value FROM json_each(?))`,
);
const promisesToPush = statement<PromiseToPush, [ids: string]>(
  `SELECT p.id, p.what, p.to_whom, p.owner, p.due_at, p.created_at, p.kept_at, p.kept_note, p.broken_at, k.e164, c.lead_id
   FROM promises p JOIN contacts k ON k.id = p.contact_id LEFT JOIN team_claims c ON c.contact_id = p.contact_id
   WHERE p.id IN (SELECT value FROM json_each(?))`,
);
// Open: the lead is still to be called here (its queue row neither closed nor blocked).
const OPEN_CLAIM = 'q.closed IS NULL AND q.blocked IS NULL';
const screenClaims = statement<ClaimOnScreen>(
  `SELECT t.lead_id, t.contact_id, t.lease_until, k.e164,
          coalesce(nullif(trim(k.first_name || ' ' || k.last_name), ''), k.company) AS name,
          (q.contact_id IS NOT NULL AND ${OPEN_CLAIM}) AS open
   FROM team_claims t JOIN contacts k ON k.id = t.contact_id LEFT JOIN queue_state q ON q.contact_id = t.contact_id
   WHERE t.lost_at IS NULL ORDER BY t.claimed_at, t.lead_id LIMIT 1000`,
);
const openClaimCount = scalar<number>(`SELECT count(*) FROM team_claims t JOIN queue_state q ON q.contact_id = t.contact_id WHERE t.lost_at IS NULL AND ${OPEN_CLAIM}`);
const notCalledClaims = statement<ClaimRow>(
  `SELECT t.contact_id, t.lead_id, t.claimed_at, t.lease_until, t.lost_at FROM team_claims t JOIN queue_state q ON q.contact_id = t.contact_id
   WHERE t.lost_at IS NULL AND ${OPEN_CLAIM} AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.contact_id = t.contact_id)
   ORDER BY t.lead_id`,
);
const newestDncEntry = scalar<number | null>("SELECT max(id) FROM team_outbox WHERE kind = 'dnc'");
const importExists = scalar<number, [importId: number]>('SELECT 1 FROM imports WHERE id = ?');

/** A task as it is pushed: the local row, its lead's number and the team lead, if held. */
export interface TaskToPush {
  id: number;
  kind: string;
  title: string;
  due_at: number;
  created_at: number;
  done_at: number | null;
  e164: string | null;
  lead_id: number | null;
}

export interface PromiseToPush {
  id: number;
  what: string;
  to_whom: string;
  owner: string;
  due_at: number;
  created_at: number;
  kept_at: number | null;
  kept_note: string | null;
  broken_at: number | null;
  e164: string | null;
  lead_id: number | null;
}

export interface ClaimOnScreen {
  lead_id: number;
  contact_id: number;
  lease_until: number;
  e164: string | null;
  name: string;
  open: 0 | 1;
}

export interface PublishableContact extends SharedLeadFields {
  id: number;
  do_not_call: 0 | 1;
}

export function getTeamLink(db: Database): TeamLinkRow | undefined {
  return linkRow(db).get();
}

/** Record the team this desk joined; the do-not-call numbers it has of its own are queued for
 *  the team's list (it only grows: a desk's own list joins everyone's). At every join, not only
 *  the first: the URL may name another server (the team's database moved to a new one by a dump
 *  and restore, or is a new one), which may not have them, and whose transaction ids, which the
 *  pull's cursors count in, start again from low. So the cursors start again from the beginning
 *  too; pulling what the desk already has changes nothing, and the server takes a number it has
 *  already as nothing new. */
export function linkTeam(db: Database, link: { rep: string; role: string; deskId: number; at: number; leaseMs: number }): void {
  writeLink(db).run(link);
  queueEveryDnc(db).run();
}

export function outboxEntries(db: Database, afterId: number, limit: number): OutboxRow[] {
  return outboxBatch(db).all(afterId, limit);
}

export function outboxSize(db: Database): number {
  return outboxCount(db).get()!;
}

/** The do-not-call entries waiting, in order: pushed before anything else. */
export function outboxDncEntries(db: Database, afterId: number, limit: number): OutboxRow[] {
  return outboxDncBatch(db).all(afterId, limit);
}

/** The server has applied every entry up to lastId but those in `keep` (it refused them: they
 *  stay, to be tried again). */
export function dropPushed(db: Database, lastId: number, keep: readonly number[] = []): void {
  dropOutboxUpTo(db).run(lastId, JSON.stringify(keep));
}

/** The server has applied these entries. */
export function dropPushedIds(db: Database, ids: readonly number[]): void {
  dropOutboxIds(db).run(JSON.stringify(ids));
}

export function getCallToPush(db: Database, callId: number): CallToPush | undefined {
  return callToPush(db).get(callId);
}

export function getClaimedContactStatus(db: Database, contactId: number) {
  return contactStatus(db).get(contactId);
}

export function recordSyncDone(db: Database, at: number, dncCursor: string, callsCursor: string): void {
  writeSyncDone(db).run({ at, dncCursor, callsCursor });
}

export function recordSyncError(db: Database, error: string): void {
  writeSyncError(db).run(error);
}

export function claimOfLead(db: Database, leadId: number): ClaimRow | undefined {
  return claimByLead(db).get(leadId);
}

/** The team lead this contact is (a contact is at most one lead), held or lost. */
export function claimOfContact(db: Database, contactId: number): ClaimRow | undefined {
  return claimByContact(db).get(contactId);
}

export function claimsHeld(db: Database): ClaimRow[] {
  return heldClaims(db).all();
}

export function countClaimsHeld(db: Database): number {
  return heldCount(db).get()!;
}

export function recordClaim(db: Database, claim: { contactId: number; leadId: number; at: number; leaseUntil: number }): void {
  putClaim(db).run(claim);
}

export function renewLocalLease(db: Database, leadId: number, leaseUntil: number): void {
  renewClaim(db).run(leaseUntil, leadId);
}

export function markLeaseLost(db: Database, leadId: number, at: number): boolean {
  return loseClaim(db).run(at, leadId).changes > 0;
}

export function recordConflict(db: Database, conflict: { callId: number; contactId: number; leadId: number | null; reason: string; at: number }): void {
  addConflict(db).run(conflict);
}

export function listConflicts(db: Database): ConflictRow[] {
  return allConflicts(db).all();
}

export function recordRemoteCall(db: Database, call: { remoteId: number; leadId: number; rep: string; dialedAt: number; outcome: string | null }): void {
  addRemoteCall(db).run(call);
}

/** A number from the team's list; returns whether it was new here. */
export function addTeamDnc(db: Database, e164: string, at: number): boolean {
  return insertTeamDnc(db).run(e164, at).changes > 0;
}

/** The leads of one import (null: every lead) that this desk may publish: not ones it holds from
 *  the team itself. */
export function publishableContacts(db: Database, importId: number | null): PublishableContact[] {
  return contactsOfImport(db).all({ importId });
}

export function hasImport(db: Database, importId: number): boolean {
  return importExists(db).get(importId) !== undefined;
}

/** These tasks as they are now (one statement for a push's batch). */
export function getTasksToPush(db: Database, ids: readonly number[]): TaskToPush[] {
  return ids.length === 0 ? [] : tasksToPush(db).all(JSON.stringify(ids));
}

export function getPromisesToPush(db: Database, ids: readonly number[]): PromiseToPush[] {
  return ids.length === 0 ? [] : promisesToPush(db).all(JSON.stringify(ids));
}

/** The leads this desk holds, with their names, for the Team screen (the first thousand). */
export function claimsForScreen(db: Database): ClaimOnScreen[] {
  return screenClaims(db).all();
}

export function countOpenClaims(db: Database): number {
  return openClaimCount(db).get()!;
}

/** Held, still open and never called on this desk: what a release gives back. (Not "since the
 *  claim": claimed_at is the server's clock, a call's time the desk's.) */
export function unworkedClaims(db: Database): ClaimRow[] {
  return notCalledClaims(db).all();
}

/** The newest do-not-call number waiting in the outbox (null: none), so one is synced at once. */
export function newestQueuedDnc(db: Database): number | null {
  return newestDncEntry(db).get() ?? null;
}
