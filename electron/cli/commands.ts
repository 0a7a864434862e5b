import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../core/core';
import { CoreError } from '../core/errors';
import { LATEST_INSTANT } from '../core/instants';
import { pathsFor, resolveDataDir } from '../core/paths';
import type { Clock, Files } from '../core/ports';
import { z } from 'zod';
import { acceptedOutcomeInputs, outcomeFromInput } from '../../shared/domain/dispositions';
import { voicemailWindows } from '../../shared/domain/callingHours';
import { intersectIntervals } from '../../shared/domain/localWindows';
import { localClock, wallClock } from '../../shared/domain/timeFormat';
import { isIanaZone } from '../../shared/domain/timeZones';
import type { EventPayload, ResponseOf } from '../../shared/ipc/contract';
import { PROMISE_STATES } from '../../shared/domain/promises';
import { SAFETY_COPY_KEPT_DAYS } from '../../shared/domain/backups';
import { listRowsWithoutOwnContact } from '../core/imports/repo';
import { allContacts } from '../core/contacts/repo';
import { contactFilter, contactView } from '../core/contacts/service';
import { runImport } from '../core/imports/service';
import { addToDnc, dncEntries, importDnc } from '../core/dnc/service';
import { countryFromLocale } from '../core/settings/locale';
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from '../../shared/domain/leads/decode';
import { LEAD_FIELDS, type ColumnTarget } from '../../shared/domain/leads/mapping';
import { MAX_TALK_SECONDS } from '../../shared/domain/callEvents';
import { formatDuration } from '../../shared/domain/duration';
import { dudsKept, importedTitle } from '../../shared/domain/leads/importWords';
import { backupFolderFor } from '../core/backups/files';
import { inspectDatabaseFile } from '../core/backups/copies';
import { restoreDatabase } from '../core/backups/restore';
import { describeBackups } from '../core/backups/service';
import { IMPORT_LINES, type ImportLines } from '../../shared/domain/leads/vocabulary';
import { addCampaign, addImportToCampaign, addTag, assignToCampaign, campaigns, tags } from '../core/campaigns/service';
import { labelKey } from '../../shared/domain/campaigns';
import { finishCounting } from '../core/metrics/service';
import { CALL_EXPORT_FORMATS, type CallExportFormat } from '../../shared/domain/callExports';

export interface CliContext {
  args: string[];
  values: Record<string, string | boolean | undefined>;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

type Command = (context: CliContext) => Promise<number> | number;

/** The command line's clock: now, or the instant --at names. It arms no timers: redial loops and
 *  reminders belong to the app. */
function cliClock(context: CliContext): Clock {
  const at = context.values.at as string | undefined;
  let instant: number | null = null;
  if (at !== undefined) {
    const parsed = z.iso.datetime({ offset: true }).safeParse(at);
    if (!parsed.success) throw new CoreError('invalid_request', `--at must be an ISO instant with its offset, such as 2026-03-04T15:00:00Z (got "${at}").`);
    instant = Date.parse(at);
  }
  return { now: () => (instant === null ? new Date() : new Date(instant)), runs: instant === null, monotonic: () => performance.now(), setTimer: () => ({ cancel: () => undefined }) };
}

/** An instant flag (--next-at, --callback-at) as epoch ms; refused unless ISO with its offset. */
function instantFlag(context: CliContext, flag: string): number | undefined {
  const value = context.values[flag] as string | undefined;
  if (value === undefined) return undefined;
  if (!z.iso.datetime({ offset: true }).safeParse(value).success) throw new CoreError('invalid_request', `--${flag} must be an ISO instant with its offset, such as 2026-03-04T15:00:00Z (got "${value}").`, { [flag]: 'not an ISO instant' });
  return Date.parse(value);
}

function openCore(context: CliContext, files?: Files): Core {
  const dataDir = resolveDataDir(context.values['data-dir'] as string | undefined);
  return createCore({
    paths: pathsFor(dataDir),
    files,
    clock: cliClock(context),
    startTimers: false,
    // The command line never dials.
    dialer: { open: () => Promise.reject(new Error('the command line does not dial')) },
    notifier: { notify: () => undefined },
    initialCountry: countryFromLocale(process.env.LANG),
  });
}

function withCore<T>(context: CliContext, work: (core: Core) => T): T {
  const core = openCore(context);
  try {
    return work(core);
  } finally {
    core.close();
  }
}

function readFileArgument(context: CliContext, what: string): { fileName: string; bytes: Uint8Array } {
  const file = context.args[0];
  if (!file) throw new CoreError('invalid_request', `Name the ${what} to read.`);
  try {
    return { fileName: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) };
  } catch (error) {
    throw new CoreError('invalid_request', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`);
  }
}

function parseMapping(value: string | undefined): ColumnTarget[] | undefined {
  if (value === undefined || value === 'auto') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new CoreError('invalid_request', '--mapping must be "auto" or a JSON array such as ["firstName","lastName","phone","custom"].');
  }
  const allowed = new Set<string>([...LEAD_FIELDS, 'custom', 'ignore']);
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string' && allowed.has(t))) {
    throw new CoreError('invalid_request', `--mapping entries must each be one of: ${[...allowed].join(', ')}.`);
  }
  return parsed as ColumnTarget[];
}

function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const text = value === 'tab' ? '\t' : String(value);
  if (!(allowed as readonly string[]).includes(text)) throw new CoreError('invalid_request', `${flag} must be one of: ${allowed.map((a) => (a === '\t' ? 'tab' : a)).join(', ')}.`);
  return text as T;
}

const importCommand: Command = async (context) => {
  const { fileName, bytes } = readFileArgument(context, 'lead file');
  const onDuplicate = oneOf(context.values['on-duplicate'], ['merge', 'skip'] as const, '--on-duplicate') ?? 'merge';
  const country = context.values.country as string | undefined;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new CoreError('invalid_request', '--country must be a two-letter code such as US or GB.');
  const core = openCore(context);
  try {
    const showProgress = !context.json && process.stderr.isTTY;
    const summary = await runImport(
      core.context,
      {
        fileName,
        bytes,
        mapping: parseMapping(context.values.mapping as string | undefined),
        onDuplicate,
        encoding: oneOf<Encoding>(context.values.encoding, ENCODINGS, '--encoding'),
        delimiter: oneOf<Delimiter>(context.values.delimiter, DELIMITERS, '--delimiter'),
        country,
        lines: oneOf<ImportLines>(context.values.lines, IMPORT_LINES, '--lines') ?? 'mixed',
      },
      showProgress ? (done, total) => context.err(`\rImporting… ${total ? Math.round((done / total) * 100) : 100}% (${done}/${total})`) : undefined,
    );
    if (showProgress) context.err('\n');
    if (context.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      context.out(
        [
          importedTitle(fileName, summary.dataRows),
          `  imported  ${summary.imported}`,
          `  merged    ${summary.merged}`,
          `  skipped   ${summary.skipped} (duplicates)`,
          `  rejected  ${summary.rejected}${summary.duds > 0 ? ` (${dudsKept(summary.duds)})` : ''}`,
          ...summary.reasons.map((r) => `    ${r.count} × ${r.reason}`),
          `Import #${summary.importId}. Export the rejected rows with: npm run cli -- export duds --import ${summary.importId} --out duds.csv`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    core.close();
  }
};

const contactsCommand: Command = (context) =>
  withCore(context, (core) => {
    const text = ((context.values.search as string | undefined) ?? '').trim();
    const search = text.toLowerCase();
    // A phone in any format finds its lead as the app's search does: read as a number when it is
    // one ("212-555-0143" is +12125550143), else its digits within the stored number.
    const asPhone = contactFilter(core.context, { text, status: null, kind: null, zone: null, importId: null });
    const leads = [];
    for (const row of allContacts(core.db)) {
      const c = contactView(core.db, row);
      if (search) {
        const haystack = `${c.firstName} ${c.lastName} ${c.company} ${c.email}`.toLowerCase();
        const matches = asPhone.e164 !== null ? c.e164 === asPhone.e164 : haystack.includes(search) || (asPhone.digits.length >= 3 && (c.e164 ?? '').includes(asPhone.digits));
        if (!matches) continue;
      }
      leads.push({
        id: c.id, firstName: c.firstName, lastName: c.lastName, company: c.company, email: c.email,
        e164: c.e164, extension: c.extension, timeZones: c.timeZones, tzSource: c.tzSource, status: c.status,
        duplicateOf: null as number | null, rejection: c.dudReason, doNotCall: c.doNotCall, importId: c.importId, row: c.sourceRow,
      });
    }
    const others = search
      ? []
      : listRowsWithoutOwnContact(core.db).map((r) => ({
          id: null, importId: r.import_id, row: r.row_number, file: r.file_name,
          status: r.outcome === 'rejected' ? 'rejected' : 'duplicate', outcome: r.outcome,
          duplicateOf: r.outcome === 'rejected' ? null : r.contact_id, rejection: r.outcome === 'rejected' ? r.reason : null,
        }));
    if (context.json) context.out(`${JSON.stringify({ contacts: leads, otherRows: others }, null, 2)}\n`);
    else {
      for (const l of leads) {
        context.out(`#${l.id} ${`${l.firstName} ${l.lastName}`.trim() || l.company}  ${l.e164 ?? '(no number)'}${l.extension ? ` x${l.extension}` : ''}  ${l.timeZones.join(',')} [${l.tzSource}]  ${l.status}${l.rejection ? `: ${l.rejection}` : ''}\n`);
      }
      for (const o of others) context.out(`  ${o.file} row ${o.row}: ${o.status}${o.duplicateOf ? ` of #${o.duplicateOf}` : ''}${o.rejection ? `: ${o.rejection}` : ''}\n`);
      context.out(`${leads.length} contacts${others.length ? `, ${others.length} other rows` : ''}\n`);
    }
    return 0;
  });

const CALL_FORMAT_FLAGS = new Map<string, CallExportFormat>(CALL_EXPORT_FORMATS.map((f) => [f, f]));

const exportCommand: Command = async (context) => {
  const what = oneOf(context.args[0], ['contacts', 'duds', 'tasks', 'calls', 'lost'] as const, 'export');
  if (!what) throw new CoreError('invalid_request', 'Say what to export: contacts, duds, tasks, calls or lost.');
  const formatFlag = context.values.format as string | undefined;
  const format = formatFlag === undefined ? undefined : CALL_FORMAT_FLAGS.get(formatFlag);
  if (formatFlag !== undefined && (format === undefined || what !== 'calls')) {
    throw new CoreError('invalid_request', what === 'calls' ? `--format must be csv, hubspot, salesforce or pipedrive (got "${formatFlag}").` : '--format is for export calls only.', { format: 'unknown format' });
  }
  const calls = what === 'calls' ? { format: format ?? 'csv', ...rangeFlags(context) } : {};
  // lost: the report's range, as `report lost` takes it.
  const range = what === 'lost' ? { ...(context.values.from !== undefined ? { from: context.values.from as string } : {}), ...(context.values.to !== undefined ? { to: context.values.to as string } : {}) } : {};
  const out = context.values.out as string | undefined;
  if (!out) throw new CoreError('invalid_request', 'Say where to write it: --out FILE.');
  const importId = context.values.import === undefined ? null : Number(context.values.import);
  if (importId !== null && !(Number.isInteger(importId) && importId > 0)) throw new CoreError('invalid_request', '--import must be an import number.');
  // The same path as the app's export button: the core asks where to save (here: --out) and a
  // worker thread streams the rows to that file.
  const core = openCore(context, { chooseExportPath: () => Promise.resolve(path.resolve(out)) });
  const showProgress = !context.json && process.stderr.isTTY;
  const unsubscribe = showProgress
    ? core.events.subscribe((event, payload) => {
        if (event === 'export.progress') {
          const { rows, total } = payload as EventPayload<'export.progress'>;
          context.err(`\rExporting… ${rows}/${total} rows`);
        }
      })
    : () => undefined;
  try {
    const result = await invoke<ResponseOf<'exports.write'>>(core, 'exports.write', { what, importId, ...calls, ...range });
    if (showProgress) context.err('\n');
    if (context.json) context.out(`${JSON.stringify({ ok: true, file: result.path, rows: result.rows })}\n`);
    else context.out(`Wrote ${result.rows} rows to ${result.path}\n`);
    return 0;
  } finally {
    unsubscribe();
    core.close();
  }
};

const dncCommand: Command = (context) => {
  const [action, ...rest] = context.args;
  return withCore(context, (core) => {
    if (action === 'add') {
      const phone = rest.join(' ');
      if (!phone) throw new CoreError('invalid_request', 'Give the number: dnc add <phone>.');
      const result = addToDnc(core.context, phone, 'command line');
      context.out(context.json ? `${JSON.stringify(result)}\n` : `${result.e164} ${result.added ? 'added to' : 'was already on'} the do-not-call list\n`);
      return 0;
    }
    if (action === 'import') {
      const { fileName, bytes } = readFileArgument({ ...context, args: rest }, 'do-not-call file');
      const result = importDnc(core.context, fileName, bytes);
      if (context.json) context.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        context.out(`${result.added} added, ${result.alreadyListed} already listed, ${result.rejected.length} rejected\n`);
        for (const r of result.rejected) context.out(`  row ${r.rowNumber}: "${r.value}": ${r.reason}\n`);
      }
      return 0;
    }
    if (action === 'list') {
      const entries = dncEntries(core.db);
      if (context.json) context.out(`${JSON.stringify(entries, null, 2)}\n`);
      else for (const e of entries) context.out(`${e.e164}  ${e.addedAt}  ${e.source}\n`);
      return 0;
    }
    throw new CoreError('invalid_request', 'dnc takes add <phone>, import <file> or list.');
  });
};

/** Unwrap an envelope from the core, or throw its error as the command's. */
async function invoke<T>(core: Core, channel: string, request: unknown): Promise<T> {
  const envelope = await core.invoke(channel, request);
  if (!envelope.ok) throw new CoreError(envelope.error.code, envelope.error.message, envelope.error.fields);
  return envelope.value as T;
}

function positiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CoreError('invalid_request', `${flag} must be a whole number above 0.`);
  return n;
}

const queueCommand: Command = async (context) => {
  const limit = positiveInt(context.values.limit, '--limit') ?? 50;
  const core = openCore(context);
  try {
    const at = core.handlers['app.now']({}) as { now: string };
    const { entries, queued } = await invoke<{ entries: { contact: { id: number; firstName: string; lastName: string; company: string; phoneDisplay: string }; tier: string; reason: string; pinned: boolean; localTime: string; zone: string }[]; queued: number }>(
      core,
      'queue.list',
      { limit: Math.min(limit, 1000), at: at.now },
    );
    if (context.json) {
      context.out(`${JSON.stringify({ at: at.now, queued, entries: entries.map((e, i) => ({ position: i + 1, contactId: e.contact.id, name: `${e.contact.firstName} ${e.contact.lastName}`.trim() || e.contact.company, tier: e.tier, pinned: e.pinned, reason: e.reason, localTime: e.localTime, zone: e.zone })) }, null, 2)}\n`);
    } else {
      entries.forEach((e, i) => context.out(`${String(i + 1).padStart(3)}. #${e.contact.id} ${`${e.contact.firstName} ${e.contact.lastName}`.trim() || e.contact.company}  [${e.tier}] ${e.reason}  (${e.localTime} ${e.zone})\n`));
      context.out(`${entries.length} offered now of ${queued} in the queue\n`);
    }
    return 0;
  } finally {
    core.close();
  }
};

/** Why a lead is or is not offered now (or at --at), rule by rule: the rule's id, whether it is
 *  on, what it forbids now, its citation and source, and when the lead is next callable. */
const whyCommand: Command = async (context) => {
  const contactId = positiveInt(context.args[0], 'The contact id');
  if (contactId === undefined) throw new CoreError('invalid_request', 'Give the contact id: why <contactId> [--at ISO].');
  const core = openCore(context);
  try {
    const at = (core.handlers['app.now']({}) as { now: string }).now;
    const why = await invoke<ResponseOf<'law.why'>>(core, 'law.why', { contactId, at });
    if (context.json) context.out(`${JSON.stringify(why, null, 2)}\n`);
    else {
      context.out(`#${why.contactId} at ${why.at}: ${why.callable ? 'callable now' : 'not callable now'} (${why.lineType} line; ${why.jurisdictions.join(', ') || 'place unknown'})\n`);
      for (const zone of why.zones) context.out(`  their time: ${zone.localTime} (${zone.zone})\n`);
      context.out(`  queue: ${why.queue.reason}${why.nextOpen && !why.callable ? ` — next ${why.nextOpen}` : ''}\n`);
      for (const rule of why.rules) {
        const state = !rule.on ? 'off' : rule.allows ? 'allows' : 'FORBIDS';
        context.out(`  ${rule.id.padEnd(12)} ${state.padEnd(8)} ${rule.name}${rule.why ? `: ${rule.why}` : ''} (${rule.citation})\n`);
      }
      if (why.rules.length === 0) context.out('  no calling rule applies to this lead (only your own calling hours)\n');
    }
    return 0;
  } finally {
    core.close();
  }
};

const logCommand: Command = async (context) => {
  const [contactArg, outcomeArg] = context.args;
  const contactId = positiveInt(contactArg, 'The contact id');
  if (contactId === undefined) throw new CoreError('invalid_request', 'Give the contact id and the outcome: log <contactId> <outcome>.');
  if (!outcomeArg) throw new CoreError('invalid_request', `Give the outcome after the contact id: ${acceptedOutcomeInputs()}.`);
  // As a rep types it: the key on the call screen's bar, the id or the label.
  const outcome = outcomeFromInput(outcomeArg);
  if (outcome === null) throw new CoreError('invalid_request', `"${outcomeArg}" is not an outcome. Use one of: ${acceptedOutcomeInputs()}.`);
  const core = openCore(context);
  try {
    // An attempt made on the desk phone: the call and its disposition are written in one
    // transaction by the same service (same checks) the call screen uses; a refused disposition
    // leaves nothing behind.
    // --inbound: a call the prospect made, that long (--duration seconds), logged the same way.
    const inbound = context.values.inbound === true;
    const duration = durationFlag(context.values.duration);
    if (!inbound && duration !== null) throw new CoreError('invalid_request', '--duration goes with --inbound (the length of a call the prospect made); a call you dialled is timed by its dial and disposition.');
    const command = {
      outcome,
      notes: (context.values.note as string | undefined) ?? '',
      objections: [],
      checklist: [],
      gatekeeperName: context.values.gatekeeper as string | undefined,
      detail: {
        nextStep: context.values['next-step'] as string | undefined,
        nextAt: instantFlag(context, 'next-at'),
        callbackAt: instantFlag(context, 'callback-at'),
        reason: context.values.reason as string | undefined,
      },
    };
    const logged = inbound ? core.calls.logInbound(contactId, command, duration) : core.calls.logExternal(contactId, command);
    // Printed only now: the disposition's transaction has committed.
    const saved = logged.call;
    context.out(context.json ? `${JSON.stringify({ ok: true, callId: saved.id, direction: saved.direction })}\n` : `${saved.id}\n`);
    return 0;
  } finally {
    core.close();
  }
};

/** Undo a call's disposition (the app's Ctrl+Z): the lead goes back exactly as it was before it;
 *  a do-not-call only within its window and with --yes. */
const undoCommand: Command = async (context) => {
  const callId = positiveInt(context.args[0], 'The call id');
  if (callId === undefined) throw new CoreError('invalid_request', 'Give the call id: undo <callId> [--yes] [--at ISO].');
  const core = openCore(context);
  try {
    const result = await invoke<ResponseOf<'calls.undo'>>(core, 'calls.undo', { callId, confirm: context.values.yes === true });
    if (result.status === 'confirm') {
      // Nothing was changed: say what --yes would do.
      if (context.json) context.out(`${JSON.stringify({ ok: false, needsConfirmation: true, message: result.message })}\n`);
      else context.err(`${result.message} Run again with --yes to undo it.\n`);
      return 1;
    }
    context.out(context.json ? `${JSON.stringify({ ok: true, callId, undoneAt: result.call.undoneAt, outcome: result.call.outcome, message: result.message })}\n` : `${result.message}\n`);
    return 0;
  } finally {
    core.close();
  }
};

const callsCommand: Command = async (context) => {
  const limit = positiveInt(context.values.limit, '--limit') ?? 500;
  const contactId = positiveInt(context.values.contact, '--contact') ?? null;
  const core = openCore(context);
  try {
    const result = await invoke<{ total: number; calls: { id: number; contactId: number; contactName: string; number: string; dialedAt: string; outcome: string | null; durationMs: number | null; notes: string; override: boolean; nextStep: string | null; nextAt: string | null; callbackAt: string | null; reason: string | null; direction: string; talkMs: number | null; wrapUpMs: number | null; gatekeeperName: string | null }[] }>(
      core,
      'calls.search',
      { text: (context.values.search as string | undefined) ?? '', contactId, limit: Math.min(limit, 500) },
    );
    if (context.json) context.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const c of result.calls) {
        const times = `${c.talkMs === null ? '' : ` talk ${formatDuration(c.talkMs)}`}${c.wrapUpMs === null ? '' : ` wrap-up ${formatDuration(c.wrapUpMs)}`}`;
        context.out(`#${c.id} ${c.dialedAt} ${c.contactName} (#${c.contactId}) ${c.number}${c.direction === 'inbound' ? ' inbound' : ''} ${c.outcome ?? 'no disposition'}${c.gatekeeperName ? ` (gatekeeper ${c.gatekeeperName})` : ''}${times}${c.override ? ' [override]' : ''}${c.nextStep ? ` next: ${c.nextStep} ${c.nextAt}` : ''}${c.callbackAt ? ` callback ${c.callbackAt}` : ''}${c.notes ? ` — ${c.notes}` : ''}\n`);
      }
      context.out(`${result.calls.length} of ${result.total} calls\n`);
    }
    return 0;
  } finally {
    core.close();
  }
};

const dueCommand: Command = async (context) => {
  const core = openCore(context);
  try {
    const due = await invoke<{ dueNow: { kind: string; name: string; company: string; theirTime: string; zone: string; dueAt: string; missed: boolean; title: string }[]; nextWakeAt: string | null }>(core, 'due.list', {});
    const at = (core.handlers['app.now']({}) as { now: string }).now;
    if (context.json) context.out(`${JSON.stringify({ at, due: due.dueNow, nextWakeAt: due.nextWakeAt }, null, 2)}\n`);
    else {
      for (const d of due.dueNow) context.out(`${d.dueAt}  ${d.kind}  ${d.name}${d.company && d.company !== d.name ? ` at ${d.company}` : ''}  ${d.theirTime} their time (${d.zone})${d.missed ? '  [missed while closed]' : ''}${d.title ? `  ${d.title}` : ''}\n`);
      context.out(`${due.dueNow.length} due at ${at}; next wake ${due.nextWakeAt ?? 'none planned (heartbeat only)'}\n`);
    }
    return 0;
  } finally {
    core.close();
  }
};

const windowsCommand: Command = async (context) => {
  const from = context.values.from as string | undefined;
  if (!from || !z.iso.datetime({ offset: true }).safeParse(from).success) throw new CoreError('invalid_request', '--from must be an ISO instant such as 2026-03-02T00:00:00Z.');
  const days = positiveInt(context.values.days ?? '7', '--days')!;
  if (days > 366) throw new CoreError('invalid_request', '--days is at most 366.');
  const zoneFlag = context.values.zone as string | undefined;
  const contactFlag = positiveInt(context.values.contact, '--contact');
  if ((zoneFlag === undefined) === (contactFlag === undefined)) throw new CoreError('invalid_request', 'Give one of --zone <IANA zone> or --contact <id>.');
  const core = openCore(context);
  try {
    let zones: string[];
    if (zoneFlag !== undefined) {
      if (!isIanaZone(zoneFlag)) throw new CoreError('invalid_request', `"${zoneFlag}" is not an IANA time zone such as America/New_York.`);
      zones = [zoneFlag];
    } else {
      const contact = await invoke<{ contact: { timeZones: string[] } }>(core, 'contacts.get', { id: contactFlag });
      zones = contact.contact.timeZones;
      if (zones.length === 0) throw new CoreError('invalid_request', `Contact #${contactFlag} has no time zone.`);
    }
    const start = Date.parse(from);
    const settings = core.queue.settings();
    // A lead with several candidate zones: only where every zone's window is open.
    const windows = intersectIntervals(zones.map((zone) => voicemailWindows(zone, new Date(start), new Date(start + days * 86_400_000), settings.voicemail)));
    const out = windows.map((w) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), local: `${localClock(w.start, zones[0]!)}–${localClock(w.end, zones[0]!)}` }));
    if (context.json) context.out(`${JSON.stringify({ zones, from: new Date(start).toISOString(), days, windows: out }, null, 2)}\n`);
    else for (const w of out) context.out(`${w.start} – ${w.end}  (${w.local} ${zones[0]})\n`);
    return 0;
  } finally {
    core.close();
  }
};

/** A whole number of seconds from --duration (a day at most). */
function durationFlag(value: unknown): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (!/^\d+$/.test(String(value)) || seconds > MAX_TALK_SECONDS) throw new CoreError('invalid_request', `--duration must be the talk time in whole seconds (0 to ${MAX_TALK_SECONDS}), not "${String(value)}".`);
  return seconds;
}

const callEventCommand: Command = (context) => {
  const [kind] = context.args;
  if (kind !== 'connected' && kind !== 'ended') throw new CoreError('invalid_request', 'Say what happened: call-event connected|ended --number E164 [--duration S] [--at ISO].');
  const number = context.values.number as string | undefined;
  if (!number) throw new CoreError('invalid_request', 'Give the number the call was to: --number +14155552671.');
  const durationSeconds = durationFlag(context.values.duration);
  return withCore(context, (core) => {
    // The same path as the app's hand-off from the softphone; --at is the event's instant.
    const recorded = core.callEvents.record({ kind, number, durationSeconds, source: 'command line' });
    if (context.json) context.out(`${JSON.stringify({ ok: true, ...recorded })}\n`);
    else if (recorded.matched) context.out(`Call #${recorded.callId} ${kind}${recorded.talkSeconds !== null ? `: talk time ${recorded.talkSeconds} s` : ''}.\n`);
    else context.out(`No call to ${recorded.e164 ?? number} within a few minutes: kept as an unmatched event (#${recorded.eventId}).\n`);
    return 0;
  });
};

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

const backupCommand: Command = async (context) => {
  const out = context.values.out as string | undefined;
  const core = openCore(context);
  try {
    // An online copy, as the app's own: the app may go on logging calls meanwhile.
    const backup = await core.backups.create('manual', out);
    if (context.json) context.out(`${JSON.stringify({ ok: true, ...backup })}\n`);
    else context.out(`Backed up ${backup.calls} calls (schema version ${backup.schemaVersion}, ${megabytes(backup.bytes)}) to ${backup.file}; it passed its integrity check.\n`);
    return 0;
  } finally {
    core.close();
  }
};

const backupsCommand: Command = (context) => {
  // Read without opening the call log: the list is what one needs when it cannot be opened.
  const { databaseFile } = pathsFor(resolveDataDir(context.values['data-dir'] as string | undefined));
  const folder = backupFolderFor(databaseFile);
  const backups = describeBackups(folder);
  if (context.json) context.out(`${JSON.stringify({ folder, backups }, null, 2)}\n`);
  else {
    for (const b of backups) {
      context.out(`${b.createdAt}  ${b.reason.padEnd(16)}  ${megabytes(b.bytes).padStart(9)}  ${b.problem ? `UNUSABLE: ${b.problem}` : `schema ${b.schemaVersion}, ${b.calls} calls`}  ${b.name}\n`);
    }
    context.out(`${backups.length} backups in ${folder}\n`);
  }
  return 0;
};

const restoreCommand: Command = async (context) => {
  const file = context.args[0];
  if (!file) throw new CoreError('invalid_request', 'Name the backup file to restore: restore <file> [--yes].');
  const { databaseFile } = pathsFor(resolveDataDir(context.values['data-dir'] as string | undefined));
  const source = path.resolve(file);
  if (context.values.yes !== true) {
    // Said before anything changes: what the file holds, and that --yes is what does it.
    const inspection = inspectDatabaseFile(source);
    if (!inspection.ok) throw new CoreError('invalid_request', `Not restored: ${inspection.problem} The current call log was not changed.`);
    const { calls, schemaVersion } = inspection.facts;
    throw new CoreError(
      'invalid_request',
      `${source} holds ${calls} calls (schema version ${schemaVersion}). Restoring puts it in place of ${databaseFile}; the current file is kept first (copied into backups/, or moved aside if it is damaged). Run again with --yes to restore.`,
    );
  }
  const outcome = await restoreDatabase(databaseFile, source, cliClock(context).now());
  const previous = outcome.previous ? { kind: outcome.previous.kind, keptAs: outcome.previous.keptAs } : null;
  if (context.json) context.out(`${JSON.stringify({ ok: true, restoredFrom: outcome.restoredFrom, database: databaseFile, calls: outcome.facts.calls, schemaVersion: outcome.facts.schemaVersion, previous })}\n`);
  else {
    const kept = previous === null ? '' : previous.kind === 'backup' ? ` The file that was there is backed up as ${previous.keptAs} (kept ${SAFETY_COPY_KEPT_DAYS} days, whatever the number of backups kept).` : ` The damaged file that was there is kept as ${previous.keptAs}.`;
    context.out(`Restored ${outcome.facts.calls} calls from ${outcome.restoredFrom} into ${databaseFile}.${kept}\n`);
  }
  return 0;
};

// ---- Follow-through: tasks and promises ------------------------------------------------------

function idArgument(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new CoreError('invalid_request', `Give the ${what}'s id (a whole number).`);
  return n;
}

const tasksCommand: Command = (context) =>
  withCore(context, (core) => {
    const due = context.values.due !== undefined;
    const { total, tasks } = core.follow.tasks({ due, limit: positiveInt(context.values.limit, '--limit') ?? 50_000 });
    const at = core.context.clock.now().toISOString();
    if (context.json) context.out(`${JSON.stringify({ at, total, tasks }, null, 2)}\n`);
    else {
      for (const t of tasks) context.out(`#${t.id}  ${t.dueAt}  ${t.kind}  ${t.name}${t.company ? ` at ${t.company}` : ''}  ${t.theirTime} their time  ${t.title}${t.late ? `  [${t.late}]` : ''}\n`);
      context.out(`${tasks.length} ${due ? 'due' : 'open'} tasks at ${at}\n`);
    }
    return 0;
  });

const taskCommand: Command = (context) => {
  const [action, id] = context.args;
  if (action !== 'done') throw new CoreError('invalid_request', 'Usage: task done <id> [--at ISO].');
  const taskId = idArgument(id, 'task');
  return withCore(context, (core) => {
    const result = core.follow.completeTask(taskId);
    context.out(context.json ? `${JSON.stringify(result)}\n` : result.completed ? `Task #${taskId} done\n` : `Task #${taskId} was already done\n`);
    return 0;
  });
};

const promisesCommand: Command = (context) =>
  withCore(context, (core) => {
    const state = oneOf(context.values.state, PROMISE_STATES, '--state');
    if (state !== undefined && context.values.overdue === true && state !== 'overdue') throw new CoreError('invalid_request', `--overdue and --state ${state} ask for different promises: give one of them.`);
    const promises = core.follow.promises({ overdue: context.values.overdue === true, state, limit: positiveInt(context.values.limit, '--limit') ?? 50_000 });
    if (context.json) context.out(`${JSON.stringify(promises, null, 2)}\n`);
    else {
      for (const p of promises) context.out(`#${p.id}  ${p.dueAt}  ${p.overdue ? `OVERDUE ${p.late ?? ''}  ` : ''}${p.name}: ${p.what} (to ${p.toWhom}, ${p.owner})\n`);
      context.out(`${promises.length} ${state ?? (context.values.overdue === true ? 'overdue' : 'open')} promise${promises.length === 1 ? '' : 's'}\n`);
    }
    return 0;
  });

const promiseCommand: Command = (context) => {
  const [action, id] = context.args;
  if (action === 'add') {
    const contactId = idArgument(id, 'contact');
    const what = context.values.what as string | undefined;
    if (!what?.trim()) throw new CoreError('invalid_request', 'Say what you promised: --what TEXT.');
    const due = instantFlag(context, 'due');
    if (due === undefined) throw new CoreError('invalid_request', 'Say when it is due: --due ISO.');
    return withCore(context, (core) => {
      const made = core.follow.addPromise({ contactId, what: what.trim().slice(0, 500), toWhom: ((context.values.to as string | undefined) ?? '').trim(), owner: '', dueAt: due });
      context.out(context.json ? `${JSON.stringify(made, null, 2)}\n` : `${made.id}\n`);
      return 0;
    });
  }
  if (action === 'kept') {
    const promiseId = idArgument(id, 'promise');
    return withCore(context, (core) => {
      const kept = core.follow.keep(promiseId, ((context.values.note as string | undefined) ?? '').trim().slice(0, 2000));
      context.out(context.json ? `${JSON.stringify(kept, null, 2)}\n` : `Promise #${promiseId} kept\n`);
      return 0;
    });
  }
  throw new CoreError('invalid_request', 'Usage: promise add <contactId> --what TEXT --due ISO, or promise kept <id> [--note TEXT].');
};

const reportCommand: Command = (context) => {
  if (context.args[0] !== 'lost') throw new CoreError('invalid_request', 'Usage: report lost [--from ISO --to ISO].');
  const from = instantFlag(context, 'from') ?? 0;
  const to = instantFlag(context, 'to') ?? LATEST_INSTANT;
  if (from >= to) throw new CoreError('invalid_request', '--from must be before --to.');
  return withCore(context, (core) => {
    const report = core.follow.lostReport(from, to);
    if (context.json) context.out(`${JSON.stringify(report, null, 2)}\n`);
    else {
      context.out(`Lost (not interested): ${report.lost.total}\n`);
      for (const r of report.lost.reasons) context.out(`  ${String(r.count).padStart(5)}  ${r.reason}\n`);
      for (const i of report.lost.byImport) context.out(`  ${i.import}: ${i.reasons.map((r) => `${r.reason} ${r.count}`).join(', ')}\n`);
      context.out(`Stalled: ${report.stalled.total}\n`);
      for (const l of report.stalled.leads) context.out(`  #${l.contactId} ${l.name}: ${l.why}\n`);
    }
    return 0;
  });
};

/** --from/--to as the contract takes them (ISO instants with their offset), checked here so the
 *  admin reads which flag is wrong. */
function rangeFlags(context: CliContext): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  for (const flag of ['from', 'to'] as const) {
    const value = instantFlag(context, flag);
    if (value !== undefined) range[flag] = new Date(value).toISOString();
  }
  return range;
}

const STATS_BY = new Map([['day', 'day'], ['hour', 'hour'], ['import', 'import']] as const);

/** --campaign / --tag: a whole number is the id, anything else the name (compared as the app
 *  compares names); one that does not exist is an error naming those that do. */
function statsLabel(kind: 'campaign' | 'tag', value: string | undefined, known: readonly { id: number; name: string }[]): number | undefined {
  if (value === undefined) return undefined;
  const found = /^\d+$/.test(value) ? known.find((l) => l.id === Number(value)) : known.find((l) => labelKey(l.name) === labelKey(value));
  if (found) return found.id;
  const names = known.map((l) => `"${l.name}"`).join(', ');
  throw new CoreError('invalid_request', `No ${kind} "${value}". ${known.length === 0 ? `There are no ${kind}s yet.` : `The ${kind}s: ${names}.`}`, { [kind]: 'unknown' });
}

/** The measure's numbers for a range (default: today on this machine's clock), per group with
 *  --by; with --campaign and/or --tag, only the calls of those leads. */
const statsCommand: Command = async (context) => {
  const byFlag = context.values.by as string | undefined;
  const by = byFlag === undefined ? undefined : STATS_BY.get(byFlag as 'day');
  if (byFlag !== undefined && by === undefined) throw new CoreError('invalid_request', `--by must be day, hour or import (got "${byFlag}").`, { by: 'unknown grouping' });
  const core = openCore(context);
  try {
    // No screen to keep responsive: a log from before the kept counts is counted here, once.
    finishCounting(core.db);
    const campaignId = statsLabel('campaign', context.values.campaign as string | undefined, campaigns(core.db));
    const tagId = statsLabel('tag', context.values.tag as string | undefined, tags(core.db));
    const result = await invoke<ResponseOf<'stats.summary'>>(core, 'stats.summary', { ...rangeFlags(context), by, campaignId, tagId });
    if (context.json) {
      const flat = (g: { totals: ResponseOf<'stats.summary'>['totals']; rates: ResponseOf<'stats.summary'>['rates'] }) => ({ ...g.totals, rates: g.rates });
      context.out(`${JSON.stringify({ from: result.from, to: result.to, ...flat(result), groups: result.groups.map((g) => ({ key: g.key, label: g.label, ...flat(g) })) }, null, 2)}\n`);
    } else {
      const line = (label: string, t: ResponseOf<'stats.summary'>['totals']) =>
        `${label}: ${t.conversations} conversations, ${t.advances} advances, ${t.conversions} conversions, talk ${Math.round(t.talkSeconds / 60)} min, ${t.voicemailsReturned}/${t.voicemails} voicemails returned; ${t.connects} connects, ${t.dials} dials (${t.redials} redials)\n`;
      context.out(line(`${result.from} – ${result.to}`, result.totals));
      for (const g of result.groups) context.out(line(`  ${g.label}`, g.totals));
    }
    return 0;
  } finally {
    core.close();
  }
};

const HEATMAP_FLAGS = new Map([['connect', 'connect'], ['voicemail-return', 'voicemail-return']] as const);

/** The prospect's weekday × hour for connect or voicemail-return rate. */
const heatmapCommand: Command = async (context) => {
  const metricFlag = context.values.metric as string | undefined;
  const metric = HEATMAP_FLAGS.get(metricFlag as 'connect');
  if (metric === undefined) throw new CoreError('invalid_request', `--metric must be connect or voicemail-return (got ${metricFlag === undefined ? 'nothing' : `"${metricFlag}"`}).`, { metric: 'unknown metric' });
  const core = openCore(context);
  try {
    finishCounting(core.db);
    const result = await invoke<ResponseOf<'stats.heatmap'>>(core, 'stats.heatmap', { ...rangeFlags(context), metric });
    if (context.json) context.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const days = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
      for (const cell of result.cells.filter((c) => c.calls > 0)) {
        context.out(`${days[cell.weekday]} ${wallClock(cell.hour * 60)}  ${cell.hits}/${cell.calls}  ${Math.round((cell.rate ?? 0) * 100)} %${cell.enough ? '' : '  (too few calls)'}\n`);
      }
    }
    return 0;
  } finally {
    core.close();
  }
};

// A Map, not an object: a command typed as "constructor" or "__proto__" is unknown, not Object's.
// ---- Campaigns and tags ------------------------------------------------------------------------

/** A campaign named on the command line: a whole number is its id, anything else its name. */
function campaignChoice(value: string | undefined): { id: number } | { name: string } {
  if (value === undefined || value.trim() === '') throw new CoreError('invalid_request', 'Name the campaign (its name, or its id from "campaign list").');
  return /^\d+$/.test(value) ? { id: Number(value) } : { name: value };
}

const campaignCommand: Command = (context) => {
  const [action, ...rest] = context.args;
  return withCore(context, (core) => {
    if (action === 'add') {
      const campaign = addCampaign(core.context, rest.join(' '));
      context.out(context.json ? `${JSON.stringify(campaign)}\n` : `Campaign #${campaign.id} "${campaign.name}" added\n`);
      return 0;
    }
    if (action === 'list') {
      const scripts = new Map(core.scripts.all().map((s) => [s.id, s.name]));
      const list = campaigns(core.context.db);
      if (context.json) context.out(`${JSON.stringify(list, null, 2)}\n`);
      else for (const c of list) context.out(`#${c.id}  ${c.name}  ${c.leads} leads${c.scriptId !== null ? `  script: ${scripts.get(c.scriptId) ?? `#${c.scriptId}`}` : ''}\n`);
      return 0;
    }
    if (action === 'assign') {
      const [which, ...ids] = rest;
      const campaign = campaignChoice(which);
      const importId = positiveInt(context.values.import, '--import');
      if (importId !== undefined) {
        if (ids.length > 0) throw new CoreError('invalid_request', 'Give lead ids or --import, not both.');
        const added = addImportToCampaign(core.context, campaign, importId);
        context.out(context.json ? `${JSON.stringify({ importId, added })}\n` : `${added} leads of import #${importId} added\n`);
        return 0;
      }
      if (ids.length === 0) throw new CoreError('invalid_request', 'Usage: campaign assign <campaign> <leadId>… | --import ID.');
      const result = assignToCampaign(core.context, { campaign, contactIds: ids.map((id) => idArgument(id, 'lead')) });
      context.out(context.json ? `${JSON.stringify(result)}\n` : `${result.added} added to "${result.campaign.name}"${result.already > 0 ? ` (${result.already} already in it)` : ''}\n`);
      return 0;
    }
    throw new CoreError('invalid_request', 'Usage: campaign add <name> | campaign list | campaign assign <campaign> <leadId>… | --import ID.');
  });
};

const tagCommand: Command = (context) => {
  const [id, ...words] = context.args;
  const contactId = idArgument(id, 'lead');
  return withCore(context, (core) => {
    const result = addTag(core.context, contactId, words.join(' '));
    context.out(context.json ? `${JSON.stringify(result)}\n` : result.added ? `Lead #${contactId} tagged "${result.tag.name}"\n` : `Lead #${contactId} already has the tag "${result.tag.name}"\n`);
    return 0;
  });
};

export const COMMANDS = new Map<string, Command>([
  ['due', dueCommand],
  ['windows', windowsCommand],
  ['queue', queueCommand],
  ['why', whyCommand],
  ['log', logCommand],
  ['calls', callsCommand],
  ['import', importCommand],
  ['contacts', contactsCommand],
  ['export', exportCommand],
  ['dnc', dncCommand],
  ['backup', backupCommand],
  ['backups', backupsCommand],
  ['restore', restoreCommand],
  ['call-event', callEventCommand],
  // Loaded when used: the other commands do not pay for the PostgreSQL client.
  ['team', async (context) => (await import('./team')).teamCommand(context)],
  ['tasks', tasksCommand],
  ['task', taskCommand],
  ['promises', promisesCommand],
  ['promise', promiseCommand],
  ['report', reportCommand],
  ['stats', statsCommand],
  ['heatmap', heatmapCommand],
  ['undo', undoCommand],
  ['campaign', campaignCommand],
  ['tag', tagCommand],
]);
