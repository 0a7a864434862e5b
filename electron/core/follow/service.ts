// Follow-through: what happens between calls. Email templates; an email for a lead opened in the
// desk's mail client through mailto: (the dialer port, which holds every link to the allowlist);
// "sent" logged on the lead, its email task done and the cadence's follow-up call due; promises
// until kept; every open task across leads; a lead's step and timeline.
import type { Database } from 'better-sqlite3';
import { cadenceStepLine, EMAIL_SITUATION_LABELS, emailFollowsCall, emailMayFollow, emailSituationAfter, followUpCallAt, waitAfterEmail, type EmailSituation } from '../../../shared/domain/cadence';
import type { Disposition, Outcome } from '../../../shared/domain/dispositions';
import { emailTemplateFromMarkdown, emailTemplateToMarkdown, renderEmail, STARTER_EMAIL_TEMPLATES } from '../../../shared/domain/emailTemplates';
import { buildMailto } from '../../../shared/domain/mailto';
import { duplicateNameMessage, nameTakenBy } from '../../../shared/domain/scripts';
import { normalizePhone } from '../../../shared/domain/phone';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import { brokenPromiseTaskTitle, lateness, promiseState } from '../../../shared/domain/promises';
import { countReasons, slippedLine, stalledClosing, stalledNow } from '../../../shared/domain/stalled';
import { displayZone, type QueueLead } from '../../../shared/domain/queueRules';
import { outcomeLabel } from '../../../shared/domain/dispositions';
import type { EmailDraft, EmailTemplateView, FollowUp, OpenTask, PromiseListState, PromiseView, TimelineEntry } from '../../../shared/ipc/contract';
import { listCallsForContact, otherCallsFacts, type CallRow } from '../calls/repo';
import type { ContactRow } from '../contacts/repo';
import { requireContact, toContact } from '../contacts/service';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import type { Dialer } from '../ports';
import { getQueueState, setClosed, setHidden, storePlan } from '../queue/repo';
import { insertStalledClosure, stalledClosuresOf, stalledHandledAt, stalledReasonsBetween } from './stalledRepo';
import { closeLoopAfterStepKept, ComplaintCases } from './complaints';
import { complaintCasesOf } from './complaintsRepo';
import type { QueueService } from '../queue/service';
import { mergeValuesFor } from '../scripts/service';
import { timeIn } from '../../../shared/domain/timeFormat';
import { requireWithinReach } from '../instants';
import {
  addTask,
  breakPromise,
  countOpenTasksMatching,
  deleteEmailTemplate,
  emailsOf,
  emailTemplateFor,
  finishTask,
  getEmailTemplate,
  getPromise,
  getStarterEmailTemplate,
  getTask,
  insertEmail,
  insertEmailTemplate,
  insertPromise,
  keepPromise,
  latestAdvancesOfAll,
  lostCallsBetween,
  listEmailTemplates,
  listOpenPromises,
  listSettledPromises,
  listOpenTasks,
  openEmailTaskFor,
  promisesOf,
  recentOf,
  setEmailFollowUp,
  snoozeTask,
  tasksOf,
  updateEmailTemplate,
  type AnyTaskRow,
  type EmailRow,
  type EmailTemplateRow,
  type OpenTaskRow,
  type PromiseRow,
} from './repo';

export interface LostReport {
  from: string;
  to: string;
  lost: {
    total: number;
    reasons: { reason: string; count: number }[];
    byImport: { import: string; total: number; reasons: { reason: string; count: number }[] }[];
    calls: { callId: number; contactId: number; name: string; import: string | null; at: string; reason: string; notes: string }[];
  };
  stalled: {
    total: number;
    leads: { contactId: number; name: string; import: string | null; callId: number; why: string; nextAt: string }[];
    /** Stalled leads closed with a reason over the range, by count. */
    closedReasons: { reason: string; count: number }[];
  };
}

const CONVERSATIONS: ReadonlySet<Outcome> = new Set<Outcome>(['conversation', 'advance', 'callback_requested', 'conversion']);

/** The shipped email templates exist (written once; the rep's edits are kept). */
export function seedStarterEmailTemplates(db: Database, at: number): void {
  db.transaction(() => {
    for (const starter of STARTER_EMAIL_TEMPLATES) {
      if (!getStarterEmailTemplate(db, starter.key)) insertEmailTemplate(db, { ...starter, starterKey: starter.key, at });
    }
  }).immediate();
}

/** Inside a disposition's transaction: the email the cadence sends after this call, as a task due
 *  now — after a voicemail, or after the first conversation — unless one is already open. */
export function emailTaskAfterCall(ctx: CoreContext, call: CallRow, disposition: Disposition, at: number): number | null {
  const { db } = ctx;
  const { outcome } = disposition;
  if (!emailFollowsCall(ctx.settings.get('cadence'))) return null;
  // Most outcomes (no answer, engaged…) are followed by no email: nothing more is read for them.
  if (!emailMayFollow(outcome)) return null;
  if (openEmailTaskFor(db, call.contact_id) !== null) return null;
  const earlier = otherCallsFacts(db, call.contact_id, call.id, [...CONVERSATIONS]);
  const hadConversation = earlier.hadConversation;
  // Only the first conversation is confirmed by email; later ones have their own next steps.
  if (CONVERSATIONS.has(outcome) && hadConversation) return null;
  const row = requireContact(db, call.contact_id);
  const complaint = Object.entries(JSON.parse(row.custom_fields) as Record<string, string>).some(([k, v]) => /complain/i.test(k) || /complain/i.test(v));
  const proposal = earlier.proposalStep || (disposition.outcome === 'advance' && /proposal|quote/i.test(disposition.nextStep));
  const situation = emailSituationAfter(outcome, { complaint, proposal, hadConversation });
  if (situation === null) return null;
  return addTask(db, { contactId: call.contact_id, kind: 'email', title: `Email: ${EMAIL_SITUATION_LABELS[situation].toLowerCase()}`, dueAt: at, callId: call.id, at, situation });
}

function templateView(row: EmailTemplateRow): EmailTemplateView {
  return { id: row.id, name: row.name, situation: row.situation, subject: row.subject, body: row.body, starter: row.starter_key !== null, updatedAt: new Date(row.updated_at).toISOString() };
}

function zoneOf(timeZones: string): string {
  return timeZones.split(' ').find((z) => z !== '') ?? 'UTC';
}

export class FollowService {
  /** Complaint cases: their steps are this service's promises, their follow-ups its tasks. */
  readonly complaints: ComplaintCases;

  constructor(
    private readonly ctx: CoreContext,
    private readonly queue: QueueService,
    private readonly dialer: Dialer,
  ) {
    this.complaints = new ComplaintCases(ctx);
  }

  private now(): number {
    return this.ctx.clock.now().getTime();
  }

  private changed(contactId: number | null): void {
    this.ctx.effects.emit('follow.changed', { contactId });
    this.ctx.effects.dueChanged();
    this.ctx.effects.plansChanged();
  }

  // ---- Templates -------------------------------------------------------------------------

  templates(): EmailTemplateView[] {
    return listEmailTemplates(this.ctx.db).map(templateView);
  }

  private requireTemplate(id: number): EmailTemplateRow {
    const row = getEmailTemplate(this.ctx.db, id);
    if (!row) throw new CoreError('not_found', `There is no email template with id ${id}.`);
    return row;
  }

  /** Refuse a name another template has (case and spaces aside), beside the name field: the
   *  editor's list and the "choose a template" menu tell them apart by name alone. `self` is the
   *  template renamed (its own name, kept, is no duplicate). */
  private refuseDuplicateName(name: string, self?: EmailTemplateRow): void {
    const same = nameTakenBy(name, listEmailTemplates(this.ctx.db), self);
    if (same) {
      const message = duplicateNameMessage('an email template', same.name);
      throw new CoreError('conflict', message, { name: message });
    }
  }

  saveTemplate(id: number | undefined, draft: { name: string; situation: EmailSituation; subject: string; body: string }): EmailTemplateView {
    const { db } = this.ctx;
    const at = this.now();
    const saved = db
      .transaction(() => {
        if (id === undefined) {
          this.refuseDuplicateName(draft.name);
          return insertEmailTemplate(db, { ...draft, starterKey: null, at });
        }
        this.refuseDuplicateName(draft.name, this.requireTemplate(id));
        updateEmailTemplate(db, id, { ...draft, at });
        return id;
      })
      .immediate();
    return templateView(this.requireTemplate(saved));
  }

  restoreTemplate(id: number): EmailTemplateView {
    const row = this.requireTemplate(id);
    const starter = STARTER_EMAIL_TEMPLATES.find((s) => s.key === row.starter_key);
    if (!starter) throw new CoreError('conflict', 'Only a shipped template can be restored; this one was written here.');
    const { db } = this.ctx;
    // The check and the write in one transaction, as for scripts: no other writer slips a name in between.
    db.transaction(() => {
      const same = nameTakenBy(starter.name, listEmailTemplates(db), row);
      if (same) throw new CoreError('conflict', `Restoring would give this template the name “${starter.name}”, which “${same.name}” already has: rename that one first.`);
      updateEmailTemplate(db, id, { ...starter, at: this.now() });
    }).immediate();
    return templateView(this.requireTemplate(id));
  }

  deleteTemplate(id: number): { id: number } {
    const row = this.requireTemplate(id);
    if (row.starter_key !== null) throw new CoreError('conflict', 'A shipped template cannot be deleted; edit it, or restore it to the text it shipped with.');
    deleteEmailTemplate(this.ctx.db, id);
    return { id };
  }

  importTemplate(fileName: string, text: string): EmailTemplateView {
    const parsed = emailTemplateFromMarkdown(text, fileName);
    if (!parsed.ok) throw new CoreError('invalid_request', parsed.reason, { file: parsed.reason });
    const { db } = this.ctx;
    const id = db
      .transaction(() => {
        const same = nameTakenBy(parsed.template.name, listEmailTemplates(db));
        if (same) throw new CoreError('conflict', `${fileName} is called “${parsed.template.name}”, and there is already an email template called “${same.name}”: rename yours, or change the name in the file, then import it again.`);
        return insertEmailTemplate(db, { ...parsed.template, starterKey: null, at: this.now() });
      })
      .immediate();
    return templateView(this.requireTemplate(id));
  }

  exportTemplate(id: number): { fileName: string; text: string } {
    const row = this.requireTemplate(id);
    const slug = row.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'email';
    return { fileName: `${slug}.md`, text: emailTemplateToMarkdown(row) };
  }

  // ---- Email -----------------------------------------------------------------------------

  /** The email for a lead: the situation of the task given (or its open email task, or the one
   *  asked for), that situation's template, merged with the lead's values. */
  draft(request: { contactId: number; taskId?: number; situation?: EmailSituation; templateId?: number }): EmailDraft {
    const { db } = this.ctx;
    const row = requireContact(db, request.contactId);
    const taskId = request.taskId ?? openEmailTaskFor(db, request.contactId);
    const task = taskId === null ? undefined : getTask(db, taskId);
    if (request.taskId !== undefined && (!task || task.contact_id !== request.contactId)) throw new CoreError('not_found', `Lead ${request.contactId} has no task with id ${request.taskId}.`);
    const template = request.templateId !== undefined ? this.requireTemplate(request.templateId) : undefined;
    const situation: EmailSituation = request.situation ?? template?.situation ?? task?.email_situation ?? 'confirm_conversation';
    const chosen = template ?? emailTemplateFor(db, situation);
    if (!chosen) throw new CoreError('not_found', `There is no email template for "${EMAIL_SITUATION_LABELS[situation]}": write one beside the scripts.`);
    const values = this.mergeValues(row);
    const { subject, body } = renderEmail(chosen, values);
    const to = row.email.trim();
    const link = buildMailto({ to, subject, body });
    return {
      contactId: row.id,
      taskId: task && task.done_at === null ? task.id : null,
      situation,
      templateId: chosen.id,
      to,
      subject,
      body,
      text: `To: ${to}\nSubject: ${subject}\n\n${body}\n`,
      uri: link.ok ? link.uri : null,
      problem: link.ok ? null : link.reason,
      bodyOnClipboard: link.ok && link.bodyOnClipboard,
      note: link.ok ? link.note : null,
    };
  }

  /** The merge values of the scripts, with the rep's number written for reading, not saying. */
  private mergeValues(row: ContactRow): Record<string, string> {
    const settings = this.ctx.settings.all();
    const values = mergeValuesFor(settings, toContact(row, false), listCallsForContact(this.ctx.db, row.id), this.now()) as Record<string, string>;
    const own = settings.repPhone ? normalizePhone(settings.repPhone, settings.defaultCountry) : null;
    values['me.phone'] = own?.ok ? formatForDisplay(own.e164, own.extension) : settings.repPhone;
    return values;
  }

  /** Open the draft in the desk's mail client. Nothing is written: "sent" is the rep's to say. */
  async open(request: { contactId: number; taskId?: number; situation?: EmailSituation; templateId?: number }): Promise<EmailDraft> {
    const draft = this.draft(request);
    if (draft.uri === null) throw new CoreError('invalid_request', `Cannot open an email to ${draft.to || 'this lead'}: ${draft.problem ?? 'no link'}. Copy the email as text instead.`);
    try {
      await this.dialer.open(draft.uri, this.ctx.settings.get('phone').preset);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'the system gave no reason';
      throw new CoreError('dial_refused', `The mail client did not open the draft: ${reason}. Copy the email as text and paste it into your mail.`);
    }
    return draft;
  }

  /** The rep sent the email: it is logged on the lead, its task done, and the cadence's follow-up
   *  call due N business days after now (not after the task was due) inside the lead's hours. */
  markSent(request: { contactId: number; taskId?: number; situation?: EmailSituation; templateId?: number }): { emailId: number; followUpTaskId: number | null; callDueAt: string | null; step: string } {
    const { db } = this.ctx;
    const draft = this.draft(request);
    const at = this.now();
    const lead = this.queue.leadOf(request.contactId);
    const wait = waitAfterEmail(this.ctx.settings.get('cadence'));
    const result = db
      .transaction(() => {
        const emailId = insertEmail(db, { contactId: draft.contactId, taskId: draft.taskId, templateId: draft.templateId, situation: draft.situation, to: draft.to, subject: draft.subject, sentAt: at });
        if (draft.taskId !== null) finishTask(db, draft.taskId, at);
        if (wait === null || lead === null) return { emailId, followUpTaskId: null, callDueAt: null };
        const settings = this.queue.settings();
        const callDueAt = followUpCallAt(lead, at, wait, settings.callingHours, settings.law);
        const zone = displayZone(lead);
        const followUpTaskId = addTask(db, { contactId: lead.id, kind: 'call', title: `Follow-up call after the email (${this.ctx.settings.get('cadence').name})`, dueAt: callDueAt, callId: null, at });
        setEmailFollowUp(db, emailId, followUpTaskId);
        this.planFollowUpCall(lead, callDueAt, `${cadenceStepLine({ emailSentAt: at, callDueAt, emailDueAt: null }, zone, this.ctx.repTimeZone)}`, { keepSnoozeAt: at });
        return { emailId, followUpTaskId, callDueAt };
      })
      .immediate();
    this.changed(request.contactId);
    return {
      emailId: result.emailId,
      followUpTaskId: result.followUpTaskId,
      callDueAt: result.callDueAt === null ? null : new Date(result.callDueAt).toISOString(),
      step: this.stepLine(request.contactId),
    };
  }

  /** The lead comes back to the queue when the follow-up call is due — unless it is out of the
   *  queue, or a promised callback already holds it to its own minute. `keepSnoozeAt`: a due
   *  time the cadence worked out (not one the rep typed) leaves a snooze still running at that
   *  instant as it is, so an email does not bring back sooner a lead the rep put away. */
  private planFollowUpCall(lead: QueueLead, dueAt: number, why: string, options: { keepSnoozeAt?: number } = {}): void {
    const state = getQueueState(this.ctx.db, lead.id);
    if (!state || state.closed !== null || state.blocked !== null || state.tier === 'callback') return;
    storePlan(this.ctx.db, lead.id, {
      tier: 'retry',
      due_at: dueAt,
      why,
      closed: null,
      voicemail_rest_until: state.voicemail_rest_until,
      last_attempt_at: state.last_attempt_at,
      attempts_today: state.attempts_today,
      cap_reached: state.cap_reached,
      cap_rule: state.cap_rule,
    });
    const at = options.keepSnoozeAt;
    if (at !== undefined && state.hidden_until !== null && state.hidden_until > at) setHidden(this.ctx.db, lead.id, state.hidden_until, state.hidden_kind);
  }

  // ---- Tasks -----------------------------------------------------------------------------

  private taskView(row: OpenTaskRow, now: number): OpenTask {
    const zone = zoneOf(row.time_zones);
    return {
      id: row.id,
      contactId: row.contact_id,
      kind: row.kind,
      title: row.title,
      dueAt: new Date(row.due_at).toISOString(),
      firstDueAt: row.first_due_at !== null && row.first_due_at !== row.due_at ? new Date(row.first_due_at).toISOString() : null,
      name: `${row.first_name} ${row.last_name}`.trim() || '(no name)',
      company: row.company,
      email: row.email,
      theirTime: timeIn(row.due_at, zone),
      zone,
      emailSituation: row.email_situation,
      late: lateness(row.due_at, now),
    };
  }

  tasks(request: { due: boolean; limit: number; kind?: 'email' | 'call' | 'promise' | null; after?: { dueAt: number; id: number } | null; at?: number }): {
    total: number;
    tasks: OpenTask[];
    next: { dueAt: string; id: number } | null;
  } {
    const now = request.at ?? this.now();
    const filter = { dueBy: request.due ? now : null, kind: request.kind ?? null };
    const rows = listOpenTasks(this.ctx.db, { ...filter, limit: request.limit, after: request.after ?? null });
    const last = rows.at(-1);
    return {
      total: countOpenTasksMatching(this.ctx.db, filter),
      tasks: rows.map((r) => this.taskView(r, now)),
      next: last && rows.length === request.limit ? { dueAt: new Date(last.due_at).toISOString(), id: last.id } : null,
    };
  }

  completeTask(id: number, at: number = this.now()): { id: number; completed: boolean } {
    const task = getTask(this.ctx.db, id);
    if (!task) throw new CoreError('not_found', `There is no task with id ${id}.`);
    const completed = finishTask(this.ctx.db, id, at);
    this.changed(task.contact_id);
    return { id, completed };
  }

  snooze(id: number, until: number): { id: number; dueAt: string } {
    const task = getTask(this.ctx.db, id);
    if (!task) throw new CoreError('not_found', `There is no task with id ${id}.`);
    if (task.done_at !== null) throw new CoreError('conflict', 'That task is already done.');
    if (until <= this.now()) throw new CoreError('invalid_request', 'Snooze to a time that is still to come.', { until: 'in the past' });
    requireWithinReach(until, this.now(), 'until', 'The snooze time');
    snoozeTask(this.ctx.db, id, until);
    this.changed(task.contact_id);
    return { id, dueAt: new Date(until).toISOString() };
  }

  // ---- Promises --------------------------------------------------------------------------

  private promiseView(row: PromiseRow, now: number): PromiseView {
    const state = promiseState({ dueAt: row.due_at, keptAt: row.kept_at, brokenAt: row.broken_at }, now);
    return {
      id: row.id,
      contactId: row.contact_id,
      callId: row.call_id,
      name: `${row.first_name} ${row.last_name}`.trim() || '(no name)',
      company: row.company,
      what: row.what,
      toWhom: row.to_whom,
      owner: row.owner,
      dueAt: new Date(row.due_at).toISOString(),
      theirTime: timeIn(row.due_at, zoneOf(row.time_zones)),
      zone: zoneOf(row.time_zones),
      reminderTaskId: row.task_id,
      state,
      overdue: state === 'overdue',
      late: state === 'overdue' ? lateness(row.due_at, now) : null,
      keptAt: row.kept_at === null ? null : new Date(row.kept_at).toISOString(),
      keptNote: row.kept_note,
      brokenAt: row.broken_at === null ? null : new Date(row.broken_at).toISOString(),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  private requirePromise(id: number): PromiseRow {
    const row = getPromise(this.ctx.db, id);
    if (!row) throw new CoreError('not_found', `There is no promise with id ${id}.`);
    return row;
  }

  /** "I promised…": kept with a task of kind promise that falls due (and notifies) at its time. */
  addPromise(request: { contactId: number; callId?: number; what: string; toWhom: string; owner: string; dueAt: number; at?: number }): PromiseView {
    const { db } = this.ctx;
    const at = request.at ?? this.now();
    requireWithinReach(request.dueAt, at, 'dueAt', 'The promised date');
    const row = requireContact(db, request.contactId);
    const toWhom = request.toWhom || `${row.first_name} ${row.last_name}`.trim() || 'the lead';
    const owner = request.owner || this.ctx.settings.get('repName') || 'me';
    if (request.callId !== undefined) {
      const call = listCallsForContact(db, request.contactId).find((c) => c.id === request.callId);
      if (!call) throw new CoreError('not_found', `Lead ${request.contactId} has no call with id ${request.callId}.`);
    }
    const id = db
      .transaction(() => {
        const taskId = addTask(db, { contactId: row.id, kind: 'promise', title: `Promise to ${toWhom}: ${request.what}`, dueAt: request.dueAt, callId: request.callId ?? null, at });
        return insertPromise(db, { contactId: row.id, callId: request.callId ?? null, what: request.what, toWhom, owner, dueAt: request.dueAt, at, taskId });
      })
      .immediate();
    this.changed(row.id);
    return this.promiseView(this.requirePromise(id), at);
  }

  /** Open promises (all, or only the overdue ones), or the kept or broken ones, newest first. */
  promises(request: { overdue: boolean; limit: number; state?: PromiseListState; at?: number }): PromiseView[] {
    const now = request.at ?? this.now();
    const state = request.state ?? (request.overdue ? 'overdue' : 'open');
    const rows =
      state === 'kept' || state === 'broken'
        ? listSettledPromises(this.ctx.db, { state, limit: request.limit })
        : listOpenPromises(this.ctx.db, { overdueAt: state === 'overdue' ? now : null, limit: request.limit });
    return rows.map((p) => this.promiseView(p, now));
  }

  keep(id: number, note: string): PromiseView {
    const { db } = this.ctx;
    const at = this.now();
    const row = this.requirePromise(id);
    if (row.kept_at !== null || row.broken_at !== null) throw new CoreError('conflict', `That promise is already ${row.kept_at !== null ? 'kept' : 'marked broken'}.`);
    db.transaction(() => {
      keepPromise(db, id, at, note);
      finishTask(db, row.task_id, at);
      // A complaint case's last step kept: the close-the-loop call is due now.
      closeLoopAfterStepKept(db, id, at);
    }).immediate();
    this.changed(row.contact_id);
    return this.promiseView(this.requirePromise(id), at);
  }

  /** Past due and not kept: the rep calls first and says so (a call task due now). */
  breakPromise(id: number): PromiseView & { taskId: number } {
    const { db } = this.ctx;
    const at = this.now();
    const row = this.requirePromise(id);
    if (row.kept_at !== null || row.broken_at !== null) throw new CoreError('conflict', `That promise is already ${row.kept_at !== null ? 'kept' : 'marked broken'}.`);
    if (at <= row.due_at) throw new CoreError('conflict', 'That promise is not due yet: keep it, or change when it is due.');
    const taskId = db
      .transaction(() => {
        const callTask = addTask(db, { contactId: row.contact_id, kind: 'call', title: brokenPromiseTaskTitle(row.what, row.to_whom), dueAt: at, callId: row.call_id, at });
        breakPromise(db, id, at, callTask);
        finishTask(db, row.task_id, at);
        return callTask;
      })
      .immediate();
    this.changed(row.contact_id);
    return { ...this.promiseView(this.requirePromise(id), at), taskId };
  }

  // ---- A lead's follow-up ------------------------------------------------------------------

  /** "email sent 1 Dec · call due Thu 09:00 their time", or the email still due. */
  stepLine(contactId: number): string {
    const { db } = this.ctx;
    return this.stepLineOf(requireContact(db, contactId), tasksOf(db, contactId).filter((t) => t.done_at === null), emailsOf(db, contactId));
  }

  private stepLineOf(row: ContactRow, openTasks: readonly AnyTaskRow[], emails: readonly EmailRow[]): string {
    const zone = zoneOf(row.time_zones);
    const email = openTasks.find((t) => t.kind === 'email');
    const [lastEmail] = emails;
    const followUp = lastEmail?.follow_up_task_id != null ? openTasks.find((t) => t.id === lastEmail.follow_up_task_id) : undefined;
    return cadenceStepLine({ emailDueAt: email?.due_at ?? null, emailSentAt: followUp ? lastEmail!.sent_at : null, callDueAt: followUp?.due_at ?? null }, zone, this.ctx.repTimeZone);
  }

  lead(contactId: number): FollowUp {
    const { db } = this.ctx;
    return this.leadOf(requireContact(db, contactId), tasksOf(db, contactId));
  }

  /** The same for a lead whose row and tasks (all of them, by due time) the caller has read. */
  leadOf(row: ContactRow, tasks: readonly AnyTaskRow[]): FollowUp {
    const { db } = this.ctx;
    const now = this.now();
    const open = tasks.filter((t) => t.done_at === null);
    const emails = emailsOf(db, row.id);
    return {
      step: this.stepLineOf(row, open, emails),
      emails: emails.slice(0, 20).map((e) => ({ id: e.id, situation: e.situation, to: e.to_address, subject: e.subject, sentAt: new Date(e.sent_at).toISOString() })),
      promises: promisesOf(db, row.id)
        .filter((p) => p.kept_at === null && p.broken_at === null)
        .map((p) => this.promiseView(p, now)),
      tasks: open.map((t) => this.taskView(withLead(t, row), now)),
      complaint: this.complaints.currentOf(row.id),
    };
  }

  /** Lost (not interested) and stalled leads over [from, to): reasons by count, by import, and
   *  each call's notes to learn from. */
  lostReport(from: number, to: number): LostReport {
    const { db } = this.ctx;
    const now = this.now();
    const lost = lostCallsBetween(db, from, to);
    const handled = stalledHandledAt(db);
    const stalled = latestAdvancesOfAll(db)
      .filter((a) => a.next_at >= from && a.next_at < to && stalledNow({ nextAt: a.next_at, callsSinceDue: a.later_calls, handledAt: handled.get(a.contact_id) ?? null }, now))
      .map((a) => {
        const zone = zoneOf(requireContact(db, a.contact_id).time_zones);
        return { contactId: a.contact_id, name: a.name, import: a.import_file, callId: a.call_id, why: slippedLine(a.next_step, a.next_at, zone), nextAt: new Date(a.next_at).toISOString() };
      });
    const byImport = new Map<string, string[]>();
    for (const call of lost) byImport.set(call.import_file ?? '(added by hand)', [...(byImport.get(call.import_file ?? '(added by hand)') ?? []), call.reason ?? '(no reason)']);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      lost: {
        total: lost.length,
        reasons: countReasons(lost.map((c) => c.reason ?? '(no reason)')),
        byImport: [...byImport].map(([file, reasons]) => ({ import: file, total: reasons.length, reasons: countReasons(reasons) })),
        calls: lost.map((c) => ({ callId: c.call_id, contactId: c.contact_id, name: c.name, import: c.import_file, at: new Date(c.dialed_at).toISOString(), reason: c.reason ?? '(no reason)', notes: c.notes })),
      },
      stalled: { total: stalled.length, leads: stalled, closedReasons: countReasons(stalledReasonsBetween(db, from, to)) },
    };
  }

  /** The leads stalled now (their agreed next step passed N days ago with no call, and not dealt
   *  with since): what the queue raises, with "next step slipped: …". */
  stalledLeads(at: number = this.now()): { contactId: number; name: string; callId: number; why: string; nextAt: string }[] {
    const { db } = this.ctx;
    const handled = stalledHandledAt(db);
    return latestAdvancesOfAll(db)
      .filter((a) => stalledNow({ nextAt: a.next_at, callsSinceDue: a.later_calls, handledAt: handled.get(a.contact_id) ?? null }, at))
      .sort((a, b) => a.next_at - b.next_at || a.contact_id - b.contact_id)
      .map((a) => ({ contactId: a.contact_id, name: a.name, callId: a.call_id, why: slippedLine(a.next_step, a.next_at, zoneOf(a.time_zones)), nextAt: new Date(a.next_at).toISOString() }));
  }

  /** A stalled lead closed with a reason from the short list (by number or name: it leaves the
   *  queue), or given a new next step (a call task due then; the lead back in the queue then). */
  closeStalled(contactId: number, request: { reason?: string; nextStep?: string; nextAt?: number }): { contactId: number; closed: string | null; taskId: number | null } {
    const { db } = this.ctx;
    const at = this.now();
    const stalled = this.stalledLeads(at).find((s) => s.contactId === contactId);
    if (!stalled) throw new CoreError('conflict', `Lead ${contactId} is not stalled: its next step has not slipped, or it was dealt with already.`);
    const closing = stalledClosing(request, this.ctx.settings.get('stalledReasons'), at);
    if (!closing.ok) throw new CoreError('invalid_request', closing.reason);
    const lead = this.queue.leadOf(contactId);
    const result = db
      .transaction(() => {
        if (closing.kind === 'reason') {
          insertStalledClosure(db, { contactId, callId: stalled.callId, reason: closing.reason, nextStep: null, nextAt: null, taskId: null, at });
          setClosed(db, contactId, 'removed', `stalled, closed: ${closing.reason}`);
          return { closed: closing.reason, taskId: null };
        }
        const taskId = addTask(db, { contactId, kind: 'call', title: `Next step: ${closing.nextStep}`, dueAt: closing.nextAt, callId: stalled.callId, at });
        insertStalledClosure(db, { contactId, callId: stalled.callId, reason: null, nextStep: closing.nextStep, nextAt: closing.nextAt, taskId, at });
        if (lead) this.planFollowUpCall(lead, closing.nextAt, `new next step: ${closing.nextStep}`);
        return { closed: null, taskId };
      })
      .immediate();
    this.changed(contactId);
    return { contactId, ...result };
  }

  /** What happened with a lead, newest first, the newest `limit` entries: calls, emails, tasks,
   *  promises. Each kind is read newest first with the same limit, so the merge is exact. */
  timeline(contactId: number, limit = 200): TimelineEntry[] {
    const { db } = this.ctx;
    requireContact(db, contactId);
    const recent = recentOf(db, contactId, limit);
    const entries: { at: number; kind: TimelineEntry['kind']; ref: number; text: string }[] = [];
    for (const c of recent.calls) {
      entries.push({ at: c.dialed_at, kind: 'call', ref: c.id, text: c.outcome ? `${outcomeLabel(c.outcome as Outcome)}${c.notes ? `: ${c.notes.slice(0, 200)}` : ''}` : 'dialled' });
    }
    for (const e of recent.emails) entries.push({ at: e.sent_at, kind: 'email', ref: e.id, text: `Email sent: ${e.subject}` });
    for (const t of recent.tasks) {
      entries.push({ at: t.created_at, kind: 'task', ref: t.id, text: `Task: ${t.title}` });
      if (t.done_at !== null) entries.push({ at: t.done_at, kind: 'task_done', ref: t.id, text: `Done: ${t.title}` });
    }
    for (const p of recent.promises) {
      entries.push({ at: p.created_at, kind: 'promise', ref: p.id, text: `Promised ${p.to_whom}: ${p.what}` });
      if (p.kept_at !== null) entries.push({ at: p.kept_at, kind: 'promise_kept', ref: p.id, text: `Kept: ${p.what}${p.kept_note ? ` — ${p.kept_note}` : ''}` });
      if (p.broken_at !== null) entries.push({ at: p.broken_at, kind: 'promise_broken', ref: p.id, text: `Broken: ${p.what}` });
    }
    for (const c of stalledClosuresOf(db, contactId)) {
      entries.push({ at: c.at, kind: 'stalled_closed', ref: c.id, text: c.reason !== null ? `Stalled, closed: ${c.reason}` : `Stalled, new next step: ${c.next_step ?? ''}` });
    }
    // A lead has a handful of complaint cases at most: all of them are read.
    for (const k of complaintCasesOf(db, contactId)) {
      entries.push({ at: k.opened_at, kind: 'case_opened', ref: k.id, text: 'Complaint case opened' });
      if (k.facts_at !== null) entries.push({ at: k.facts_at, kind: 'case_facts', ref: k.id, text: `Complaint facts: ${k.facts.slice(0, 200)}` });
      if (k.closed_at !== null) entries.push({ at: k.closed_at, kind: 'case_closed', ref: k.id, text: 'Complaint case closed: the loop was closed' });
    }
    entries.sort((a, b) => b.at - a.at || b.ref - a.ref);
    return entries.slice(0, limit).map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }
}

/** An open task of the lead with the lead's columns the task views show. */
function withLead(t: AnyTaskRow, row: ContactRow): OpenTaskRow {
  return { ...t, first_name: row.first_name, last_name: row.last_name, company: row.company, email: row.email, time_zones: row.time_zones };
}
