// The queue's filter outlives the queue screen: the rep filters the queue to a campaign or a tag,
// opens a lead, and every disposition's next lead comes from that filter (the call screen sends
// it with the disposition) until the filter is changed on the queue screen.
import { useSyncExternalStore } from 'react';
import type { LeadFilters } from './queries';
import { NO_LEAD_FILTER } from '../../../shared/domain/campaigns';

let current: LeadFilters = NO_LEAD_FILTER;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The filter now (for a disposition), or null when the whole queue is offered. */
export function queueFilterNow(): LeadFilters | null {
  return Object.values(current).every((v) => v === null) ? null : current;
}

export function setQueueFilter(next: LeadFilters): void {
  current = next;
  for (const listener of listeners) listener();
}

export function useQueueFilter(): [LeadFilters, (next: LeadFilters) => void] {
  return [useSyncExternalStore(subscribe, () => current), setQueueFilter];
}
