import type { Database, Statement } from 'better-sqlite3';

// Preparing a statement costs more than running a simple one (tens of µs against a few), and
// the queue and the disposition path run the same few statements all day: prepare each SQL text
// once per connection and keep it.
const caches = new WeakMap<Database, Map<string, Statement>>();

export function sql(db: Database, text: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}
