// The softphone's word on a call: `Dialdeck --call-event=connected|ended --number=… [--duration=S]`
// (MicroSIP's cmdCallStart/cmdCallEnd and the like start it; the running app takes it through its
// single-instance hand-off) and the command line's `call-event`, both through record() here. The
// event is kept whatever happens; a matched one writes its call's connect, end and talk time in
// the same transaction, and the screens hear of it after the commit.
import { applyCallEvent, earliestDialFor, matchCallEvent, numberFromSoftphone, CLOCK_SKEW_MS, type CallEventKind } from '../../../shared/domain/callEvents';
import { normalizePhone } from '../../../shared/domain/phone';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { callsToNumberBetween, insertCallEvent, setReportedTalk } from './repo';
import { applyTallies } from '../metrics/service';

export interface CallEventInput {
  kind: CallEventKind;
  /** The number as the phone gave it (any format, or a SIP address's user part). */
  number: string;
  /** When it happened (epoch ms); now when left out. */
  at?: number;
  /** ended: the talk time the phone counted. */
  durationSeconds?: number | null;
  /** Who told: 'softphone' (the hand-off) or 'command line'. */
  source: string;
}

export interface RecordedCallEvent {
  eventId: number;
  kind: CallEventKind;
  /** The number in E.164, or null when it is not one (then nothing could match). */
  e164: string | null;
  at: string;
  matched: boolean;
  callId: number | null;
  contactId: number | null;
  /** The talk time this event gave its call (an end: the phone's count, else end less connect). */
  talkSeconds: number | null;
}

export class CallEventsService {
  constructor(private readonly ctx: CoreContext) {}

  record(input: CallEventInput): RecordedCallEvent {
    const { db, clock, settings } = this.ctx;
    const raw = input.number.trim();
    if (raw === '' || raw.length > 100) throw new CoreError('invalid_request', 'Give the number the phone called (--number), at most 100 characters.', { number: 'missing or too long' });
    const duration = input.durationSeconds ?? null;
    if (duration !== null && input.kind !== 'ended') throw new CoreError('invalid_request', 'Only an ended event has a duration.', { duration: 'only with ended' });
    const receivedAt = clock.now().getTime();
    const at = input.at ?? receivedAt;
    const normalized = normalizePhone(numberFromSoftphone(raw), settings.get('defaultCountry'));
    const e164 = normalized.ok ? normalized.e164 : null;
    const event = { kind: input.kind, at, durationSeconds: duration };
    const outcome = db
      .transaction(() => {
        const candidates = e164 === null ? [] : callsToNumberBetween(db, e164, earliestDialFor(event), at + CLOCK_SKEW_MS);
        const callId = matchCallEvent(
          event,
          candidates.map((c) => ({ id: c.id, dialedAt: c.dialed_at, outcome: c.outcome, dialFailed: c.dial_failure !== null, connectedAt: c.connected_at, talkEndedAt: c.talk_ended_at, loggedAt: c.outcome === null ? null : c.ended_at })),
        );
        const call = callId === null ? null : candidates.find((c) => c.id === callId)!;
        const talk = call === null ? null : applyCallEvent({ connectedAt: call.connected_at, talkEndedAt: call.talk_ended_at }, event);
        if (call !== null && talk !== null) setReportedTalk(db, call.id, talk);
        applyTallies(db);
        const eventId = insertCallEvent(db, { kind: input.kind, numberRaw: raw, e164, at, durationS: duration, source: input.source, callId, receivedAt });
        return { eventId, call, talk };
      })
      .immediate();
    if (outcome.call) this.ctx.effects.callChanged(outcome.call.id, outcome.call.contact_id);
    return {
      eventId: outcome.eventId,
      kind: input.kind,
      e164,
      at: new Date(at).toISOString(),
      matched: outcome.call !== null,
      callId: outcome.call?.id ?? null,
      contactId: outcome.call?.contact_id ?? null,
      talkSeconds: outcome.talk?.talkSeconds ?? null,
    };
  }
}
