// An attempt and what it does to its lead, shared by the call service and the redial loop:
// whether a lead may be dialled now and with which link, writing the attempt (committed before the
// number goes to the phone), putting a lead back when the phone does not take the number, and
// applying an outcome to the lead's plan inside the disposition's transaction.
import type { Call } from '../../../shared/ipc/contract';
import { dialLink, type PhonePresetId } from '../../../shared/domain/dialPresets';
import { callingHours } from '../../../shared/domain/callingHours';
import { talkAndWrapUp } from '../../../shared/domain/callTimes';
import { markOtherPhoneWrong, wrongNumberReason, type StoredOtherPhone } from '../../../shared/domain/dud';
import type { Disposition, Outcome } from '../../../shared/domain/dispositions';
import { localDayBounds } from '../../../shared/domain/localWindows';
import { timeToken } from '../../../shared/domain/timeText';
import { capBlock, DEFAULT_LAW, rulesBrokenAt, rulesFor, type Law } from '../../../shared/domain/law/engine';
import { recentCallInstants, waivedByOverride, waivedBySwitchOff } from '../law/service';
import { capReason, displayZone, hasRollingCap, isInboundFirstDay, retryPlan, wrongOtherPhonePlan, type AttemptFacts, type QueueLead, type QueueSettings, type RetryPlan } from '../../../shared/domain/queueRules';
import { countAttemptsBetween, getCall, insertDialledCall, latestAttemptSince, markDialFailed, type CallRow } from './repo';
import { markContactCalled, markContactDud, restoreLastCalled, setOtherPhones } from '../contacts/repo';
import { addDnc, isDnc } from '../dnc/repo';
import { withPlaceOfNumber } from '../../../shared/domain/timeZones';
import { closeComplaintLoopAfterCall } from '../follow/complaints';
import { emailTaskAfterCall } from '../follow/service';
import { getQueueState, recordAttempt, restoreAttemptState, storePlan, syncQueueRow, syncQueueRowsForNumber, type AttemptState } from '../queue/repo';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { requireContact } from '../contacts/service';
import type { QueueService } from '../queue/service';
import { isoOrNull } from '../instants';
import { applyTallies } from '../metrics/service';

const DAY = 86_400_000;

/** What an attempt needs: the core and the queue (the lead as it stands, the rules). */
export interface AttemptDeps {
  ctx: CoreContext;
  queue: QueueService;
}

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    contactId: row.contact_id,
    dialUri: row.dial_uri,
    number: row.number,
    dialedAt: new Date(row.dialed_at).toISOString(),
    endedAt: isoOrNull(row.ended_at),
    // A dial the phone did not take was no call: it has no duration.
    durationMs: row.ended_at === null || row.dial_failure !== null ? null : row.ended_at - row.dialed_at,
    outcome: row.outcome,
    notes: row.notes,
    override: row.override === 1,
    waived: row.waived,
    nextStep: row.next_step,
    nextAt: isoOrNull(row.next_at),
    callbackAt: isoOrNull(row.callback_at),
    reason: row.reason,
    redialLoopId: row.loop_id,
    objections: row.objections ? (JSON.parse(row.objections) as string[]) : [],
    dialFailure: row.dial_failure,
    softphone:
      row.connected_at === null && row.talk_ended_at === null
        ? null
        : { connectedAt: isoOrNull(row.connected_at), endedAt: isoOrNull(row.talk_ended_at), talkSeconds: row.talk_seconds_reported },
    undoneAt: isoOrNull(row.undone_at),
    direction: row.direction,
    hungUpAt: isoOrNull(row.hung_up_at),
    ...talkAndWrapUp({
      direction: row.direction,
      dialedAt: row.dialed_at,
      hungUpAt: row.hung_up_at,
      endedAt: row.ended_at,
      loggedTalkSeconds: row.talk_seconds_logged,
      dialFailed: row.dial_failure !== null,
      reportedTalkSeconds: row.talk_seconds_reported,
      phoneEndedAt: row.talk_ended_at,
    }),
    gatekeeperName: row.gatekeeper_name,
  };
}

export function requireLead(queue: QueueService, contactId: number): QueueLead {
  return requireLeadWithZone(queue, contactId).lead;
}

/** The lead with its zone key (whose calling hours the queue keeps). */
function requireLeadWithZone(queue: QueueService, contactId: number): { lead: QueueLead; zoneId: number } {
  const found = queue.leadWithZone(contactId);
  if (!found) throw new CoreError('not_found', `There is no lead with id ${contactId}.`);
  return found;
}

/** What a dial writes and opens, read once: the lead, its number and the URI. */
export interface DialTarget {
  lead: QueueLead;
  uri: string;
  /** The phone preset the link was built for: the dialer holds it to that preset's pattern. */
  preset: PhonePresetId;
  e164: string;
  lastOutcome: Outcome | null;
  lastCalledAt: number | null;
  /** The calling rules this call breaks and why it is made anyway (recorded on the call). */
  waived: string | null;
  /** Made with an override that let it through (outside the hours, over a cap): recorded. */
  overridden: boolean;
}

/** Check the lead may be dialled now and build the URI; throws a CoreError the rep can act on. */
export function prepareDial(deps: AttemptDeps, contactId: number, override: boolean, otherPhone?: number): DialTarget {
  const { ctx, queue } = deps;
  const { db, clock } = ctx;
  const contact = requireContact(db, contactId);
  if (contact.e164 === null || contact.status === 'dud') {
    throw new CoreError('dial_refused', `This lead has no valid number (${contact.dud_reason ?? 'dud'}); fix the number first.`);
  }
  // Another of the lead's phones (a mobile from the file's second column): its own number, its
  // own extension, and the same checks (the list, the hours) as the main one.
  let e164: string = contact.e164;
  let extension = contact.extension;
  if (otherPhone !== undefined) {
    const others = JSON.parse(contact.other_phones) as StoredOtherPhone[];
    const chosen = others[otherPhone];
    if (!chosen) throw new CoreError('not_found', `This lead has no other phone number ${otherPhone + 1}.`);
    if (chosen.e164 === null) throw new CoreError('dial_refused', `The ${chosen.label || 'other'} number "${chosen.raw}" is not a valid phone number.`);
    if (chosen.wrong !== undefined) throw new CoreError('dial_refused', `The ${chosen.label || 'other'} number "${chosen.raw}" was reported a ${chosen.wrong}; dial the main number.`);
    e164 = chosen.e164;
    extension = chosen.extension;
  }
  if (isDnc(db, e164)) throw new CoreError('dial_refused', 'This number is on the do-not-call list.');
  const found = requireLeadWithZone(queue, contactId);
  const lead = found.lead;
  // The person asked, not the number: their other phones are not a way round it.
  if (lead.closed === 'do_not_call') {
    throw new CoreError('dial_refused', 'This person asked not to be called (logged as do not call): none of their numbers is dialled.');
  }
  const now = clock.now();
  const settings = queue.settings();
  const law = settings.law ?? DEFAULT_LAW;
  // Another of its phones is also judged by where that number is (its area code's zone and state).
  const judged = e164 === contact.e164 ? lead : withPlaceOfNumber(lead, e164);
  const calls = judged.timeZones.length > 0 ? recentCallInstants(ctx, contactId, now.getTime()) : [];
  // Said in the zone that closes it: the other number's own when it added one.
  const shown = judged === lead ? { what: 'this lead', zone: displayZone(lead) } : otherNumberShown(lead, judged);
  // The lead's own number is open when its zone key's hours, which the queue keeps, say so (the
  // same rule, built once): only a closed one is asked again, for the reason to show.
  const openByQueue = judged === lead && queue.zoneState(found.zoneId, now.getTime(), settings).callable;
  const refusal = hoursRefusal(judged, now, settings, law, calls, shown, openByQueue);
  if (refusal && !override) throw refusal;
  // The override is recorded only where it let the call through: pressed inside the hours, it
  // waived nothing, and the call's history must not say "dialled outside hours".
  const overridden = override && refusal !== null;
  // What this call breaks that is allowed anyway: a rule the desk switched off, or the override.
  const broken = judged.timeZones.length > 0 ? rulesBrokenAt(judged, now.getTime(), calls) : [];
  const waived = [overridden ? waivedByOverride(broken, law.enabled) : null, waivedBySwitchOff(ctx, broken, law.enabled)].filter((w) => w !== null).join(' · ') || null;
  const phone = ctx.settings.get('phone');
  const built = dialLink(phone, e164, extension);
  if (!built.ok) throw new CoreError('dial_refused', `Cannot dial ${e164}: ${built.reason}. Check "Your phone" in Settings.`);
  return { lead, uri: built.uri, preset: phone.preset, e164, lastOutcome: contact.last_outcome, lastCalledAt: contact.last_called_at, waived, overridden };
}

/** Why a dial of another of the lead's numbers would be refused now for where that number is
 *  (its area code's hours and rules), or null; from what the caller has read ("try the mobile
 *  next" judges the mobile before offering it). */
export function otherNumberRefusal(lead: QueueLead, e164: string, now: Date, settings: QueueSettings, callInstants: readonly number[]): CoreError | null {
  const judged = withPlaceOfNumber(lead, e164);
  return hoursRefusal(judged, now, settings, settings.law ?? DEFAULT_LAW, callInstants, otherNumberShown(lead, judged));
}

/** A refusal for another number is said in the zone that number added (its own), if any. */
function otherNumberShown(lead: QueueLead, judged: QueueLead): { what: string; zone: string } {
  return { what: 'this number', zone: judged.timeZones.find((z) => !lead.timeZones.includes(z)) ?? displayZone(lead) };
}

/** Why the lead may not be dialled now without an override (no zone known, outside its hours,
 *  a rolling cap), or null when it may. */
function hoursRefusal(lead: QueueLead, now: Date, settings: QueueSettings, law: Law, calls: readonly number[], shown: { what: string; zone: string }, knownOpen = false): CoreError | null {
  if (lead.timeZones.length === 0) return new CoreError('outside_hours', 'No time zone is known for this lead, so its calling hours are unknown. Dial anyway only if you know it is a good time.');
  const zone = shown.zone;
  const hours = knownOpen ? null : callingHours(lead, now, settings.callingHours, law);
  if (hours && !hours.allowed) {
    return new CoreError('outside_hours', `For ${shown.what} (${zone}) it is ${timeToken(now.getTime(), zone)}. ${hours.reason.charAt(0).toUpperCase()}${hours.reason.slice(1)}. Dial anyway only with an override; it is recorded on the call.`);
  }
  const block = capBlock(rulesFor(lead, law), calls, now.getTime());
  if (block) return new CoreError('outside_hours', `${capReason(block, zone)} (${block.rule.citation}). Dial anyway only with an override; it is recorded on the call.`);
  return null;
}

/** The history the retry policy reads, as its figures: the latest attempt of the last two days
 *  (the gap), the day's count (the day's cap), the count since an inbound enquiry arrived (its
 *  first day's schedule), and the instants the rolling caps count, read as the calling rules read
 *  them. Counted and found from the attempts index rather than read as a list: a lead dialled all
 *  day (a redial loop, an override) costs a disposition no more than a fresh one. The same figures
 *  as attemptFacts over the list (tests/unit/attempt-facts.test.ts). */
export function attemptFactsOf(ctx: CoreContext, lead: QueueLead, at: number, settings: QueueSettings): AttemptFacts {
  return {
    lastAt: latestAttemptSince(ctx.db, lead.id, at - 2 * DAY),
    onLocalDay: attemptsOnLocalDayOf(ctx.db, lead, at),
    // Asked only on the arrival's own local day, so from the arrival on (no upper bound, as the list had).
    sinceArrival: isInboundFirstDay(lead, at) ? countAttemptsBetween(ctx.db, lead.id, lead.createdAt, Number.MAX_SAFE_INTEGER) : 0,
    capTimes: hasRollingCap(lead, settings) ? recentCallInstants(ctx, lead.id, at) : [],
  };
}

/** Attempts on the local day of `at` in the lead's zone. */
function attemptsOnLocalDayOf(db: CoreContext['db'], lead: QueueLead, at: number): number {
  const { from, to } = localDayBounds(at, displayZone(lead));
  return countAttemptsBetween(db, lead.id, from, to);
}

/** Write the attempt (and what it means for the queue) in one transaction. */
export function recordDial(deps: AttemptDeps, target: DialTarget, options: { loopId: number | null }): number {
  const { db, clock } = deps.ctx;
  const { lead, uri, e164 } = target;
  const contactId = lead.id;
  const dialedAt = clock.now().getTime();
  return db
    .transaction(() => {
      const callId = insertDialledCall(db, { contactId, dialUri: uri, number: e164, dialedAt, override: target.overridden, loopId: options.loopId, waived: target.waived });
      markContactCalled(db, contactId, dialedAt, target.lastOutcome);
      recordAttempt(db, contactId, dialedAt, attemptsOnLocalDayOf(db, lead, dialedAt));
      // The kept counts move with the call, in its transaction (#15).
      applyTallies(db);
      return callId;
    })
    .immediate();
}

/** What a dial changes on the lead, read just before it: put back if the phone does not take it. */
export interface BeforeDial {
  contactId: number;
  lastCalledAt: number | null;
  queue: AttemptState | undefined;
}

export function stateBeforeDial(db: CoreContext['db'], target: DialTarget): BeforeDial {
  return { contactId: target.lead.id, lastCalledAt: target.lastCalledAt, queue: getQueueState(db, target.lead.id) };
}

/** The phone did not take the number; the attempt it was is in the log, marked. */
export class DialRefusedError extends CoreError {
  constructor(
    readonly callId: number,
    readonly contactId: number,
    message: string,
  ) {
    super('dial_refused', message);
  }
}

/** The desk's phone did not take the committed attempt's URI: the attempt is marked "the phone
 *  did not take the number" and the lead is put back as it was before the dial (it reached
 *  nobody, so it is no attempt against the day's cap or the gap), with `alsoUndo` in the same
 *  transaction. Returns the error that says exactly what was saved, for the caller to throw. */
export function dialRefused(deps: AttemptDeps, callId: number, uri: string, before: BeforeDial, error: unknown, alsoUndo?: () => void): DialRefusedError {
  const reason = refusalReason(error);
  const { db, clock } = deps.ctx;
  const scheme = uri.slice(0, uri.indexOf(':') + 1);
  const whatToDo = `Check that your softphone is running and opens ${scheme} links (or the dial template in Settings), then dial again.`;
  try {
    db.transaction(() => {
      const call = requireCall(db, callId);
      markDialFailed(db, callId, reason, Math.max(clock.now().getTime(), call.dialed_at));
      restoreLastCalled(db, before.contactId, before.lastCalledAt, call.dialed_at);
      if (before.queue) restoreAttemptState(db, before.contactId, call.dialed_at, before.queue);
      alsoUndo?.();
      applyTallies(db);
    }).immediate();
  } catch (markError) {
    // Still true to what is in the file: the attempt, committed before the dial, unmarked.
    const detail = markError instanceof Error ? markError.message : String(markError);
    return new DialRefusedError(
      callId,
      before.contactId,
      `The phone did not take the number: ${reason}. The attempt is in the call log with no disposition; marking it as not taken failed (${detail}). ${whatToDo}`,
    );
  }
  return new DialRefusedError(
    callId,
    before.contactId,
    `The phone did not take the number: ${reason}. The attempt is in the call log, marked 'the phone did not take the number'; ` +
      `it does not count as an attempt and needs no disposition. ${whatToDo}`,
  );
}

/** The system's reason, as one short line for the log and the message. */
function refusalReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return (text || 'the system gave no reason').slice(0, 300);
}

/** Apply an outcome to the lead inside the caller's transaction: the new plan and everything the
 *  outcome implies. Returns the plan stored. */
export function applyOutcome(deps: AttemptDeps, call: CallRow, disposition: Disposition, at: number): RetryPlan {
  const { queue } = deps;
  const { db } = deps.ctx;
  const lead = requireLead(queue, call.contact_id);
  const settings = queue.settings();
  const facts = attemptFactsOf(deps.ctx, lead, at, settings);
  // A wrong number on one of the lead's other phones (its mobile) is that phone's: the lead keeps
  // its main number and its place in the queue.
  const wrongOther = disposition.outcome === 'wrong_number' ? wrongOtherPhone(db, call) : null;
  const plan = wrongOther ? wrongOtherPhonePlan(lead, wrongOther.label, facts, at, settings) : retryPlan(lead, disposition, facts, at, settings);
  storePlan(db, lead.id, {
    tier: plan.tier,
    due_at: plan.dueAt,
    why: plan.why,
    closed: plan.closed,
    voicemail_rest_until: plan.voicemailRestUntil ?? (lead.voicemailRestUntil !== null && lead.voicemailRestUntil > at ? lead.voicemailRestUntil : null),
    last_attempt_at: facts.lastAt ?? lead.lastAttemptAt,
    attempts_today: facts.onLocalDay,
    cap_reached: plan.capReached ? 1 : 0,
    cap_rule: plan.capRule ?? null,
  });
  if (wrongOther) setOtherPhones(db, lead.id, JSON.stringify(wrongOther.phones), at);
  else if (disposition.outcome === 'wrong_number') {
    markContactDud(db, lead.id, wrongNumberReason(call.id), at);
    syncQueueRow(db, lead.id);
  }
  if (disposition.outcome === 'do_not_call') {
    addDnc(db, call.number, at, `call #${call.id}`);
    syncQueueRowsForNumber(db, call.number);
  }
  // Phone–mail–phone: the cadence's email after a voicemail or a first conversation.
  emailTaskAfterCall(deps.ctx, call, disposition, at);
  // A complaint case's close-the-loop call: logged with a conversation, the case is closed.
  closeComplaintLoopAfterCall(deps.ctx.db, call, disposition.outcome, at);
  return plan;
}

/** The other phone of the lead a wrong-number call dialled, marked; null for its main number. */
function wrongOtherPhone(db: CoreContext['db'], call: CallRow): ReturnType<typeof markOtherPhoneWrong> {
  const contact = requireContact(db, call.contact_id);
  if (contact.e164 === call.number) return null;
  return markOtherPhoneWrong(JSON.parse(contact.other_phones) as StoredOtherPhone[], call.number, call.id);
}

export function requireCall(db: CoreContext['db'], id: number): CallRow {
  const row = getCall(db, id);
  if (!row) throw new CoreError('not_found', `There is no call with id ${id}.`);
  return row;
}
