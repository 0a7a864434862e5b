// The call log: every attempt, its disposition and its detail; and the notes of a call in progress.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import type { Outcome } from '../../../shared/domain/dispositions';
import type { CallDirection } from '../../../shared/domain/metrics';
import type { CallLogSearch } from '../../../shared/domain/callLogSearch';

export interface CallRow {
  id: number;
  contact_id: number;
  dial_uri: string;
  number: string;
  dialed_at: number;
  ended_at: number | null;
  outcome: Outcome | null;
  notes: string;
  override: number;
  waived: string | null;
  next_step: string | null;
  next_at: number | null;
  callback_at: number | null;
  reason: string | null;
  loop_id: number | null;
  objections: string | null;
  checklist: string | null;
  /** Why the desk's phone did not take the number; null for a dial it took. */
  dial_failure: string | null;
  /** What the softphone reported (migration 011): when the call connected and ended, and the
   *  talk time it counted; null where it reported nothing. */
  connected_at: number | null;
  talk_ended_at: number | null;
  talk_seconds_reported: number | null;
  /** When the disposition was undone (migration 012): the call stays in the log, counted nowhere. */
  undone_at: number | null;
  /** Migration 023: who made the call; when the rep marked the line hung up (H), so talk and
   *  wrap-up are apart; an inbound call's length as the rep gave it; the gatekeeper's name. */
  direction: CallDirection;
  hung_up_at: number | null;
  talk_seconds_logged: number | null;
  gatekeeper_name: string | null;
}

const CALL_COLUMNS =
  'id, contact_id, dial_uri, number, dialed_at, ended_at, outcome, notes, override, next_step, next_at, callback_at, reason, loop_id, objections, checklist, dial_failure, waived, connected_at, talk_ended_at, talk_seconds_reported, undone_at, direction, hung_up_at, talk_seconds_logged, gatekeeper_name';
const insertCall = statement<never, [contactId: number, dialUri: string, number: string, dialedAt: number, override: number, loopId: number | null, waived: string | null]>(
  'INSERT INTO calls (contact_id, dial_uri, number, dialed_at, override, loop_id, waived) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const insertInbound = statement<never, [contactId: number, number: string, at: number, talkSeconds: number | null]>(
  "INSERT INTO calls (contact_id, dial_uri, number, dialed_at, direction, talk_seconds_logged) VALUES (?, '', ?, ?, 'inbound', ?)",
);
const markHungUp = statement<never, [at: number, id: number]>('UPDATE calls SET hung_up_at = ? WHERE id = ? AND outcome IS NULL AND dial_failure IS NULL AND hung_up_at IS NULL');
const setGatekeeper = statement<never, [name: string | null, id: number]>('UPDATE calls SET gatekeeper_name = ? WHERE id = ?');
const markFailed = statement<never, [reason: string, at: number, id: number]>('UPDATE calls SET dial_failure = ?, ended_at = ? WHERE id = ? AND outcome IS NULL');
const byId = statement<CallRow, [id: number]>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = ?`);
const setOutcome = statement<never, [outcome: Outcome, notes: string, endedAt: number, nextStep: string | null, nextAt: number | null, callbackAt: number | null, reason: string | null, id: number]>(
  'UPDATE calls SET outcome = ?, notes = ?, ended_at = ?, next_step = ?, next_at = ?, callback_at = ?, reason = ? WHERE id = ?',
);
const ofContact = statement<CallRow, [contactId: number]>(`SELECT ${CALL_COLUMNS} FROM calls WHERE contact_id = ? ORDER BY dialed_at DESC, id DESC`);
type AttemptRow = { at: number; loopId: number | null };
/** Read from the index alone (migration 036): no call row is visited. Exported for the plan test. */
export const ATTEMPTS_SQL =
  "SELECT dialed_at AS at, loop_id AS loopId FROM calls INDEXED BY calls_attempts WHERE contact_id = ? AND dialed_at >= ? AND dial_failure IS NULL AND direction = 'outbound' ORDER BY dialed_at";
const attemptsOfContact = statement<AttemptRow, [contactId: number, since: number]>(ATTEMPTS_SQL);

/** The instants of ATTEMPTS_SQL's attempts, from a lead's calls already read. */
export function attemptInstantsOf(calls: readonly CallRow[], since: number): number[] {
  return calls.filter((c) => c.dialed_at >= since && c.dial_failure === null && c.direction === 'outbound').map((c) => c.dialed_at).sort((a, b) => a - b);
}

// The retry rule's figures from the same index: the latest attempt, and a count of attempts that
// are no redial of an engaged line over a span (calls/attempts.ts attemptFactsOf).
const latestAttemptOfContact = scalar<number, [contactId: number, since: number]>(
  "SELECT dialed_at FROM calls INDEXED BY calls_attempts WHERE contact_id = ? AND dialed_at >= ? AND dial_failure IS NULL AND direction = 'outbound' ORDER BY dialed_at DESC LIMIT 1",
);
const attemptCountOfContact = scalar<number, [contactId: number, from: number, to: number]>(
  "SELECT count(*) FROM calls INDEXED BY calls_attempts WHERE contact_id = ? AND dialed_at >= ? AND dialed_at < ? AND loop_id IS NULL AND dial_failure IS NULL AND direction = 'outbound'",
);
const openOfContact = statement<CallRow, [contactId: number]>(
  `SELECT ${CALL_COLUMNS} FROM calls WHERE contact_id = ? AND outcome IS NULL AND dial_failure IS NULL ORDER BY dialed_at DESC, id DESC LIMIT 1`,
);
// Found in calls_measure alone (dialed_at, outcome, dial_failure, …, contact_id): the queue asks it
// for each lead it lists, so no call row is read.
const openAtOfContact = scalar<number, [dialedAt: number, contactId: number]>(
  'SELECT 1 FROM calls INDEXED BY calls_measure WHERE dialed_at = ? AND outcome IS NULL AND dial_failure IS NULL AND contact_id = ? LIMIT 1',
);
const callCount = scalar<number>('SELECT count(*) FROM calls');

export function insertDialledCall(
  db: Database,
  call: { contactId: number; dialUri: string; number: string; dialedAt: number; override?: boolean; loopId?: number | null; waived?: string | null },
): number {
  return Number(insertCall(db).run(call.contactId, call.dialUri, call.number, call.dialedAt, call.override ? 1 : 0, call.loopId ?? null, call.waived ?? null).lastInsertRowid);
}

/** A call the prospect made, as the rep logs it: no link was opened (no dial URI); it came in at
 *  `at` on the lead's number. */
export function insertInboundCall(db: Database, call: { contactId: number; number: string; at: number; talkSeconds: number | null }): number {
  return Number(insertInbound(db).run(call.contactId, call.number, call.at, call.talkSeconds).lastInsertRowid);
}

/** The rep marked the line hung up (H): talk ends here, wrap-up starts. Only the first mark of
 *  a call still waiting for its disposition counts. */
export function markCallHungUp(db: Database, id: number, at: number): boolean {
  return markHungUp(db).run(at, id).changes === 1;
}

export function setCallGatekeeper(db: Database, id: number, name: string | null): void {
  setGatekeeper(db).run(name, id);
}

/** The phone did not take the number: the attempt ends as it started, with the system's reason. */
export function markDialFailed(db: Database, id: number, reason: string, at: number): void {
  markFailed(db).run(reason, at, id);
}

export function getCall(db: Database, id: number): CallRow | undefined {
  return byId(db).get(id);
}

export interface CallOutcomeDetail {
  outcome: Outcome;
  notes: string;
  endedAt: number;
  nextStep: string | null;
  nextAt: number | null;
  callbackAt: number | null;
  reason: string | null;
}

export function setCallOutcome(db: Database, id: number, d: CallOutcomeDetail): void {
  setOutcome(db).run(d.outcome, d.notes, d.endedAt, d.nextStep, d.nextAt, d.callbackAt, d.reason, id);
}

export function listCallsForContact(db: Database, contactId: number): CallRow[] {
  return ofContact(db).all(contactId);
}

const earlierFacts = statement<{ hadConversation: number; proposalStep: number }, [{ contactId: number; callId: number; outcomes: string }]>(
  `SELECT coalesce(max(outcome IN (SELECT value FROM json_each(@outcomes))), 0) AS hadConversation,
          coalesce(max(next_step LIKE '%proposal%' OR next_step LIKE '%quote%'), 0) AS proposalStep
   FROM calls WHERE contact_id = @contactId AND id <> @callId AND undone_at IS NULL`,
);

/** What the cadence's email rule asks of a lead's other calls (an undone one counts nowhere), in
 *  one pass over them and without
 *  reading them into rows: whether any reached one of `outcomes`, and whether any next step
 *  mentions a proposal or quote (LIKE is case-blind for ASCII, as /proposal|quote/i is). */
export function otherCallsFacts(db: Database, contactId: number, callId: number, outcomes: readonly Outcome[]): { hadConversation: boolean; proposalStep: boolean } {
  const row = earlierFacts(db).get({ contactId, callId, outcomes: JSON.stringify(outcomes) })!;
  return { hadConversation: row.hadConversation === 1, proposalStep: row.proposalStep === 1 };
}

/** Attempts dialled since `since`, for the retry policy's caps and inbound schedule. A dial the
 *  phone did not take reached nobody and is no attempt; a call the prospect made is none either. */
export function attemptsSince(db: Database, contactId: number, since: number): AttemptRow[] {
  return attemptsOfContact(db).all(contactId, since);
}

const dialledSince = scalar<number, [since: number]>('SELECT DISTINCT contact_id FROM calls INDEXED BY calls_by_time WHERE dialed_at >= ? ORDER BY contact_id');

/** The leads dialled since `since` (the calls a rolling cap may count). */
export function contactsDialledSince(db: Database, since: number): number[] {
  return dialledSince(db).all(since);
}

/** The instant of the latest attempt dialled since `since` (null: none). */
export function latestAttemptSince(db: Database, contactId: number, since: number): number | null {
  return latestAttemptOfContact(db).get(contactId, since) ?? null;
}

/** How many attempts were dialled in [from, to), redials of an engaged line not counted. */
export function countAttemptsBetween(db: Database, contactId: number, from: number, to: number): number {
  return attemptCountOfContact(db).get(contactId, from, to)!;
}

/** The contact's newest call with no disposition yet (a call in progress or one a crash
 *  interrupted); a dial the phone did not take is over and needs none. */
export function openCallFor(db: Database, contactId: number): CallRow | undefined {
  return openOfContact(db).get(contactId);
}

/** Whether the lead's call dialled at `dialedAt` (its latest: contacts.last_called_at) still has
 *  no disposition; a dial the phone did not take needs none. */
export function isCallOpenAt(db: Database, contactId: number, dialedAt: number): boolean {
  return openAtOfContact(db).get(dialedAt, contactId) !== undefined;
}

export function countCalls(db: Database): number {
  return callCount(db).get()!;
}

export interface CallLogRow extends CallRow {
  first_name: string;
  last_name: string;
  company: string;
}

export interface CallLogFilter {
  /** The search text as read by callLogSearch (shared/domain), or null for every call. */
  search: CallLogSearch | null;
  outcome: Outcome | 'none' | null;
  contactId: number | null;
}

/** The call log's filters as one fixed statement: an absent filter (null) matches everything.
 *  The text is a part of the name, company, notes, next step or number (@like); a number typed in
 *  any format matches on its digits (@number, @digits); a name also through Ctrl+K's FTS5 index
 *  (@names), which folds accents and case: the set of leads it finds is read once per statement,
 *  then each call is checked against it as the log is walked by time (or by contact) as before. */
const LOG_FILTER = `
  (@like IS NULL OR c.first_name || ' ' || c.last_name LIKE @like ESCAPE '\\' OR c.company LIKE @like ESCAPE '\\'
     OR k.notes LIKE @like ESCAPE '\\' OR k.number LIKE @number ESCAPE '\\' OR k.next_step LIKE @like ESCAPE '\\'
     OR k.number LIKE @digits OR (@names IS NOT NULL AND c.id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH @names)))
  AND (@outcome IS NULL OR k.outcome = @outcome OR (@outcome = 'none' AND k.outcome IS NULL AND k.dial_failure IS NULL))`;
// "No disposition yet" ('none'): calls still waiting for one, not dials the phone did not take.
// (The filter is text written here, never built from values; the two shapes differ only in the
// index they let SQLite use: by time for the whole log, by contact for one lead.)
type CountParams = { like: string | null; number: string | null; digits: string | null; names: string | null; outcome: string | null; contactId: number | null };
type LogParams = CountParams & { afterAt: number | null; afterId: number | null; limit: number };
const LOG_COLUMNS = 'SELECT k.*, c.first_name, c.last_name, c.company FROM calls k JOIN contacts c ON c.id = k.contact_id';
const AFTER = '(@afterAt IS NULL OR (k.dialed_at, k.id) < (@afterAt, @afterId))';
/** The whole log's page (exported for its query plan's test: walked by time, never a scan of the leads). */
export const CALL_LOG_PAGE_SQL = `${LOG_COLUMNS} WHERE ${LOG_FILTER} AND ${AFTER} ORDER BY k.dialed_at DESC, k.id DESC LIMIT @limit`;
const logPage = statement<CallLogRow, LogParams>(CALL_LOG_PAGE_SQL);
const logPageOfContact = statement<CallLogRow, LogParams>(
  `${LOG_COLUMNS} WHERE k.contact_id = @contactId AND ${LOG_FILTER} AND ${AFTER} ORDER BY k.dialed_at DESC, k.id DESC LIMIT @limit`,
);
const logCount = scalar<number, CountParams>(`SELECT count(*) FROM calls k JOIN contacts c ON c.id = k.contact_id WHERE ${LOG_FILTER}`);
const logCountOfContact = scalar<number, CountParams>(`SELECT count(*) FROM calls k JOIN contacts c ON c.id = k.contact_id WHERE k.contact_id = @contactId AND ${LOG_FILTER}`);

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

function logParams(f: CallLogFilter): CountParams {
  const s = f.search;
  const like = s ? contains(s.text) : null;
  // A number is matched on its digits; other text on the number as typed, as on the other columns.
  const [number, digits] = s && s.numberDigits.length > 0 ? s.numberDigits.map(contains) : [like];
  return { like, number: number ?? null, digits: digits ?? null, names: s?.names ?? null, outcome: f.outcome, contactId: f.contactId };
}

/** A page of the call log, newest first, with the contact's name: the calls before `after`. */
export function searchCallLog(db: Database, f: CallLogFilter, limit: number, after: { dialedAt: number; id: number } | null): CallLogRow[] {
  const params = { ...logParams(f), afterAt: after?.dialedAt ?? null, afterId: after?.id ?? null, limit };
  return (f.contactId === null ? logPage : logPageOfContact)(db).all(params);
}

export function countCallLog(db: Database, f: CallLogFilter): number {
  return (f.contactId === null ? logCount : logCountOfContact)(db).get(logParams(f))!;
}

// Note drafts: the notes of a call in progress, kept through a crash.

const deleteDraft = statement<never, [contactId: number]>('DELETE FROM note_drafts WHERE contact_id = ?');
const upsertDraft = statement<never, [contactId: number, text: string, at: number]>(
  'INSERT INTO note_drafts (contact_id, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at',
);
const draftOf = statement<{ text: string; updated_at: number }, [contactId: number]>('SELECT text, updated_at FROM note_drafts WHERE contact_id = ?');

export function saveDraft(db: Database, contactId: number, text: string, at: number): void {
  if (text === '') deleteDraft(db).run(contactId);
  else upsertDraft(db).run(contactId, text, at);
}

export function getDraft(db: Database, contactId: number): { text: string; updated_at: number } | undefined {
  return draftOf(db).get(contactId);
}
