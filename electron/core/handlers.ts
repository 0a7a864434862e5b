// The table that implements shared/ipc/contract.ts. Electron main, the preview server and the
// CLI all go through dispatch(), so every request is parsed by its zod schema in one place.
import path from 'node:path';
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
import type { Clock, Dialer, Files, Paths } from './ports';
import { addContact, contactView, knownZones, requireContact, searchContacts, updateContact } from './contacts/service';
import { callsForContact, dial, DialRefusedError, logDisposition, searchCalls, type CallDeps } from './calls/service';
import { leadNow } from './calls/leadNow';
import type { QueueService } from './queue/service';
import type { RedialService } from './calls/redial';
import type { Scheduler } from './scheduler/scheduler';
import { dueList, upcoming } from './due/service';
import { allScripts, exportScript, importScript, removeScript, restoreStarter, saveScript, scriptForCall } from './scripts/service';
import { completeTask, taskExists } from './calls/followUpRepo';
import { markMissedShown } from './due/repo';
import { getDraft, openTasksFor, saveDraft } from './calls/followUpRepo';
import { readSettings, settingsStore } from './settings/service';
import {
  decodeBase64,
  ImportStage,
  importHistory,
  importRowsPage,
  interruptedImports,
  keepImport,
  previewImport,
  resumeImport,
  runImport,
} from './imports/service';
import { saveExport } from './exports/service';
import { addToDnc, dncEntries, importDnc } from './dnc/service';
import { isoOrNull } from './instants';
import { snoozeUntil } from '../../shared/domain/queueRules';

export type HandlerTable = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface HandlerContext {
  /** The rep's own zone: "tomorrow 08:00" is on their clock. */
  repTimeZone: string;
  db: Database;
  clock: Clock;
  dialer: Dialer;
  paths: Paths;
  /** Where exports are saved; null if the core was started without it (exports are refused). */
  files: Files | null;
  events: CoreEvents;
  version: string;
  stage: ImportStage;
  queue: QueueService;
  redial: RedialService;
  scheduler: Scheduler;
}

export function createHandlers(ctx: HandlerContext): HandlerTable {
  const { db, clock, dialer, events, stage, queue, redial, scheduler } = ctx;
  // A copy of each file is kept here while it imports, for "import the rest" after a crash.
  const importCopies = path.join(ctx.paths.dataDir, 'imports');
  const deps: CallDeps = { db, clock, dialer, queue };
  const settings = settingsStore(db);
  const settingsView = () => {
    const { defaultCountry, defaultTimeZone, confirmed, queue: queueSettings, notInterestedReasons, notifications, repName, repPhone, theme } = settings.all();
    return { defaultCountry, defaultTimeZone, confirmed, queue: queueSettings, notInterestedReasons, notifications, repName, repPhone, theme };
  };
  /** A contact with what the call screen shows beside it. */
  const contactDetail = (id: number) => {
    const contact = contactView(db, requireContact(db, id));
    return {
      contact,
      calls: callsForContact(db, id),
      tasks: openTasksFor(db, id).map((t) => ({
        id: t.id,
        contactId: t.contact_id,
        kind: t.kind,
        title: t.title,
        dueAt: new Date(t.due_at).toISOString(),
        callId: t.call_id,
        doneAt: isoOrNull(t.done_at),
      })),
      draft: getDraft(db, id)?.text ?? '',
      now: leadNow(queue, id, clock.now().getTime(), redial.get(id)),
      redial: redial.get(id),
    };
  };
  /** 'plans': dispositions, pins, snoozes; 'leads': a zone key may be new; 'rules': settings. */
  const queueChanged = (what: 'plans' | 'leads' | 'rules' = 'plans') => {
    if (what === 'rules') queue.rulesChanged();
    else if (what === 'leads') queue.leadsChanged();
    else queue.changed();
    events.emit('queue.changed', {});
    // Anything that can move the next due instant re-arms the one timer.
    scheduler.arm();
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
      queueChanged('leads');
      return contact;
    },
    'contacts.search': (request) => searchContacts(db, request),
    'contacts.zones': () => knownZones(db),
    'contacts.update': (request) => {
      const contact = updateContact(db, clock, request);
      events.emit('contacts.changed', { contactId: contact.id });
      queueChanged('leads');
      return contact;
    },
    'contacts.get': ({ id }) => contactDetail(id),
    'imports.preview': async (request) => {
      const stageId = request.data !== undefined ? stage.put(request.fileName, decodeBase64(request.data)) : request.stageId!;
      return previewImport(db, stage, { stageId, encoding: request.encoding, delimiter: request.delimiter });
    },
    'imports.run': async (request) => {
      const { fileName, bytes } = stage.get(request.stageId);
      const summary = await runImport(
        db,
        clock,
        {
          fileName,
          bytes,
          mapping: request.mapping,
          onDuplicate: request.onDuplicate,
          encoding: request.encoding,
          delimiter: request.delimiter,
          country: request.country,
          copyDir: importCopies,
        },
        (processed, total) => events.emit('import.progress', { stageId: request.stageId, processed, total, done: false }),
      );
      stage.drop(request.stageId);
      events.emit('import.progress', { stageId: request.stageId, processed: summary.dataRows, total: summary.dataRows, done: true });
      events.emit('contacts.changed', { contactId: null });
      queueChanged('leads');
      queue.catchUpInBackground(() => queueChanged('leads'));
      return summary;
    },
    'imports.list': () => importHistory(db),
    'imports.interrupted': () => interruptedImports(db, importCopies),
    'imports.resume': async ({ importId, data }) => {
      const progressId = `resume-${importId}`;
      const summary = await resumeImport(db, clock, { importId, bytes: data === undefined ? undefined : decodeBase64(data), copyDir: importCopies }, (processed, total) =>
        events.emit('import.progress', { stageId: progressId, processed, total, done: false }),
      );
      events.emit('import.progress', { stageId: progressId, processed: summary.dataRows, total: summary.dataRows, done: true });
      events.emit('contacts.changed', { contactId: null });
      queueChanged('leads');
      queue.catchUpInBackground(() => queueChanged('leads'));
      return summary;
    },
    'imports.keep': ({ importId }) => keepImport(db, clock, importId, importCopies),
    'imports.rows': (request) => importRowsPage(db, request),
    'exports.write': ({ what, importId }) =>
      saveExport({ databaseFile: ctx.paths.databaseFile, files: ctx.files, clock }, { what, importId }, ({ path, rows, total }) =>
        events.emit('export.progress', { what, importId, path, rows, total }),
      ),
    'dnc.add': ({ phone, source }) => {
      const result = addToDnc(db, clock, phone, source);
      events.emit('contacts.changed', { contactId: null });
      queueChanged();
      return result;
    },
    'dnc.list': () => dncEntries(db),
    'dnc.import': ({ fileName, data }) => {
      const result = importDnc(db, clock, fileName, decodeBase64(data));
      events.emit('contacts.changed', { contactId: null });
      queueChanged();
      return result;
    },
    'settings.get': () => settingsView(),
    'settings.confirm': () => {
      settings.confirm();
      return settingsView();
    },
    'settings.update': (request) => {
      settings.update(request);
      queueChanged('rules');
      redial.arm();
      return settingsView();
    },
    'app.now': () => ({ now: clock.now().toISOString(), rate: clock.runs ? 1 : 0 }),
    'queue.list': (request) => queue.list(request),
    'queue.notNow': (request) => queue.notNow(request),
    'queue.act': (request) => {
      const until = request.preset ? new Date(snoozeUntil(request.preset, clock.now().getTime(), ctx.repTimeZone)).toISOString() : request.until;
      const result = queue.act({ ...request, until });
      queueChanged(request.action === 'restore' ? 'leads' : 'plans');
      return result;
    },
    'calls.dial': async ({ contactId, override }) => {
      // Dialling a lead whose redial loop runs is the loop's next attempt.
      if (redial.get(contactId)?.status === 'running') {
        await redial.dialNow(contactId, override);
        const loop = redial.get(contactId);
        return callsForContact(db, contactId).find((c) => c.id === loop?.lastCallId)!;
      }
      try {
        const call = await dial(deps, contactId, override);
        events.emit('calls.changed', { callId: call.id, contactId });
        queueChanged();
        return call;
      } catch (error) {
        // The phone did not take the number, but the attempt was saved: the screens must hear of it.
        if (error instanceof DialRefusedError) {
          events.emit('calls.changed', { callId: error.callId, contactId });
          queueChanged();
        }
        throw error;
      }
    },
    'calls.log': (request) => {
      const logged = logDisposition(
        deps,
        request,
        (call, at) => redial.onEngaged(call, at),
        (contactId, at) => redial.onOtherOutcome(contactId, at),
      );
      events.emit('calls.changed', { callId: logged.call.id, contactId: logged.call.contactId });
      queueChanged();
      redial.arm();
      if (request.outcome === 'engaged' || redial.get(logged.call.contactId) !== null) events.emit('redial.changed', { contactId: logged.call.contactId });
      // The call screen shows the same lead while its redial loop runs, else the next one.
      const showId = redial.get(logged.call.contactId)?.status === 'running' ? logged.call.contactId : (logged.next?.contact.id ?? null);
      const show = showId === null ? null : { detail: contactDetail(showId), script: scriptForCall(db, clock, { contactId: showId, voicemailMode: false }) };
      return { ...logged, show };
    },
    'calls.draft': ({ contactId, text }) => {
      requireContact(db, contactId);
      const at = clock.now().getTime();
      saveDraft(db, contactId, text, at);
      return { savedAt: new Date(at).toISOString() };
    },
    'calls.search': (request) => searchCalls(db, request),
    'scripts.list': () => allScripts(db),
    'scripts.save': (request) => saveScript(db, clock, request),
    'scripts.delete': ({ id }) => removeScript(db, id),
    'scripts.restore': ({ id }) => restoreStarter(db, clock, id),
    'scripts.import': ({ fileName, text }) => importScript(db, clock, fileName, text),
    'scripts.export': ({ id }) => exportScript(db, id),
    'scripts.forCall': (request) => scriptForCall(db, clock, request),
    'due.list': () => dueList(db, scheduler, clock.now().getTime()),
    'due.ackMissed': ({ id }) => {
      markMissedShown(db, id, clock.now().getTime());
      return { id };
    },
    'due.upcoming': ({ hours }) => upcoming(db, queue, clock.now().getTime(), hours),
    'tasks.complete': ({ id }) => {
      const completed = completeTask(db, id, clock.now().getTime());
      if (!completed && !taskExists(db, id)) throw new CoreError('not_found', `There is no task with id ${id}.`);
      events.emit('due.changed', { dueNow: scheduler.dueNow().length });
      queueChanged();
      return { id, completed };
    },
    'redial.get': ({ contactId }) => redial.get(contactId),
    'redial.act': async ({ contactId, action }) => {
      if (action === 'dial_now') return redial.dialNow(contactId);
      if (action === 'connected') return redial.connected(contactId);
      return redial.stop(contactId);
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
  // A Map: the paths come from the request, and "__proto__" is a path like any other.
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(request)';
    if (!byPath.has(key)) byPath.set(key, issue.message);
  }
  const summary = [...byPath].map(([field, message]) => `${field}: ${message}`).join('; ');
  return { code: 'invalid_request' as const, message: `Invalid request — ${summary}`, fields: Object.fromEntries(byPath) };
}
