// The redial loops: one row per loop, so a restart finds a running loop exactly where it was.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';
import { openCallFor, type CallRow } from './repo';

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
  /** Why it ended by itself (its limit, the calling hours, the do-not-call list); null otherwise. */
  end_reason: string | null;
}

const LOOP_COLUMNS = 'id, contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status, ended_at, end_reason';
const insert = statement<never, [contactId: number, startedAt: number, endsAt: number, nextDialAt: number, attempts: number, lastCallId: number]>(
  "INSERT INTO redial_loops (contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (?, ?, ?, ?, ?, ?, 'running')",
);
const allRunning = statement<RedialLoopRow>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE status = 'running' ORDER BY next_dial_at, id`);
const byId = statement<RedialLoopRow, [id: number]>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE id = ?`);
// Every loop of a lead, in id order, read plainly: a lead has a few (one per engaged spell), and
// a plain lookup costs a third of a max() or ORDER BY … DESC LIMIT 1 seek, even on an empty table
// (~3 µs against ~11 µs hot; several times that on a disposition). Picked from in JavaScript.
const loopsOfContact = statement<RedialLoopRow, [contactId: number]>(`SELECT ${LOOP_COLUMNS} FROM redial_loops WHERE contact_id = ?`);
const update = statement<never, [nextDialAt: number | null, attempts: number, lastCallId: number | null, status: RedialLoopRow['status'], endedAt: number | null, endReason: string | null, id: number]>(
  'UPDATE redial_loops SET next_dial_at = ?, attempts = ?, last_call_id = ?, status = ?, ended_at = ?, end_reason = ? WHERE id = ?',
);

export function insertRedialLoop(db: Database, loop: { contactId: number; startedAt: number; endsAt: number; nextDialAt: number; attempts: number; lastCallId: number }): number {
  return Number(insert(db).run(loop.contactId, loop.startedAt, loop.endsAt, loop.nextDialAt, loop.attempts, loop.lastCallId).lastInsertRowid);
}

/** The lead's running loop (the newest, should there be more than one). */
export function runningLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return newestRunning(loopsOfContact(db).all(contactId));
}

function newestRunning(loops: readonly RedialLoopRow[]): RedialLoopRow | undefined {
  return newest(loops.filter((loop) => loop.status === 'running'));
}

function newest(loops: readonly RedialLoopRow[]): RedialLoopRow | undefined {
  let found: RedialLoopRow | undefined;
  for (const loop of loops) if (!found || loop.id > found.id) found = loop;
  return found;
}

export function runningLoops(db: Database): RedialLoopRow[] {
  return allRunning(db).all();
}

/** The loop's last attempt while it is still open (dialled, not yet confirmed either way). */
export function unconfirmedAttemptOf(db: Database, loop: RedialLoopRow): CallRow | undefined {
  const open = openCallFor(db, loop.contact_id);
  return open && open.loop_id === loop.id ? open : undefined;
}

export function getRedialLoop(db: Database, id: number): RedialLoopRow | undefined {
  return byId(db).get(id);
}

/** The lead's running loop, else its latest (undefined: it never had one). */
export function shownLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  const loops = loopsOfContact(db).all(contactId);
  return newestRunning(loops) ?? newest(loops);
}

export function latestLoopFor(db: Database, contactId: number): RedialLoopRow | undefined {
  return newest(loopsOfContact(db).all(contactId));
}

export function updateRedialLoop(db: Database, id: number, change: { nextDialAt: number | null; attempts: number; lastCallId: number | null; status: RedialLoopRow['status']; endedAt: number | null; endReason?: string | null }): void {
  update(db).run(change.nextDialAt, change.attempts, change.lastCallId, change.status, change.endedAt, change.endReason ?? null, id);
}
