// Complaint cases: the case row, and its steps (promises) and follow-ups (tasks) by case_id.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

export interface ComplaintCaseRow {
  id: number;
  contact_id: number;
  opened_call_id: number | null;
  opened_at: number;
  facts: string;
  facts_at: number | null;
  close_task_id: number | null;
  close_due_at: number | null;
  closed_at: number | null;
  closed_call_id: number | null;
}

export interface CaseStepRow {
  id: number;
  what: string;
  due_at: number;
  created_at: number;
  kept_at: number | null;
  kept_note: string | null;
  broken_at: number | null;
}

export interface CaseTaskRow {
  id: number;
  kind: 'email' | 'call' | 'promise';
  title: string;
  due_at: number;
  created_at: number;
  done_at: number | null;
}

const CASE_COLUMNS = 'id, contact_id, opened_call_id, opened_at, facts, facts_at, close_task_id, close_due_at, closed_at, closed_call_id';
const insertCaseRow = statement<never, [contactId: number, callId: number | null, at: number]>('INSERT INTO complaint_cases (contact_id, opened_call_id, opened_at) VALUES (?, ?, ?)');
const caseById = statement<ComplaintCaseRow, [id: number]>(`SELECT ${CASE_COLUMNS} FROM complaint_cases WHERE id = ?`);
const openCaseOfContact = statement<ComplaintCaseRow, [contactId: number]>(`SELECT ${CASE_COLUMNS} FROM complaint_cases WHERE contact_id = ? AND closed_at IS NULL`);
const casesOfContact = statement<ComplaintCaseRow, [contactId: number]>(`SELECT ${CASE_COLUMNS} FROM complaint_cases WHERE contact_id = ? ORDER BY opened_at DESC, id DESC`);
const setFactsRow = statement<never, [facts: string, at: number, id: number]>('UPDATE complaint_cases SET facts = ?, facts_at = ? WHERE id = ? AND closed_at IS NULL');
const setCloseLoopRow = statement<never, [taskId: number, dueAt: number, id: number]>(
  'UPDATE complaint_cases SET close_task_id = ?, close_due_at = ? WHERE id = ? AND close_task_id IS NULL AND closed_at IS NULL',
);
const closeRow = statement<never, [at: number, callId: number, id: number]>('UPDATE complaint_cases SET closed_at = ?, closed_call_id = ? WHERE id = ? AND closed_at IS NULL');
const promiseToCase = statement<never, [caseId: number, promiseId: number]>('UPDATE promises SET case_id = ? WHERE id = ?');
const taskToCase = statement<never, [caseId: number, taskId: number]>('UPDATE tasks SET case_id = ? WHERE id = ?');
const stepsOfCase = statement<CaseStepRow, [caseId: number]>('SELECT id, what, due_at, created_at, kept_at, kept_note, broken_at FROM promises WHERE case_id = ? ORDER BY due_at, id');
// The case's follow-ups: its tasks other than its steps' own and the close-the-loop task.
const followUpsOfCase = statement<CaseTaskRow, [caseId: number]>(
  `SELECT t.id, t.kind, t.title, t.due_at, t.created_at, t.done_at FROM tasks t JOIN complaint_cases k ON k.id = t.case_id
   WHERE t.case_id = ? AND t.kind != 'promise' AND t.id IS NOT k.close_task_id ORDER BY t.due_at, t.id`,
);
const caseOfPromise = scalar<number | null, [promiseId: number]>('SELECT case_id FROM promises WHERE id = ?');
const taskDoneAt = scalar<number | null, [id: number]>('SELECT done_at FROM tasks WHERE id = ?');

export function insertComplaintCase(db: Database, c: { contactId: number; callId: number | null; at: number }): number {
  return Number(insertCaseRow(db).run(c.contactId, c.callId, c.at).lastInsertRowid);
}
export function getComplaintCase(db: Database, id: number): ComplaintCaseRow | undefined {
  return caseById(db).get(id);
}
export function openComplaintCaseOf(db: Database, contactId: number): ComplaintCaseRow | undefined {
  return openCaseOfContact(db).get(contactId);
}
/** A lead's cases, newest first. */
export function complaintCasesOf(db: Database, contactId: number): ComplaintCaseRow[] {
  return casesOfContact(db).all(contactId);
}
export function setComplaintFacts(db: Database, id: number, facts: string, at: number): boolean {
  return setFactsRow(db).run(facts, at, id).changes > 0;
}
export function setCloseLoopTask(db: Database, id: number, taskId: number, dueAt: number): boolean {
  return setCloseLoopRow(db).run(taskId, dueAt, id).changes > 0;
}
export function closeComplaintCase(db: Database, id: number, at: number, callId: number): boolean {
  return closeRow(db).run(at, callId, id).changes > 0;
}
export function attachPromiseToCase(db: Database, caseId: number, promiseId: number): void {
  promiseToCase(db).run(caseId, promiseId);
}
export function attachTaskToCase(db: Database, caseId: number, taskId: number): void {
  taskToCase(db).run(caseId, taskId);
}
export function stepsOfComplaintCase(db: Database, caseId: number): CaseStepRow[] {
  return stepsOfCase(db).all(caseId);
}
export function followUpsOfComplaintCase(db: Database, caseId: number): CaseTaskRow[] {
  return followUpsOfCase(db).all(caseId);
}
export function complaintCaseOfPromise(db: Database, promiseId: number): number | null {
  return caseOfPromise(db).get(promiseId) ?? null;
}
export function doneAtOfTask(db: Database, taskId: number): number | null {
  return taskDoneAt(db).get(taskId) ?? null;
}
