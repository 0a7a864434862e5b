// The call: what the call screen shows for a lead, dialling, dispositions and the call log. Every
// attempt is a row in calls, committed before the number goes to the phone; every disposition is
// one transaction: the call, the lead's new plan, and what the outcome implies (do-not-call
// entry, dud, email task, the redial loop) commit together, and the effects follow the commit.
import type { Call, ContactDetail, FollowUp, QueueEntry, ResponseOf, ScriptForCall } from '../../../shared/ipc/contract';
import { checkDisposition, dispositionRefusal, inboundRefusal, outcomeLabel, type DispositionCommand, type Outcome } from '../../../shared/domain/dispositions';
import { dialLink } from '../../../shared/domain/dialPresets';
import type { CoreContext } from '../context';
import { rulesBrokenOutsideTheApp } from '../law/service';
import { CoreError } from '../errors';
import { isoOrNull } from '../instants';
import type { Dialer } from '../ports';
import { contactView, requireContact, toContact } from '../contacts/service';
import { contactsSharingNumber, markContactCalled } from '../contacts/repo';
import { setCallScriptMarks } from '../scripts/repo';
import type { ScriptsService } from '../scripts/service';
import type { FollowService } from '../follow/service';
import { session } from '../metrics/service';
import { labelsWith } from '../campaigns/service';
import { campaignsOf } from '../campaigns/repo';
import { tasksOf } from '../follow/repo';
import { openTasksFor } from '../tasks/repo';
import type { LeadRows, QueueFilter, QueueService } from '../queue/service';
import { NO_LEAD_FILTER } from '../../../shared/domain/campaigns';
import { applyOutcome, dialRefused, otherNumberRefusal, prepareDial, recordDial, requireCall, requireLead, stateBeforeDial, toCall, type AttemptDeps } from './attempts';
import type { RedialService } from './redial';
import type { RedialLoop } from '../../../shared/ipc/calls';
import { attemptInstantsOf, countCallLog, getDraft, insertInboundCall, listCallsForContact, markCallHungUp, openCallFor, saveDraft, searchCallLog, setCallGatekeeper, setCallOutcome, type CallLogFilter, type CallRow } from './repo';
import type { ContactRow } from '../contacts/repo';
import { mobileToTryNext } from '../../../shared/domain/mobileNext';
import { CAP_LOOKBACK_MS } from '../../../shared/domain/law/engine';
import type { StoredOtherPhone } from '../../../shared/domain/dud';
import { toQueueLead } from '../queue/service';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import { timeToken } from '../../../shared/domain/timeText';
import { callLogSearch } from '../../../shared/domain/callLogSearch';
import { callAfter, dropOldUndoRecords, getUndoRecord, insertUndoRecord, markUndone, readUndoSnapshot, restoreUndoRows, undoRowsFromJson } from './undoRepo';
import { applyTallies } from '../metrics/service';
import { unblockUnlistedNumber } from '../queue/repo';
import { dncEntry } from '../dnc/repo';
import { dncSourceWords } from '../dnc/service';
import { ensureLeadSearchIndexed } from '../search/repo';

/** How long a disposition can be undone (its snapshot is kept): a working day and then some. */
export const UNDO_KEPT_MS = 24 * 3_600_000;

/** What "changed since" means to the rep, per table. */
const CHANGED_SINCE = new Map<string, string>([
  ['contacts', 'the lead (its details or status)'],
  ['queue_state', 'its place in the queue (pinned, snoozed, skipped or rescheduled)'],
  ['dnc', 'the do-not-call list entry'],
  ['tasks', 'its tasks'],
  ['redial_loops', 'its redial loop'],
  ['note_drafts', 'its notes draft'],
  ['complaint_cases', 'its complaint case'],
]);

/** A lead's open task as the call screen lists it. */
type OpenTaskOfLead = Pick<ReturnType<typeof openTasksFor>[number], 'id' | 'contact_id' | 'kind' | 'title' | 'due_at' | 'call_id' | 'done_at'>;

export interface LoggedCall {
  call: Call;
  next: QueueEntry | null;
  /** What the call screen shows next: the same lead while its redial loop runs, else the next
   *  lead; null when nobody can be called now. */
  show: { detail: ContactDetail; script: ScriptForCall; follow: FollowUp; labels: ResponseOf<'campaigns.ofLead'> } | null;
  /** Today's numbers with this call in them, for the session strip. */
  session: ResponseOf<'stats.session'>;
}

export interface CallLogPage {
  total: number | null;
  calls: (Call & { contactName: string; company: string })[];
  next: { dialedAt: string; id: number } | null;
}

/** Rows of a lead its caller has already read: its contact and queue rows, its redial loop
 *  (null: none). */
interface KnownOfLead {
  rows?: LeadRows | null;
  loop?: RedialLoop | null;
}

export class CallsService {
  private readonly attempts: AttemptDeps;

  constructor(
    private readonly ctx: CoreContext,
    private readonly queue: QueueService,
    private readonly redial: RedialService,
    private readonly scripts: ScriptsService,
    private readonly dialer: Dialer,
    private readonly follow: FollowService,
  ) {
    this.attempts = { ctx, queue };
  }

  /** A contact with what the call screen shows beside it. */
  detail(contactId: number): ContactDetail {
    return this.screenOf(contactId, false).detail;
  }

  /** The call screen's data for a lead: its detail and (withScript) the script for its call,
   *  each row read once. */
  private screenOf(contactId: number, withScript: boolean): { detail: ContactDetail; script: ScriptForCall | null } {
    const { db } = this.ctx;
    const row = requireContact(db, contactId);
    const calls = listCallsForContact(db, contactId);
    return { detail: this.detailOf(row, calls), script: withScript ? this.scripts.forCallOf(row, calls, { voicemailMode: false }) : null };
  }

  /** `known`: what the caller already read of this lead (its queue row, its redial loop), so
   *  nothing is read twice. */
  private detailOf(row: ContactRow, callRows: readonly CallRow[], openTasks: readonly OpenTaskOfLead[] = openTasksFor(this.ctx.db, row.id), known: KnownOfLead = {}): ContactDetail {
    const { db, clock } = this.ctx;
    const contactId = row.id;
    const contact = contactView(db, row);
    const redial = known.loop === undefined ? this.redial.get(contactId) : known.loop;
    const sharers = row.e164 === null ? { listed: [], total: 0 } : contactsSharingNumber(db, row.e164, contactId);
    return {
      contact,
      calls: callRows.map(toCall),
      tasks: openTasks.map((t) => ({
        id: t.id,
        contactId: t.contact_id,
        kind: t.kind,
        title: t.title,
        dueAt: new Date(t.due_at).toISOString(),
        callId: t.call_id,
        doneAt: isoOrNull(t.done_at),
      })),
      draft: getDraft(db, contactId)?.text ?? '',
      now: this.queue.leadNow(contactId, clock.now().getTime(), redial, known.rows ?? null),
      redial,
      sharesNumberWith: sharers.listed.map((o) => ({ id: o.id, name: `${o.first_name} ${o.last_name}`.trim() || o.company, extension: o.extension })),
      sharesNumberCount: sharers.total,
      nextDial: this.mobileNextOf(contact, callRows),
    };
  }

  /** "Try the mobile next" for a lead read with its calls (newest first). */
  private mobileNextOf(contact: Pick<ContactDetail['contact'], 'e164' | 'otherPhones'>, callRows: readonly CallRow[]): { otherPhone: number } | null {
    const attempts = callRows.map((c) => ({ number: c.number, outcome: c.outcome, undone: c.undone_at !== null, dialFailure: c.dial_failure !== null }));
    const index = mobileToTryNext(contact, attempts, this.ctx.settings.get('tryMobileNext'));
    return index === null ? null : { otherPhone: index };
  }

  /** Record the attempt, then hand the number to the desk's phone. The row is committed first,
   *  so a crash mid-call still leaves the attempt in the log (with no disposition yet). Dialling
   *  a lead whose redial loop runs is the loop's next attempt. */
  async dial(contactId: number, override: boolean, otherPhone?: number): Promise<Call> {
    const running = this.redial.get(contactId);
    if (running?.status === 'running') {
      if (otherPhone === undefined) {
        const loop = await this.redial.dialNow(contactId, override);
        return toCall(requireCall(this.ctx.db, loop!.lastCallId!));
      }
      // Another of its numbers (the mobile, the main line engaged). Not over a redial still
      // ringing, which may be live.
      if (running.awaitingConfirmation) {
        throw new CoreError('conflict', 'The last redial of the main number is not confirmed yet: press 2 if the line is still engaged, or C if you got through, then dial the other number.');
      }
    }
    const target = prepareDial(this.attempts, contactId, override, otherPhone);
    // The other number may be dialled: the loop stops first, or its countdown would redial the
    // main number over the call on it. (A refused dial leaves the loop as it was.)
    if (running?.status === 'running') this.redial.stop(contactId);
    const before = stateBeforeDial(this.ctx.db, target);
    const id = recordDial(this.attempts, target, { loopId: null });
    try {
      await this.dialer.open(target.uri, target.preset);
    } catch (error) {
      // The phone did not take the number, but the attempt was saved: the screens hear of it.
      const refusal = dialRefused(this.attempts, id, target.uri, before, error);
      this.ctx.effects.callChanged(id, contactId);
      this.ctx.effects.plansChanged();
      throw refusal;
    }
    this.ctx.effects.callChanged(id, contactId);
    this.ctx.effects.plansChanged();
    return toCall(requireCall(this.ctx.db, id));
  }

  /** Save a disposition: the checked detail, the call, the new plan and its side effects in one
   *  transaction, committed before this returns. The redial loop starts on engaged and ends on
   *  anything else. */
  log(callId: number, command: DispositionCommand, queueFilter: QueueFilter = NO_LEAD_FILTER): LoggedCall {
    const contactId = this.writeDisposition(callId, command);
    return this.afterDisposition(callId, contactId, command.outcome, queueFilter);
  }

  /** A call made outside the app (on the desk phone, logged from the command line): the attempt
   *  and its disposition in one transaction, nothing opened. The calling-hours check is the
   *  dial's, not the log's. */
  logExternal(contactId: number, command: DispositionCommand): LoggedCall {
    const { db } = this.ctx;
    const contact = requireContact(db, contactId);
    if (contact.e164 === null) throw new CoreError('dial_refused', `Contact #${contactId} has no valid number to have called.`);
    const phone = this.ctx.settings.get('phone');
    const built = dialLink(phone, contact.e164, contact.extension);
    const lead = requireLead(this.queue, contactId);
    // A call already made: the rules it broke are recorded on it, not refused.
    const waived = rulesBrokenOutsideTheApp(this.ctx, lead, this.ctx.clock.now().getTime());
    const target = { lead, uri: built.ok ? built.uri : `tel:${contact.e164}`, preset: phone.preset, e164: contact.e164, lastOutcome: contact.last_outcome, lastCalledAt: contact.last_called_at, waived, overridden: false };
    const callId = db.transaction(() => {
      const id = recordDial(this.attempts, target, { loopId: null });
      this.writeDisposition(id, command);
      return id;
    }).immediate();
    return this.afterDisposition(callId, contactId, command.outcome);
  }

  /** A call the prospect made (I on a lead, `log --inbound`): the call, direction inbound, and its
   *  disposition in one transaction, with the same checks and effects as any disposition. It
   *  came in `durationSeconds` ago (now when not given); no link is opened and it is no attempt
   *  against the lead's caps. */
  logInbound(contactId: number, command: DispositionCommand, durationSeconds: number | null = null): LoggedCall {
    const { db, clock } = this.ctx;
    const contact = requireContact(db, contactId);
    const refusal = inboundRefusal(command.outcome);
    if (refusal) throw new CoreError('invalid_request', refusal);
    if (this.redial.get(contactId)?.status === 'running') throw new CoreError('conflict', 'This lead’s redial loop is running: stop it (S) or say it connected (C) before logging a call they made.');
    if (openCallFor(db, contactId)) throw new CoreError('conflict', 'A call to this lead is waiting for its disposition: pick it first, then log the call they made.');
    const now = clock.now().getTime();
    const callId = db.transaction(() => {
      const id = insertInboundCall(db, { contactId, number: contact.e164 ?? contact.phone_raw, at: now - (durationSeconds ?? 0) * 1000, talkSeconds: durationSeconds });
      this.writeDisposition(id, command);
      return id;
    }).immediate();
    return this.afterDisposition(callId, contactId, command.outcome);
  }

  /** The rep marked the line hung up (H): talk ends now, the rest until the disposition is
   *  wrap-up. Only a call waiting for its disposition, once. */
  hangUp(callId: number): Call {
    const { db, clock } = this.ctx;
    const call = requireCall(db, callId);
    if (call.dial_failure !== null) throw new CoreError('conflict', 'The phone did not take the number on this attempt: there is no call to hang up.');
    if (call.outcome !== null) throw new CoreError('conflict', 'This call is over (it has its disposition): there is nothing to hang up.');
    if (call.hung_up_at !== null) throw new CoreError('conflict', `This call was already marked hung up at ${timeToken(call.hung_up_at, this.ctx.repTimeZone)}.`);
    markCallHungUp(db, callId, Math.max(clock.now().getTime(), call.dialed_at));
    this.ctx.effects.callChanged(callId, call.contact_id);
    return toCall(requireCall(db, callId));
  }

  /** The disposition's one transaction; returns the call's contact. */
  private writeDisposition(callId: number, command: DispositionCommand): number {
    const { db, clock } = this.ctx;
    const call = requireCall(db, callId);
    if (call.outcome !== null) throw new CoreError('conflict', 'This call already has a disposition; dial again to log another attempt.');
    if (call.dial_failure !== null) {
      throw new CoreError('conflict', 'The phone did not take the number on this attempt, so nobody was reached and there is nothing to log: dial again.');
    }
    // Engaged starts (or counts on) the redial loop, which dials again in 30 s: never over a call
    // the phone says is live.
    if (command.outcome === 'engaged' && call.connected_at !== null && call.talk_ended_at === null) {
      throw new CoreError('conflict', `The phone says this call connected at ${timeToken(call.connected_at, this.ctx.repTimeZone)} and has not ended: it is not engaged. Log how the call went (or C if it is a redial), and the line is not dialled again over it.`);
    }
    const now = clock.now().getTime();
    const check = checkDisposition(command.outcome, command.detail, { now, reasons: this.ctx.settings.get('notInterestedReasons') });
    if (!check.ok) throw new CoreError('invalid_request', dispositionRefusal(command.outcome, check.problems), Object.fromEntries(check.problems));
    const disposition = check.disposition;
    db.transaction(() => {
      // What the disposition changes, as it was: undo puts it back (see undoRepo.ts).
      const before = readUndoSnapshot(db, call.contact_id, call.number);
      setCallOutcome(db, call.id, {
        outcome: command.outcome,
        notes: withChecklist(command.notes, command.checklist),
        endedAt: Math.max(now, call.dialed_at),
        nextStep: disposition.outcome === 'advance' ? disposition.nextStep : null,
        nextAt: disposition.outcome === 'advance' ? disposition.nextStepAt : null,
        callbackAt: disposition.outcome === 'callback_requested' ? disposition.callbackAt : null,
        reason: disposition.outcome === 'not_interested' ? disposition.reason : null,
      });
      markContactCalled(db, call.contact_id, call.dialed_at, command.outcome);
      setCallScriptMarks(db, call.id, command.objections, command.checklist);
      if (command.outcome === 'gatekeeper' && command.gatekeeperName?.trim()) setCallGatekeeper(db, call.id, command.gatekeeperName.trim());
      applyOutcome(this.attempts, call, disposition, now);
      if (command.outcome === 'engaged') this.redial.onEngaged(call, now);
      else this.redial.onOtherOutcome(call.contact_id, now);
      saveDraft(db, call.contact_id, '', now);
      dropOldUndoRecords(db, now - UNDO_KEPT_MS);
      insertUndoRecord(db, { callId: call.id, contactId: call.contact_id, outcome: command.outcome, at: now, before, after: readUndoSnapshot(db, call.contact_id, call.number) });
      // The kept counts move with the disposition, in its transaction (#15).
      applyTallies(db);
    }).immediate();
    return call.contact_id;
  }

  /** Undo a disposition: the lead, its queue rows, the do-not-call entry, its tasks, redial loop
   *  and draft go back exactly as they were before it, in one transaction; the call stays in the
   *  log marked undone. Refused, with the reason, when something changed them since (a later
   *  call on the lead, an edit, a pin) or, for a do-not-call, after the window; a do-not-call
   *  is only undone when confirmed. */
  undo(callId: number, confirm: boolean): { status: 'undone'; call: Call; message: string } | { status: 'confirm'; message: string } {
    const { db, clock } = this.ctx;
    const call = requireCall(db, callId);
    const record = getUndoRecord(db, callId);
    if (call.undone_at !== null) throw new CoreError('conflict', `Call #${callId} was already undone (${new Date(call.undone_at).toISOString()}).`);
    const now = clock.now().getTime();
    // A record older than the day undo keeps is only dropped at the next disposition: it is
    // refused here as the message says, not undone because nothing has cleared it yet.
    if (!record || call.outcome === null || record.created_at < now - UNDO_KEPT_MS) {
      throw new CoreError('conflict', `Call #${callId} has no disposition that can be undone (only dispositions logged in the last ${UNDO_KEPT_MS / 3_600_000} hours can be).`);
    }
    const label = outcomeLabel(call.outcome);
    if (call.outcome === 'do_not_call') {
      const windowMinutes = this.ctx.settings.get('undoDoNotCallMinutes');
      const ago = Math.floor((now - record.created_at) / 60_000);
      if (now - record.created_at > windowMinutes * 60_000) {
        throw new CoreError('conflict', `A do-not-call can only be undone within ${windowMinutes} minutes of logging it; this one was logged ${ago} minutes ago, so ${formatForDisplay(call.number)} stays on the do-not-call list.`);
      }
      if (!confirm) return { status: 'confirm', message: `Undo "Do not call"? ${formatForDisplay(call.number)} comes off the do-not-call list and the lead goes back into the queue. This is recorded with the time.` };
    }
    const later = callAfter(db, call.contact_id, callId);
    if (later) throw new CoreError('conflict', `Cannot undo ${label} (call #${callId}): the lead was called again after it (call #${later.id} at ${new Date(later.dialed_at).toISOString()}), and undoing would overwrite what that call changed.`);
    const before = undoRowsFromJson(record.before);
    const after = undoRowsFromJson(record.after);
    db.transaction(() => {
      const changed = restoreUndoRows(db, before, after);
      const relisted = changed === 'dnc' ? dncEntry(db, call.number)?.relisted_by : undefined;
      if (relisted) {
        throw new CoreError('conflict', `Cannot undo ${label} (call #${callId}): ${formatForDisplay(call.number)} was put on the do-not-call list again since (${dncSourceWords(relisted)}), so it stays listed and this call stays logged.`);
      }
      if (changed) throw new CoreError('conflict', `Cannot undo ${label} (call #${callId}): ${CHANGED_SINCE.get(changed)} changed since it was logged, and undoing would overwrite that change.`);
      // A lead added on the number since (a colleague) was blocked by the listing too and is in
      // no snapshot: the leads on the number still blocked are read against the list as it is.
      if (call.outcome === 'do_not_call') unblockUnlistedNumber(db, call.number);
      markUndone(db, callId, now);
      this.redial.afterUndo(call, now);
      applyTallies(db);
    }).immediate();
    // The lead's rows are back as they were (no new zone key): the screens hear of the lead (or,
    // for a do-not-call, of every lead with the number) and the queue of its plans.
    this.ctx.effects.emit('contacts.changed', { contactId: call.outcome === 'do_not_call' ? null : call.contact_id });
    this.ctx.effects.callChanged(callId, call.contact_id);
    this.ctx.effects.plansChanged();
    this.ctx.effects.redialChanged(call.contact_id);
    this.ctx.effects.dueChanged();
    const name = contactView(db, requireContact(db, call.contact_id));
    return { status: 'undone', call: toCall(requireCall(db, callId)), message: `Undone: ${label} for ${`${name.firstName} ${name.lastName}`.trim() || name.company} — back as before.` };
  }

  /** After the commit: the effects, and the reply with the next screen in it. */
  private afterDisposition(callId: number, contactId: number, outcome: Outcome, queueFilter: QueueFilter = NO_LEAD_FILTER): LoggedCall {
    const { db, clock } = this.ctx;
    this.ctx.effects.callChanged(callId, contactId);
    this.ctx.effects.plansChanged();
    const loop = this.redial.get(contactId);
    if (outcome === 'engaged' || loop !== null) this.ctx.effects.redialChanged(contactId);
    // From the queue the rep is calling through: its campaign, tag, import, kind or zone.
    const offer = this.queue.nextOffer(clock.now().getTime(), queueFilter);
    const next = offer?.view ?? null;
    // A no answer on the main number, with "try the mobile next" on: the same lead again, its
    // mobile offered, while it may be called now (else the next lead, as always).
    const tryMobile = outcome === 'no_answer' && loop === null ? this.mobileTriedNext(contactId) : null;
    // Everything the screen shows after a disposition comes in this reply (the next lead, its
    // script, follow-through step and badges, today's numbers), so painting it asks nothing more.
    // The rows already read for it (the lead the queue picked, this lead's loop) are not read again.
    return {
      call: toCall(requireCall(db, callId)),
      next,
      show: tryMobile
        ? this.showOf(contactId, tryMobile.rows, loop, tryMobile.calls)
        : loop?.status === 'running'
          ? this.showOf(contactId, this.queue.leadRows(contactId, true), loop)
          : offer
            ? this.showOf(offer.rows.contact.id, offer.rows)
            : null,
      session: session(this.ctx),
    };
  }

  /** Everything the call screen paints for a lead, each of its rows read once: the lead, its
   *  calls, tasks and campaigns are shared by the detail, the script, the follow-through step and
   *  the badges. */
  private showOf(contactId: number, rows: LeadRows | null, loop?: RedialLoop | null, callRows?: CallRow[]): NonNullable<LoggedCall['show']> {
    const { db } = this.ctx;
    const row = rows?.contact ?? requireContact(db, contactId);
    const calls = callRows ?? listCallsForContact(db, contactId);
    const tasks = tasksOf(db, contactId);
    const campaigns = campaignsOf(db, contactId);
    return {
      detail: this.detailOf(row, calls, tasks.filter((t) => t.done_at === null), { rows, loop }),
      script: this.scripts.forCallOf(row, calls, { voicemailMode: false, campaigns }),
      follow: this.follow.leadOf(row, tasks),
      labels: labelsWith(db, contactId, campaigns),
    };
  }

  /** The lead again with its mobile, when "try the mobile next" says so: its rows and calls as
   *  read for the decision (the screen is painted from them); null to move on. Called after the
   *  queue was read, so the queue is caught up. */
  private mobileTriedNext(contactId: number): { rows: LeadRows; calls: CallRow[] } | null {
    const { db, clock } = this.ctx;
    // Off by default: then no disposition pays for reading the lead and its calls again.
    if (!this.ctx.settings.get('tryMobileNext')) return null;
    const rows = this.queue.leadRows(contactId, true);
    if (!rows) return null;
    const calls = listCallsForContact(db, contactId);
    // Only its numbers are asked (the do-not-call flag is the queue's to judge, below).
    const mobile = this.mobileNextOf(toContact(rows.contact, false), calls);
    if (mobile === null || !this.queue.leadNow(contactId, clock.now().getTime(), null, rows).callable) return null;
    // The mobile is judged where it is too (its area code's hours and rules): offered only when
    // its dial would go through. From the rows and calls read above (each row read once).
    const number = (JSON.parse(rows.contact.other_phones) as StoredOtherPhone[])[mobile.otherPhone]?.e164;
    const now = clock.now();
    if (!number || otherNumberRefusal(toQueueLead(rows.contact, rows.state), number, now, this.queue.settings(), attemptInstantsOf(calls, now.getTime() - CAP_LOOKBACK_MS))) return null;
    return { rows, calls };
  }

  /** The notes typed so far, kept through a crash. */
  saveDraft(contactId: number, text: string): { savedAt: string } {
    requireContact(this.ctx.db, contactId);
    const at = this.ctx.clock.now().getTime();
    saveDraft(this.ctx.db, contactId, text, at);
    return { savedAt: new Date(at).toISOString() };
  }

  /** A page of the call log, newest first, read by keyset from `after`: the text read as a number
   *  in any format, or as words (shared/domain/callLogSearch). */
  search(query: CallLogQuery, page: { limit: number; after: { dialedAt: number; id: number } | null; withTotal: boolean }): CallLogPage {
    const { db } = this.ctx;
    // A name typed is looked up in the search index: an import's leads go in first.
    ensureLeadSearchIndexed(db);
    const filter: CallLogFilter = { search: callLogSearch(query.text, this.ctx.settings.get('defaultCountry')), outcome: query.outcome, contactId: query.contactId };
    const rows = searchCallLog(db, filter, page.limit, page.after);
    const last = rows.length === page.limit ? rows.at(-1) : undefined;
    return {
      total: page.withTotal ? countCallLog(db, filter) : null,
      calls: rows.map((row) => ({ ...toCall(row), contactName: `${row.first_name} ${row.last_name}`.trim(), company: row.company })),
      next: last ? { dialedAt: new Date(last.dialed_at).toISOString(), id: last.id } : null,
    };
  }
}

/** The checklist ticked during the call goes into the notes, so it is read with them. */
function withChecklist(notes: string, checklist: readonly { item: string; done: boolean }[]): string {
  if (checklist.length === 0) return notes;
  const lines = checklist.map((c) => `${c.done ? '[x]' : '[ ]'} ${c.item}`).join('\n');
  return `${notes.trimEnd()}${notes.trim() ? '\n\n' : ''}Checklist:\n${lines}`;
}

/** The Calls screen's search as asked: the text as typed. */
export interface CallLogQuery {
  text: string;
  outcome: Outcome | 'none' | null;
  contactId: number | null;
}

export type { CallLogFilter, Outcome };
