import type { HandlersOf, Services } from '../handlers';
import { undoableDispositions } from './undoable';

type CallChannels = 'contacts.get' | 'calls.dial' | 'calls.draft' | 'calls.search' | 'calls.log' | 'calls.undo' | 'calls.undoable' | 'calls.logInbound' | 'calls.hangUp' | 'redial.get' | 'redial.act';

export function callsHandlers({ ctx, calls, redial }: Services): HandlersOf<CallChannels> {
  const instant = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  return {
    'contacts.get': ({ id }) => calls.detail(id),
    'calls.dial': ({ contactId, override, otherPhone }) => calls.dial(contactId, override, otherPhone),
    'calls.draft': ({ contactId, text }) => calls.saveDraft(contactId, text),
    'calls.search': ({ text, outcome, contactId, limit, after, withTotal }) =>
      calls.search({ text, outcome, contactId }, { limit, withTotal, after: after ? { dialedAt: Date.parse(after.dialedAt), id: after.id } : null }),
    'calls.log': ({ callId, outcome, notes, nextStep, nextAt, callbackAt, reason, objections, checklist, gatekeeperName, queueFilter }) =>
      calls.log(callId, { outcome, notes, objections, checklist, gatekeeperName, detail: { nextStep, nextAt: instant(nextAt), callbackAt: instant(callbackAt), reason } }, queueFilter),
    'calls.logInbound': ({ contactId, outcome, notes, nextStep, nextAt, callbackAt, reason, objections, checklist, gatekeeperName, durationSeconds }) =>
      calls.logInbound(contactId, { outcome, notes, objections, checklist, gatekeeperName, detail: { nextStep, nextAt: instant(nextAt), callbackAt: instant(callbackAt), reason } }, durationSeconds ?? null),
    'calls.hangUp': ({ callId }) => calls.hangUp(callId),
    'calls.undo': ({ callId, confirm }) => calls.undo(callId, confirm),
    'calls.undoable': ({ limit }) => undoableDispositions(ctx, limit),
    'redial.get': ({ contactId }) => redial.get(contactId),
    'redial.act': ({ contactId, action }) => {
      if (action === 'dial_now') return redial.dialNow(contactId);
      if (action === 'connected') return redial.connected(contactId);
      return redial.stop(contactId);
    },
  };
}
