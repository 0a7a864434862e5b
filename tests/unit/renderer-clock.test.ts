// The core's clock in the page (renderer/src/api/clockReading.ts): one reading, carried on by the
// page's monotonic clock at the core clock's rate, instead of asking every second.
import { describe, expect, it } from 'vitest';
import { instantAt, readingFrom } from '../../renderer/src/api/clockReading';

const NOON = Date.parse('2026-03-04T17:00:00Z');

describe('the core clock from one reading', () => {
  it('a running clock moves on with the page’s monotonic clock', () => {
    const reading = { now: NOON, rate: 1 as const, at: 5_000 };
    expect(instantAt(reading, 5_000)).toBe(NOON);
    expect(instantAt(reading, 65_000)).toBe(NOON + 60_000);
  });
  it('a clock that stands still (the preview’s test clock) stays where it was read', () => {
    expect(instantAt({ now: NOON, rate: 0, at: 5_000 }, 600_000)).toBe(NOON);
  });
  it('the core read its clock between sending and receiving: the middle of the round trip', () => {
    expect(readingFrom({ now: '2026-03-04T17:00:00.000Z', rate: 1 }, 1_000, 1_040)).toEqual({ now: NOON, rate: 1, at: 1_020 });
  });
});
