// The measure's definitions (shared/domain/metrics.ts) against hand-built call logs: every
// expected number below is counted by hand from the log written beside it.
import { describe, expect, it } from 'vitest';
import {
  isConnect,
  isConversation,
  isDial,
  isVoicemailReturned,
  localDayNumber,
  localSlot,
  ratesOf,
  tally,
  voicemailReturnDeadline,
  type MeasuredCall,
} from '../../shared/domain/metrics';
import type { Outcome } from '../../shared/domain/dispositions';

let nextId = 1;
function call(at: string, outcome: Outcome | null, extra: Partial<MeasuredCall> = {}): MeasuredCall {
  return {
    id: nextId++,
    contactId: 1,
    at: Date.parse(at),
    outcome,
    direction: 'outbound',
    undone: false,
    dialFailed: false,
    redial: false,
    talkSeconds: null,
    zone: 'America/New_York',
    importId: null,
    ...extra,
  };
}

describe('what each call counts as', () => {
  it('counts redials of an engaged line as dials, and apart as redials', () => {
    const log = [
      call('2026-03-02T15:00:00Z', 'engaged'),
      call('2026-03-02T15:00:30Z', 'engaged', { redial: true }),
      call('2026-03-02T15:01:00Z', 'engaged', { redial: true }),
      call('2026-03-02T15:01:30Z', 'conversation', { redial: true, talkSeconds: 95 }),
    ];
    expect(tally(log)).toMatchObject({ dials: 4, redials: 3, connects: 1, conversations: 1, talkSeconds: 95 });
  });

  it('counts an inbound conversation as a conversation but not as a dial or a connect', () => {
    const inbound = call('2026-03-02T16:00:00Z', 'advance', { direction: 'inbound', talkSeconds: 300 });
    expect(isDial(inbound)).toBe(false);
    expect(isConnect(inbound)).toBe(false);
    expect(isConversation(inbound)).toBe(true);
    expect(tally([inbound])).toMatchObject({ dials: 0, connects: 0, conversations: 1, advances: 1, talkSeconds: 300 });
  });

  it('counts a gatekeeper as a connect but not a conversation; wrong numbers and no answers as dials only', () => {
    const log = [call('2026-03-02T15:00:00Z', 'gatekeeper'), call('2026-03-02T15:05:00Z', 'wrong_number'), call('2026-03-02T15:10:00Z', 'no_answer'), call('2026-03-02T15:15:00Z', 'not_interested')];
    expect(tally(log)).toMatchObject({ dials: 4, connects: 2, conversations: 1, advances: 0, conversions: 0 });
  });

  it('counts a call marked undone nowhere: not a dial, not a conversion, no talk time, no voicemail return', () => {
    const log = [
      call('2026-03-02T15:00:00Z', 'conversion', { undone: true, talkSeconds: 600 }),
      call('2026-03-02T15:10:00Z', 'voicemail_left', { undone: true }),
      call('2026-03-02T15:20:00Z', 'voicemail_left'),
      call('2026-03-03T15:00:00Z', 'conversation', { direction: 'inbound', undone: true }),
    ];
    expect(tally(log)).toEqual({ dials: 1, redials: 0, connects: 0, conversations: 0, advances: 0, conversions: 0, talkSeconds: 0, voicemails: 1, voicemailsReturned: 0 });
  });

  it('does not count a dial the phone refused', () => {
    expect(tally([call('2026-03-02T15:00:00Z', null, { dialFailed: true })]).dials).toBe(0);
  });
});

describe('voicemail returned: an inbound call from the lead within 5 business days', () => {
  // Monday 2 March 2026, 10:00 in New York. Business days after it: Tue 3, Wed 4, Thu 5, Fri 6,
  // Mon 9 (the 5th); Tue 10 is the 6th.
  const voicemail = call('2026-03-02T15:00:00Z', 'voicemail_left');
  const inbound = (at: string, extra: Partial<MeasuredCall> = {}) => call(at, 'conversation', { direction: 'inbound', ...extra });

  it('is returned by a call late on the 5th business day', () => {
    // Monday 9 March, 23:30 in New York (EDT from 8 March: UTC−4) = 03:30Z on the 10th.
    expect(isVoicemailReturned(voicemail, [voicemail, inbound('2026-03-10T03:30:00Z')])).toBe(true);
    expect(tally([voicemail, inbound('2026-03-10T03:30:00Z')])).toMatchObject({ voicemails: 1, voicemailsReturned: 1 });
  });

  it('is not returned by a call on the 6th business day', () => {
    // Tuesday 10 March, 00:30 in New York.
    expect(isVoicemailReturned(voicemail, [voicemail, inbound('2026-03-10T04:30:00Z')])).toBe(false);
  });

  it('is not returned by another lead, an outbound call, an undone call, or a call before it', () => {
    const others = [
      inbound('2026-03-03T15:00:00Z', { contactId: 2 }),
      call('2026-03-03T15:00:00Z', 'conversation'),
      inbound('2026-03-03T16:00:00Z', { undone: true }),
      inbound('2026-03-02T14:00:00Z'),
    ];
    expect(isVoicemailReturned(voicemail, [voicemail, ...others])).toBe(false);
  });

  it('gives a voicemail left on a Saturday until the end of the next Friday', () => {
    const saturday = call('2026-03-07T15:00:00Z', 'voicemail_left');
    // Friday 13 March ends at 04:00Z on the 14th (EDT).
    expect(voicemailReturnDeadline(saturday.at, 'America/New_York')).toBe(Date.parse('2026-03-14T04:00:00Z'));
    expect(isVoicemailReturned(saturday, [inbound('2026-03-14T03:59:00Z')])).toBe(true);
    expect(isVoicemailReturned(saturday, [inbound('2026-03-14T04:00:00Z')])).toBe(false);
  });
});

describe("the prospect's local hour for the heat map", () => {
  it('follows a half-hour zone across its DST change', () => {
    // St John's, Newfoundland: UTC−3:30, then UTC−2:30 from Sunday 8 March 2026 02:00.
    // The same 13:00Z is 09:30 on Friday 6 March and 10:30 on Monday 9 March.
    expect(localSlot(Date.parse('2026-03-06T13:00:00Z'), 'America/St_Johns')).toEqual({ weekday: 5, hour: 9 });
    expect(localSlot(Date.parse('2026-03-09T13:00:00Z'), 'America/St_Johns')).toEqual({ weekday: 1, hour: 10 });
    // 02:45Z on the 6th is still Thursday 5 March (23:15) on their clock.
    expect(localSlot(Date.parse('2026-03-06T02:45:00Z'), 'America/St_Johns')).toEqual({ weekday: 4, hour: 23 });
    expect(localDayNumber(Date.parse('2026-03-06T02:45:00Z'), 'America/St_Johns')).toBe(Date.UTC(2026, 2, 5) / 86_400_000);
  });
});

describe('rates', () => {
  it('divides by dials and by conversations, and says nothing where there is nothing to divide', () => {
    const t = { dials: 40, redials: 0, connects: 10, conversations: 8, advances: 2, conversions: 1, talkSeconds: 0, voicemails: 0, voicemailsReturned: 0 };
    expect(ratesOf(t)).toEqual({ conversationRate: 0.2, connectRate: 0.25, advanceRate: 0.25, conversionRate: 0.125, voicemailReturnRate: null });
  });
});
