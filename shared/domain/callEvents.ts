// What the desk's softphone says about a call — it connected, it ended (and how long the talk
// was) — matched to the call Dialdeck dialled. The phone knows only the other party's number, so
// an event goes to the open (or else the latest) call to that number within a few minutes; an
// end goes first to the call the phone said had connected. An event that matches no call is kept
// as unmatched (an inbound call, a call keyed on the phone itself), never an error.

export const CALL_EVENT_KINDS = ['connected', 'ended'] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

/** "Within a few minutes": how long before an event its call may have been dialled (ringing,
 *  a gatekeeper, a queue before the person picks up). */
export const MATCH_WINDOW_MS = 5 * 60_000;
/** How far an event may seem to come before its dial (the phone's clock, a hook's own --at). */
export const CLOCK_SKEW_MS = 60_000;
/** The longest talk an end is matched back to its connect over. */
export const LONGEST_TALK_MS = 8 * 60 * 60_000;
/** The longest talk time a phone may report (a day). */
export const MAX_TALK_SECONDS = 86_400;

export interface CallEvent {
  kind: CallEventKind;
  /** When it happened (epoch ms). */
  at: number;
  /** ended: the talk time the phone counted, in seconds; null when it said none. */
  durationSeconds: number | null;
}

/** A call to the event's number, as far as matching needs it. */
export interface CandidateCall {
  id: number;
  dialedAt: number;
  /** Null while the call waits for its disposition (a call in progress). */
  outcome: string | null;
  /** The phone did not take the number: no call to match. */
  dialFailed: boolean;
  connectedAt: number | null;
  talkEndedAt: number | null;
  /** When the rep logged its disposition; null while it waits for one. */
  loggedAt: number | null;
}

/** The earliest dial an event can belong to, for the query that finds the candidates. */
export function earliestDialFor(event: CallEvent): number {
  return event.kind === 'ended' ? event.at - LONGEST_TALK_MS - MATCH_WINDOW_MS : event.at - MATCH_WINDOW_MS;
}

/** The call an event belongs to, or null. */
export function matchCallEvent(event: CallEvent, candidates: readonly CandidateCall[]): number | null {
  const live = candidates.filter((c) => !c.dialFailed && c.talkEndedAt === null && c.dialedAt <= event.at + CLOCK_SKEW_MS);
  // A call dialled a few minutes before the talk began, and not logged before it: one the rep
  // had logged (a no answer) is over, and a talk after it is another call on the number (the
  // prospect calling back, a colleague on the same switchboard), not this one.
  const dialledNear = (start: number, calls: readonly CandidateCall[] = live) =>
    calls.filter((c) => c.dialedAt >= start - MATCH_WINDOW_MS && c.dialedAt <= start + CLOCK_SKEW_MS && (c.loggedAt === null || c.loggedAt >= start - CLOCK_SKEW_MS));
  if (event.kind === 'connected') {
    // A call of a second or two: the phone's end can come before its connect (two hand-offs
    // racing). Its call has ended, at or after this connect: the connect is that call's, ahead of
    // a call dialled only after the connect (the number dialled again at once).
    const endedAfter = candidates.filter((c) => !c.dialFailed && c.talkEndedAt !== null && c.talkEndedAt >= event.at && c.talkEndedAt - event.at <= LONGEST_TALK_MS);
    const endedFirst = dialledNear(event.at, endedAfter);
    const near = dialledNear(event.at);
    return best(near.filter((c) => c.dialedAt <= event.at)) ?? latestBy(endedFirst, (c) => c.dialedAt) ?? best(near);
  }
  // An end: the call the phone said had connected (and has not ended), however long the talk,
  // unless it was logged and the number dialled again since (its own end was lost: this end is
  // the new call's)…
  const dialledAgain = (c: CandidateCall) =>
    c.loggedAt !== null && candidates.some((other) => other.id !== c.id && other.dialedAt > c.loggedAt! && other.dialedAt <= event.at + CLOCK_SKEW_MS);
  const talking = live.filter((c) => c.connectedAt !== null && c.connectedAt <= event.at + CLOCK_SKEW_MS && c.connectedAt >= event.at - LONGEST_TALK_MS && !dialledAgain(c));
  if (talking.length > 0) return latestBy(talking, (c) => c.connectedAt!);
  // …else the call dialled a few minutes before the talk began (its start is the end less the
  // talk time the phone counted; without one, the end itself: a short call).
  const talkStart = event.durationSeconds === null ? event.at : event.at - event.durationSeconds * 1000;
  return best(dialledNear(talkStart));
}

/** The open call if there is one, else the latest: the newest dial first in each. */
function best(calls: readonly CandidateCall[]): number | null {
  const open = calls.filter((c) => c.outcome === null);
  return latestBy(open.length > 0 ? open : calls, (c) => c.dialedAt);
}

function latestBy(calls: readonly CandidateCall[], instant: (call: CandidateCall) => number): number | null {
  let chosen: CandidateCall | null = null;
  for (const call of calls) if (chosen === null || instant(call) > instant(chosen) || (instant(call) === instant(chosen) && call.id > chosen.id)) chosen = call;
  return chosen?.id ?? null;
}

/** What a matched event writes on its call: the connect (kept from the first report), the end,
 *  and the talk time — the phone's own count when it gave one, else end less connect. */
export function applyCallEvent(call: Pick<CandidateCall, 'connectedAt' | 'talkEndedAt'>, event: CallEvent): { connectedAt: number | null; talkEndedAt: number | null; talkSeconds: number | null } {
  if (event.kind === 'connected') {
    // Its end came first and gave no talk time (nor, so, a connect): the talk is the end less this.
    const endedFirst = call.connectedAt === null && call.talkEndedAt !== null;
    return { connectedAt: call.connectedAt ?? event.at, talkEndedAt: call.talkEndedAt, talkSeconds: endedFirst ? Math.max(0, Math.round((call.talkEndedAt! - event.at) / 1000)) : null };
  }
  const connectedAt = call.connectedAt ?? (event.durationSeconds === null ? null : event.at - event.durationSeconds * 1000);
  const talkSeconds = event.durationSeconds ?? (connectedAt === null ? null : Math.max(0, Math.round((event.at - connectedAt) / 1000)));
  return { connectedAt, talkEndedAt: event.at, talkSeconds };
}

/** The number as a softphone passes it: the user part of a SIP address ("sip:+1415…@pbx" or
 *  "+1415…;user=phone"), or a number as typed. Returns the text to normalise. */
export function numberFromSoftphone(raw: string): string {
  let text = raw.trim().replace(/^(?:sips?|tel|callto):/i, '');
  const cut = text.search(/[@;]/);
  if (cut !== -1) text = text.slice(0, cut);
  return text.trim();
}
