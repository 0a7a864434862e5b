// What the numbers mean: the one home of every definition the strip, the dashboard, the heat
// map, the learned windows and the exports count by (issue #15, "Measure" in SPEC.md). The SQL
// aggregates in electron/core/metrics/repo.ts are built from the outcome lists here, and a
// property test holds them equal to `tally` below, the plain fold over the calls.
//
// "Dials don't count; conversations, advances and conversions do": dials are counted, but shown
// last and small.
import { DateTime, IANAZone } from 'luxon';
import type { Outcome } from './dispositions';
import { localDayBounds } from './localWindows';

export type CallDirection = 'outbound' | 'inbound';

/** A call as the metrics read it. `direction` and `undone` come from columns other changes add
 *  (#13); where a call log has no such column, a call is outbound and not undone. */
export interface MeasuredCall {
  id: number;
  contactId: number;
  /** When it was dialled (outbound) or came in (inbound), epoch ms. */
  at: number;
  outcome: Outcome | null;
  direction: CallDirection;
  /** Marked undone by the rep: it counts nowhere. */
  undone: boolean;
  /** The phone did not take the number: nobody was reached, no attempt was made. */
  dialFailed: boolean;
  /** Part of an engaged line's redial loop. */
  redial: boolean;
  /** The talk time the softphone counted (not wrap-up); null when it reported none. */
  talkSeconds: number | null;
  /** Without the phone's count: an inbound call's length as the rep logged it. */
  loggedTalkSeconds?: number | null;
  /** Without the phone's count: where an outbound call's talk ended, the rep's hang-up (H) or
   *  else the disposition (callTimes.ts); null while it waits for one. */
  talkEndAt?: number | null;
  /** The lead's zone (its first candidate zone; UTC for a lead with none). */
  zone: string;
  importId: number | null;
}

/** Outbound calls that reached a person. */
export const CONNECT_OUTCOMES: readonly Outcome[] = ['gatekeeper', 'conversation', 'advance', 'conversion', 'not_interested', 'callback_requested'];
/** Calls, either way, that reached the prospect. */
export const CONVERSATION_OUTCOMES: readonly Outcome[] = ['conversation', 'advance', 'conversion', 'not_interested', 'callback_requested'];
const CONNECTS: ReadonlySet<Outcome | null> = new Set(CONNECT_OUTCOMES);
const CONVERSATIONS: ReadonlySet<Outcome | null> = new Set(CONVERSATION_OUTCOMES);

/** How long a lead has to return a voicemail for it to count as returned. */
export const VOICEMAIL_RETURN_BUSINESS_DAYS = 5;

const counted = (c: Pick<MeasuredCall, 'undone'>): boolean => !c.undone;

/** An outbound attempt (redials included); not one the phone refused. */
export function isDial(c: MeasuredCall): boolean {
  return counted(c) && c.direction === 'outbound' && !c.dialFailed;
}
/** A dial made by the engaged line's redial loop (counted in dials, shown apart). */
export function isRedial(c: MeasuredCall): boolean {
  return isDial(c) && c.redial;
}
export function isConnect(c: MeasuredCall): boolean {
  return isDial(c) && CONNECTS.has(c.outcome);
}
export function isConversation(c: MeasuredCall): boolean {
  return counted(c) && CONVERSATIONS.has(c.outcome);
}
export function isAdvance(c: MeasuredCall): boolean {
  return counted(c) && c.outcome === 'advance';
}
export function isConversion(c: MeasuredCall): boolean {
  return counted(c) && c.outcome === 'conversion';
}
export function isVoicemail(c: MeasuredCall): boolean {
  return isDial(c) && c.outcome === 'voicemail_left';
}
/** The talk time a call adds: the phone's count where it reported one; else an inbound call's
 *  logged length, or an outbound call that reached a person timed from the dial to the hang-up
 *  (H) or the disposition, to the nearest second, as the call screen shows it. A call that
 *  reached nobody adds none (its ringing is not talk), nor does an undone one. */
export function talkSecondsOf(c: MeasuredCall): number {
  if (!counted(c)) return 0;
  if (c.talkSeconds !== null) return c.talkSeconds;
  if (c.direction === 'inbound') return c.loggedTalkSeconds ?? 0;
  const end = c.talkEndAt ?? null;
  return isConnect(c) && end !== null ? Math.floor((Math.max(0, end - c.at) + 500) / 1000) : 0;
}
/** An inbound call that counts: it may return a voicemail. */
export function isInbound(c: MeasuredCall): boolean {
  return counted(c) && c.direction === 'inbound';
}

/** The instant a voicemail left at `at` stops being "returned" if the lead calls: the end of the
 *  5th business day (Monday–Friday, public holidays not known) after the voicemail's day, on the
 *  lead's clock. A voicemail on Monday is returned by a call any time up to the end of the next
 *  Monday; one on Saturday, up to the end of the next Friday. */
export function voicemailReturnDeadline(at: number, zone: string): number {
  let day = DateTime.fromMillis(at, { zone }).startOf('day');
  let left = VOICEMAIL_RETURN_BUSINESS_DAYS;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left--;
  }
  return day.plus({ days: 1 }).startOf('day').toMillis();
}

/** Whether `voicemail` was returned: an inbound call from the same lead after it and before
 *  its deadline. */
export function isVoicemailReturned(voicemail: MeasuredCall, calls: readonly MeasuredCall[]): boolean {
  if (!isVoicemail(voicemail)) return false;
  const deadline = voicemailReturnDeadline(voicemail.at, voicemail.zone);
  return calls.some((c) => isInbound(c) && c.contactId === voicemail.contactId && c.at > voicemail.at && c.at < deadline);
}

/** The prospect's local weekday (1 Monday … 7 Sunday) and hour (0–23) of an instant: the heat
 *  map's cell and the learned windows' bucket. */
export function localSlot(at: number, zone: string): { weekday: number; hour: number } {
  const local = DateTime.fromMillis(at, { zone });
  return { weekday: local.weekday, hour: local.hour };
}
/** The local date of an instant on the prospect's clock, as days since 1970-01-01. */
export function localDayNumber(at: number, zone: string): number {
  const local = DateTime.fromMillis(at, { zone });
  return Math.round(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000);
}

/** The lead's zone the measure reads calls in: its first candidate zone, else UTC. */
export function measureZone(timeZones: string): string {
  return timeZones.split(' ')[0] || 'UTC';
}

/** The same as one small integer (weekday × 24 + hour), as stored beside each call. */
export function slotNumber(at: number, zone: string): number {
  const { weekday, hour } = localSlot(at, zone);
  return weekday * 24 + hour;
}
export function slotOf(slot: number): { weekday: number; hour: number } {
  return { weekday: Math.floor(slot / 24), hour: slot % 24 };
}

/** The heat map's hours: 06:00 to 21:00 on the prospect's clock (rows 06 … 20). */
export const HEATMAP_FIRST_HOUR = 6;
export const HEATMAP_END_HOUR = 21;

export interface Totals {
  dials: number;
  redials: number;
  connects: number;
  conversations: number;
  advances: number;
  conversions: number;
  talkSeconds: number;
  voicemails: number;
  voicemailsReturned: number;
}

export const EMPTY_TOTALS: Totals = { dials: 0, redials: 0, connects: 0, conversations: 0, advances: 0, conversions: 0, talkSeconds: 0, voicemails: 0, voicemailsReturned: 0 };

/** The plain fold: the totals of `measured`, with voicemails returned looked up in `all` (the
 *  inbound calls that may return them can fall after the range). */
export function tally(measured: readonly MeasuredCall[], all: readonly MeasuredCall[] = measured): Totals {
  const t = { ...EMPTY_TOTALS };
  for (const c of measured) {
    if (isDial(c)) t.dials++;
    if (isRedial(c)) t.redials++;
    if (isConnect(c)) t.connects++;
    if (isConversation(c)) t.conversations++;
    if (isAdvance(c)) t.advances++;
    if (isConversion(c)) t.conversions++;
    t.talkSeconds += talkSecondsOf(c);
    if (isVoicemail(c)) {
      t.voicemails++;
      if (isVoicemailReturned(c, all)) t.voicemailsReturned++;
    }
  }
  return t;
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    dials: a.dials + b.dials,
    redials: a.redials + b.redials,
    connects: a.connects + b.connects,
    conversations: a.conversations + b.conversations,
    advances: a.advances + b.advances,
    conversions: a.conversions + b.conversions,
    talkSeconds: a.talkSeconds + b.talkSeconds,
    voicemails: a.voicemails + b.voicemails,
    voicemailsReturned: a.voicemailsReturned + b.voicemailsReturned,
  };
}

export interface Rates {
  /** Conversations per dial. */
  conversationRate: number | null;
  /** Connects per dial. */
  connectRate: number | null;
  /** Advances per conversation. */
  advanceRate: number | null;
  /** Conversions per conversation. */
  conversionRate: number | null;
  /** Voicemails returned per voicemail left. */
  voicemailReturnRate: number | null;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The rates; null where there is nothing to divide by (never a made-up 0 %). */
export function ratesOf(t: Totals): Rates {
  return {
    conversationRate: ratio(t.conversations, t.dials),
    connectRate: ratio(t.connects, t.dials),
    advanceRate: ratio(t.advances, t.conversations),
    conversionRate: ratio(t.conversions, t.conversations),
    voicemailReturnRate: ratio(t.voicemailsReturned, t.voicemails),
  };
}

/** A SQL list of outcomes ('a', 'b'), written from the lists above (constants, never user data). */
export function outcomeListSql(outcomes: readonly Outcome[]): string {
  return `(${outcomes.map((o) => `'${o}'`).join(', ')})`;
}

/** The rep's day around `now` and the week (Monday 00:00) on their clock, as [from, to). */
export function todayRange(now: number, zone: string): { from: number; to: number } {
  const { from, to } = localDayBounds(now, zone);
  return { from, to };
}
export function weekRange(now: number, zone: string): { from: number; to: number } {
  const start = DateTime.fromMillis(now, { zone }).startOf('week');
  return { from: start.toMillis(), to: start.plus({ weeks: 1 }).toMillis() };
}

// The rep's days and hours of a range by arithmetic: luxon builds each DateTime from Intl
// (about 70 µs), so 2,160 hours of a 90-day range by luxon cost 100–200 ms. A zone's offset is
// constant between its transitions, so it is read once a day (and a transition found by halving),
// and the hours and days inside each span are plain sums on the UTC offset.

const MINUTE_MS = 60_000;
const HOUR_MS_LOCAL = 3_600_000;
const DAY_MS_LOCAL = 86_400_000;

/** A stretch of [from, to) over which the zone's UTC offset (minutes, local = UTC + offset) is
 *  constant. */
export interface OffsetSpan {
  from: number;
  to: number;
  offsetMinutes: number;
}

/** The spans of constant offset covering [from, to), in order. The offset is sampled every 24
 *  hours: no zone changes its offset twice within a day. An unknown zone reads as UTC. */
export function offsetSpans(from: number, to: number, zone: string): OffsetSpan[] {
  const iana = IANAZone.create(zone);
  const offsetAt = (t: number): number => (iana.isValid ? iana.offset(t) : 0);
  const spans: OffsetSpan[] = [];
  let start = from;
  let offset = offsetAt(from);
  let probe = from;
  while (probe < to) {
    const next = Math.min(to - 1, probe + DAY_MS_LOCAL);
    if (next <= probe) break;
    if (offsetAt(next) !== offset) {
      // The first instant in (probe, next] on the new offset (transitions fall on whole seconds;
      // halving to the millisecond is 27 steps).
      let low = probe;
      let high = next;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offsetAt(mid) === offset) low = mid;
        else high = mid;
      }
      spans.push({ from: start, to: high, offsetMinutes: offset });
      start = high;
      offset = offsetAt(high);
      probe = high;
      continue;
    }
    probe = next === to - 1 ? to : next;
  }
  spans.push({ from: start, to, offsetMinutes: offset });
  return spans;
}

/** A piece of a range on which the rep's local hour of day (0–23) or local date (days since
 *  1970-01-01) does not change. */
export interface LocalSegment {
  from: number;
  to: number;
  key: number;
}

/** The local hour of day (0–23) or local date (days since 1970-01-01) of an instant on an offset. */
export function localKey(at: number, offsetMinutes: number, unit: 'hour' | 'day'): number {
  const local = at + offsetMinutes * MINUTE_MS;
  if (unit === 'day') return Math.floor(local / DAY_MS_LOCAL);
  return Math.floor((((local % DAY_MS_LOCAL) + DAY_MS_LOCAL) % DAY_MS_LOCAL) / HOUR_MS_LOCAL);
}

/** [from, to) cut at every local hour or local midnight and at every change of offset, each
 *  piece keyed by its local hour (unit 'hour') or local date ('day'). A key may come back after
 *  a clock is set back (01:00–02:00 twice). */
export function localSegments(from: number, to: number, zone: string, unit: 'hour' | 'day'): LocalSegment[] {
  const size = unit === 'hour' ? HOUR_MS_LOCAL : DAY_MS_LOCAL;
  const segments: LocalSegment[] = [];
  for (const span of offsetSpans(from, to, zone)) {
    const shift = span.offsetMinutes * MINUTE_MS;
    let start = span.from;
    while (start < span.to) {
      const local = start + shift;
      const end = Math.min(span.to, (Math.floor(local / size) + 1) * size - shift);
      const key = localKey(start, span.offsetMinutes, unit);
      const last = segments.at(-1);
      // The same key across a change of offset (a day with its clock change): one piece.
      if (last && last.key === key && last.to === start) last.to = end;
      else segments.push({ from: start, to: end, key });
      start = end;
    }
  }
  return segments;
}

/** A local date (days since 1970-01-01) as YYYY-MM-DD. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS_LOCAL).toISOString().slice(0, 10);
}
