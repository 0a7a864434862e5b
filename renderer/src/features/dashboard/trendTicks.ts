/** The days of the trend chart that get a label on its axis: every day while they are at least
 *  `minGapPx` apart, else every second, third… day, always from the first, so labels never run
 *  into each other. `count` days across `widthPx` pixels; indices into the days. */
export function dayTicks(count: number, widthPx: number, minGapPx = 72): number[] {
  if (count <= 0) return [];
  const perDay = count > 1 ? widthPx / (count - 1) : widthPx;
  const step = perDay > 0 ? Math.max(1, Math.ceil(minGapPx / perDay)) : count;
  const ticks: number[] = [];
  for (let day = 0; day < count; day += step) ticks.push(day);
  return ticks;
}
