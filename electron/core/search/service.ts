import type { Contact } from '../../../shared/ipc/contract';
import { leadSearchMatch } from '../../../shared/domain/leadSearch';
import type { CoreContext } from '../context';
import { contactView } from '../contacts/service';
import { findLeads, findLeadsByEmail } from './repo';

/** Leads by name, company, email or any of their numbers (in any format), best match first. */
export function searchLeads(ctx: CoreContext, request: { text: string; limit: number }): { contacts: Contact[] } {
  const search = leadSearchMatch(request.text, ctx.settings.get('defaultCountry'));
  if (search === null) return { contacts: [] };
  const rows = search.kind === 'email' ? findLeadsByEmail(ctx.db, search.prefix, request.limit) : findLeads(ctx.db, search.match, request.limit);
  return { contacts: rows.map((row) => contactView(ctx.db, row)) };
}
