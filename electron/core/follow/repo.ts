// Follow-through: email templates, sent emails, promises, and the open tasks across all leads.
import type { Database } from 'better-sqlite3';
import type { EmailSituation } from '../../../shared/domain/cadence';
import { scalar, statement } from '../db/sql';

export interface EmailTemplateRow {
  id: number;
  name: string;
  situation: EmailSituation;
  subject: string;
  body: string;
  starter_key: string | null;
  created_at: number;
  updated_at: number;
}

const TEMPLATE_COLUMNS = 'id, name, situation, subject, body, starter_key, created_at, updated_at';
const allTemplates = statement<EmailTemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM email_templates ORDER BY situation, name, id`);
const templateById = statement<EmailTemplateRow, [id: number]>(`SELECT ${TEMPLATE_COLUMNS} FROM email_templates WHERE id = ?`);
const templateByStarter = statement<EmailTemplateRow, [key: string]>(`SELECT ${TEMPLATE_COLUMNS} FROM email_templates WHERE starter_key = ?`);
// The rep's own template for a situation comes before the shipped one.
const templateForSituation = statement<EmailTemplateRow, [situation: EmailSituation]>(
  `SELECT ${TEMPLATE_COLUMNS} FROM email_templates WHERE situation = ? ORDER BY starter_key IS NOT NULL, updated_at DESC, id LIMIT 1`,
);
const insertTemplateRow = statement<never, [name: string, situation: EmailSituation, subject: string, body: string, starterKey: string | null, createdAt: number, updatedAt: number]>(
  'INSERT INTO email_templates (name, situation, subject, body, starter_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const updateTemplateRow = statement<never, [name: string, situation: EmailSituation, subject: string, body: string, at: number, id: number]>(
  'UPDATE email_templates SET name = ?, situation = ?, subject = ?, body = ?, updated_at = ? WHERE id = ?',
);
const deleteTemplateRow = statement<never, [id: number]>('DELETE FROM email_templates WHERE id = ? AND starter_key IS NULL');

export function listEmailTemplates(db: Database): EmailTemplateRow[] {
  return allTemplates(db).all();
}
export function getEmailTemplate(db: Database, id: number): EmailTemplateRow | undefined {
  return templateById(db).get(id);
}
export function getStarterEmailTemplate(db: Database, key: string): EmailTemplateRow | undefined {
  return templateByStarter(db).get(key);
}
export function emailTemplateFor(db: Database, situation: EmailSituation): EmailTemplateRow | undefined {
  return templateForSituation(db).get(situation);
}
export function insertEmailTemplate(db: Database, t: { name: string; situation: EmailSituation; subject: string; body: string; starterKey: string | null; at: number }): number {
  return Number(insertTemplateRow(db).run(t.name, t.situation, t.subject, t.body, t.starterKey, t.at, t.at).lastInsertRowid);
}
export function updateEmailTemplate(db: Database, id: number, t: { name: string; situation: EmailSituation; subject: string; body: string; at: number }): void {
  updateTemplateRow(db).run(t.name, t.situation, t.subject, t.body, t.at, id);
}
export function deleteEmailTemplate(db: Database, id: number): void {
  deleteTemplateRow(db).run(id);
}

// ---- Sent emails -------------------------------------------------------------------------

export interface EmailRow {
  id: number;
  contact_id: number;
  task_id: number | null;
  template_id: number | null;
  situation: EmailSituation;
  to_address: string;
  subject: string;
  sent_at: number;
  follow_up_task_id: number | null;
}

const EMAIL_COLUMNS = 'id, contact_id, task_id, template_id, situation, to_address, subject, sent_at, follow_up_task_id';
const insertEmailRow = statement<never, [contactId: number, taskId: number | null, templateId: number | null, situation: EmailSituation, to: string, subject: string, sentAt: number]>(
  'INSERT INTO emails (contact_id, task_id, template_id, situation, to_address, subject, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const setFollowUp = statement<never, [taskId: number, id: number]>('UPDATE emails SET follow_up_task_id = ? WHERE id = ?');
const emailsOfContact = statement<EmailRow, [contactId: number]>(`SELECT ${EMAIL_COLUMNS} FROM emails WHERE contact_id = ? ORDER BY sent_at DESC, id DESC`);

export function insertEmail(db: Database, e: { contactId: number; taskId: number | null; templateId: number | null; situation: EmailSituation; to: string; subject: string; sentAt: number }): number {
  return Number(insertEmailRow(db).run(e.contactId, e.taskId, e.templateId, e.situation, e.to, e.subject, e.sentAt).lastInsertRowid);
}
export function setEmailFollowUp(db: Database, emailId: number, taskId: number): void {
  setFollowUp(db).run(taskId, emailId);
}
export function emailsOf(db: Database, contactId: number): EmailRow[] {
  return emailsOfContact(db).all(contactId);
}

// ---- Tasks across leads ------------------------------------------------------------------

export interface OpenTaskRow {
  id: number;
  contact_id: number;
  kind: 'email' | 'call' | 'promise';
  title: string;
  due_at: number;
  first_due_at: number | null;
  call_id: number | null;
  created_at: number;
  email_situation: EmailSituation | null;
  first_name: string;
  last_name: string;
  company: string;
  email: string;
  time_zones: string;
}

const OPEN_TASK_COLUMNS =
  't.id, t.contact_id, t.kind, t.title, t.due_at, t.first_due_at, t.call_id, t.created_at, t.email_situation, c.first_name, c.last_name, c.company, c.email, c.time_zones';
// Both read the partial index tasks_open_by_due in due order.
// A page in due order after (due_at, id), read by keyset on the partial index tasks_open_by_due;
// a kind of '' is every kind.
const openTasksPage = statement<OpenTaskRow, { dueBy: number; afterDue: number; afterId: number; kind: string; limit: number }>(
  `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id
   WHERE t.done_at IS NULL AND t.due_at <= @dueBy AND (t.due_at > @afterDue OR (t.due_at = @afterDue AND t.id > @afterId))
     AND (@kind = '' OR t.kind = @kind)
   ORDER BY t.due_at, t.id LIMIT @limit`,
);
const openTaskCount = scalar<number>('SELECT count(*) FROM tasks WHERE done_at IS NULL');
// Counted in an index alone, no row looked up (tasks_open_count, tasks_open_by_kind: migration
// 032): the Tasks screen counts 20,000 open tasks on every visit.
const openTaskCountDueBy = scalar<number, [dueBy: number]>('SELECT count(*) FROM tasks WHERE done_at IS NULL AND due_at <= ?');
const openTaskCountOfKind = scalar<number, [dueBy: number, kind: string]>('SELECT count(*) FROM tasks WHERE done_at IS NULL AND due_at <= ? AND kind = ?');
const taskById = statement<OpenTaskRow & { done_at: number | null }, [id: number]>(
  `SELECT ${OPEN_TASK_COLUMNS}, t.done_at FROM tasks t JOIN contacts c ON c.id = t.contact_id WHERE t.id = ?`,
);
const openEmailTaskOf = scalar<number, [contactId: number]>("SELECT id FROM tasks WHERE contact_id = ? AND kind = 'email' AND done_at IS NULL ORDER BY due_at, id LIMIT 1");
const insertTaskRow = statement<
  never,
  [contactId: number, kind: 'email' | 'call' | 'promise', title: string, dueAt: number, callId: number | null, at: number, situation: EmailSituation | null, firstDueAt: number]
>('INSERT INTO tasks (contact_id, kind, title, due_at, call_id, created_at, email_situation, first_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
// A snooze moves the due time (the first one is kept) and lets it notify again when it comes.
const snoozeTaskRow = statement<never, [until: number, id: number]>(
  'UPDATE tasks SET first_due_at = coalesce(first_due_at, due_at), due_at = ?, notified_at = NULL, notice = NULL WHERE id = ? AND done_at IS NULL',
);
const setTaskDue = statement<never, [dueAt: number, id: number]>('UPDATE tasks SET due_at = ?, notified_at = NULL, notice = NULL WHERE id = ? AND done_at IS NULL');
const doneTaskRow = statement<never, [at: number, id: number]>('UPDATE tasks SET done_at = ? WHERE id = ? AND done_at IS NULL');

const openTasksForExport = statement<OpenTaskRow>(`SELECT ${OPEN_TASK_COLUMNS} FROM tasks t JOIN contacts c ON c.id = t.contact_id WHERE t.done_at IS NULL ORDER BY t.due_at, t.id`);

/** Every open task, one row at a time (the export worker's read-only connection). */
export function iterateOpenTasksForExport(db: Database): IterableIterator<OpenTaskRow> {
  return openTasksForExport(db).iterate();
}

export function listOpenTasks(db: Database, options: { dueBy: number | null; limit: number; after?: { dueAt: number; id: number } | null; kind?: 'email' | 'call' | 'promise' | null }): OpenTaskRow[] {
  return openTasksPage(db).all({
    dueBy: options.dueBy ?? Number.MAX_SAFE_INTEGER,
    afterDue: options.after?.dueAt ?? Number.MIN_SAFE_INTEGER,
    afterId: options.after?.id ?? 0,
    kind: options.kind ?? '',
    limit: options.limit,
  });
}
export function countOpenTasks(db: Database): number {
  return openTaskCount(db).get() ?? 0;
}
export function countOpenTasksMatching(db: Database, options: { dueBy: number | null; kind: 'email' | 'call' | 'promise' | null }): number {
  const dueBy = options.dueBy ?? Number.MAX_SAFE_INTEGER;
  return (options.kind === null ? openTaskCountDueBy(db).get(dueBy) : openTaskCountOfKind(db).get(dueBy, options.kind)) ?? 0;
}
export function getTask(db: Database, id: number): (OpenTaskRow & { done_at: number | null }) | undefined {
  return taskById(db).get(id);
}
export function openEmailTaskFor(db: Database, contactId: number): number | null {
  return openEmailTaskOf(db).get(contactId) ?? null;
}
export function addTask(db: Database, t: { contactId: number; kind: 'email' | 'call' | 'promise'; title: string; dueAt: number; callId: number | null; at: number; situation?: EmailSituation | null }): number {
  return Number(insertTaskRow(db).run(t.contactId, t.kind, t.title, t.dueAt, t.callId, t.at, t.situation ?? null, t.dueAt).lastInsertRowid);
}
export function snoozeTask(db: Database, id: number, until: number): boolean {
  return snoozeTaskRow(db).run(until, id).changes > 0;
}
export function moveTaskDue(db: Database, id: number, dueAt: number): void {
  setTaskDue(db).run(dueAt, id);
}
export function finishTask(db: Database, id: number, at: number): boolean {
  return doneTaskRow(db).run(at, id).changes > 0;
}

// ---- Promises ----------------------------------------------------------------------------

export interface PromiseRow {
  id: number;
  contact_id: number;
  call_id: number | null;
  what: string;
  to_whom: string;
  owner: string;
  due_at: number;
  created_at: number;
  task_id: number;
  kept_at: number | null;
  kept_note: string | null;
  broken_at: number | null;
  broken_task_id: number | null;
  first_name: string;
  last_name: string;
  company: string;
  time_zones: string;
}

const PROMISE_COLUMNS =
  'p.id, p.contact_id, p.call_id, p.what, p.to_whom, p.owner, p.due_at, p.created_at, p.task_id, p.kept_at, p.kept_note, p.broken_at, p.broken_task_id, c.first_name, c.last_name, c.company, c.time_zones';
const insertPromiseRow = statement<never, [contactId: number, callId: number | null, what: string, toWhom: string, owner: string, dueAt: number, at: number, taskId: number]>(
  'INSERT INTO promises (contact_id, call_id, what, to_whom, owner, due_at, created_at, task_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const promiseById = statement<PromiseRow, [id: number]>(`SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.id = ?`);
const openPromisesAll = statement<PromiseRow, [limit: number]>(
  `SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.kept_at IS NULL AND p.broken_at IS NULL ORDER BY p.due_at, p.id LIMIT ?`,
);
const openPromisesDue = statement<PromiseRow, [at: number, limit: number]>(
  `SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.kept_at IS NULL AND p.broken_at IS NULL AND p.due_at < ? ORDER BY p.due_at, p.id LIMIT ?`,
);
// Kept and broken ones, the newest first (partial indexes promises_kept and promises_broken).
const keptPromises = statement<PromiseRow, [limit: number]>(`SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.kept_at IS NOT NULL ORDER BY p.kept_at DESC, p.id DESC LIMIT ?`);
const brokenPromises = statement<PromiseRow, [limit: number]>(
  `SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.broken_at IS NOT NULL ORDER BY p.broken_at DESC, p.id DESC LIMIT ?`,
);
const promisesOfContact = statement<PromiseRow, [contactId: number]>(`SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.contact_id = ? ORDER BY p.due_at, p.id`);
const keepPromiseRow = statement<never, [at: number, note: string, id: number]>('UPDATE promises SET kept_at = ?, kept_note = ? WHERE id = ? AND kept_at IS NULL AND broken_at IS NULL');
const breakPromiseRow = statement<never, [at: number, taskId: number, id: number]>('UPDATE promises SET broken_at = ?, broken_task_id = ? WHERE id = ? AND kept_at IS NULL AND broken_at IS NULL');

export function insertPromise(db: Database, p: { contactId: number; callId: number | null; what: string; toWhom: string; owner: string; dueAt: number; at: number; taskId: number }): number {
  return Number(insertPromiseRow(db).run(p.contactId, p.callId, p.what, p.toWhom, p.owner, p.dueAt, p.at, p.taskId).lastInsertRowid);
}
export function getPromise(db: Database, id: number): PromiseRow | undefined {
  return promiseById(db).get(id);
}
/** Open promises, all or only those past due at `overdueAt`. */
export function listOpenPromises(db: Database, options: { overdueAt: number | null; limit: number }): PromiseRow[] {
  return options.overdueAt === null ? openPromisesAll(db).all(options.limit) : openPromisesDue(db).all(options.overdueAt, options.limit);
}
/** Kept or broken promises, the most recently settled first. */
export function listSettledPromises(db: Database, options: { state: 'kept' | 'broken'; limit: number }): PromiseRow[] {
  return (options.state === 'kept' ? keptPromises : brokenPromises)(db).all(options.limit);
}
export function promisesOf(db: Database, contactId: number): PromiseRow[] {
  return promisesOfContact(db).all(contactId);
}
export function keepPromise(db: Database, id: number, at: number, note: string): boolean {
  return keepPromiseRow(db).run(at, note, id).changes > 0;
}
export function breakPromise(db: Database, id: number, at: number, taskId: number): boolean {
  return breakPromiseRow(db).run(at, taskId, id).changes > 0;
}

// ---- One lead's tasks, open and done (its timeline) ------------------------------------------

export interface AnyTaskRow {
  id: number;
  contact_id: number;
  kind: 'email' | 'call' | 'promise';
  title: string;
  due_at: number;
  first_due_at: number | null;
  call_id: number | null;
  created_at: number;
  email_situation: EmailSituation | null;
  done_at: number | null;
}

const tasksOfContact = statement<AnyTaskRow, [contactId: number]>(
  'SELECT id, contact_id, kind, title, due_at, first_due_at, call_id, created_at, email_situation, done_at FROM tasks WHERE contact_id = ? ORDER BY due_at, id',
);

export function tasksOf(db: Database, contactId: number): AnyTaskRow[] {
  return tasksOfContact(db).all(contactId);
}

// ---- A lead's timeline: the newest of each, merged by the service -----------------------------

export interface TimelineCallRow {
  id: number;
  dialed_at: number;
  outcome: string | null;
  notes: string;
}
const recentCalls = statement<TimelineCallRow, [contactId: number, limit: number]>(
  'SELECT id, dialed_at, outcome, notes FROM calls WHERE contact_id = ? ORDER BY dialed_at DESC, id DESC LIMIT ?',
);
const recentEmails = statement<EmailRow, [contactId: number, limit: number]>(`SELECT ${EMAIL_COLUMNS} FROM emails WHERE contact_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?`);
const recentTasks = statement<AnyTaskRow, [contactId: number, limit: number]>(
  // A promise's own task is not listed: the promise's entries say it.
  "SELECT id, contact_id, kind, title, due_at, first_due_at, call_id, created_at, email_situation, done_at FROM tasks WHERE contact_id = ? AND kind != 'promise' ORDER BY max(created_at, coalesce(done_at, 0)) DESC, id DESC LIMIT ?",
);
const recentPromises = statement<PromiseRow, [contactId: number, limit: number]>(
  `SELECT ${PROMISE_COLUMNS} FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.contact_id = ? ORDER BY max(p.created_at, coalesce(p.kept_at, 0), coalesce(p.broken_at, 0)) DESC, p.id DESC LIMIT ?`,
);

/** The newest `limit` calls, emails, tasks and promises of a lead (each a candidate for the
 *  newest `limit` entries of its timeline). */
export function recentOf(db: Database, contactId: number, limit: number): { calls: TimelineCallRow[]; emails: EmailRow[]; tasks: AnyTaskRow[]; promises: PromiseRow[] } {
  return { calls: recentCalls(db).all(contactId, limit), emails: recentEmails(db).all(contactId, limit), tasks: recentTasks(db).all(contactId, limit), promises: recentPromises(db).all(contactId, limit) };
}

// ---- Lost and stalled: what to learn from ----------------------------------------------------

export interface LostCallRow {
  call_id: number;
  contact_id: number;
  dialed_at: number;
  reason: string | null;
  notes: string;
  name: string;
  import_file: string | null;
}
const lostCalls = statement<LostCallRow, [from: number, to: number]>(
  `SELECT k.id AS call_id, k.contact_id, k.dialed_at, k.reason, k.notes, trim(c.first_name || ' ' || c.last_name) AS name, i.file_name AS import_file
   FROM calls k JOIN contacts c ON c.id = k.contact_id LEFT JOIN imports i ON i.id = c.import_id
   WHERE k.outcome = 'not_interested' AND k.undone_at IS NULL AND k.dialed_at >= ? AND k.dialed_at < ? ORDER BY k.dialed_at, k.id`,
);

export interface AdvanceRow {
  contact_id: number;
  call_id: number;
  next_step: string;
  next_at: number;
  name: string;
  import_file: string | null;
  later_calls: number;
  time_zones: string;
  notes: string;
}
// Each lead's latest agreed next step, and how many calls were made after it was due. An undone
// disposition counts nowhere, here as in the lost calls and the numbers.
const latestAdvances = statement<AdvanceRow>(
  `SELECT k.contact_id, k.id AS call_id, k.next_step, k.next_at, trim(c.first_name || ' ' || c.last_name) AS name, i.file_name AS import_file, c.time_zones, k.notes,
     (SELECT count(*) FROM calls l WHERE l.contact_id = k.contact_id AND l.dialed_at >= k.next_at AND l.dial_failure IS NULL) AS later_calls
   FROM calls k JOIN contacts c ON c.id = k.contact_id LEFT JOIN imports i ON i.id = c.import_id
   WHERE k.outcome = 'advance' AND k.next_at IS NOT NULL AND k.undone_at IS NULL
     AND k.id = (SELECT m.id FROM calls m WHERE m.contact_id = k.contact_id AND m.outcome = 'advance' AND m.undone_at IS NULL ORDER BY m.dialed_at DESC, m.id DESC LIMIT 1)`,
);

export function lostCallsBetween(db: Database, from: number, to: number): LostCallRow[] {
  return lostCalls(db).all(from, to);
}
const lostCallCount = scalar<number, [from: number, to: number]>("SELECT count(*) FROM calls WHERE outcome = 'not_interested' AND undone_at IS NULL AND dialed_at >= ? AND dialed_at < ?");
export function countLostCalls(db: Database, from: number, to: number): number {
  return lostCallCount(db).get(from, to) ?? 0;
}
/** The lost calls of [from, to), one at a time (the export worker's read-only connection). */
export function iterateLostCallsForExport(db: Database, from: number, to: number): IterableIterator<LostCallRow> {
  return lostCalls(db).iterate(from, to);
}
export function latestAdvancesOfAll(db: Database): AdvanceRow[] {
  return latestAdvances(db).all();
}
