// Complaint cases through the core: opened by a complaint call, its facts documented, its steps
// promises with dates, its follow-up times tasks; when every step is kept the close-the-loop task
// falls due, and the case closes when a call that talked to them is logged after it.
import type { Database } from 'better-sqlite3';
import {
  callClosesLoop,
  closeLoopFallsDue,
  closeLoopTaskTitle,
  COMPLAINT_CASE_STATE_LABELS,
  complaintCaseEditable,
  complaintCaseState,
  overdueSteps,
  type ComplaintCaseFacts,
} from '../../../shared/domain/complaintCase';
import type { Outcome } from '../../../shared/domain/dispositions';
import { lateness, promiseState } from '../../../shared/domain/promises';
import type { ComplaintCaseView } from '../../../shared/ipc/contract';
import { listCallsForContact } from '../calls/repo';
import { requireContact } from '../contacts/service';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import {
  attachPromiseToCase,
  attachTaskToCase,
  closeComplaintCase,
  complaintCaseOfPromise,
  complaintCasesOf,
  doneAtOfTask,
  followUpsOfComplaintCase,
  getComplaintCase,
  insertComplaintCase,
  openComplaintCaseOf,
  setCloseLoopTask,
  setComplaintFacts,
  stepsOfComplaintCase,
  type ComplaintCaseRow,
} from './complaintsRepo';
import { addTask, finishTask, insertPromise } from './repo';
import { requireWithinReach } from '../instants';

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** The pure rule's view of a stored case. */
function factsOf(db: Database, row: ComplaintCaseRow): ComplaintCaseFacts {
  return {
    facts: row.facts,
    steps: stepsOfComplaintCase(db, row.id).map((s) => ({ dueAt: s.due_at, keptAt: s.kept_at, brokenAt: s.broken_at })),
    followUps: followUpsOfComplaintCase(db, row.id).flatMap((t) => (t.kind === 'promise' ? [] : [{ kind: t.kind }])),
    closeLoopDueAt: row.close_due_at,
    closedAt: row.closed_at,
  };
}

/** Inside a promise's keep: when it was the case's last open step, the close-the-loop task is due
 *  now. */
export function closeLoopAfterStepKept(db: Database, promiseId: number, at: number): void {
  const caseId = complaintCaseOfPromise(db, promiseId);
  if (caseId === null) return;
  const row = getComplaintCase(db, caseId);
  if (!row || !closeLoopFallsDue(factsOf(db, row))) return;
  const contact = requireContact(db, row.contact_id);
  const taskId = addTask(db, { contactId: row.contact_id, kind: 'call', title: closeLoopTaskTitle(contact.first_name), dueAt: at, callId: null, at });
  attachTaskToCase(db, caseId, taskId);
  setCloseLoopTask(db, caseId, taskId, at);
}

/** Inside a disposition's transaction: a call that talked to them after the close-the-loop task
 *  fell due closes the case, and that task is done. True when it closed one. */
export function closeComplaintLoopAfterCall(db: Database, call: { id: number; contact_id: number }, outcome: Outcome, at: number): boolean {
  const row = openComplaintCaseOf(db, call.contact_id);
  if (!row || !callClosesLoop(factsOf(db, row), outcome, at)) return false;
  closeComplaintCase(db, row.id, at, call.id);
  if (row.close_task_id !== null) finishTask(db, row.close_task_id, at);
  return true;
}

export class ComplaintCases {
  constructor(private readonly ctx: CoreContext) {}

  private now(): number {
    return this.ctx.clock.now().getTime();
  }

  private changed(contactId: number): void {
    this.ctx.effects.emit('follow.changed', { contactId });
    this.ctx.effects.dueChanged();
  }

  private require(id: number): ComplaintCaseRow {
    const row = getComplaintCase(this.ctx.db, id);
    if (!row) throw new CoreError('not_found', `There is no complaint case with id ${id}.`);
    return row;
  }

  private requireEditable(id: number): ComplaintCaseRow {
    const row = this.require(id);
    const editable = complaintCaseEditable(factsOf(this.ctx.db, row));
    if (!editable.ok) throw new CoreError('conflict', editable.reason);
    return row;
  }

  view(row: ComplaintCaseRow, now: number = this.now()): ComplaintCaseView {
    const { db } = this.ctx;
    const facts = factsOf(db, row);
    const state = complaintCaseState(facts);
    return {
      id: row.id,
      contactId: row.contact_id,
      state,
      next: COMPLAINT_CASE_STATE_LABELS[state],
      openedAt: new Date(row.opened_at).toISOString(),
      openedCallId: row.opened_call_id,
      facts: row.facts,
      factsAt: iso(row.facts_at),
      steps: stepsOfComplaintCase(db, row.id).map((s) => {
        const stepState = promiseState({ dueAt: s.due_at, keptAt: s.kept_at, brokenAt: s.broken_at }, now);
        return {
          promiseId: s.id,
          what: s.what,
          dueAt: new Date(s.due_at).toISOString(),
          state: stepState,
          late: stepState === 'overdue' ? lateness(s.due_at, now) : null,
          keptAt: iso(s.kept_at),
          keptNote: s.kept_note,
        };
      }),
      followUps: followUpsOfComplaintCase(db, row.id).map((t) => ({ taskId: t.id, kind: t.kind, title: t.title, dueAt: new Date(t.due_at).toISOString(), doneAt: iso(t.done_at) })),
      closeLoop: row.close_task_id === null || row.close_due_at === null ? null : { taskId: row.close_task_id, dueAt: new Date(row.close_due_at).toISOString(), doneAt: iso(doneAtOfTask(db, row.close_task_id)) },
      closedAt: iso(row.closed_at),
      closedCallId: row.closed_call_id,
      overdueSteps: overdueSteps(facts, now),
    };
  }

  /** A complaint call opens a case; while one is open for the lead, that one is shown (and the
   *  facts given are kept only if it has none yet: nothing the rep wrote is overwritten). */
  open(request: { contactId: number; callId?: number; facts: string }): ComplaintCaseView {
    const { db } = this.ctx;
    const at = this.now();
    requireContact(db, request.contactId);
    if (request.callId !== undefined && !listCallsForContact(db, request.contactId).some((c) => c.id === request.callId)) {
      throw new CoreError('not_found', `Lead ${request.contactId} has no call with id ${request.callId}.`);
    }
    const facts = request.facts.trim();
    const id = db
      .transaction(() => {
        const existing = openComplaintCaseOf(db, request.contactId);
        const caseId = existing?.id ?? insertComplaintCase(db, { contactId: request.contactId, callId: request.callId ?? null, at });
        if (facts !== '' && (existing === undefined || existing.facts.trim() === '')) setComplaintFacts(db, caseId, facts, at);
        return caseId;
      })
      .immediate();
    this.changed(request.contactId);
    return this.view(this.require(id), at);
  }

  ofLead(contactId: number): { current: ComplaintCaseView | null; total: number } {
    requireContact(this.ctx.db, contactId);
    return this.casesOf(contactId);
  }

  /** The lead's open case, else its latest (a lead the caller has already checked). */
  currentOf(contactId: number): ComplaintCaseView | null {
    return this.casesOf(contactId).current;
  }

  private casesOf(contactId: number): { current: ComplaintCaseView | null; total: number } {
    const cases = complaintCasesOf(this.ctx.db, contactId);
    const current = cases.find((c) => c.closed_at === null) ?? cases[0];
    return { current: current ? this.view(current) : null, total: cases.length };
  }

  documentFacts(id: number, facts: string): ComplaintCaseView {
    const row = this.requireEditable(id);
    setComplaintFacts(this.ctx.db, id, facts, this.now());
    this.changed(row.contact_id);
    return this.view(this.require(id));
  }

  /** A step we will take: a promise (to the lead, owned by the rep) with its task, in the case. */
  addStep(id: number, what: string, dueAt: number): ComplaintCaseView {
    const { db } = this.ctx;
    const row = this.requireEditable(id);
    const at = this.now();
    requireWithinReach(dueAt, at, 'dueAt', 'The step’s date');
    const contact = requireContact(db, row.contact_id);
    const toWhom = `${contact.first_name} ${contact.last_name}`.trim() || 'the lead';
    const owner = this.ctx.settings.get('repName') || 'me';
    db.transaction(() => {
      const taskId = addTask(db, { contactId: row.contact_id, kind: 'promise', title: `Complaint step for ${toWhom}: ${what}`, dueAt, callId: row.opened_call_id, at });
      attachTaskToCase(db, id, taskId);
      const promiseId = insertPromise(db, { contactId: row.contact_id, callId: row.opened_call_id, what, toWhom, owner, dueAt, at, taskId });
      attachPromiseToCase(db, id, promiseId);
    }).immediate();
    this.changed(row.contact_id);
    return this.view(this.require(id), at);
  }

  /** A follow-up time agreed with them: a call, or an email (the after-complaint template). */
  addFollowUp(id: number, kind: 'call' | 'email', dueAt: number): ComplaintCaseView {
    const { db } = this.ctx;
    const row = this.requireEditable(id);
    const at = this.now();
    requireWithinReach(dueAt, at, 'dueAt', 'The follow-up’s date');
    const contact = requireContact(db, row.contact_id);
    const name = contact.first_name.trim() || 'them';
    db.transaction(() => {
      const taskId =
        kind === 'call'
          ? addTask(db, { contactId: row.contact_id, kind: 'call', title: `Complaint follow-up call: tell ${name} where the steps stand`, dueAt, callId: row.opened_call_id, at })
          : addTask(db, { contactId: row.contact_id, kind: 'email', title: 'Email: after a complaint call', dueAt, callId: row.opened_call_id, at, situation: 'after_complaint' });
      attachTaskToCase(db, id, taskId);
    }).immediate();
    this.changed(row.contact_id);
    return this.view(this.require(id), at);
  }
}
