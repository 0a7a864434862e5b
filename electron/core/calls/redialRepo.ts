// The redial loops: one row per loop, so a restart finds a running loop exactly where it was.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

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

const LOOP_COLUMNS = 'id, contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status, ended_at';
const insert = statement<never, [contactId: number, startedAt: number, endsAt: number, nextDialAt: number, attempts: number, lastCallId: number]>(
  "INSERT INTO redial_loops (contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (?, ?, ?, ?, ?, ?, 'running')",
);
const runningOfContact = statement<RedialLoopRow, [contactId: number]>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE contact_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1`);
const allRunning = statement<RedialLoopRow>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE status = 'running' ORDER BY next_dial_at, id`);
const byId = statement<RedialLoopRow, [id: number]>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE id = ?`);
const latestOfContact = statement<RedialLoopRow, [contactId: number]>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE contact_id = ? ORDER BY id DESC LIMIT 1`);
// The loop the call screen shows: the running one, else the latest (one statement, not two: the
// screen asks it for the lead on every disposition). Each max() is a seek on (contact_id, id);
// an ORDER BY over the status would sort.
const shownOfContact = statement<RedialLoopRow, { contactId: number }>(
  `SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE id = coalesce(
     (SELECT max(id) FROM redial_loops WHERE contact_id = @contactId AND status = 'running'),
     (SELECT max(id) FROM redial_loops WHERE contact_id = @contactId))`,
);
const update = statement<never, [nextDialAt: number | null, attempts: number, lastCallId: number | null, status: RedialLoopRow['status'], endedAt: number | null, id: number]>(
  'UPDATE redial_loops SET next_dial_at = ?, attempts = ?, last_call_id = ?, status = ?, ended_at = ? WHERE id = ?',
);

export function insertRedialLoop(db: Database, loop: { contactId: number; startedAt: number; endsAt: number; nextDialAt: number; attempts: number; lastCallId: number }): number {
  return Number(insert(db).run(loop.contactId, loop.startedAt, loop.endsAt, loop.nextDialAt, loop.attempts, loop.lastCallId).lastInsertRowid);
}

export function runningLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return runningOfContact(db).get(contactId);
}

export function runningLoops(db: Database): RedialLoopRow[] {
  return allRunning(db).all();
}

export function getRedialLoop(db: Database, id: number): RedialLoopRow | undefined {
  return byId(db).get(id);
}

/** The lead's running loop, else its latest (undefined: it never had one). */
export function shownLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return shownOfContact(db).get({ contactId });
}

export function latestLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return latestOfContact(db).get(contactId);
}

export function updateRedialLoop(db: Database, id: number, change: { nextDialAt: number | null; attempts: number; lastCallId: number | null; status: RedialLoopRow['status']; endedAt: number | null }): void {
  update(db).run(change.nextDialAt, change.attempts, change.lastCallId, change.status, change.endedAt, id);
}
