import type { Database } from 'better-sqlite3';
import type { Contact, ParsedRequestOf, QueueEntry } from '../../../shared/ipc/contract';
import { normalizePhone } from '../../../shared/domain/phone';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import { outcomeLabel } from '../../../shared/domain/dispositions';
import { getContact, insertContact, listQueue, type ContactRow } from '../db/repos/contacts';
import { CoreError } from '../errors';
import { readSettings } from './settings';
import type { Clock } from '../ports';

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    phoneRaw: row.phone_raw,
    e164: row.e164,
    extension: row.extension,
    phoneDisplay: formatForDisplay(row.e164, row.extension),
    createdAt: new Date(row.created_at).toISOString(),
    lastCalledAt: row.last_called_at === null ? null : new Date(row.last_called_at).toISOString(),
    lastOutcome: row.last_outcome,
  };
}

export function addContact(db: Database, clock: Clock, request: ParsedRequestOf<'contacts.add'>): Contact {
  const { defaultCountry } = readSettings(db);
  const phone = normalizePhone(request.phone, defaultCountry);
  if (!phone.ok) {
    const message = `Phone number refused: ${phone.reason}.`;
    throw new CoreError('invalid_phone', message, { phone: message });
  }
  const id = insertContact(db, {
    firstName: request.firstName,
    lastName: request.lastName,
    company: request.company,
    phoneRaw: request.phone,
    e164: phone.e164,
    extension: phone.extension,
    at: clock.now().getTime(),
  });
  return toContact(requireContact(db, id));
}

export function requireContact(db: Database, id: number): ContactRow {
  const row = getContact(db, id);
  if (!row) throw new CoreError('not_found', `There is no contact with id ${id}.`);
  return row;
}

/** The queue of the foundation slice: never-called leads first, then the longest since called.
 *  The redial-queue issue replaces the order with the tiered rules of shared/domain. */
export function queue(db: Database, limit: number): QueueEntry[] {
  return listQueue(db, limit).map((row) => ({
    contact: toContact(row),
    reason: row.last_called_at === null ? 'New lead, not called yet' : `Last call: ${outcomeLabel(row.last_outcome)}`,
  }));
}
