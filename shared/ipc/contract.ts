// The one contract between the renderer and the core, merged from one file per feature
// (contacts.ts, queue.ts, calls.ts, …). Every channel has a zod schema for its request and its
// response; every event main pushes has a schema for its payload. The handler table
// (electron/core/handlers.ts), the preload, the preview bridge and the renderer's client are all
// typed from here, so a renamed field breaks the build, not a call at run time.
import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { backupsChannels, backupsEvents } from './backups';
import { callsChannels, callsEvents } from './calls';
import { contactsChannels, contactsEvents } from './contacts';
import { diagnosticsChannels } from './diagnostics';
import { dncChannels } from './dnc';
import { dueChannels, dueEvents } from './due';
import { exportsChannels, exportsEvents } from './exports';
import { importsChannels, importsEvents } from './imports';
import { phoneChannels } from './phone';
import { lawChannels } from './law';
import { queueChannels, queueEvents } from './queue';
import { recoveryChannels, recoveryEvents } from './recovery';
import { scriptsChannels } from './scripts';
import { settingsChannels } from './settings';
import { followChannels, followEvents } from './follow';
import { statsChannels, statsEvents } from './stats';
import { searchChannels } from './search';
import { teamChannels, teamEvents } from './team';
import { campaignsChannels, campaignsEvents } from './campaigns';
import type { Envelope } from './common';

export * from './common';
export * from './app';
export * from './settings';
export * from './contacts';
export * from './queue';
export * from './due';
export * from './scripts';
export * from './calls';
export * from './imports';
export * from './exports';
export * from './dnc';
export * from './backups';
export * from './phone';
export * from './recovery';
export * from './diagnostics';
export * from './law';
export * from './follow';
export * from './stats';
export * from './search';
export * from './team';
export * from './campaigns';
export { CONTACT_STATUSES, LEAD_KINDS, LINE_TYPES, TZ_SOURCES } from '../domain/leads/vocabulary';

export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...contactsChannels,
  ...queueChannels,
  ...dueChannels,
  ...scriptsChannels,
  ...callsChannels,
  ...importsChannels,
  ...exportsChannels,
  ...dncChannels,
  ...backupsChannels,
  ...phoneChannels,
  ...recoveryChannels,
  ...diagnosticsChannels,
  ...lawChannels,
  ...followChannels,
  ...statsChannels,
  ...searchChannels,
  ...teamChannels,
  ...campaignsChannels,
} as const;

export const events = {
  ...appEvents,
  ...contactsEvents,
  ...queueEvents,
  ...dueEvents,
  ...callsEvents,
  ...importsEvents,
  ...exportsEvents,
  ...backupsEvents,
  ...recoveryEvents,
  ...followEvents,
  ...teamEvents,
  ...campaignsEvents,
  ...statsEvents,
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** What a handler receives, after parsing. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The one object the preload (and the preview's bridge) puts on `window.dialdeck`. */
export interface DialdeckApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const IPC_INVOKE = 'dialdeck:invoke';
export const IPC_EVENT = 'dialdeck:event';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
