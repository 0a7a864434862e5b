// Writes. Each puts what its reply says into the cache, so the screen shows it without asking
// again; what the core announces by event is left to events.ts. The few writes the core announces
// by no event say here what they make stale.
import { queueFilterNow } from './queueFilter';
import { hashKey, useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { Call, Channel, ContactDetail, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { ApiError, invoke } from './client';
import { settingsRefusal } from '../../../shared/domain/settingsFields';
import { guardEchoes, markStale, settleEchoes, type CoreEvent, type Stale } from './invalidation';
import { queries } from './queries';

/** Writes the core announces by no event, and what they change. */
const STALE_AFTER: Partial<Record<Channel, Stale[]>> = {
  'scripts.save': [{ channel: 'scripts.list' }, { channel: 'scripts.forCall' }],
  'scripts.delete': [{ channel: 'scripts.list' }, { channel: 'scripts.forCall' }],
  'scripts.restore': [{ channel: 'scripts.list' }, { channel: 'scripts.forCall' }],
  'scripts.import': [{ channel: 'scripts.list' }, { channel: 'scripts.forCall' }],
  'due.ackMissed': [{ channel: 'due.list' }],
  'imports.keep': [{ channel: 'imports.interrupted' }, { channel: 'imports.list' }, { channel: 'contacts.search' }],
  // {{me.name}} and {{me.phone}} are merged into the scripts.
  'settings.update': [{ channel: 'scripts.forCall' }, { channel: 'backups.list' }],
  'dnc.add': [{ channel: 'dnc.list' }],
  'dnc.import': [{ channel: 'dnc.list' }],
  // A rule on or off changes who may be called now, and each lead's badge.
  'law.set': [{ channel: 'queue.list' }, { channel: 'queue.notNow' }, { channel: 'due.upcoming' }, { channel: 'contacts.get' }],
  'imports.split': [{ channel: 'imports.mergedRows' }],
};

/** A write through a channel: its reply, then what it made stale (STALE_AFTER). */
export function useCoreMutation<C extends Channel>(channel: C, options: { onReply?: (client: QueryClient, reply: ResponseOf<C>, request: RequestOf<C>) => void } = {}) {
  const client = useQueryClient();
  return useMutation<ResponseOf<C>, ApiError, RequestOf<C>>({
    mutationFn: async (request) => {
      const reply = await invoke(channel, request);
      options.onReply?.(client, reply, request);
      markStale(client, STALE_AFTER[channel] ?? []);
      return reply;
    },
  });
}

function patchContact(client: QueryClient, contactId: number, patch: (detail: ContactDetail) => ContactDetail): void {
  client.setQueryData(queries.contact(contactId).queryKey, (detail) => (detail ? patch(detail) : detail));
}

/** The cached keys of what the call screen shows for a lead: its detail and its scripts. */
function leadKeys(client: QueryClient, contactId: number) {
  return client
    .getQueryCache()
    .findAll({ predicate: (q) => (q.queryKey[0] === 'contacts.get' && (q.queryKey[1] as { id?: number }).id === contactId) || (q.queryKey[0] === 'scripts.forCall' && (q.queryKey[1] as { contactId?: number }).contactId === contactId) })
    .map((q) => q.queryKey);
}

/** A disposition. Its reply carries the call, the next queue entry and what the call screen shows
 *  next (detail and script): both go into the cache before the screen moves on, so the next lead
 *  is painted with no further request. The request leaves at once, before anything is rendered
 *  (a plain function on the hot path, not the mutation observer's round of renders). */
export async function logDisposition(client: QueryClient, contactId: number, request: RequestOf<'calls.log'>): Promise<ResponseOf<'calls.log'>> {
  // The lead on screen changes with this write: its echoes (this call changed, this lead's redial
  // loop changed) mark it stale, to be asked when next shown, not now.
  const echo = (event: CoreEvent) =>
    (event.name === 'calls.changed' && (event.payload as { callId: number }).callId === request.callId) ||
    (event.name === 'redial.changed' && (event.payload as { contactId: number }).contactId === contactId);
  // The next lead comes from the queue the rep filtered to (a campaign, a tag…), if any.
  const queueFilter = request.queueFilter ?? queueFilterNow() ?? undefined;
  return placeLogged(client, contactId, echo, () => invoke('calls.log', queueFilter ? { ...request, queueFilter } : request));
}

/** A call the prospect made (I), logged with its outcome: placed in the cache as a disposition is.
 *  Its id is not known before the reply, so any call of this lead is its echo. */
export async function logInboundCall(client: QueryClient, request: RequestOf<'calls.logInbound'>): Promise<ResponseOf<'calls.logInbound'>> {
  const contactId = request.contactId;
  const echo = (event: CoreEvent) =>
    (event.name === 'calls.changed' && (event.payload as { contactId: number }).contactId === contactId) ||
    (event.name === 'redial.changed' && (event.payload as { contactId: number }).contactId === contactId);
  return placeLogged(client, contactId, echo, () => invoke('calls.logInbound', request));
}

async function placeLogged(client: QueryClient, contactId: number, echo: (event: CoreEvent) => boolean, send: () => Promise<ResponseOf<'calls.log'>>): Promise<ResponseOf<'calls.log'>> {
  // The request leaves first (the bridge sends it synchronously); the guard is in place before
  // this task ends, so no echo, which arrives in a later task, can come before it.
  const sent = send();
  // Today's numbers come back with the reply too: an echo that arrives before it must not ask.
  const guard = guardEchoes(echo, [...leadKeys(client, contactId), queries.session().queryKey]);
  let reply: ResponseOf<'calls.log'>;
  try {
    reply = await sent;
  } catch (error) {
    settleEchoes(guard, []);
    throw error;
  }
  const keep: QueryKey[] = [];
  if (reply.show) {
    const shownId = reply.show.detail.contact.id;
    const detailKey = queries.contact(shownId).queryKey;
    const scriptKey = queries.scriptForCall(shownId, false, null).queryKey;
    const followKey = queries.followOf(shownId).queryKey;
    client.setQueryData(detailKey, reply.show.detail);
    client.setQueryData(scriptKey, reply.show.script);
    const labelsKey = queries.labelsOf(shownId).queryKey;
    client.setQueryData(followKey, reply.show.follow);
    client.setQueryData(labelsKey, reply.show.labels);
    keep.push(detailKey, scriptKey, followKey, labelsKey);
  }
  // Today's numbers, with this call in them: the session strip moves without asking.
  const sessionKey = queries.session().queryKey;
  client.setQueryData(sessionKey, reply.session);
  keep.push(sessionKey);
  settleEchoes(guard, keep);
  // Whatever else was cached for the lead just called is out of date: asked when next shown.
  const kept = new Set(keep.map(hashKey));
  const others = leadKeys(client, contactId).filter((key) => !kept.has(hashKey(key)));
  for (const queryKey of others) void client.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
  return reply;
}

export function useLogCall() {
  const client = useQueryClient();
  return (contactId: number, request: RequestOf<'calls.log'>) => logDisposition(client, contactId, request);
}

/** A dial: the call joins the lead's history from the reply; the event the same dial causes does
 *  not ask for the lead again. */
export function useDial() {
  const client = useQueryClient();
  return useMutation<Call, ApiError, RequestOf<'calls.dial'>>({
    mutationFn: async (request) => {
      let dialled: number | null = null;
      // In flight the call's id is not known yet: any call of this lead is this dial's echo.
      const echo = (event: CoreEvent) => {
        if (event.name !== 'calls.changed') return false;
        const payload = event.payload as { callId: number; contactId: number };
        return dialled === null ? payload.contactId === request.contactId : payload.callId === dialled;
      };
      const key = queries.contact(request.contactId).queryKey;
      const guard = guardEchoes(echo, [key]);
      try {
        const call = await invoke('calls.dial', request);
        dialled = call.id;
        // A dial in a running redial loop is its next attempt: the loop changed with it (it now
        // waits for the rep's answer). Its own event may be taken for the echo of the "still
        // engaged" just before, so the loop is asked for here rather than left showing a countdown.
        const loop = call.redialLoopId !== null ? await invoke('redial.get', { contactId: request.contactId }) : undefined;
        patchContact(client, call.contactId, (d) => ({ ...d, calls: [call, ...d.calls.filter((c) => c.id !== call.id)], ...(loop !== undefined ? { redial: loop } : {}) }));
        settleEchoes(guard, [key]);
        return call;
      } catch (error) {
        // A dial the phone refused is in the log too: the lead is asked again.
        settleEchoes(guard, []);
        markStale(client, [{ channel: 'contacts.get', request: { id: request.contactId } }]);
        throw error;
      }
    },
  });
}

export function useLogInbound() {
  const client = useQueryClient();
  return (request: RequestOf<'calls.logInbound'>) => logInboundCall(client, request);
}

/** H: the line is hung up; the call in the lead's history says so (talk ends, wrap-up starts). */
export function useHangUp() {
  return useCoreMutation('calls.hangUp', {
    onReply: (client, call) => patchContact(client, call.contactId, (d) => ({ ...d, calls: d.calls.map((c) => (c.id === call.id ? call : c)) })),
  });
}

export function useRedialAct() {
  return useCoreMutation('redial.act', {
    onReply: (client, loop, request) => patchContact(client, request.contactId, (d) => ({ ...d, redial: loop })),
  });
}

/** The notes draft, kept in the database as the rep types; the cached detail holds it too, so the
 *  call screen opened again shows the latest text without asking. */
export function useSaveDraft() {
  return useCoreMutation('calls.draft', {
    onReply: (client, _reply, request) => patchContact(client, request.contactId, (d) => ({ ...d, draft: request.text })),
  });
}

/** A settings change. A refusal comes back in the rep's words (shared/domain/settingsFields.ts):
 *  its message one plain sentence per field, its fields keyed by the form field each belongs
 *  beside ("“At most, per lead per day” must be a whole number of attempts from 1 to 50."), never
 *  a path such as queue.maxAttemptsPerDay. */
export function useSettingsUpdate() {
  const client = useQueryClient();
  return useMutation<ResponseOf<'settings.update'>, ApiError, RequestOf<'settings.update'>>({
    mutationFn: async (request) => {
      let reply: ResponseOf<'settings.update'>;
      try {
        reply = await invoke('settings.update', request);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const plain = settingsRefusal(error);
        throw new ApiError({ code: error.code, message: plain.summary, fields: Object.fromEntries(plain.fields) });
      }
      client.setQueryData(queries.settings().queryKey, reply);
      markStale(client, STALE_AFTER['settings.update'] ?? []);
      return reply;
    },
  });
}

export function useSettingsConfirm() {
  return useCoreMutation('settings.confirm', { onReply: (client, settings) => client.setQueryData(queries.settings().queryKey, settings) });
}

/** An import that stops part-way is listed as interrupted: look again after any import. */
export function useImportRun() {
  const client = useQueryClient();
  return useMutation<ResponseOf<'imports.run'>, ApiError, RequestOf<'imports.run'>>({
    mutationFn: (request) => invoke('imports.run', request),
    onSettled: () => markStale(client, [{ channel: 'imports.interrupted' }]),
  });
}

export function useImportResume() {
  const client = useQueryClient();
  return useMutation<ResponseOf<'imports.resume'>, ApiError, RequestOf<'imports.resume'>>({
    mutationFn: (request) => invoke('imports.resume', request),
    onSettled: () => markStale(client, [{ channel: 'imports.interrupted' }]),
  });
}

/** A calling rule on or off: the reply is the whole list, with the change logged. */
export function useLawSet() {
  return useCoreMutation('law.set', { onReply: (client, rules) => client.setQueryData(queries.lawRules().queryKey, rules) });
}
