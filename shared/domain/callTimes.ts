// Talk time and wrap-up, apart (#13): talk runs from the dial until the rep marks the line hung
// up (H) — or, when they never did, until the disposition, as before; wrap-up from the hang-up to
// the disposition. Where the softphone reported the call (#16), its talk time is the talk time and
// wrap-up runs from its end, as the dashboard counts them. A call the prospect made lasted what the
// rep said it did (no dial to time from).
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
  /** The talk time the softphone reported, in seconds, and when it said the call ended; null
   *  when it said nothing. */
  reportedTalkSeconds: number | null;
  phoneEndedAt: number | null;
}

/** The call's talk and wrap-up in ms; null where there is nothing to measure (yet). */
export function talkAndWrapUp(c: CallInstants): { talkMs: number | null; wrapUpMs: number | null } {
  if (c.dialFailed) return { talkMs: null, wrapUpMs: null };
  if (c.direction === 'inbound') return { talkMs: c.loggedTalkSeconds === null ? null : c.loggedTalkSeconds * 1000, wrapUpMs: null };
  const talkEnd = c.hungUpAt ?? c.endedAt;
  const wrapFrom = c.phoneEndedAt ?? c.hungUpAt;
  return {
    talkMs: c.reportedTalkSeconds !== null ? c.reportedTalkSeconds * 1000 : talkEnd === null ? null : Math.max(0, talkEnd - c.dialedAt),
    wrapUpMs: wrapFrom === null || c.endedAt === null ? null : Math.max(0, c.endedAt - wrapFrom),
  };
}
