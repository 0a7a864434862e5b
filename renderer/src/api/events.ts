// Every core event, subscribed once for the page's lifetime (main.tsx), through the table in
// invalidation.ts.
import type { QueryClient } from '@tanstack/react-query';
import type { EventName } from '../../../shared/ipc/contract';
import { onEvent } from './client';
import { EVENT_EFFECTS, markStale, type EventEffect } from './invalidation';

/** Subscribe to every core event once; returns the unsubscribe. */
export function subscribeCoreEvents(client: QueryClient): () => void {
  const offs = (Object.entries(EVENT_EFFECTS) as [EventName, EventEffect<EventName>][]).map(([name, effect]) =>
    onEvent(name, (payload) => {
      effect.record?.(client, payload);
      markStale(client, effect.stale(payload), { name, payload });
    }),
  );
  return () => offs.forEach((off) => off());
}
