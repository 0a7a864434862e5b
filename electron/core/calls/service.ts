// The call: what the call screen shows for a lead, dialling, dispositions and the call log. Every
// attempt is a row in calls, committed before the number goes to the phone; every disposition is
// one transaction: the call, the lead's new plan, and what the outcome implies (do-not-call
// entry, dud, email task, the redial loop) commit together, and the effects follow the commit.
import type { Call, ContactDetail, QueueEntry, ScriptForCall } from '../../../shared/ipc/contract';
import { checkDisposition, dispositionRefusal, type DispositionCommand, type Outcome } from '../../../shared/domain/dispositions';
import { dialLink } from '../../../shared/domain/dialPresets';
import type { CoreContext } from '../context';
import { rulesBrokenOutsideTheApp } from '../law/service';
import { CoreError } from '../errors';
import { isoOrNull } from '../instants';
import type { Dialer } from '../ports';
import { contactView, requireContact } from '../contacts/service';
import { markContactCalled } from '../contacts/repo';
import { setCallScriptMarks } from '../scripts/repo';
import type { ScriptsService } from '../scripts/service';
import { openTasksFor } from '../tasks/repo';
import type { QueueService } from '../queue/service';
import { applyOutcome, dialRefused, prepareDial, recordDial, requireCall, requireLead, stateBeforeDial, toCall, type AttemptDeps } from './attempts';
import type { RedialService } from './redial';
import { countCallLog, getDraft, listCallsForContact, saveDraft, searchCallLog, setCallOutcome, type CallLogFilter, type CallRow } from './repo';
import type { ContactRow } from '../contacts/repo';

export interface LoggedCall {
  call: Call;
  next: QueueEntry | null;
  /** What the call screen shows next: the same lead while its redial loop runs, else the next
   *  lead; null when nobody can be called now. */
  show: { detail: ContactDetail; script: ScriptForCall } | null;
}

export interface CallLogPage {
  total: number | null;
  calls: (Call & { contactName: string; company: string })[];
  next: { dialedAt: string; id: number } | null;
}

export class CallsService {
  private readonly attempts: AttemptDeps;

  constructor(
    private readonly ctx: CoreContext,
    private readonly queue: QueueService,
    private readonly redial: RedialService,
    private readonly scripts: ScriptsService,
    private readonly dialer: Dialer,
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

  private detailOf(row: ContactRow, callRows: readonly CallRow[]): ContactDetail {
    const { db, clock } = this.ctx;
    const contactId = row.id;
    const contact = contactView(db, row);
    const redial = this.redial.get(contactId);
    return {
      contact,
      calls: callRows.map(toCall),
      tasks: openTasksFor(db, contactId).map((t) => ({
        id: t.id,
        contactId: t.contact_id,
        kind: t.kind,
        title: t.title,
        dueAt: new Date(t.due_at).toISOString(),
        callId: t.call_id,
        doneAt: isoOrNull(t.done_at),
      })),
      draft: getDraft(db, contactId)?.text ?? '',
      now: this.queue.leadNow(contactId, clock.now().getTime(), redial),
      redial,
    };
  }

  /** Record the attempt, then hand the number to the desk's phone. The row is committed first,
   *  so a crash mid-call still leaves the attempt in the log (with no disposition yet). Dialling
   *  a lead whose redial loop runs is the loop's next attempt. */
  async dial(contactId: number, override: boolean, otherPhone?: number): Promise<Call> {
    if (this.redial.get(contactId)?.status === 'running') {
      const loop = await this.redial.dialNow(contactId, override);
      return toCall(requireCall(this.ctx.db, loop!.lastCallId!));
    }
    const target = prepareDial(this.attempts, contactId, override, otherPhone);
    const before = stateBeforeDial(this.ctx.db, target);
    const id = recordDial(this.attempts, target, { override, loopId: null });
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
  log(callId: number, command: DispositionCommand): LoggedCall {
    const contactId = this.writeDisposition(callId, command);
    return this.afterDisposition(callId, contactId, command.outcome);
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
    const target = { lead, uri: built.ok ? built.uri : `tel:${contact.e164}`, preset: phone.preset, e164: contact.e164, lastOutcome: contact.last_outcome, lastCalledAt: contact.last_called_at, waived };
    const callId = db.transaction(() => {
      const id = recordDial(this.attempts, target, { override: false, loopId: null });
      this.writeDisposition(id, command);
      return id;
    }).immediate();
    return this.afterDisposition(callId, contactId, command.outcome);
  }

  /** The disposition's one transaction; returns the call's contact. */
  private writeDisposition(callId: number, command: DispositionCommand): number {
    const { db, clock } = this.ctx;
    const call = requireCall(db, callId);
    if (call.outcome !== null) throw new CoreError('conflict', 'This call already has a disposition; dial again to log another attempt.');
    if (call.dial_failure !== null) {
      throw new CoreError('conflict', 'The phone did not take the number on this attempt, so nobody was reached and there is nothing to log: dial again.');
    }
    const now = clock.now().getTime();
    const check = checkDisposition(command.outcome, command.detail, { now, reasons: this.ctx.settings.get('notInterestedReasons') });
    if (!check.ok) throw new CoreError('invalid_request', dispositionRefusal(command.outcome, check.problems), Object.fromEntries(check.problems));
    const disposition = check.disposition;
    db.transaction(() => {
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
      applyOutcome(this.attempts, call, disposition, now);
      if (command.outcome === 'engaged') this.redial.onEngaged(call, now);
      else this.redial.onOtherOutcome(call.contact_id, now);
      saveDraft(db, call.contact_id, '', now);
    }).immediate();
    return call.contact_id;
  }

  /** After the commit: the effects, and the reply with the next screen in it. */
  private afterDisposition(callId: number, contactId: number, outcome: Outcome): LoggedCall {
    const { db, clock } = this.ctx;
    this.ctx.effects.callChanged(callId, contactId);
    this.ctx.effects.plansChanged();
    const loop = this.redial.get(contactId);
    if (outcome === 'engaged' || loop !== null) this.ctx.effects.redialChanged(contactId);
    const next = this.queue.next(clock.now().getTime());
    const showId = loop?.status === 'running' ? contactId : (next?.contact.id ?? null);
    return {
      call: toCall(requireCall(db, callId)),
      next,
      show: showId === null ? null : (this.screenOf(showId, true) as { detail: ContactDetail; script: ScriptForCall }),
    };
  }

  /** The notes typed so far, kept through a crash. */
  saveDraft(contactId: number, text: string): { savedAt: string } {
    requireContact(this.ctx.db, contactId);
    const at = this.ctx.clock.now().getTime();
    saveDraft(this.ctx.db, contactId, text, at);
    return { savedAt: new Date(at).toISOString() };
  }

  /** A page of the call log, newest first, read by keyset from `after`. */
  search(filter: CallLogFilter, page: { limit: number; after: { dialedAt: number; id: number } | null; withTotal: boolean }): CallLogPage {
    const { db } = this.ctx;
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

export type { CallLogFilter, Outcome };
