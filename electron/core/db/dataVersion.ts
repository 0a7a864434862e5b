import type { Database } from 'better-sqlite3';
import { scalar } from './sql';

// PRAGMA data_version changes whenever another connection commits (the CLI writing while the app
// runs). Read through one prepared statement: db.pragma() prepares anew on every call, which the
// queue's hot path cannot afford.
const dataVersionOf = scalar<number>('PRAGMA data_version');

export function dataVersion(db: Database): number {
  return dataVersionOf(db).get()!;
}

/** True once after each commit by another connection since the last call: caches reload then. */
export function otherConnectionWatch(db: Database): () => boolean {
  let seen = dataVersion(db);
  return () => {
    const now = dataVersion(db);
    if (now === seen) return false;
    seen = now;
    return true;
  };
}
