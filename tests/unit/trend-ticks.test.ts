import { describe, expect, it } from 'vitest';
import { dayTicks } from '../../renderer/src/features/dashboard/trendTicks';

// The Numbers screen's trend chart names days on its axis (it drew "12pm", "12am" between them):
// every day when there is room, else every n-th day, labels at least 72 px apart.
describe('the trend chart’s day labels', () => {
  it('labels every day of a week across a wide chart', () => {
    // 7 days over 900 px: 150 px between days.
    expect(dayTicks(7, 900)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('labels every n-th day when days are closer than the gap, from the first', () => {
    // 31 days over 600 px: 20 px apart, so every 4th day (80 px ≥ 72).
    expect(dayTicks(31, 600)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    // 90 days over 900 px: ~10.1 px apart, every 8th (80.9 px).
    const ticks = dayTicks(90, 900);
    expect(ticks[1]! - ticks[0]!).toBe(8);
    expect(ticks.at(-1)).toBe(88);
  });

  it('has one label for one day, and none for none', () => {
    expect(dayTicks(1, 500)).toEqual([0]);
    expect(dayTicks(0, 500)).toEqual([]);
  });
});
