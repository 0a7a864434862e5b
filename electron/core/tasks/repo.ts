// Tasks: what the rep must do for a lead (an email after a voicemail, a call, a promise).
import { sql } from '../db/statements';
import type { Database } from 'better-sqlite3';

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

export function insertTask(db: Database, task: { contactId: number; kind: TaskRow['kind']; title: string; dueAt: number; callId: number | null; at: number }): number {
  return Number(
    sql(db, 'INSERT INTO tasks (contact_id, kind, title, due_at, call_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(task.contactId, task.kind, task.title, task.dueAt, task.callId, task.at).lastInsertRowid,
  );
}

export function openTasksFor(db: Database, contactId: number): TaskRow[] {
  return sql(db, 'SELECT * FROM tasks WHERE contact_id = ? AND done_at IS NULL ORDER BY due_at, id').all(contactId) as TaskRow[];
}

export function completeTask(db: Database, id: number, at: number): boolean {
  return sql(db, 'UPDATE tasks SET done_at = ? WHERE id = ? AND done_at IS NULL').run(at, id).changes > 0;
}

export function taskExists(db: Database, id: number): boolean {
  return sql(db, 'SELECT 1 FROM tasks WHERE id = ?').get(id) !== undefined;
}
