import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Events the core pushes to whoever shows it (Electron window, preview page). */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
