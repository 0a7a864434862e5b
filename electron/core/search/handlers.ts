import type { HandlersOf, Services } from '../handlers';
import { searchLeads } from './service';

export function searchHandlers({ ctx }: Services): HandlersOf<'search.leads'> {
  return {
    'search.leads': (request) => searchLeads(ctx, request),
  };
}
