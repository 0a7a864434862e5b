import type { Database } from 'better-sqlite3';
import { scalar } from './sql';

// PRAGMA data_version changes whenever another connection commits (the CLI writing while the app
// runs). Read through one prepared statement: db.pragma() prepares anew on every call, which the
// queue's hot path cannot afford.
const dataVersionOf = scalar<number>('PRAGMA data_version');

export function dataVersion(db: Database): number {
  return dataVersionOf(db).get()!;
}

/** True once after each commit by another connection since the last call: caches reload then.
 *  Asked at most once per turn of the event loop: a handler runs to its end on what it read at
 *  its start, and the caches of one request are not checked again for every read. */
export function otherConnectionWatch(db: Database): () => boolean {
  let seen = dataVersion(db);
  let checkedThisTurn = false;
  return () => {
    if (checkedThisTurn) return false;
    checkedThisTurn = true;
    queueMicrotask(() => (checkedThisTurn = false));
    const now = dataVersion(db);
    if (now === seen) return false;
    seen = now;
    return true;
  };
}
