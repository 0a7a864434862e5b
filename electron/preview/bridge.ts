// The preview's stand-in for the preload: the same DialdeckApi shape, over loopback HTTP to the
// preview server instead of Electron IPC. The per-run token rides in an HttpOnly cookie.
import type { DialdeckApi, EventName, Envelope } from '../../shared/ipc/contract';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let source: EventSource | null = null;

function ensureEventStream(): void {
  if (source) return;
  source = new EventSource('/__dialdeck/events');
  source.onmessage = (message: MessageEvent<string>) => {
    const { name, payload } = JSON.parse(message.data) as { name: EventName; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
}

const api: DialdeckApi = {
  async invoke(channel, request) {
    try {
      const response = await fetch('/__dialdeck/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, request }),
      });
      return (await response.json()) as Envelope<never>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `The preview server did not answer (${String(error)}).` } };
    }
  },
  on(event, listener) {
    ensureEventStream();
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => set.delete(listener as Listener);
  },
};

Object.defineProperty(window, 'dialdeck', { value: Object.freeze(api), writable: false, configurable: false });
