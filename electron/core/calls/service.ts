// Dialling and dispositions. Every attempt is a row in calls, committed before the number goes
// to the phone; every disposition is one transaction: the call, the lead's new plan, and what
// the outcome implies (do-not-call entry, dud, email task, the redial loop) commit together.
import type { Database } from 'better-sqlite3';
import type { Call, ParsedRequestOf, QueueEntry } from '../../../shared/ipc/contract';
import { buildDialUri } from '../../../shared/domain/dialUri';
import { callingHours } from '../../../shared/domain/callingHours';
import { outcomeLabel, type Outcome } from '../../../shared/domain/dispositions';
import { attemptsOnLocalDay, displayZone, retryPlan, type Attempt, type Disposition, type QueueLead, type RetryPlan } from '../../../shared/domain/queueRules';
import {
  attemptsSince,
  countCallLog,
  getCall,
  insertDialledCall,
  listCallsForContact,
  markDialFailed,
  searchCallLog,
  setCallOutcome,
  type CallRow,
} from './repo';
import { markContactCalled, markContactDud, restoreLastCalled } from '../contacts/repo';
import { addDnc, isDnc } from '../dnc/repo';
import { insertTask, saveDraft } from './followUpRepo';
import { setCallScriptMarks } from '../scripts/repo';
import { getQueueState, recordAttempt, restoreAttemptState, storePlan, syncQueueRow, syncQueueRowsForNumber, type AttemptState } from '../queue/repo';
import { CoreError } from '../errors';
import type { Clock, Dialer } from '../ports';
import { requireContact } from '../contacts/service';
import { localTimeOf, type QueueService } from '../queue/service';
import { readSettings } from '../settings/service';
import { isoOrNull } from '../instants';

const DAY = 86_400_000;

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    contactId: row.contact_id,
    dialUri: row.dial_uri,
    number: row.number,
    dialedAt: new Date(row.dialed_at).toISOString(),
    endedAt: isoOrNull(row.ended_at),
    // A dial the phone did not take was no call: it has no duration.
    durationMs: row.ended_at === null || row.dial_failure !== null ? null : row.ended_at - row.dialed_at,
    outcome: row.outcome,
    notes: row.notes,
    override: row.override === 1,
    nextStep: row.next_step,
    nextAt: isoOrNull(row.next_at),
    callbackAt: isoOrNull(row.callback_at),
    reason: row.reason,
    redialLoopId: row.loop_id,
    objections: row.objections ? (JSON.parse(row.objections) as string[]) : [],
    dialFailure: row.dial_failure,
  };
}

export interface CallDeps {
  db: Database;
  clock: Clock;
  dialer: Dialer;
  queue: QueueService;
}

function requireLead(queue: QueueService, contactId: number): QueueLead {
  const lead = queue.leadOf(contactId);
  if (!lead) throw new CoreError('not_found', `There is no lead with id ${contactId}.`);
  return lead;
}

/** What a dial writes and opens, read once: the lead, its number and the URI. */
export interface DialTarget {
  lead: QueueLead;
  uri: string;
  e164: string;
  lastOutcome: Outcome | null;
  lastCalledAt: number | null;
}

/** Check the lead may be dialled now and build the URI; throws a CoreError the rep can act on. */
export function prepareDial(deps: CallDeps, contactId: number, override: boolean): DialTarget {
  const { db, clock, queue } = deps;
  const contact = requireContact(db, contactId);
  const e164 = contact.e164;
  if (e164 === null || contact.status === 'dud') {
    throw new CoreError('dial_refused', `This lead has no valid number (${contact.dud_reason ?? 'dud'}); fix the number first.`);
  }
  if (isDnc(db, e164)) throw new CoreError('dial_refused', 'This number is on the do-not-call list.');
  const lead = requireLead(queue, contactId);
  const now = clock.now();
  if (!override) {
    if (lead.timeZones.length === 0) throw new CoreError('outside_hours', 'No time zone is known for this lead, so its calling hours are unknown. Dial anyway only if you know it is a good time.');
    const hours = callingHours(lead, now, queue.settings().callingHours);
    if (!hours.allowed) {
      const zone = displayZone(lead);
      throw new CoreError('outside_hours', `It is ${localTimeOf(now.getTime(), zone)} for this lead (${zone}): ${hours.reason}. Dial anyway only with an override; it is recorded on the call.`);
    }
  }
  const built = buildDialUri(readSettings(db).dialTemplate, e164, contact.extension);
  if (!built.ok) throw new CoreError('dial_refused', `Cannot dial ${e164}: ${built.reason}.`);
  return { lead, uri: built.uri, e164, lastOutcome: contact.last_outcome, lastCalledAt: contact.last_called_at };
}

/** History the retry policy needs: the last two days of attempts cover the day's cap, the gap
 *  and an inbound enquiry's first day. */
function recentAttempts(db: Database, lead: QueueLead, at: number): Attempt[] {
  return attemptsSince(db, lead.id, at - 2 * DAY);
}

/** Write the attempt (and what it means for the queue) in one transaction. */
export function recordDial(deps: CallDeps, target: DialTarget, options: { override: boolean; loopId: number | null }): number {
  const { db, clock } = deps;
  const { lead, uri, e164 } = target;
  const contactId = lead.id;
  const dialedAt = clock.now().getTime();
  return db
    .transaction(() => {
      const callId = insertDialledCall(db, { contactId, dialUri: uri, number: e164, dialedAt, override: options.override, loopId: options.loopId });
      markContactCalled(db, contactId, dialedAt, target.lastOutcome);
      recordAttempt(db, contactId, dialedAt, attemptsOnLocalDay(recentAttempts(db, lead, dialedAt), dialedAt, displayZone(lead)));
      return callId;
    })
    .immediate();
}

/** Record the attempt, then hand the number to the desk's phone. The row is committed first, so
 *  a crash mid-call still leaves the attempt in the log (with no disposition yet). */
export async function dial(deps: CallDeps, contactId: number, override: boolean): Promise<Call> {
  const target = prepareDial(deps, contactId, override);
  const before = stateBeforeDial(deps.db, target);
  const id = recordDial(deps, target, { override, loopId: null });
  try {
    await deps.dialer.open(target.uri);
  } catch (error) {
    throw dialRefused(deps, id, target.uri, before, error);
  }
  return toCall(requireCall(deps.db, id));
}

/** What a dial changes on the lead, read just before it: put back if the phone does not take it. */
export interface BeforeDial {
  contactId: number;
  lastCalledAt: number | null;
  queue: AttemptState | undefined;
}

export function stateBeforeDial(db: Database, target: DialTarget): BeforeDial {
  return { contactId: target.lead.id, lastCalledAt: target.lastCalledAt, queue: getQueueState(db, target.lead.id) };
}

/** The phone did not take the number; the attempt it was is in the log, marked. */
export class DialRefusedError extends CoreError {
  constructor(
    readonly callId: number,
    readonly contactId: number,
    message: string,
  ) {
    super('dial_refused', message);
  }
}

/** The desk's phone did not take the committed attempt's URI: the attempt is marked "the phone
 *  did not take the number" and the lead is put back as it was before the dial (it reached
 *  nobody, so it is no attempt against the day's cap or the gap), with `alsoUndo` in the same
 *  transaction. Returns the error that says exactly what was saved, for the caller to throw. */
export function dialRefused(deps: CallDeps, callId: number, uri: string, before: BeforeDial, error: unknown, alsoUndo?: () => void): DialRefusedError {
  const reason = refusalReason(error);
  const { db, clock } = deps;
  const scheme = uri.slice(0, uri.indexOf(':') + 1);
  const whatToDo = `Check that your softphone is running and opens ${scheme} links (or the dial template in Settings), then dial again.`;
  try {
    db.transaction(() => {
      const call = requireCall(db, callId);
      markDialFailed(db, callId, reason, Math.max(clock.now().getTime(), call.dialed_at));
      restoreLastCalled(db, before.contactId, before.lastCalledAt, call.dialed_at);
      if (before.queue) restoreAttemptState(db, before.contactId, call.dialed_at, before.queue);
      alsoUndo?.();
    }).immediate();
  } catch (markError) {
    // Still true to what is in the file: the attempt, committed before the dial, unmarked.
    const detail = markError instanceof Error ? markError.message : String(markError);
    return new DialRefusedError(
      callId,
      before.contactId,
      `The phone did not take the number: ${reason}. The attempt is in the call log with no disposition; marking it as not taken failed (${detail}). ${whatToDo}`,
    );
  }
  return new DialRefusedError(
    callId,
    before.contactId,
    `The phone did not take the number: ${reason}. The attempt is in the call log, marked 'the phone did not take the number'; ` +
      `it does not count as an attempt and needs no disposition. ${whatToDo}`,
  );
}

/** The system's reason, as one short line for the log and the message. */
function refusalReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return (text || 'the system gave no reason').slice(0, 300);
}

/** A call made outside the app (the desk phone, logged from the command line): written as an
 *  attempt without opening anything. The calling-hours check is the dial's, not the log's. */
export function recordExternalCall(deps: CallDeps, contactId: number): number {
  const contact = requireContact(deps.db, contactId);
  if (contact.e164 === null) throw new CoreError('dial_refused', `Contact #${contactId} has no valid number to have called.`);
  const built = buildDialUri(readSettings(deps.db).dialTemplate, contact.e164, contact.extension);
  const target = { lead: requireLead(deps.queue, contactId), uri: built.ok ? built.uri : `tel:${contact.e164}`, e164: contact.e164, lastOutcome: contact.last_outcome, lastCalledAt: contact.last_called_at };
  return recordDial(deps, target, { override: false, loopId: null });
}

function parseInstant(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

/** Apply an outcome to the lead inside the caller's transaction: the new plan and everything the
 *  outcome implies. Returns the plan stored. */
export function applyOutcome(deps: CallDeps, call: CallRow, disposition: Disposition, at: number): RetryPlan {
  const { db, queue } = deps;
  const lead = requireLead(queue, call.contact_id);
  const history = recentAttempts(db, lead, at);
  const settings = queue.settings();
  const plan = retryPlan(lead, disposition, history, at, settings);
  storePlan(db, lead.id, {
    tier: plan.tier,
    due_at: plan.dueAt,
    why: plan.why,
    closed: plan.closed,
    voicemail_rest_until: plan.voicemailRestUntil ?? (lead.voicemailRestUntil !== null && lead.voicemailRestUntil > at ? lead.voicemailRestUntil : null),
    last_attempt_at: history.length ? Math.max(...history.map((a) => a.at)) : lead.lastAttemptAt,
    attempts_today: attemptsOnLocalDay(history, at, displayZone(lead)),
    cap_reached: plan.capReached ? 1 : 0,
  });
  if (disposition.outcome === 'wrong_number') {
    markContactDud(db, lead.id, `wrong number (call #${call.id})`, at);
    syncQueueRow(db, lead.id);
  }
  if (disposition.outcome === 'do_not_call') {
    addDnc(db, call.number, at, `call #${call.id}`);
    syncQueueRowsForNumber(db, call.number);
  }
  if (plan.emailTaskDueAt !== null) {
    insertTask(db, { contactId: lead.id, kind: 'email', title: 'Email after the voicemail (phone–mail–phone)', dueAt: plan.emailTaskDueAt, callId: call.id, at });
  }
  return plan;
}

export interface LoggedCall {
  call: Call;
  next: QueueEntry | null;
}

/** Save a disposition: validated detail, the call, the new plan and its side effects in one
 *  transaction, committed before this returns. The redial loop starts on engaged and ends on
 *  anything else. */
export function logDisposition(deps: CallDeps, request: ParsedRequestOf<'calls.log'>, onEngaged: (call: CallRow, at: number) => void, onOtherOutcome: (contactId: number, at: number) => void): LoggedCall {
  const { db, clock, queue } = deps;
  const call = requireCall(db, request.callId);
  if (call.outcome !== null) {
    throw new CoreError('conflict', 'This call already has a disposition; dial again to log another attempt.');
  }
  if (call.dial_failure !== null) {
    throw new CoreError('conflict', 'The phone did not take the number on this attempt, so nobody was reached and there is nothing to log: dial again.');
  }
  const now = clock.now().getTime();
  const disposition = validateDetail(db, request, now);
  const endedAt = Math.max(now, call.dialed_at);
  db.transaction(() => {
    setCallOutcome(db, call.id, {
      outcome: request.outcome,
      notes: withChecklist(request.notes, request.checklist),
      endedAt,
      nextStep: disposition.nextStep ?? null,
      nextAt: disposition.nextStepAt ?? null,
      callbackAt: disposition.callbackAt ?? null,
      reason: request.outcome === 'not_interested' ? request.reason! : null,
    });
    markContactCalled(db, call.contact_id, call.dialed_at, request.outcome);
    setCallScriptMarks(db, call.id, request.objections, request.checklist);
    applyOutcome(deps, call, disposition, now);
    if (request.outcome === 'engaged') onEngaged(call, now);
    else onOtherOutcome(call.contact_id, now);
    saveDraft(db, call.contact_id, '', now);
  }).immediate();
  return { call: toCall(requireCall(db, call.id)), next: queue.next(now) };
}

/** The checklist ticked during the call goes into the notes, so it is read with them. */
function withChecklist(notes: string, checklist: readonly { item: string; done: boolean }[]): string {
  if (checklist.length === 0) return notes;
  const lines = checklist.map((c) => `${c.done ? '[x]' : '[ ]'} ${c.item}`).join('\n');
  return `${notes.trimEnd()}${notes.trim() ? '\n\n' : ''}Checklist:\n${lines}`;
}

function validateDetail(db: Database, request: ParsedRequestOf<'calls.log'>, now: number): Disposition {
  const fields: Record<string, string> = {};
  const disposition: Disposition = { outcome: request.outcome };
  if (request.outcome === 'advance') {
    disposition.nextStep = request.nextStep;
    disposition.nextStepAt = parseInstant(request.nextAt);
    if (disposition.nextStepAt !== undefined && disposition.nextStepAt <= now) fields.nextAt = 'The next step must be in the future';
  }
  if (request.outcome === 'callback_requested') {
    disposition.callbackAt = parseInstant(request.callbackAt);
    if (disposition.callbackAt !== undefined && disposition.callbackAt <= now) fields.callbackAt = 'The callback time must be in the future';
  }
  if (request.outcome === 'not_interested') {
    const reasons = readSettings(db).notInterestedReasons;
    if (!reasons.includes(request.reason!)) fields.reason = `Choose one of: ${reasons.join(', ')}`;
  }
  if (Object.keys(fields).length > 0) {
    throw new CoreError('invalid_request', `${outcomeLabel(request.outcome)} not saved: ${Object.values(fields).join('; ')}.`, fields);
  }
  return disposition;
}

export function callsForContact(db: Database, contactId: number): Call[] {
  return listCallsForContact(db, contactId).map(toCall);
}

export function searchCalls(db: Database, request: ParsedRequestOf<'calls.search'>) {
  const filter = { text: request.text, outcome: request.outcome as Outcome | 'none' | null, contactId: request.contactId };
  const after = request.after ? { dialedAt: Date.parse(request.after.dialedAt), id: request.after.id } : null;
  const rows = searchCallLog(db, filter, request.limit, after);
  const last = rows.length === request.limit ? rows.at(-1) : undefined;
  return {
    total: request.withTotal ? countCallLog(db, filter) : null,
    calls: rows.map((row) => ({ ...toCall(row), contactName: `${row.first_name} ${row.last_name}`.trim(), company: row.company })),
    next: last ? { dialedAt: new Date(last.dialed_at).toISOString(), id: last.id } : null,
  };
}

export function requireCall(db: Database, id: number): CallRow {
  const row = getCall(db, id);
  if (!row) throw new CoreError('not_found', `There is no call with id ${id}.`);
  return row;
}
