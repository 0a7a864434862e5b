// Talk time and wrap-up, apart (#13): talk runs from the dial until the rep marks the line hung
// up (H) — or, when they never did, until the disposition, as before; wrap-up from the hang-up to
// the disposition. A call the prospect made lasted what the rep said it did (no dial to time from).
import type { CallDirection } from './metrics';

export interface CallInstants {
  direction: CallDirection;
  dialedAt: number;
  /** When the rep marked the line hung up (H); null when they did not. */
  hungUpAt: number | null;
  /** When the disposition was saved; null while the call waits for one. */
  endedAt: number | null;
  /** An inbound call's length as the rep gave it, in seconds. */
  loggedTalkSeconds: number | null;
  /** The phone did not take the number: nobody was reached, there was no call to time. */
  dialFailed: boolean;
}

/** The call's talk and wrap-up in ms; null where there is nothing to measure (yet). */
export function talkAndWrapUp(c: CallInstants): { talkMs: number | null; wrapUpMs: number | null } {
  if (c.dialFailed) return { talkMs: null, wrapUpMs: null };
  if (c.direction === 'inbound') return { talkMs: c.loggedTalkSeconds === null ? null : c.loggedTalkSeconds * 1000, wrapUpMs: null };
  const talkEnd = c.hungUpAt ?? c.endedAt;
  return {
    talkMs: talkEnd === null ? null : Math.max(0, talkEnd - c.dialedAt),
    wrapUpMs: c.hungUpAt === null || c.endedAt === null ? null : Math.max(0, c.endedAt - c.hungUpAt),
  };
}
