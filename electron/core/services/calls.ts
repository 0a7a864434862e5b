import type { Database } from 'better-sqlite3';
import type { Call, ParsedRequestOf } from '../../../shared/ipc/contract';
import { buildDialUri } from '../../../shared/domain/dialUri';
import { getCall, insertDialledCall, listCallsForContact, setCallOutcome, type CallRow } from '../db/repos/calls';
import { markContactCalled } from '../db/repos/contacts';
import { isDnc } from '../db/repos/dnc';
import { CoreError } from '../errors';
import type { Clock, Dialer } from '../ports';
import { requireContact } from './contacts';
import { readSettings } from './settings';

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    contactId: row.contact_id,
    dialUri: row.dial_uri,
    number: row.number,
    dialedAt: new Date(row.dialed_at).toISOString(),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
    durationMs: row.ended_at === null ? null : row.ended_at - row.dialed_at,
    outcome: row.outcome,
    notes: row.notes,
  };
}

/** Record the attempt, then hand the number to the desk's phone. The row is committed first, so
 *  a crash mid-call still leaves the attempt in the log (with no disposition yet). */
export async function dial(db: Database, clock: Clock, dialer: Dialer, contactId: number): Promise<Call> {
  const contact = requireContact(db, contactId);
  const e164 = contact.e164;
  if (e164 === null) {
    throw new CoreError('dial_refused', `This lead has no valid number (${contact.dud_reason ?? 'dud'}); fix the number first.`);
  }
  if (isDnc(db, e164)) throw new CoreError('dial_refused', 'This number is on the do-not-call list.');
  const built = buildDialUri(readSettings(db).dialTemplate, e164, contact.extension);
  if (!built.ok) throw new CoreError('dial_refused', `Cannot dial ${e164}: ${built.reason}.`);
  const dialedAt = clock.now().getTime();
  const id = db.transaction(() => {
    const callId = insertDialledCall(db, { contactId, dialUri: built.uri, number: e164, dialedAt });
    markContactCalled(db, contactId, dialedAt, contact.last_outcome);
    return callId;
  }).immediate();
  await dialer.open(built.uri);
  return toCall(requireCall(db, id));
}

export function logDisposition(db: Database, clock: Clock, request: ParsedRequestOf<'calls.log'>): Call {
  const call = requireCall(db, request.callId);
  if (call.outcome !== null) {
    throw new CoreError('conflict', 'This call already has a disposition; dial again to log another attempt.');
  }
  const endedAt = Math.max(clock.now().getTime(), call.dialed_at);
  db.transaction(() => {
    setCallOutcome(db, call.id, request.outcome, request.notes, endedAt);
    markContactCalled(db, call.contact_id, call.dialed_at, request.outcome);
  }).immediate();
  return toCall(requireCall(db, call.id));
}

export function callsForContact(db: Database, contactId: number): Call[] {
  return listCallsForContact(db, contactId).map(toCall);
}

function requireCall(db: Database, id: number): CallRow {
  const row = getCall(db, id);
  if (!row) throw new CoreError('not_found', `There is no call with id ${id}.`);
  return row;
}
