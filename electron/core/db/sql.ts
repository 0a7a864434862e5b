// Typed statements over one cache. Preparing a statement costs more than running a simple one
// (tens of µs against a few), and the queue and the disposition path run the same few statements
// all day: each SQL text is prepared once per connection and kept. A repo declares each statement
// once, at module level, with the row it returns and the parameters it takes, so callers get
// typed rows without casts, and SQL is never assembled from values at run time.
import type { Database, Statement } from 'better-sqlite3';

type Params = unknown[] | object;
type Bound<P extends Params> = P extends unknown[] ? P : [P];

const caches = new WeakMap<Database, Map<string, Statement<unknown[], unknown>>>();

function prepared(db: Database, key: string, text: string, pluck: boolean): Statement<unknown[], unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let found = cache.get(key);
  if (!found) {
    found = db.prepare(text);
    if (pluck) found.pluck(true);
    cache.set(key, found);
  }
  return found;
}

/** A statement returning rows of type Row (none for writes) and taking P: a tuple of positional
 *  parameters, or one object of named ones. */
export function statement<Row = never, P extends Params = []>(text: string): (db: Database) => Statement<Bound<P>, Row> {
  return (db) => prepared(db, text, text, false) as unknown as Statement<Bound<P>, Row>;
}

/** A statement whose first column is the answer: get() returns that value, all() the list. */
export function scalar<Value, P extends Params = []>(text: string): (db: Database) => Statement<Bound<P>, Value> {
  return (db) => prepared(db, `pluck:${text}`, text, true) as unknown as Statement<Bound<P>, Value>;
}
