// Tasks: what the rep must do for a lead (an email after a voicemail, a call, a promise).
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';

export interface TaskRow {
  id: number;
  contact_id: number;
  kind: 'email' | 'call' | 'promise';
  title: string;
  due_at: number;
  call_id: number | null;
  created_at: number;
  done_at: number | null;
}

const TASK_COLUMNS = 'id, contact_id, kind, title, due_at, call_id, created_at, done_at';
const insert = statement<never, [contactId: number, kind: TaskRow['kind'], title: string, dueAt: number, callId: number | null, at: number]>(
  'INSERT INTO tasks (contact_id, kind, title, due_at, call_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const openOfContact = statement<TaskRow, [contactId: number]>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE contact_id = ? AND done_at IS NULL ORDER BY due_at, id`);
const markDone = statement<never, [at: number, id: number]>('UPDATE tasks SET done_at = ? WHERE id = ? AND done_at IS NULL');
const exists = scalar<number, [id: number]>('SELECT 1 FROM tasks WHERE id = ?');

export function insertTask(db: Database, task: { contactId: number; kind: TaskRow['kind']; title: string; dueAt: number; callId: number | null; at: number }): number {
  return Number(insert(db).run(task.contactId, task.kind, task.title, task.dueAt, task.callId, task.at).lastInsertRowid);
}

export function openTasksFor(db: Database, contactId: number): TaskRow[] {
  return openOfContact(db).all(contactId);
}

export function completeTask(db: Database, id: number, at: number): boolean {
  return markDone(db).run(at, id).changes > 0;
}

export function taskExists(db: Database, id: number): boolean {
  return exists(db).get(id) !== undefined;
}
