// The dispositions logged in this session, newest last: what Ctrl+Z undoes, one at a time. Kept
// outside React (the call screen that logged one is gone by the time the rep presses Ctrl+Z).
import { useSyncExternalStore } from 'react';
import type { Outcome } from '../../../../shared/domain/dispositions';

export interface LoggedDisposition {
  callId: number;
  contactId: number;
  outcome: Outcome;
  /** The lead's name, for "Undone: Do not call for Ana Silva". */
  name: string;
  /** Page time it was logged, so the toast shows for its 10 s. */
  loggedAt: number;
}

let logged: readonly LoggedDisposition[] = [];
const listeners = new Set<() => void>();
// Undone, or refused for good, in this page: not offered again from the core's list either.
const settled = new Set<number>();

function publish(next: readonly LoggedDisposition[]): void {
  logged = next;
  for (const listener of listeners) listener();
}

export function recordDisposition(entry: LoggedDisposition): void {
  publish([...logged.filter((e) => e.callId !== entry.callId), entry].slice(-50));
}

/** Undone (or refused for good): no longer offered by Ctrl+Z. */
export function forgetDisposition(callId: number): void {
  settled.add(callId);
  publish(logged.filter((e) => e.callId !== callId));
}

/** Undone or refused for good since this page was loaded. */
export function isSettled(callId: number): boolean {
  return settled.has(callId);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionDispositions(): readonly LoggedDisposition[] {
  return useSyncExternalStore(
    subscribe,
    () => logged,
    () => logged,
  );
}
