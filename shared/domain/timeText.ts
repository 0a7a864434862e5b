// Instants inside the texts the core writes ("callback promised for …", "outside calling hours
// until …") travel as tokens and are drawn where they are read, in the reader's locale and zone,
// by the one time format (timeFormat.ts). A reason is stored when a call is planned and read for
// days after; written out as "15:00 their time" it sat beside "3:07 PM EST" on the same screen,
// could not carry the rep's own time, and kept the day it was written ("today") for ever.

/** The token for an instant on a lead's clock, to put inside a text. */
export function timeToken(at: number, zone: string): string {
  return `⟦${Math.round(at)}@${zone}⟧`;
}

// Bounded pieces: linear on any text, a malformed token is left as it is.
const TOKEN = /⟦(-?\d{1,16})@([A-Za-z0-9_+\-/]{1,64})⟧/g;

/** The text with each token drawn by `draw` (the instant and the lead's zone). */
export function drawTimes(text: string, draw: (at: number, zone: string) => string): string {
  if (!text.includes('⟦')) return text;
  return text.replace(TOKEN, (_, at: string, zone: string) => draw(Number(at), zone));
}

/** A reply, an event or an error with the tokens in every string drawn; the rest returned as it
 *  is. Arrays and plain objects are copied only where a string inside them changed. */
export function drawTimesDeep<T>(value: T, draw: (at: number, zone: string) => string): T {
  return drawValue(value, draw) as T;
}

function drawValue(value: unknown, draw: (at: number, zone: string) => string): unknown {
  if (typeof value === 'string') return drawTimes(value, draw);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const drawn = drawValue(value[i], draw);
      if (drawn !== value[i]) {
        copy ??= value.slice();
        copy[i] = drawn;
      }
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const drawn = drawValue(item, draw);
      if (drawn !== item) {
        // Spread and defined, never assigned: a key named "__proto__" stays a key.
        copy ??= { ...(value as Record<string, unknown>) };
        Object.defineProperty(copy, key, { value: drawn, enumerable: true, writable: true, configurable: true });
      }
    }
    return copy ?? value;
  }
  return value;
}
