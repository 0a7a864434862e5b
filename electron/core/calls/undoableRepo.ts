// Which dispositions may still be undone (Ctrl+Z after the window was reloaded: the page no longer
// holds the list it kept). The snapshots are disposition_undo's (undoRepo.ts); this only reads them.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

export interface UndoableRow {
  call_id: number;
  contact_id: number;
  outcome: string;
  created_at: number;
  number: string;
  first_name: string;
  last_name: string;
  company: string;
}

// Newest first by the kept-snapshots index (an undo marks its snapshot undone with its call, and
// only a logged disposition has one); a snapshot whose lead was called again since cannot be
// undone (CallsService.undo refuses it), so it is left out here as it is there: the lead's first
// call after it that the phone took.
const undoable = statement<UndoableRow, [since: number, limit: number]>(
  `SELECT u.call_id, u.contact_id, u.outcome, u.created_at, c.number, k.first_name, k.last_name, k.company
     FROM disposition_undo u
     JOIN calls c ON c.id = u.call_id
     JOIN contacts k ON k.id = u.contact_id
    WHERE u.undone_at IS NULL AND u.created_at >= ?
      AND NOT EXISTS (SELECT 1 FROM calls l WHERE l.contact_id = u.contact_id AND l.id > u.call_id AND l.dial_failure IS NULL)
    ORDER BY u.created_at DESC, u.call_id DESC
    LIMIT ?`,
);

/** Snapshots kept since `since` (epoch ms), not undone, whose lead has not been called since. */
export function undoableRecords(db: Database, since: number, limit: number): UndoableRow[] {
  return undoable(db).all(since, limit);
}
