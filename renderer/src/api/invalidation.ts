// The one place that decides what a core event means for the screens: which cached answers it
// makes stale (the ones on screen are asked again, the others when next shown) and which progress
// it records; and how the renderer's own writes keep their echoes from asking again. Pure (no
// bridge): events.ts subscribes it once, at start.
import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { Channel, EventName, EventPayload } from '../../../shared/ipc/contract';
import { progressKey } from './keys';

/** Answers of a channel: all of them, or those whose request includes `request`. */
export interface Stale {
  channel: Channel;
  request?: Record<string, unknown>;
}

export interface EventEffect<E extends EventName> {
  stale: (payload: EventPayload<E>) => Stale[];
  /** Something to record as it is (progress), rather than to ask again. */
  record?: (client: QueryClient, payload: EventPayload<E>) => void;
}

const contact = (id: number | null): Stale => (id === null ? { channel: 'contacts.get' } : { channel: 'contacts.get', request: { id } });
const scriptFor = (id: number | null): Stale => (id === null ? { channel: 'scripts.forCall' } : { channel: 'scripts.forCall', request: { contactId: id } });
/** What moves with the core's clock: who is offered, what is due, the badges of a lead. */
const TIME_BOUND: Stale[] = [{ channel: 'queue.list' }, { channel: 'queue.notNow' }, { channel: 'due.list' }, { channel: 'due.upcoming' }, contact(null), { channel: 'tasks.list' }, { channel: 'promises.list' }, { channel: 'follow.lead' }, { channel: 'stalled.list' }, { channel: 'follow.lostReport' }];

/** The numbers (#15): every call logged moves them; a clock jump can start a new day. */
const MEASURE: Stale[] = [{ channel: 'stats.session' }, { channel: 'stats.summary' }, { channel: 'stats.heatmap' }, { channel: 'stats.windowSuggestion' }];

export const EVENT_EFFECTS: { [E in EventName]: EventEffect<E> } = {
  'contacts.changed': {
    stale: ({ contactId }) => [
      contact(contactId),
      scriptFor(contactId),
      { channel: 'contacts.search' },
      { channel: 'contacts.zones' },
      { channel: 'imports.list' },
      { channel: 'imports.interrupted' },
      { channel: 'dnc.list' },
      { channel: 'due.list' },
      { channel: 'due.upcoming' },
      { channel: 'calls.search' },
      // How many leads each calling rule applies to.
      { channel: 'law.rules' },
      { channel: 'search.leads' },
    ],
  },
  // The background count of an older call log moved on: the numbers read so far are stale.
  'stats.counting': { stale: () => MEASURE },
  'calls.changed': {
    // A call dialled or dispositioned: its lead's history and script situation, and the log. A
    // "do not call" outcome adds the number to the list.
    stale: ({ contactId }) => [contact(contactId), scriptFor(contactId), { channel: 'calls.search' }, { channel: 'dnc.list' }, { channel: 'follow.lostReport' }, ...MEASURE],
  },
  // A campaign or tag made, a lead added or tagged, a campaign's script chosen.
  'campaigns.changed': {
    stale: ({ contactId }) => [{ channel: 'campaigns.list' }, { channel: 'tags.list' }, contactId === null ? { channel: 'campaigns.ofLead' } : { channel: 'campaigns.ofLead', request: { contactId } }, scriptFor(contactId), { channel: 'contacts.search' }],
  },
  'queue.changed': {
    stale: () => [{ channel: 'queue.list' }, { channel: 'queue.notNow' }, { channel: 'due.upcoming' }],
  },
  'redial.changed': {
    stale: ({ contactId }) => [contact(contactId)],
  },
  // A timer fired or an item was done: what is due, and each lead's "now" with it.
  'due.changed': { stale: () => TIME_BOUND },
  // The clock jumped (sleep, a clock change, the test clock moved): everything time-bound.
  'clock.changed': { stale: () => [...TIME_BOUND, ...MEASURE] },
  // Midnight on the rep's clock: today's numbers start from nothing, what was due tomorrow is due
  // today, and a time drawn without its date ("3:00 PM") was yesterday's.
  'day.changed': { stale: () => [...TIME_BOUND, ...MEASURE] },
  'import.progress': {
    stale: () => [],
    record: (client, p) => client.setQueryData(progressKey.import(p.stageId), p),
  },
  'export.progress': {
    stale: () => [],
    record: (client, p) => client.setQueryData(progressKey.export(p.what, p.importId), p),
  },
  // A backup written or restored: the list in Settings.
  'backups.changed': { stale: () => [{ channel: 'backups.list' }] },
  'recovery.progress': {
    stale: () => [],
    record: (client, p) => client.setQueryData(progressKey.recovery(), p),
  },
  // Not a change of data: App opens the lead (its own subscription, through onCoreEvent).
  'app.openContact': { stale: () => [] },
  // An email sent, a task done or snoozed, a promise made or kept: the lead's follow-up, the
  // task and promise lists, and what is due.
  'follow.changed': {
    stale: ({ contactId }) => [
      contact(contactId),
      contactId === null ? { channel: 'follow.lead' } : { channel: 'follow.lead', request: { contactId } },
      contactId === null ? { channel: 'follow.timeline' } : { channel: 'follow.timeline', request: { contactId } },
      { channel: 'tasks.list' },
      { channel: 'promises.list' },
      { channel: 'stalled.list' },
      ...TIME_BOUND,
    ],
  },
  // A team sync ran or failed, leads were claimed or released: the Team screen's status (what
  // the sync brought to the queue comes with its own contacts.changed).
  'team.changed': { stale: () => [{ channel: 'team.status' }] },
};

// ---------------------------------------------------------------------------------------------
// Echoes of the renderer's own writes. A disposition's reply already holds what the screen shows
// next; the events the same write causes arrive around the reply (before it over IPC, just after
// it over the preview's event stream) and must not ask again for what the reply brought.

/** An event as it arrived. */
export interface CoreEvent {
  name: EventName;
  payload: unknown;
}

/** The events a write causes (`echo` says which), while it is in flight and for a moment after
 *  its reply: `keep` answers came with the reply and stay as they are; `stale` answers changed
 *  with it and are asked again when next shown, not now. Other events are not touched. */
interface EchoGuard {
  echo: (event: CoreEvent) => boolean;
  keep: Set<string>;
  stale: Set<string>;
  until: number;
}

/** Long enough for the event stream to deliver what the write emitted before its reply. */
export const ECHO_GRACE_MS = 1500;
const guards = new Set<EchoGuard>();

export function guardEchoes(echo: (event: CoreEvent) => boolean, stale: QueryKey[]): EchoGuard {
  const guard: EchoGuard = { echo, keep: new Set(), stale: new Set(stale.map(hashKey)), until: Infinity };
  guards.add(guard);
  return guard;
}

/** The reply has landed: answers it seeded are kept through the grace period, then the guard ends. */
export function settleEchoes(guard: EchoGuard, keep: QueryKey[], now: number = performance.now()): void {
  for (const key of keep) {
    const hash = hashKey(key);
    guard.keep.add(hash);
    guard.stale.delete(hash);
  }
  guard.until = now + ECHO_GRACE_MS;
}

function guardOf(hash: string, event: CoreEvent | null, now: number): 'keep' | 'stale' | null {
  let found: 'keep' | 'stale' | null = null;
  for (const guard of guards) {
    if (guard.until < now) {
      guards.delete(guard);
      continue;
    }
    if (event === null || !guard.echo(event)) continue;
    if (guard.keep.has(hash)) return 'keep';
    if (guard.stale.has(hash)) found = 'stale';
  }
  return found;
}

function matches(queryKey: QueryKey, stale: Stale): boolean {
  if (queryKey[0] !== stale.channel) return false;
  if (!stale.request) return true;
  const request = queryKey[1];
  if (typeof request !== 'object' || request === null) return false;
  const fields = new Map(Object.entries(request));
  return Object.entries(stale.request).every(([field, value]) => fields.get(field) === value);
}

/** A list read a page at a time is asked again page by page; beyond a few pages (a rep deep in
 *  the call log) it is only marked stale, and the screen offers to reload it. */
export const REFETCH_PAGES_AT_MOST = 4;

function pageCount(data: unknown): number {
  const pages = typeof data === 'object' && data !== null ? (data as { pages?: unknown }).pages : undefined;
  return Array.isArray(pages) ? pages.length : 0;
}

/** Answers on screen that an event made stale while they were on their way: that answer was read
 *  before the change, so each is asked once more when it lands (per cache). */
const askAgainWhenLanded = new WeakMap<QueryClient, Set<string>>();

function askAgainAfterLanding(client: QueryClient, hashes: readonly string[]): void {
  let waiting = askAgainWhenLanded.get(client);
  if (!waiting) {
    const set = new Set<string>();
    waiting = set;
    askAgainWhenLanded.set(client, set);
    client.getQueryCache().subscribe((change) => {
      if (change.type !== 'updated' || (change.action.type !== 'success' && change.action.type !== 'error')) return;
      const hash = change.query.queryHash;
      if (!set.delete(hash)) return;
      void client.invalidateQueries({ predicate: (q) => q.queryHash === hash });
    });
  }
  for (const hash of hashes) waiting.add(hash);
}

/** Mark answers stale: those on screen are asked again at once, except for an echo of the
 *  renderer's own write (`event`). An answer already on its way is not asked twice at once; it
 *  was read before the change, so it is asked again once it lands (else a callback falling due
 *  while the queue was on its way would stay off the screen until the next event). */
export function markStale(client: QueryClient, stale: Stale[], event: CoreEvent | null = null, now: number = performance.now()): void {
  if (stale.length === 0) return;
  const refetch = new Set<string>();
  const quiet = new Set<string>();
  const onTheirWay: string[] = [];
  for (const query of client.getQueryCache().getAll()) {
    if (!stale.some((s) => matches(query.queryKey, s))) continue;
    const guarded = guardOf(query.queryHash, event, now);
    if (guarded === 'keep') continue;
    const onlyMark = guarded === 'stale' || pageCount(query.state.data) > REFETCH_PAGES_AT_MOST;
    (onlyMark ? quiet : refetch).add(query.queryHash);
    if (!onlyMark && query.state.fetchStatus === 'fetching' && query.getObserversCount() > 0) onTheirWay.push(query.queryHash);
  }
  if (onTheirWay.length > 0) askAgainAfterLanding(client, onTheirWay);
  if (quiet.size > 0) void client.invalidateQueries({ predicate: (q) => quiet.has(q.queryHash), refetchType: 'none' });
  if (refetch.size > 0) void client.invalidateQueries({ predicate: (q) => refetch.has(q.queryHash) }, { cancelRefetch: false });
}

