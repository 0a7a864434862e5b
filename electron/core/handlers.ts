// The table that implements shared/ipc/contract.ts, merged from each feature's handlers
// (<feature>/handlers.ts): a handler turns the parsed request into the feature's command, calls
// its service, and returns what the contract says. Electron main, the preview server and the CLI
// all go through dispatch(), so every request is parsed by its zod schema in one place.
import type { z } from 'zod';
import { channels, isChannel, type Channel, type Envelope, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { plainZodMessage } from '../../shared/ipc/plainErrors';
import { appHandlers } from './app/handlers';
import { backupsHandlers } from './backups/handlers';
import type { BackupService } from './backups/service';
import { callsHandlers } from './calls/handlers';
import type { CallsService } from './calls/service';
import type { RedialService } from './calls/redial';
import { contactsHandlers } from './contacts/handlers';
import type { CoreContext } from './context';
import { diagnosticsHandlers } from './diagnostics/handlers';
import type { DiagnosticsService } from './diagnostics/service';
import { dncHandlers } from './dnc/handlers';
import { dueHandlers } from './due/handlers';
import { CoreError } from './errors';
import { exportsHandlers } from './exports/handlers';
import { importsHandlers } from './imports/handlers';
import { lawHandlers } from './law/handlers';
import { metricsHandlers } from './metrics/handlers';
import type { ImportStage } from './imports/service';
import type { Files } from './ports';
import { phoneHandlers } from './phone/handlers';
import type { PhoneService } from './phone/service';
import { queueHandlers } from './queue/handlers';
import type { QueueService } from './queue/service';
import { recoveryHandlersWhenHealthy } from './recovery/handlers';
import type { Scheduler } from './scheduler/scheduler';
import { scriptsHandlers } from './scripts/handlers';
import type { ScriptsService } from './scripts/service';
import { settingsHandlers } from './settings/handlers';
import { followHandlers } from './follow/handlers';
import type { FollowService } from './follow/service';
import { searchHandlers } from './search/handlers';
import { teamHandlers } from './team/handlers';
import type { TeamService } from './team/service';
import { campaignsHandlers } from './campaigns/handlers';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };
/** One feature's part of the table. */
export type HandlersOf<C extends Channel> = { [K in C]: Handler<K> };

/** What the handlers reach: the core's context and its services. */
export interface Services {
  ctx: CoreContext;
  version: string;
  /** Where exports are saved; null if the core was started without it (exports are refused). */
  files: Files | null;
  stage: ImportStage;
  queue: QueueService;
  calls: CallsService;
  redial: RedialService;
  scripts: ScriptsService;
  scheduler: Scheduler;
  backups: BackupService;
  phone: PhoneService;
  diagnostics: DiagnosticsService;
  follow: FollowService;
  /** Team mode: the desk's link to the team's PostgreSQL. */
  team: TeamService;
}

export function createHandlers(services: Services): HandlerTable {
  return {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...contactsHandlers(services),
    ...queueHandlers(services),
    ...callsHandlers(services),
    ...scriptsHandlers(services),
    ...dueHandlers(services),
    ...importsHandlers(services),
    ...exportsHandlers(services),
    ...dncHandlers(services),
    ...backupsHandlers(services),
    ...phoneHandlers(services),
    ...recoveryHandlersWhenHealthy(services),
    ...diagnosticsHandlers(services),
    ...lawHandlers(services),
    ...followHandlers(services),
    ...metricsHandlers(services),
    ...searchHandlers(services),
    ...teamHandlers(services),
    ...campaignsHandlers(services),
  } satisfies HandlerTable;
}

/** Parse, run, and wrap in an envelope. Bad input is a validation error, never a crash; an
 *  unexpected failure is also told to `onInternalError` (the diagnostics log). */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  rawRequest: unknown,
  onInternalError: (channel: Channel, error: unknown) => void = () => undefined,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
  }
  const parsed = channels[channel].request.safeParse(rawRequest, PLAIN_WORDS);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof CoreError) return { ok: false, error: error.toBody() };
    console.error(`[dialdeck] ${channel} failed:`, error);
    onInternalError(channel, error);
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Something went wrong (${detail}). Nothing was saved by this action.` } };
  }
}

/** A request's problems in plain words where its schema has none of its own. */
const PLAIN_WORDS = { error: plainZodMessage };

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
