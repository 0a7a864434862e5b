import type { Contact } from '../../../shared/ipc/contract';
import { leadSearchMatch } from '../../../shared/domain/leadSearch';
import type { CoreContext } from '../context';
import { contactView } from '../contacts/service';
import type { Database } from 'better-sqlite3';
import { ensureLeadSearchIndexed, findLeads, findLeadsByEmail, findLeadsByNumberPart, indexLeadSearchBacklog } from './repo';
import type { ContactRow } from '../contacts/repo';

/** Leads by name, company, email or any of their numbers (in any format), best match first. */
export function searchLeads(ctx: CoreContext, request: { text: string; limit: number }): { contacts: Contact[] } {
  ensureLeadSearchIndexed(ctx.db);
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

/** After an import: its leads into the index in steps of 10,000, one transaction each, yielding
 *  between them so the app keeps answering. Stops when the database is closed; what is left is
 *  indexed by the next search. */
export function indexLeadSearchInBackground(db: Database): void {
  const step = () => {
    if (!db.open) return;
    try {
      if (db.transaction(() => indexLeadSearchBacklog(db, 10_000)).immediate() > 0) setImmediate(step);
    } catch (error) {
      console.error('[dialdeck] indexing imported leads for search failed (the next search does it):', error);
    }
  };
  setImmediate(step);
}
