import { sql } from '../db/statements';
import type { Database } from 'better-sqlite3';

// Note drafts, redial loops and tasks: the state of a call in progress that must survive a crash.

export function saveDraft(db: Database, contactId: number, text: string, at: number): void {
  if (text === '') sql(db, 'DELETE FROM note_drafts WHERE contact_id = ?').run(contactId);
  else sql(db, 'INSERT INTO note_drafts (contact_id, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at').run(contactId, text, at);
}

export function getDraft(db: Database, contactId: number): { text: string; updated_at: number } | undefined {
  return sql(db, 'SELECT text, updated_at FROM note_drafts WHERE contact_id = ?').get(contactId) as { text: string; updated_at: number } | undefined;
}

export interface RedialLoopRow {
  id: number;
  contact_id: number;
  started_at: number;
  ends_at: number;
  next_dial_at: number | null;
  attempts: number;
  last_call_id: number | null;
  status: 'running' | 'connected' | 'stopped' | 'ended' | 'dispositioned';
  ended_at: number | null;
}

export function insertRedialLoop(db: Database, loop: { contactId: number; startedAt: number; endsAt: number; nextDialAt: number; attempts: number; lastCallId: number }): number {
  return Number(
    sql(db, "INSERT INTO redial_loops (contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (?, ?, ?, ?, ?, ?, 'running')")
      .run(loop.contactId, loop.startedAt, loop.endsAt, loop.nextDialAt, loop.attempts, loop.lastCallId).lastInsertRowid,
  );
}

export function runningLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return sql(db, "SELECT * FROM redial_loops WHERE contact_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1").get(contactId) as RedialLoopRow | undefined;
}

export function runningLoops(db: Database): RedialLoopRow[] {
  return sql(db, "SELECT * FROM redial_loops WHERE status = 'running' ORDER BY next_dial_at, id").all() as RedialLoopRow[];
}

export function getRedialLoop(db: Database, id: number): RedialLoopRow | undefined {
  return sql(db, 'SELECT * FROM redial_loops WHERE id = ?').get(id) as RedialLoopRow | undefined;
}

export function latestLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return sql(db, 'SELECT * FROM redial_loops WHERE contact_id = ? ORDER BY id DESC LIMIT 1').get(contactId) as RedialLoopRow | undefined;
}

export function updateRedialLoop(db: Database, id: number, change: { nextDialAt: number | null; attempts: number; lastCallId: number | null; status: RedialLoopRow['status']; endedAt: number | null }): void {
  sql(db, 'UPDATE redial_loops SET next_dial_at = ?, attempts = ?, last_call_id = ?, status = ?, ended_at = ? WHERE id = ?').run(
    change.nextDialAt,
    change.attempts,
    change.lastCallId,
    change.status,
    change.endedAt,
    id,
  );
}

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
