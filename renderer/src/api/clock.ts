// The core's clock, not the page's: call timers, the lead's local time and the redial countdown
// read the same "now" the rules use (a test clock in the preview's test mode). One reading is
// taken at start and a new one on every `clock.changed` (a jump: sleep, a clock change, the test
// clock moved); between them the page's monotonic clock carries it on at the reading's rate.
// Nothing is asked every second.
import { useSyncExternalStore } from 'react';
import { drawTimesOnClock, invoke, onEvent } from './client';
import { instantAt, readingFrom, type ClockReading } from './clockReading';
import { rereadZone } from '../../../shared/domain/timeFormat';

// Until the core has answered, the page's own clock stands in (the first frame only).
let reading: ClockReading = { now: Date.now(), rate: 1, at: performance.now() };
let tick = Math.floor(reading.now / 1000) * 1000;
const listeners = new Set<() => void>();
let timer: number | undefined;
// The times inside the core's texts say their date when it is not today on this clock.
drawTimesOnClock(() => coreNow());

function publish(): void {
  tick = Math.floor(coreNow() / 1000) * 1000;
  for (const listener of listeners) listener();
}

/** The core's "now" in ms, for event handlers and effects (render reads `useCoreNow`). */
export function coreNow(): number {
  return instantAt(reading, performance.now());
}

/** One timer for every screen: it fires on each whole second of the core's clock, and only
 *  while that clock runs and something on screen shows time. */
function schedule(): void {
  window.clearTimeout(timer);
  timer = undefined;
  if (listeners.size === 0 || reading.rate === 0) return;
  const delay = 1000 - (coreNow() % 1000) + 1;
  timer = window.setTimeout(() => {
    publish();
    schedule();
  }, delay);
}

function take(next: ClockReading): void {
  reading = next;
  publish();
  schedule();
}

/** Measure once, then follow `clock.changed`. Returns the unsubscribe. */
export function startCoreClock(): () => void {
  let alive = true;
  const sentAt = performance.now();
  invoke('app.now', {}).then(
    (clock) => alive && take(readingFrom(clock, sentAt, performance.now())),
    () => undefined,
  );
  const off = onEvent('clock.changed', (clock) => {
    rereadZone();
    take({ now: Date.parse(clock.now), rate: clock.rate, at: performance.now() });
  });
  return () => {
    alive = false;
    off();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    // Nothing kept the second up to date while nobody showed time: catch up, then tick.
    const fresh = Math.floor(coreNow() / 1000) * 1000;
    if (fresh !== tick) queueMicrotask(publish);
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) schedule();
  };
}

/** The core's "now", to the second (or to `stepMs`): a component that shows time re-renders on
 *  each step, and nothing else does. */
export function useCoreNow(stepMs = 1000): number {
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(tick / stepMs) * stepMs,
    () => 0,
  );
}
