import type { Database } from 'better-sqlite3';
import type { Contact } from '../../../shared/ipc/contract';
import type { ContactStatus, LeadKind, LineType } from '../../../shared/domain/leads/vocabulary';
import type { CoreContext } from '../context';
import { leadSearchMatch } from '../../../shared/domain/leadSearch';
import { normalizePhone } from '../../../shared/domain/phone';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import { resolveLeadPlace, zonesFromText } from '../../../shared/domain/timeZones';
import {
  contactsOnNumber,
  countContactsMatching,
  distinctZones,
  getContact,
  insertContact,
  searchContacts as searchContactRows,
  updateContactFields,
  type ContactFilter,
  type ContactRow,
} from './repo';
import { isDnc } from '../dnc/repo';
import { isSamePerson, personName } from '../../../shared/domain/leads/duplicates';
import { getQueueState, restoreToQueue, syncQueueRow } from '../queue/repo';
import { CoreError } from '../errors';
import { ensureLeadSearchIndexed } from '../search/repo';
import { emailKey } from '../imports/rows';
import { isoOrNull } from '../instants';

export function toContact(row: ContactRow, doNotCall: boolean): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    title: row.title,
    email: row.email,
    phoneRaw: row.phone_raw,
    e164: row.e164,
    extension: row.extension,
    phoneDisplay: row.e164 ? formatForDisplay(row.e164, row.extension) : row.phone_raw || 'no number',
    otherPhones: JSON.parse(row.other_phones) as Contact['otherPhones'],
    timeZones: row.time_zones === '' ? [] : row.time_zones.split(' '),
    tzSource: row.tz_source,
    jurisdictions: row.jurisdictions ? row.jurisdictions.split(' ') : [],
    country: row.country,
    region: row.region,
    city: row.city,
    postcode: row.postcode,
    kind: row.kind,
    lineType: row.line_type,
    notes: row.notes,
    owner: row.owner,
    customFields: JSON.parse(row.custom_fields) as Record<string, string>,
    status: row.status,
    dudReason: row.dud_reason,
    doNotCall,
    importId: row.import_id,
    sourceRow: row.source_row,
    createdAt: new Date(row.created_at).toISOString(),
    lastCalledAt: isoOrNull(row.last_called_at),
    lastOutcome: row.last_outcome,
  };
}

export function contactView(db: Database, row: ContactRow): Contact {
  return toContact(row, row.e164 !== null && isDnc(db, row.e164));
}


function refusePhone(reason: string): never {
  const message = `Phone number refused: ${reason}.`;
  throw new CoreError('invalid_phone', message, { phone: message });
}

/** A lead added by hand. */
export interface NewContact {
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  /** Absent: residential, the stricter calling rules. */
  lineType?: LineType;
}

/** A lead as the rep edits it on its screen. */
export interface ContactEdit {
  id: number;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  timeZone: string;
  kind: LeadKind;
  lineType: LineType;
  notes: string;
}

/** What the contacts list is filtered by. */
export interface ContactQuery {
  text: string;
  status: ContactStatus | null;
  kind: LeadKind | null;
  zone: string | null;
  importId: number | null;
  /** Leads in this campaign / with this tag (left out: any). */
  campaignId?: number | null;
  tagId?: number | null;
}

/** As an import does: a colleague behind the same switchboard (another extension) or someone
 *  else on a shared line (another name) is a new lead, linked by the number; only the same person
 *  (same extension, same or no name) is refused. By hand the rep names who they add: a lead on the
 *  number with no name (a company's main line) is not that person. `exceptId`: the lead edited. */
function refuseSamePersonOnNumber(db: Database, e164: string, extension: string | null, firstName: string, lastName: string, exceptId: number | null): void {
  const added = { extension, name: personName(firstName, lastName), email: null };
  const named = added.name.first !== '' || added.name.last !== '';
  const existing = contactsOnNumber(db, e164).find((c) => {
    if (c.id === exceptId) return false;
    const theirs = personName(c.first_name, c.last_name);
    if (named && theirs.first === '' && theirs.last === '') return false;
    return isSamePerson(added, { extension: c.extension, name: theirs, email: c.email_key });
  });
  if (existing) {
    const name = `${existing.first_name} ${existing.last_name}`.trim() || existing.company;
    throw new CoreError('conflict', `${name} already has this number (${formatForDisplay(e164, extension)}).`, {
      phone: `Already in your list as ${name}.`,
    });
  }
}

/** Add a lead by hand; committed, then the lists and the queue hear of it. */
export function addContact(ctx: CoreContext, request: NewContact): Contact {
  const contact = insertNewContact(ctx, request);
  ctx.effects.leadsChanged(contact.id);
  return contact;
}

function insertNewContact(ctx: CoreContext, request: NewContact): Contact {
  const { db, clock } = ctx;
  const settings = ctx.settings.all();
  const phone = normalizePhone(request.phone, settings.defaultCountry);
  if (!phone.ok) refusePhone(phone.reason);
  refuseSamePersonOnNumber(db, phone.e164, phone.extension, request.firstName, request.lastName, null);
  const zones = resolveLeadPlace({ e164: phone.e164 });
  const id = db.transaction(() => {
    const newId = insertContact(db, {
      first_name: request.firstName,
      last_name: request.lastName,
      company: request.company,
      title: '',
      email: '',
      email_key: null,
      phone_raw: request.phone,
      e164: phone.e164,
      extension: phone.extension,
      other_phones: '[]',
      time_zones: zones.zones.join(' '),
      tz_source: zones.source,
      country: '',
      region: '',
      city: '',
      postcode: '',
      kind: 'outbound',
      // Unless the rep says it is a business line: residential, the stricter rules.
      line_type: request.lineType ?? 'residential',
      notes: '',
      owner: '',
      custom_fields: '{}',
      status: 'active',
      dud_reason: null,
      import_id: null,
      source_row: null,
      created_at: clock.now().getTime(),
      jurisdictions: zones.jurisdictions.join(' '),
    });
    syncQueueRow(db, newId);
    return newId;
  }).immediate();
  return contactView(db, requireContact(db, id));
}

/** Edit a lead: checked field by field, committed, then the lists and the queue hear of it. */
export function updateContact(ctx: CoreContext, request: ContactEdit): Contact {
  const { db, clock } = ctx;
  const current = requireContact(db, request.id);
  const settings = ctx.settings.all();
  const fields: Record<string, string> = {};
  // The number as it stands unless the rep changed it: an edit of the notes must not refuse a
  // dud's bad number (kept to go back to the supplier), nor make a wrong number callable.
  let e164 = current.e164;
  let extension = current.extension;
  let numberChanged = false;
  if (request.phone !== current.phone_raw) {
    if (request.phone === '') {
      [e164, extension, numberChanged] = [null, null, true];
    } else {
      const phone = normalizePhone(request.phone, settings.defaultCountry);
      if (phone.ok) {
        numberChanged = phone.e164 !== current.e164 || (phone.extension ?? null) !== current.extension;
        [e164, extension] = [phone.e164, phone.extension ?? null];
      } else fields.phone = `Phone number refused: ${phone.reason}.`;
    }
  }
  const email = emailKey(request.email);
  if (request.email !== '' && !email) fields.email = 'This is not an email address (name@example.com).';
  const explicitZones = request.timeZone === '' ? [] : zonesFromText(request.timeZone);
  if (request.timeZone !== '' && explicitZones.length === 0) fields.timeZone = `"${request.timeZone}" is not a time zone (try America/Chicago, CET or UTC-5).`;
  if (request.firstName === '' && request.lastName === '' && request.company === '') fields.firstName = 'Enter a name or a company.';
  if (Object.keys(fields).length > 0) throw new CoreError('invalid_request', Object.values(fields).join(' '), fields);
  // Moved onto a number: not onto the same person's lead (two leads for one person), as adding.
  if (numberChanged && e164) refuseSamePersonOnNumber(db, e164, extension, request.firstName, request.lastName, current.id);
  const zones = resolveLeadPlace({ explicit: request.timeZone || undefined, country: current.country, region: current.region, e164 });
  const now = clock.now().getTime();
  db.transaction(() => {
    updateContactFields(
      db,
      current.id,
      {
        first_name: request.firstName,
        last_name: request.lastName,
        company: request.company,
        title: request.title,
        email: request.email,
        email_key: email,
        phone_raw: request.phone,
        e164,
        extension,
        time_zones: zones.zones.join(' '),
        tz_source: zones.source,
        jurisdictions: zones.jurisdictions.join(' '),
        kind: request.kind,
        line_type: request.lineType,
        notes: request.notes,
        // A new number makes a dud a lead again; removing the number makes it a dud. Any other
        // edit leaves the status as it was (a wrong number stays one).
        status: numberChanged ? (e164 ? 'active' : 'dud') : current.status,
        dud_reason: numberChanged ? (e164 ? null : 'no phone number') : current.dud_reason,
      },
      now,
    );
    syncQueueRow(db, current.id);
    // A wrong number closed the lead's place in the queue; the right one opens it again.
    if (numberChanged && e164 && getQueueState(db, current.id)?.closed === 'wrong_number') restoreToQueue(db, current.id, now);
  }).immediate();
  ctx.effects.leadsChanged(current.id);
  return contactView(db, requireContact(db, current.id));
}

export function requireContact(db: Database, id: number): ContactRow {
  const row = getContact(db, id);
  if (!row) throw new CoreError('not_found', `There is no contact with id ${id}.`);
  return row;
}

/** Reads the search text as a phone number when it is one, so "(415) 555-2671", "+14155552671"
 *  and "415.555.2671" all find the same lead through the e164 index. */
export function contactFilter(ctx: CoreContext, request: ContactQuery): ContactFilter {
  const digits = request.text.replace(/\D/g, '');
  const looksLikePhone = digits.length >= 7 && /^[\d\s().+\-x#]+$/i.test(request.text);
  const country = ctx.settings.get('defaultCountry');
  const phone = looksLikePhone ? normalizePhone(request.text, country) : null;
  const indexed = leadSearchMatch(request.text, country);
  return {
    text: request.text,
    e164: phone?.ok ? phone.e164 : null,
    digits,
    match: indexed?.kind === 'words' ? indexed.match : null,
    status: request.status,
    kind: request.kind,
    zone: request.zone,
    importId: request.importId,
    campaignId: request.campaignId ?? null,
    tagId: request.tagId ?? null,
  };
}

export function searchContacts(ctx: CoreContext, request: ContactQuery & { limit: number; offset: number }) {
  const { db } = ctx;
  ensureLeadSearchIndexed(db);
  const filter = contactFilter(ctx, request);
  return {
    total: countContactsMatching(db, filter),
    contacts: searchContactRows(db, filter, request.limit, request.offset).map((row) => contactView(db, row)),
  };
}

export function knownZones(db: Database): string[] {
  return distinctZones(db);
}
