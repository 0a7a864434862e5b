import { describe, expect, it } from 'vitest';
import { drawTimes, drawTimesDeep, timeToken } from '../../shared/domain/timeText';
import { leadTime } from '../../shared/domain/timeFormat';
import { unbrokenTime } from './helpers';

// The core's texts carry instants as tokens, drawn where they are read in the one time format.
// The expected strings here come from Intl directly, not from the app's formatter.
const at = Date.parse('2026-03-05T20:00:00Z'); // 15:00 in New York (EST), 20:00 UTC
const zone = 'America/New_York';
const drawnLikeTheScreens = (text: string, now: number) => drawTimes(text, (t, z) => leadTime(t, z, now, 'Etc/UTC'));

describe('time tokens in texts', () => {
  it('carry the instant and the zone, and draw with the zone’s abbreviation and the rep’s time beside', () => {
    const text = `callback promised for ${timeToken(at, zone)}`;
    const theirs = unbrokenTime(new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: zone }).format(at));
    const yours = unbrokenTime(new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'Etc/UTC' }).format(at));
    expect(drawnLikeTheScreens(text, at)).toBe(`callback promised for ${theirs} · ${yours}\u00a0yours`);
    expect(drawTimes(text, (t, z) => `${t}|${z}`)).toBe(`callback promised for ${at}|${zone}`);
  });

  it('say the date when the instant is not today on that clock', () => {
    const tomorrow = at + 24 * 3600_000;
    const drawn = drawnLikeTheScreens(`opens at ${timeToken(tomorrow, zone)}`, at);
    const day = unbrokenTime(new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: zone }).format(tomorrow));
    expect(drawn).toContain(day);
  });

  it('leave a text without tokens, and a malformed token, as they are', () => {
    expect(drawTimes('no answer: again', () => 'X')).toBe('no answer: again');
    const broken = '⟦12x@America/New_York⟧ ⟦1@⟧ ⟦1@a b⟧';
    expect(drawTimes(broken, () => 'X')).toBe(broken);
  });

  it('are drawn everywhere in a reply: nested objects, arrays and errors; other values untouched', () => {
    const reply = {
      count: 3,
      ok: true,
      none: null,
      rows: [{ why: `again at ${timeToken(at, zone)}`, id: 1 }, { why: 'new lead', id: 2 }],
      nested: { deeper: [[`until ${timeToken(at, 'Europe/London')}`]] },
    };
    const before = JSON.stringify(reply);
    const drawn = drawTimesDeep(reply, (t, z) => `<${t}@${z}>`);
    expect(drawn.rows[0]!.why).toBe(`again at <${at}@${zone}>`);
    expect(drawn.nested.deeper[0]![0]).toBe(`until <${at}@Europe/London>`);
    expect(drawn.rows[1]).toBe(reply.rows[1]); // unchanged parts are not copied
    expect(drawn.count).toBe(3);
    expect(drawn.none).toBeNull();
    expect(JSON.stringify(reply)).toBe(before); // the reply itself is not changed
    expect(drawTimesDeep({ code: 'outside_hours', message: `It is ${timeToken(at, zone)}` }, () => 'T').message).toBe('It is T');
  });

  it('keep a key named __proto__ a key, not the object’s prototype', () => {
    const hostile = JSON.parse(`{"__proto__": "${timeToken(at, zone)}", "x": 1}`) as Record<string, unknown>;
    const drawn = drawTimesDeep(hostile, () => 'T');
    expect(Object.getPrototypeOf(drawn)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(drawn, '__proto__')?.value).toBe('T');
  });

  it('read a hostile text in linear time', () => {
    const hostile = `⟦${'1'.repeat(200_000)}@${'a'.repeat(200_000)}`;
    const started = performance.now();
    expect(drawTimes(hostile, () => 'T')).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
