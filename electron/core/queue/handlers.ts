import { snoozeInstant } from '../instants';
import type { HandlersOf, Services } from '../handlers';

export function queueHandlers({ ctx, queue }: Services): HandlersOf<'queue.list' | 'queue.notNow' | 'queue.act'> {
  const at = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  return {
    'queue.list': (request) => queue.list({ ...request, at: at(request.at) }),
    'queue.notNow': (request) => queue.notNow({ ...request, at: at(request.at) }),
    'queue.act': ({ contactId, action, until, preset, reason }) => {
      if (action === 'skip') return queue.act({ contactId, action, reason });
      if (action !== 'snooze') return queue.act({ contactId, action });
      // A preset is decided here, on the rep's clock; the wire schema makes sure one is given.
      return queue.act({ contactId, action, until: snoozeInstant(ctx, { preset, until }) });
    },
  };
}
