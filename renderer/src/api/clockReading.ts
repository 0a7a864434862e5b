// The arithmetic of the core's clock in the page, apart from the bridge (tested in Node).
import type { CoreClock } from '../../../shared/ipc/contract';

/** A reading of the core's clock: its instant, whether it runs, and when (page monotonic ms). */
export interface ClockReading {
  now: number;
  rate: 0 | 1;
  at: number;
}

/** The core's instant at page-monotonic time `at`, from a reading. Pure, for the tests. */
export function instantAt(reading: ClockReading, at: number): number {
  return reading.now + reading.rate * (at - reading.at);
}

/** A reading from an `app.now` answer sent at `sentAt` and received at `receivedAt`: the core
 *  read its clock somewhere in between, so the middle of the round trip is the best guess. */
export function readingFrom(clock: CoreClock, sentAt: number, receivedAt: number): ClockReading {
  return { now: Date.parse(clock.now), rate: clock.rate, at: (sentAt + receivedAt) / 2 };
}
