import type { Contact } from '../../../shared/ipc/contract';
import { leadSearchMatch } from '../../../shared/domain/leadSearch';
import type { CoreContext } from '../context';
import { contactView } from '../contacts/service';
import { findLeads, findLeadsByEmail, findLeadsByNumberPart } from './repo';
import type { ContactRow } from '../contacts/repo';

/** Leads by name, company, email or any of their numbers (in any format), best match first. */
export function searchLeads(ctx: CoreContext, request: { text: string; limit: number }): { contacts: Contact[] } {
  const search = leadSearchMatch(request.text, ctx.settings.get('defaultCountry'));
  if (search === null) return { contacts: [] };
  const rows = search.kind === 'email' ? findLeadsByEmail(ctx.db, search.prefix, request.limit) : findLeads(ctx.db, search.match, request.limit);
  if (search.kind === 'words' && search.numberPart && rows.length < request.limit) addNumbersContaining(ctx, search.numberPart, rows, request.limit);
  return { contacts: rows.map((row) => contactView(ctx.db, row)) };
}

/** Numbers with the digits further in ("555-0701" typed without its area code), after those that
 *  start with them, as the contacts list finds them. */
function addNumbersContaining(ctx: CoreContext, digits: string, rows: ContactRow[], limit: number): void {
  const shown = new Set(rows.map((row) => row.id));
  for (const row of findLeadsByNumberPart(ctx.db, digits, limit + rows.length)) {
    if (rows.length >= limit) break;
    if (!shown.has(row.id)) rows.push(row);
  }
}
