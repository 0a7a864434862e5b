import { snoozeUntil } from '../../../shared/domain/queueRules';
import { CoreError } from '../errors';
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
      const instant = preset ? snoozeUntil(preset, ctx.clock.now().getTime(), ctx.repTimeZone) : at(until);
      if (instant === undefined) throw new CoreError('invalid_request', 'Choose until when to snooze.', { until: 'Choose until when to snooze' });
      return queue.act({ contactId, action, until: instant });
    },
  };
}
