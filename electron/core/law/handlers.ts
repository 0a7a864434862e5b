import type { HandlersOf, Services } from '../handlers';
import { leadWhy, ruleList, setRule } from './service';

export function lawHandlers({ ctx, queue }: Services): HandlersOf<'law.rules' | 'law.set' | 'law.why'> {
  return {
    'law.rules': () => ruleList(ctx),
    'law.set': (request) => setRule(ctx, queue, request),
    'law.why': ({ contactId, at }) => leadWhy(ctx, queue, contactId, at === undefined ? ctx.clock.now().getTime() : Date.parse(at)),
  };
}
