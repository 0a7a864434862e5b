// Server state: one query key per channel ([channel, request]), read through TanStack Query's
// cache. Data stays fresh until the core says it changed (events.ts invalidates it), so going back
// to a screen shows what is cached without asking again.
import { infiniteQueryOptions, QueryClient, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Situation } from '../../../shared/domain/scripts';
import type { LeadFilter } from '../../../shared/domain/campaigns';
import { invoke, type ApiError } from './client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Fresh until an event or a mutation says otherwise: no refetch on focus, mount or a timer.
      queries: { staleTime: Infinity, gcTime: 10 * 60_000, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

export type QueryKeyOf<C extends Channel> = readonly [C, RequestOf<C>];

/** The key of a channel's answer to a request: the first element is the channel, so every
 *  answer of a channel is invalidated by its prefix. */
export function keyOf<C extends Channel>(channel: C, request: RequestOf<C>): QueryKeyOf<C> {
  return [channel, request] as const;
}

export function channelQuery<C extends Channel>(channel: C, request: RequestOf<C>) {
  return queryOptions<ResponseOf<C>, ApiError, ResponseOf<C>, QueryKeyOf<C>>({
    queryKey: keyOf(channel, request),
    queryFn: () => invoke(channel, request),
  });
}

/** The queue's and contacts' filter: the domain's, one shape on both sides. */
export type LeadFilters = LeadFilter;

export const QUEUE_LIMIT = 1000;
export const NOT_NOW_LIMIT = 500;
export const CALL_LOG_PAGE = 500;
export const CONTACTS_PAGE = 200;
export const IMPORT_ROWS_PAGE = 500;

export const queries = {
  settings: () => channelQuery('settings.get', {}),
  /** A lead with its "now" (inside calling hours? voicemail window?): events refresh it, and an
   *  answer over a minute old is asked again when a screen opens it. */
  contact: (id: number) => ({ ...channelQuery('contacts.get', { id }), staleTime: 60_000 }),
  /** The import rows merged into a lead (kept so a wrong merge can be split). */
  mergedRows: (contactId: number) => channelQuery('imports.mergedRows', { contactId }),
  /** The script beside a call. The plain case (no situation chosen, not in voicemail mode) is
   *  the one a disposition's reply carries for the next lead. */
  scriptForCall: (contactId: number, voicemailMode: boolean, situation: Situation | null, scriptId: number | null = null) =>
    channelQuery(
      'scripts.forCall',
      voicemailMode ? { contactId, voicemailMode } : scriptId !== null ? { contactId, voicemailMode, scriptId } : situation === null ? { contactId, voicemailMode } : { contactId, voicemailMode, situation },
    ),
  queue: (filters: LeadFilters) => channelQuery('queue.list', { limit: QUEUE_LIMIT, ...filters }),
  notNow: (filters: LeadFilters) => channelQuery('queue.notNow', { limit: NOT_NOW_LIMIT, ...filters }),
  due: () => channelQuery('due.list', {}),
  /** The overdue promises the due strip names in red (and the call screen too); the strip leaves
   *  their reminder tasks out of "Due now" from this same list. */
  overduePromises: () => channelQuery('promises.list', { overdue: true, limit: 50 }),
  /** Ctrl+K: leads by name, company, email or number. */
  searchLeads: (text: string) => channelQuery('search.leads', { text, limit: 12 }),
  upcoming: () => channelQuery('due.upcoming', { hours: 24 }),
  imports: () => channelQuery('imports.list', {}),
  interruptedImports: () => channelQuery('imports.interrupted', {}),
  zones: () => channelQuery('contacts.zones', {}),
  dnc: () => channelQuery('dnc.list', {}),
  scripts: () => channelQuery('scripts.list', {}),
  /** The calling rules with their sources and the desk's changes (Settings). */
  lawRules: () => channelQuery('law.rules', {}),
  backups: () => channelQuery('backups.list', {}),
  session: () => channelQuery('stats.session', {}),
  followOf: (contactId: number) => channelQuery('follow.lead', { contactId }),
  statsSummary: (request: RequestOf<'stats.summary'>) => channelQuery('stats.summary', request),
  heatmap: (request: RequestOf<'stats.heatmap'>) => channelQuery('stats.heatmap', request),
  windowSuggestion: () => channelQuery('stats.windowSuggestion', {}),
  /** Team mode: the link, the outbox, the claimed leads and conflicts (no network). */
  teamStatus: () => channelQuery('team.status', {}),
  emailTemplates: () => channelQuery('emailTemplates.list', {}),
  /** The lost and stalled report over a range (none: all time). */
  lostReport: (range: { from?: string; to?: string }) => channelQuery('follow.lostReport', range),
  campaigns: () => channelQuery('campaigns.list', {}),
  tags: () => channelQuery('tags.list', {}),
  /** A lead's campaigns and tags. */
  labelsOf: (contactId: number) => channelQuery('campaigns.ofLead', { contactId }),
};

export function useSettings() {
  return useQuery(queries.settings());
}

export interface CallLogFilter {
  text: string;
  outcome: RequestOf<'calls.search'>['outcome'];
}
type CallCursor = NonNullable<RequestOf<'calls.search'>['after']>;

/** The call log, newest first, read by keyset a page at a time; the count comes with the first.
 *  A new page is added as it is: comparing every page already read with itself again (structural
 *  sharing) would cost more with every page, deep in a log of a million calls. */
export function callLogQuery(filter: CallLogFilter) {
  return infiniteQueryOptions({
    queryKey: ['calls.search', filter] as const,
    structuralSharing: false,
    queryFn: ({ pageParam }) => invoke('calls.search', { text: filter.text, outcome: filter.outcome, limit: CALL_LOG_PAGE, after: pageParam, withTotal: pageParam === null }),
    initialPageParam: null as CallCursor | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useCallLog(filter: CallLogFilter) {
  return useInfiniteQuery(callLogQuery(filter));
}

export type ContactFilter = Required<Omit<RequestOf<'contacts.search'>, 'limit' | 'offset'>>;

/** Contacts matching a filter, a page at a time as the list scrolls. */
export function useContactPages(filter: ContactFilter) {
  return useInfiniteQuery({
    queryKey: ['contacts.search', filter] as const,
    structuralSharing: false,
    queryFn: ({ pageParam }) => invoke('contacts.search', { ...filter, limit: CONTACTS_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.contacts.length, 0);
      return loaded < last.total && last.contacts.length > 0 ? loaded : undefined;
    },
  });
}

/** An import's rejected, merged or skipped rows, a page at a time. */
export function useImportRows(importId: number, outcome: 'rejected' | 'merged' | 'skipped') {
  return useInfiniteQuery({
    queryKey: ['imports.rows', { importId, outcome }] as const,
    structuralSharing: false,
    queryFn: ({ pageParam }) => invoke('imports.rows', { importId, outcome, limit: IMPORT_ROWS_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.rows.length < IMPORT_ROWS_PAGE ? undefined : pages.length * IMPORT_ROWS_PAGE),
  });
}

export { progressKey } from './keys';

export function useProgress<T>(key: readonly unknown[]) {
  return useQuery<T | null>({ queryKey: key, queryFn: () => null, enabled: false, initialData: null });
}
