// What Ctrl+Z can offer when the page has no list of its own (the window was reloaded, or the app
// restarted): the dispositions this desk logged that CallsService.undo would still take, newest
// first. Its own refusals that need no more than a look are applied here (already undone, older
// than the snapshots are kept, the lead called again since, a do-not-call past its window); one
// that needs the rows compared (the lead edited since) is still refused by the undo, with why.
import type { ResponseOf } from '../../../shared/ipc/contract';
import { OUTCOMES, type Outcome } from '../../../shared/domain/dispositions';
import type { CoreContext } from '../context';
import { UNDO_KEPT_MS } from './service';
import { undoableRecords } from './undoableRepo';

const KNOWN_OUTCOMES: ReadonlySet<string> = new Set(OUTCOMES);

export function undoableDispositions(ctx: CoreContext, limit: number): ResponseOf<'calls.undoable'> {
  const now = ctx.clock.now().getTime();
  const dncWindowMs = ctx.settings.get('undoDoNotCallMinutes') * 60_000;
  // Read a few more than asked: do-not-calls past their window are dropped after the read.
  const rows = undoableRecords(ctx.db, now - UNDO_KEPT_MS, limit * 2 + 10);
  const offered: ResponseOf<'calls.undoable'> = [];
  for (const row of rows) {
    if (offered.length >= limit) break;
    if (!KNOWN_OUTCOMES.has(row.outcome)) continue;
    if (row.outcome === 'do_not_call' && now - row.created_at > dncWindowMs) continue;
    offered.push({
      callId: row.call_id,
      contactId: row.contact_id,
      outcome: row.outcome as Outcome,
      name: `${row.first_name} ${row.last_name}`.trim() || row.company,
      number: row.number,
      loggedAt: new Date(row.created_at).toISOString(),
    });
  }
  return offered;
}
