// The redial loops: one row per loop, so a restart finds a running loop exactly where it was.
import { sql } from '../db/statements';
import type { Database } from 'better-sqlite3';

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

