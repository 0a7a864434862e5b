// The softphone's call events: every one kept in call_events, matched or not; a matched one also
// writes its call's connect, end and reported talk time.
import type { Database } from 'better-sqlite3';
import type { CallEventKind } from '../../../shared/domain/callEvents';
import { scalar, statement } from '../db/sql';

export interface CandidateRow {
  id: number;
  contact_id: number;
  dialed_at: number;
  outcome: string | null;
  dial_failure: string | null;
  connected_at: number | null;
  talk_ended_at: number | null;
  ended_at: number | null;
}

const callsToNumber = statement<CandidateRow, [number: string, from: number, to: number]>(
  'SELECT id, contact_id, dialed_at, outcome, dial_failure, connected_at, talk_ended_at, ended_at FROM calls WHERE number = ? AND dialed_at BETWEEN ? AND ? ORDER BY dialed_at, id',
);
const insertEvent = statement<never, { kind: CallEventKind; numberRaw: string; e164: string | null; at: number; durationS: number | null; source: string; callId: number | null; receivedAt: number }>(
  'INSERT INTO call_events (kind, number_raw, e164, at, duration_s, source, call_id, received_at) VALUES (@kind, @numberRaw, @e164, @at, @durationS, @source, @callId, @receivedAt)',
);
const setTalk = statement<never, [connectedAt: number | null, talkEndedAt: number | null, talkSeconds: number | null, id: number]>(
  'UPDATE calls SET connected_at = ?, talk_ended_at = ?, talk_seconds_reported = coalesce(?, talk_seconds_reported) WHERE id = ?',
);

export interface CallEventRow {
  id: number;
  kind: CallEventKind;
  number_raw: string;
  e164: string | null;
  at: number;
  duration_s: number | null;
  source: string;
  call_id: number | null;
  received_at: number;
}

const eventsOfCall = statement<CallEventRow, [callId: number]>('SELECT * FROM call_events WHERE call_id = ? ORDER BY at, id');
const unmatchedEvents = statement<CallEventRow, [limit: number]>('SELECT * FROM call_events WHERE call_id IS NULL ORDER BY at DESC, id DESC LIMIT ?');

/** The calls dialled to a number between two instants, oldest first. */
export function callsToNumberBetween(db: Database, e164: string, from: number, to: number): CandidateRow[] {
  return callsToNumber(db).all(e164, from, to);
}

export function insertCallEvent(db: Database, event: { kind: CallEventKind; numberRaw: string; e164: string | null; at: number; durationS: number | null; source: string; callId: number | null; receivedAt: number }): number {
  return Number(insertEvent(db).run(event).lastInsertRowid);
}

export function setReportedTalk(db: Database, callId: number, talk: { connectedAt: number | null; talkEndedAt: number | null; talkSeconds: number | null }): void {
  setTalk(db).run(talk.connectedAt, talk.talkEndedAt, talk.talkSeconds, callId);
}

export function callEventsOf(db: Database, callId: number): CallEventRow[] {
  return eventsOfCall(db).all(callId);
}

export function latestUnmatchedEvents(db: Database, limit: number): CallEventRow[] {
  return unmatchedEvents(db).all(limit);
}

const unmatchedCount = scalar<number>('SELECT count(*) FROM call_events WHERE call_id IS NULL');

export function countUnmatchedEvents(db: Database): number {
  return unmatchedCount(db).get()!;
}
