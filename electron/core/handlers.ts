// The table that implements shared/ipc/contract.ts. Electron main, the preview server and the
// CLI all go through dispatch(), so every request is parsed by its zod schema in one place.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  channels,
  isChannel,
  type Channel,
  type Envelope,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import { schemaVersion } from './db/migrations';
import { CoreError } from './errors';
import type { CoreEvents } from './events';
import type { Clock, Dialer, Paths } from './ports';
import { addContact, contactView, knownZones, queue, requireContact, searchContacts, updateContact } from './services/contacts';
import { callsForContact, dial, logDisposition } from './services/calls';
import { readSettings, updateSettings } from './services/settings';
import { decodeBase64, ImportStage, importHistory, importRowsPage, previewImport, runImport } from './services/import';
import { exportContacts, exportDuds } from './services/exports';
import { addToDnc, dncEntries, importDnc } from './services/dnc';

export type HandlerTable = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface HandlerContext {
  db: Database;
  clock: Clock;
  dialer: Dialer;
  paths: Paths;
  events: CoreEvents;
  version: string;
  stage: ImportStage;
}

export function createHandlers(ctx: HandlerContext): HandlerTable {
  const { db, clock, dialer, events, stage } = ctx;
  const settingsView = () => {
    const { defaultCountry, defaultTimeZone, confirmed } = readSettings(db);
    return { defaultCountry, defaultTimeZone, confirmed };
  };
  return {
    'app.info': () => ({
      version: ctx.version,
      schemaVersion: schemaVersion(db),
      dataDir: ctx.paths.dataDir,
      defaultCountry: readSettings(db).defaultCountry,
    }),
    'contacts.add': (request) => {
      const contact = addContact(db, clock, request);
      events.emit('contacts.changed', { contactId: contact.id });
      return contact;
    },
    'contacts.search': (request) => searchContacts(db, request),
    'contacts.zones': () => knownZones(db),
    'contacts.update': (request) => {
      const contact = updateContact(db, clock, request);
      events.emit('contacts.changed', { contactId: contact.id });
      return contact;
    },
    'contacts.get': ({ id }) => ({ contact: contactView(db, requireContact(db, id)), calls: callsForContact(db, id) }),
    'imports.preview': (request) => {
      const stageId = request.data !== undefined ? stage.put(request.fileName, decodeBase64(request.data)) : request.stageId!;
      return previewImport(db, stage, { stageId, encoding: request.encoding, delimiter: request.delimiter });
    },
    'imports.run': async (request) => {
      const { fileName, bytes } = stage.get(request.stageId);
      const summary = await runImport(
        db,
        clock,
        { fileName, bytes, mapping: request.mapping, onDuplicate: request.onDuplicate, encoding: request.encoding, delimiter: request.delimiter, country: request.country },
        (processed, total) => events.emit('import.progress', { stageId: request.stageId, processed, total, done: false }),
      );
      stage.drop(request.stageId);
      events.emit('import.progress', { stageId: request.stageId, processed: summary.dataRows, total: summary.dataRows, done: true });
      events.emit('contacts.changed', { contactId: null });
      return summary;
    },
    'imports.list': () => importHistory(db),
    'imports.rows': (request) => importRowsPage(db, request),
    'exports.csv': ({ what, importId }) => (what === 'contacts' ? exportContacts(db, clock) : exportDuds(db, clock, importId)),
    'dnc.add': ({ phone, source }) => {
      const result = addToDnc(db, clock, phone, source);
      events.emit('contacts.changed', { contactId: null });
      return result;
    },
    'dnc.list': () => dncEntries(db),
    'dnc.import': ({ fileName, data }) => {
      const result = importDnc(db, clock, fileName, decodeBase64(data));
      events.emit('contacts.changed', { contactId: null });
      return result;
    },
    'settings.get': () => settingsView(),
    'settings.update': (request) => {
      updateSettings(db, request);
      return settingsView();
    },
    'queue.list': ({ limit }) => queue(db, limit),
    'calls.dial': async ({ contactId }) => {
      const call = await dial(db, clock, dialer, contactId);
      events.emit('calls.changed', { callId: call.id, contactId });
      return call;
    },
    'calls.log': (request) => {
      const call = logDisposition(db, clock, request);
      events.emit('calls.changed', { callId: call.id, contactId: call.contactId });
      return call;
    },
  };
}


/** Parse, run, and wrap in an envelope. Bad input is a validation error, never a crash. */
export async function dispatch(handlers: HandlerTable, channel: unknown, rawRequest: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
  }
  const parsed = channels[channel].request.safeParse(rawRequest);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof CoreError) return { ok: false, error: error.toBody() };
    console.error(`[dialdeck] ${channel} failed:`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Something went wrong (${detail}). Nothing was saved by this action.` } };
  }
}

function validationError(error: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(request)';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  return { code: 'invalid_request' as const, message: `Invalid request — ${summary}`, fields };
}
