// Who to call next, when, and why: the retry policy, the queue's tiers and the reasons the rep
// reads. Pure functions of (lead, history, instant, settings); nothing here reads the clock.
// The core stores what retryPlan returns (next due instant, tier, voicemail block) so the queue is
// an indexed query; queueOrder is the same order over leads in memory, and the tests hold the two
// to each other.
import { DateTime } from 'luxon';
import {
  callableIntervals,
  callingHours,
  DEFAULT_CALLING_HOURS,
  DEFAULT_VOICEMAIL,
  leadVoicemailWindows,
  type CallableLead,
  type CallingHoursSettings,
  type VoicemailSettings,
} from './callingHours';
import { outcomeLabel, type Disposition, type Outcome } from './dispositions';
export type { Disposition } from './dispositions';
import { localDayBounds, localWeekdayOf, sameWallTimeDaysLater } from './localWindows';
import { timeToken } from './timeText';
import { capBlock, DEFAULT_LAW, rulesFor, type Law } from './law/engine';
import type { CallingRule } from './law/rules';
import type { ContactStatus, LeadKind } from './leads/vocabulary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface QueueSettings {
  /** Which calling rules are on (the registry's verified ones unless the desk says otherwise). */
  law?: Law;
  callingHours: CallingHoursSettings;
  voicemail: VoicemailSettings;
  /** No answer, gatekeeper: called again this long after. */
  noAnswerRetryMinutes: number;
  /** At most this many outbound attempts per lead per local day. */
  maxAttemptsPerDay: number;
  /** An inbound enquiry on its first day: attempts this long after it arrived… */
  inboundOffsetsMinutes: number[];
  /** …and one more this long before their business day's calling hours end. */
  inboundLastAttemptBeforeCloseMinutes: number;
  /** Never two attempts closer than this, unless the rep asks (pin, callback, redial). */
  minimumGapMinutes: number;
  /** After a voicemail, no new voicemail for this many business days. */
  voicemailRestBusinessDays: number;
  /** After a conversation with no agreed next step, follow up after this many business days. */
  conversationFollowUpBusinessDays: number;
  /** Engaged: redial every this many seconds… */
  redialIntervalSeconds: number;
  /** …for at most this long. */
  redialLimitMinutes: number;
  /** Whether the redial loop dials by itself (else the rep presses Enter each time). */
  autoRedial: boolean;
  /** A redial nobody has confirmed after this long: the loop pauses and asks "connected or still
   *  engaged?" (it never dials over an attempt the rep has not confirmed as engaged). */
  redialRingSeconds: number;
  /** Skip hides a lead for this long. */
  skipMinutes: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  callingHours: DEFAULT_CALLING_HOURS,
  voicemail: DEFAULT_VOICEMAIL,
  noAnswerRetryMinutes: 120,
  maxAttemptsPerDay: 3,
  inboundOffsetsMinutes: [0, 10, 60, 180],
  inboundLastAttemptBeforeCloseMinutes: 30,
  minimumGapMinutes: 10,
  voicemailRestBusinessDays: 2,
  conversationFollowUpBusinessDays: 1,
  redialIntervalSeconds: 30,
  redialLimitMinutes: 30,
  autoRedial: true,
  skipMinutes: 60,
  redialRingSeconds: 30,
};

/** The stored tiers, highest first. "voicemail" is not stored: a due retry is in it while its
 *  zone's voicemail window is open and no voicemail was left recently. */
export const STORED_TIERS = ['callback', 'inbound', 'retry', 'fresh'] as const;
export type StoredTier = (typeof STORED_TIERS)[number];

/** A stored tier's rank, 1 highest: what the queue's index is ordered by. The one home of the
 *  numbers: the queue's SQL column is rendered from it (tierRankSql) and the queries ask by it. */
export const TIER_RANK: ReadonlyMap<StoredTier, number> = new Map(STORED_TIERS.map((tier, i) => [tier, i + 1]));

/** The rank of a stored tier. */
export function tierRank(tier: StoredTier): number {
  return TIER_RANK.get(tier)!;
}

/** TIER_RANK as an SQL expression over a tier column: CASE tier WHEN 'callback' THEN 1 … END. */
export function tierRankSql(column: string): string {
  return `CASE ${column} ${[...TIER_RANK].map(([tier, rank]) => `WHEN '${tier}' THEN ${rank}`).join(' ')} END`;
}
export const QUEUE_TIERS = ['callback', 'inbound', 'voicemail', 'retry', 'fresh'] as const;
export type QueueTier = (typeof QUEUE_TIERS)[number];

/** Why a lead is out of the queue for good (until someone changes it). */
export type ClosedReason = 'conversion' | 'not_interested' | 'wrong_number' | 'do_not_call' | 'removed';

export interface Attempt {
  /** When it was dialled (epoch ms). */
  at: number;
  /** Not read by the rules (the core does not load it); kept for callers that have it. */
  outcome?: Outcome | null;
  /** Set on the automatic redials of an engaged line: they do not count as attempts. */
  loopId?: number | null;
}

export interface QueueLeadBase extends CallableLead {
  id: number;
  kind: LeadKind;
  /** When the lead arrived (epoch ms): an inbound enquiry's clock starts here. */
  createdAt: number;
}

/** What retryPlan decides; the core stores it on the lead's queue row. */
export interface RetryPlan {
  /** Null: out of the queue. */
  tier: StoredTier | null;
  /** When the lead is next due (null when out of the queue). */
  dueAt: number | null;
  closed: ClosedReason | null;
  /** For the rep: "no answer — again at 15:10 their time". */
  why: string;
  /** No voicemail before this instant (null: none recently). */
  voicemailRestUntil: number | null;
  /** An email task due at this instant (after a voicemail: phone–mail–phone). */
  emailTaskDueAt: number | null;
  /** Engaged: the call screen runs the redial loop. */
  redial: boolean;
  /** The day's attempt cap was reached; dueAt is the next local day. */
  capReached: boolean;
  /** A calling rule's rolling cap holds the lead until dueAt (its id). */
  capRule?: string;
}

/** The zone whose clock the rep reads: the lead's first candidate zone. */
export function displayZone(lead: CallableLead): string {
  return lead.timeZones[0] ?? 'UTC';
}

/** Add business days (Monday–Friday) in the lead's zone, keeping the local time of day. */
export function addBusinessDays(at: number, days: number, zone: string): number {
  // The calendar days to step over, counted on the weekday alone: one move in the zone, not one
  // per day (each works out the zone's offset again).
  let calendarDays = 0;
  let weekday: number = localWeekdayOf(at, zone);
  for (let left = days; left > 0; ) {
    calendarDays++;
    weekday = (weekday % 7) + 1;
    if (weekday <= 5) left--;
  }
  return sameWallTimeDaysLater(at, calendarDays, zone);
}

/** Whether `instant` falls on the local day of `dayOf` in `zone`: within that day's bounds (kept
 *  per zone), not each instant's date worked out in luxon. */
function onLocalDayOf(dayOf: number, instant: number, zone: string): boolean {
  const { from, to } = localDayBounds(dayOf, zone);
  return instant >= from && instant < to;
}

function startOfNextLocalDay(at: number, zone: string): number {
  return localDayBounds(at, zone).to;
}

/** Attempts dialled on the same local day as `at`, in the lead's zone. Redials of an engaged line
 *  are not attempts of their own: the call that found it engaged is. */
export function attemptsOnLocalDay(history: readonly Attempt[], at: number, zone: string): number {
  // The local day's bounds once, then plain comparisons: a lead can have many attempts.
  const { from, to } = localDayBounds(at, zone);
  let count = 0;
  for (const a of history) if ((a.loopId ?? null) === null && a.at >= from && a.at < to) count++;
  return count;
}

/** Whether `at` is still the local day an inbound enquiry arrived on. */
export function isInboundFirstDay(lead: QueueLeadBase, at: number): boolean {
  // Against `at`'s day, whose bounds are kept: each lead arrived on a day of its own.
  return lead.kind === 'inbound' && onLocalDayOf(at, lead.createdAt, displayZone(lead));
}

/** Attempts an inbound enquiry gets on its first day: the offsets plus one before close. */
export function inboundAttemptsPlanned(settings: QueueSettings): number {
  return settings.inboundOffsetsMinutes.length + 1;
}

/** The inbound first-day schedule: when attempt n (0-based) is due, or null once it is used up. */
function inboundSlot(lead: QueueLeadBase, attemptIndex: number, settings: QueueSettings): number | null {
  const offsets = settings.inboundOffsetsMinutes;
  if (attemptIndex < offsets.length) return lead.createdAt + offsets[attemptIndex]! * MINUTE;
  if (attemptIndex > offsets.length) return null;
  // The last one: shortly before business calling hours end on the day it arrived.
  const zone = displayZone(lead);
  const dayStart = localDayBounds(lead.createdAt, zone).from;
  const business: CallableLead = { ...lead, lineType: 'business' };
  const today = callableIntervals(business, dayStart, dayStart + DAY + 2 * HOUR, settings.callingHours, settings.law).filter((i) => onLocalDayOf(lead.createdAt, i.start, zone));
  const close = today.at(-1)?.end;
  if (close === undefined) return null;
  return close - settings.inboundLastAttemptBeforeCloseMinutes * MINUTE;
}

const CLOSING: Partial<Record<Outcome, ClosedReason>> = {
  conversion: 'conversion',
  not_interested: 'not_interested',
  wrong_number: 'wrong_number',
  do_not_call: 'do_not_call',
};

/** When the lead is next due after `last`, and why. `history` holds every attempt, the last
 *  one included, or their figures (AttemptFacts). Callbacks and advances are due at the minute agreed (the rep asked for it); every
 *  other retry keeps the minimum gap from the last attempt and the day's attempt cap. */
export function retryPlan(lead: QueueLeadBase, last: Disposition, history: readonly Attempt[] | AttemptFacts, at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): RetryPlan {
  const facts = 'lastAt' in history ? history : attemptFacts(lead, history, at, settings);
  return withLegalCaps(lead, planByOutcome(lead, last, facts, at, settings), facts, at, settings);
}

/** What the retry rule reads of a lead's attempts, as figures rather than the list: the core
 *  reads them by count and by the latest from an index (calls/attempts.ts attemptFactsOf), so a
 *  disposition costs the same at the thousandth attempt as at the first. attemptFacts folds a list
 *  into the same figures, and is what those reads are held to (tests/unit/attempt-facts.test.ts). */
export interface AttemptFacts {
  /** The latest attempt (null: none). */
  lastAt: number | null;
  /** Attempts, redials of an engaged line not counted, on the local day of `at` in the lead's
   *  display zone. */
  onLocalDay: number;
  /** Attempts, redials not counted, since the lead arrived: read only for an inbound enquiry on
   *  its first day (its own schedule), else 0. */
  sinceArrival: number;
  /** The instants of every attempt a rolling cap of the lead's rules may count at `at` (empty
   *  when no rule with a cap applies to the lead). */
  capTimes: readonly number[];
}

/** Whether any calling rule with a rolling cap applies to the lead: only then are the instants of
 *  its recent attempts needed. */
export function hasRollingCap(lead: QueueLeadBase, settings: QueueSettings): boolean {
  return rulesFor(lead, settings.law ?? DEFAULT_LAW).some((rule) => rule.cap !== undefined);
}

/** The figures of a list of attempts (the reference for the reads of the same figures). */
export function attemptFacts(lead: QueueLeadBase, history: readonly Attempt[], at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): AttemptFacts {
  const zone = displayZone(lead);
  return {
    lastAt: history.length === 0 ? null : history.reduce((latest, a) => Math.max(latest, a.at), Number.NEGATIVE_INFINITY),
    onLocalDay: attemptsOnLocalDay(history, at, zone),
    sinceArrival: isInboundFirstDay(lead, at) ? history.filter((a) => (a.loopId ?? null) === null && a.at >= lead.createdAt).length : 0,
    capTimes: hasRollingCap(lead, settings) ? history.map((a) => a.at) : [],
  };
}

/** A rolling cap in a rule that applies to the lead ("at most 3 calls in 24 hours", Florida)
 *  holds the next call back until the oldest call in the window leaves it, whatever was planned:
 *  a callback the rep promised included. Every attempt counts, redials of an engaged line too. */
function withLegalCaps(lead: QueueLeadBase, plan: RetryPlan, facts: AttemptFacts, at: number, settings: QueueSettings): RetryPlan {
  if (plan.dueAt === null) return plan;
  const hold = legalCapHold(lead, facts.capTimes, at, plan.dueAt, settings);
  return hold ? { ...plan, dueAt: hold.until, capRule: hold.rule, why: hold.why } : plan;
}

/** Until when a rolling cap in the lead's rules holds a call planned for `dueAt`, given the
 *  instants of its recent calls; null when none holds it that long. Also for a lead put back in
 *  the queue by hand (restored), which no call planned. */
export function legalCapHold(lead: QueueLeadBase, capTimes: readonly number[], at: number, dueAt: number, settings: QueueSettings): { until: number; rule: string; why: string } | null {
  const block = capBlock(rulesFor(lead, settings.law ?? DEFAULT_LAW), capTimes, at);
  if (!block || block.until <= dueAt) return null;
  return { until: block.until, rule: block.rule.id, why: capReason(block, displayZone(lead)) };
}

/** "3 calls in the last 24 hours (Florida), next at ⟦14:05 on their clock⟧". */
export function capReason(block: { rule: CallingRule; count: number; until: number }, zone: string): string {
  return `${block.count} calls in the last ${block.rule.cap!.hours} hours (${block.rule.name}), next at ${timeToken(block.until, zone)}`;
}

/** A wrong number on one of the lead's other phones: the lead was not reached, and its main
 *  number still stands, so it is due again as after a no answer (a promise ahead kept), and the
 *  reason says which phone was wrong. */
export function wrongOtherPhonePlan(lead: QueueLeadBase, label: string, history: readonly Attempt[] | AttemptFacts, at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): RetryPlan {
  const plan = retryPlan(lead, { outcome: 'no_answer' }, history, at, settings);
  if (plan.tier !== 'retry' || plan.capReached || plan.capRule || plan.dueAt === null) return plan;
  return { ...plan, why: `wrong number on the ${label || 'other'} phone: the main number again at ${timeToken(plan.dueAt, displayZone(lead))}` };
}

/** Outcomes after which the lead has not been spoken to: a promised time still stands. */
const REACHED_NOBODY: ReadonlySet<Outcome> = new Set<Outcome>(['no_answer', 'voicemail_left', 'gatekeeper', 'engaged']);

/** The callback or agreed step a lead's stored plan holds for later than `at`, if any. */
function promiseAhead(lead: QueueLeadBase, at: number): { dueAt: number; why: string } | null {
  const stored = lead as Partial<Pick<QueueLead, 'tier' | 'dueAt' | 'why'>>;
  return stored.tier === 'callback' && typeof stored.dueAt === 'number' && stored.dueAt > at ? { dueAt: stored.dueAt, why: stored.why ?? '' } : null;
}

function planByOutcome(lead: QueueLeadBase, last: Disposition, facts: AttemptFacts, at: number, settings: QueueSettings): RetryPlan {
  const zone = displayZone(lead);
  const plan: RetryPlan = { tier: null, dueAt: null, closed: null, why: '', voicemailRestUntil: null, emailTaskDueAt: null, redial: false, capReached: false };
  const closed = CLOSING[last.outcome];
  if (closed) {
    return { ...plan, closed, why: `${outcomeLabel(last.outcome).toLowerCase()}: out of the queue` };
  }
  if (last.outcome === 'callback_requested') {
    return { ...plan, tier: 'callback', dueAt: last.callbackAt, why: `callback promised for ${timeToken(last.callbackAt, zone)}` };
  }
  if (last.outcome === 'advance') {
    return { ...plan, tier: 'callback', dueAt: last.nextStepAt, why: `next step "${last.nextStep}" at ${timeToken(last.nextStepAt, zone)}` };
  }
  if (last.outcome === 'engaged' && !('redialEnded' in last && last.redialEnded)) {
    return { ...plan, tier: 'retry', dueAt: at + settings.redialIntervalSeconds * 1000, redial: true, why: `engaged: redial in ${settings.redialIntervalSeconds} s` };
  }

  const gapEnds = (facts.lastAt ?? Number.NEGATIVE_INFINITY) + settings.minimumGapMinutes * MINUTE;
  if (last.outcome === 'voicemail_left') {
    plan.voicemailRestUntil = addBusinessDays(at, settings.voicemailRestBusinessDays, zone);
    plan.emailTaskDueAt = at;
  }

  // An early try at a lead who promised a time (a callback, an agreed next step) that reached
  // nobody keeps the promise at its minute: a no-answer at 5:30 must not turn a 7:00 callback
  // into a plain retry with no reminder.
  const promise = promiseAhead(lead, at);
  if (promise && REACHED_NOBODY.has(last.outcome)) return { ...plan, tier: 'callback', dueAt: promise.dueAt, why: promise.why };

  // An inbound enquiry on its first day follows its own schedule (speed to lead).
  if (isInboundFirstDay(lead, at)) {
    const made = facts.sinceArrival;
    const slot = inboundSlot(lead, made, settings);
    if (slot !== null && onLocalDayOf(lead.createdAt, slot, zone)) {
      const dueAt = Math.max(slot, gapEnds);
      return { ...plan, tier: 'inbound', dueAt, why: `inbound enquiry: attempt ${made + 1} of ${inboundAttemptsPlanned(settings)} at ${timeToken(dueAt, zone)}` };
    }
  }

  let dueAt: number;
  let reason: string;
  if (last.outcome === 'voicemail_left') {
    // Phone–mail–phone: the email goes now, the next call a business day later.
    dueAt = addBusinessDays(at, 1, zone);
    reason = 'voicemail left: email now, call again';
  } else if (last.outcome === 'conversation') {
    dueAt = addBusinessDays(at, settings.conversationFollowUpBusinessDays, zone);
    reason = 'conversation without a next step: follow up';
  } else {
    dueAt = at + settings.noAnswerRetryMinutes * MINUTE;
    reason = `${outcomeLabel(last.outcome).toLowerCase()}: again`;
  }
  dueAt = Math.max(dueAt, gapEnds);
  if (facts.onLocalDay >= settings.maxAttemptsPerDay) {
    const tomorrow = startOfNextLocalDay(at, zone);
    if (dueAt < tomorrow) {
      return { ...plan, tier: 'retry', dueAt: tomorrow, capReached: true, why: `${settings.maxAttemptsPerDay} attempts today: again tomorrow` };
    }
  }
  return { ...plan, tier: 'retry', dueAt, why: `${reason} at ${timeToken(dueAt, zone)}` };
}

/** A lead as the queue sees it: the stored plan plus the rep's pins and snoozes. */
export interface QueueLead extends QueueLeadBase {
  status: ContactStatus;
  doNotCall: boolean;
  /** The stored plan; for a lead never dialled, tier is 'fresh' or 'inbound' and dueAt its arrival. */
  tier: StoredTier | null;
  dueAt: number | null;
  closed: ClosedReason | null;
  voicemailRestUntil: number | null;
  /** Attempts made on the local day of the last attempt, and when that was. */
  lastAttemptAt: number | null;
  attemptsToday: number;
  capReached: boolean;
  /** A calling rule's rolling cap holds the lead until dueAt. */
  capRule?: string | null;
  pinnedAt: number | null;
  /** Hidden until this instant (snooze or skip). */
  hiddenUntil: number | null;
  why: string;
}

/** The plan a lead has before anyone dialled it. */
export function freshPlan(lead: QueueLeadBase): Pick<QueueLead, 'tier' | 'dueAt' | 'why'> {
  return lead.kind === 'inbound'
    ? { tier: 'inbound', dueAt: lead.createdAt, why: 'new inbound enquiry' }
    : { tier: 'fresh', dueAt: lead.createdAt, why: 'new lead, not called yet' };
}

export interface QueueEntry {
  lead: QueueLead;
  tier: QueueTier;
  pinned: boolean;
  /** Since when it has been waiting: the order inside a tier (oldest first). */
  waitingSince: number;
  reason: string;
}

/** The instant from which the lead waits in its tier: its due time, or the end of a snooze. */
export function waitingSince(lead: Pick<QueueLead, 'dueAt' | 'hiddenUntil'>): number {
  return Math.max(lead.dueAt ?? 0, lead.hiddenUntil ?? 0);
}

/** Whether the lead's voicemail window is open at `at` in every candidate zone. */
export function voicemailWindowOpen(lead: CallableLead, at: number, settings: QueueSettings): { open: boolean; until: number | null } {
  const window = leadVoicemailWindows(lead.timeZones, at, at + DAY, settings.voicemail).find((w) => w.start <= at && at < w.end);
  return window ? { open: true, until: window.end } : { open: false, until: null };
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} days ago`;
  return minutes % 60 === 0 ? `${hours} h ago` : `${hours} h ${minutes % 60} min ago`;
}

/** What calling hours and the voicemail window say for a lead's zones at one instant. The core
 *  computes it once per zone key and passes it in; left out, it is computed here. */
export interface ZonesNow {
  callable: boolean;
  voicemailOpen: boolean;
  voicemailUntil: number | null;
}

export function zonesNow(lead: CallableLead, at: number, settings: QueueSettings): ZonesNow {
  if (lead.timeZones.length === 0) return { callable: false, voicemailOpen: false, voicemailUntil: null };
  const window = voicemailWindowOpen(lead, at, settings);
  return { callable: callingHours(lead, new Date(at), settings.callingHours, settings.law).allowed, voicemailOpen: window.open, voicemailUntil: window.until };
}

/** A calling rule's rolling cap holds the lead past `at`: the one wait a pin does not skip. */
function heldByRule(lead: QueueLead, at: number): boolean {
  return Boolean(lead.capRule) && lead.dueAt !== null && lead.dueAt > at;
}

/** The tier and reason for a lead that is offered at `at`; null when it is not offered. */
export function queueEntryFor(lead: QueueLead, at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS, zones?: ZonesNow): QueueEntry | null {
  if (lead.status !== 'active' || lead.doNotCall || lead.tier === null || lead.closed !== null || lead.dueAt === null) return null;
  const pinned = lead.pinnedAt !== null;
  if (!pinned) {
    if (lead.hiddenUntil !== null && lead.hiddenUntil > at) return null;
    if (lead.dueAt > at) return null;
  } else if (heldByRule(lead, at)) {
    // A pin skips the desk's own waits, never a legal cap: a lead a rule holds stays held.
    return null;
  }
  if (lead.timeZones.length === 0) return null;
  const now = zones ?? zonesNow(lead, at, settings);
  if (!now.callable) return null;
  const zone = displayZone(lead);
  let tier: QueueTier = lead.tier;
  let reason: string;
  if (lead.tier === 'callback') {
    reason = lead.why || `callback promised for ${timeToken(lead.dueAt, zone)}`;
  } else if (lead.tier === 'inbound') {
    const made = lead.lastAttemptAt === null ? 0 : lead.attemptsToday;
    reason = `inbound ${ago(at - lead.createdAt)}, attempt ${made + 1} of ${inboundAttemptsPlanned(settings)}`;
  } else if (lead.tier === 'retry') {
    if (now.voicemailOpen && !(lead.voicemailRestUntil !== null && lead.voicemailRestUntil > at)) {
      tier = 'voicemail';
      reason = `voicemail window open until ${timeToken(now.voicemailUntil!, zone)}`;
    } else {
      reason = lead.why || 'retry due';
    }
  } else {
    reason = `new lead, added ${ago(at - lead.createdAt)}`;
  }
  return { lead, tier, pinned, waitingSince: waitingSince(lead), reason: pinned ? `pinned · ${reason}` : reason };
}

/** Why a lead in a running redial loop is where it is: counting down to its next redial, or
 *  waiting for the rep to say how the last one went (nothing is dialled until they do). */
export function redialLoopReason(loop: { attempts: number; awaitingConfirmation: boolean }): string {
  return loop.awaitingConfirmation
    ? `engaged: redial attempt ${loop.attempts} waits for your answer (connected or still engaged?)`
    : `engaged: in the redial loop (attempt ${loop.attempts + 1} next)`;
}

/** A queue entry for a lead in a running redial loop: a retry whose reason is the loop's, not
 *  the plan's (which says when the loop began, or that a voicemail window is open). */
export function entryInRedialLoop(entry: QueueEntry, loop: { attempts: number; awaitingConfirmation: boolean }): QueueEntry {
  const reason = redialLoopReason(loop);
  return { ...entry, tier: 'retry', reason: entry.pinned ? `pinned · ${reason}` : reason };
}

/** A queue entry whose lead's latest call has no disposition yet (the app closed during the
 *  call, or the window was reloaded): that comes first in its reason, the plan after it, so the
 *  rep opens the lead and logs the call instead of dialling it again unawares. */
export function entryWithCallWaiting(entry: QueueEntry, dialedAt: number): QueueEntry {
  return { ...entry, reason: `not logged: call dialled ${timeToken(dialedAt, displayZone(entry.lead))} — ${entry.reason}` };
}

/** Pinned first (in the order pinned), then tier by tier, the longest-waiting first. */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.pinned && b.pinned) return a.lead.pinnedAt! - b.lead.pinnedAt! || a.lead.id - b.lead.id;
  return QUEUE_TIERS.indexOf(a.tier) - QUEUE_TIERS.indexOf(b.tier) || a.waitingSince - b.waitingSince || a.lead.id - b.lead.id;
}

export const SNOOZE_PRESETS = ['hour', 'tomorrow'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

/** When "tomorrow" snoozes a lead to, on the rep's own clock (minutes after midnight): the
 *  snooze and the words for it ("Until tomorrow 8:00 AM") both read it. */
export const SNOOZE_TOMORROW_AT = 8 * 60;

/** Until when a snooze preset hides a lead: an hour from now, or SNOOZE_TOMORROW_AT tomorrow on the
 *  rep's own clock (calling hours still decide when the lead is offered after that). */
export function snoozeUntil(preset: SnoozePreset, at: number, repZone: string): number {
  if (preset === 'hour') return at + HOUR;
  const tomorrow = DateTime.fromMillis(at, { zone: repZone }).startOf('day').plus({ days: 1 });
  return tomorrow.set({ hour: Math.floor(SNOOZE_TOMORROW_AT / 60), minute: SNOOZE_TOMORROW_AT % 60 }).toMillis();
}

/** The queue at `at`: only leads that may be called now, highest tier first. */
export function queueOrder(leads: readonly QueueLead[], at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): QueueEntry[] {
  const entries: QueueEntry[] = [];
  for (const lead of leads) {
    const entry = queueEntryFor(lead, at, settings);
    if (entry) entries.push(entry);
  }
  return entries.sort(compareEntries);
}

export type NotNowCode = 'offered' | 'dnc' | 'dud' | 'closed' | 'no_zone' | 'hidden' | 'cap' | 'gap' | 'not_due' | 'outside_hours';

export interface NotNow {
  code: NotNowCode;
  reason: string;
  /** When it will next be offered (null: not by itself). */
  nextAt: number | null;
}

/** For a lead that is not offered: why, and when it will be. */
export function whyNotNow(lead: QueueLead, at: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): NotNow {
  if (lead.doNotCall) return { code: 'dnc', reason: 'on the do-not-call list', nextAt: null };
  if (lead.status === 'dud') return { code: 'dud', reason: 'dud: no valid number', nextAt: null };
  if (lead.closed !== null || lead.tier === null || lead.dueAt === null) {
    const because = lead.closed === 'removed' ? 'removed by you' : lead.closed ? outcomeLabel(lead.closed).toLowerCase() : 'no plan';
    return { code: 'closed', reason: `out of the queue (${because})`, nextAt: null };
  }
  if (lead.timeZones.length === 0) return { code: 'no_zone', reason: 'no time zone known: set one on the contact', nextAt: null };
  const zone = displayZone(lead);
  // A pin skips the desk's own waits and a snooze (queueEntryFor), never a calling rule's cap.
  const pinned = lead.pinnedAt !== null;
  const skipsWait = pinned && !heldByRule(lead, at);
  const earliest = skipsWait ? at : Math.max(at, lead.dueAt, pinned ? 0 : (lead.hiddenUntil ?? 0));
  const open = callableIntervals(lead, earliest, earliest + 8 * DAY, settings.callingHours, settings.law)[0];
  const nextAt = open ? open.start : null;
  const when = (t: number | null) => (t === null ? 'not within a week' : timeToken(t, zone));
  if (earliest === at && nextAt === at) return { code: 'offered', reason: 'offered now', nextAt: at };
  if (!pinned && lead.hiddenUntil !== null && lead.hiddenUntil > at && lead.hiddenUntil >= lead.dueAt) {
    return { code: 'hidden', reason: `snoozed until ${when(lead.hiddenUntil)}`, nextAt };
  }
  if (!skipsWait && lead.dueAt > at) {
    if (lead.capReached) return { code: 'cap', reason: `daily cap of ${settings.maxAttemptsPerDay} attempts reached; next ${when(nextAt)}`, nextAt };
    // A calling rule's rolling cap: the stored reason names it ("3 calls in the last 24 hours (Florida), next at 14:05").
    if (lead.capRule) return { code: 'cap', reason: lead.why, nextAt };
    const gapEnds = lead.lastAttemptAt === null ? 0 : lead.lastAttemptAt + settings.minimumGapMinutes * MINUTE;
    if (lead.dueAt <= gapEnds) return { code: 'gap', reason: `called ${ago(at - lead.lastAttemptAt!)}: minimum gap until ${when(nextAt)}`, nextAt };
    // A stored reason that already names the instant ("no answer: again at ⟦…⟧") says it once.
    const due = when(nextAt);
    return { code: 'not_due', reason: lead.why.includes(due) ? lead.why : `${lead.why || 'not due yet'}; due ${due}`, nextAt };
  }
  // Outside hours: the rule that closes it, by name, with when it opens and its citation.
  return { code: 'outside_hours', reason: callingHours(lead, new Date(at), settings.callingHours, settings.law).reason, nextAt };
}
