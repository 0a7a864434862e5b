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
    found = db.prepare(planStableSql(text));
    if (pluck) found.pluck(true);
    cache.set(key, found);
  }
  return found;
}

/** A statement returning rows of type Row (none for writes) and taking P: a tuple of positional
 *  parameters, or one object of named ones. */
export function statement<Row = never, P extends Params = []>(text: string): (db: Database) => Statement<Bound<P>, Row> {
  const key = declare(text, false);
  return (db) => prepared(db, key, text, false) as unknown as Statement<Bound<P>, Row>;
}

/** A statement whose first column is the answer: get() returns that value, all() the list. */
export function scalar<Value, P extends Params = []>(text: string): (db: Database) => Statement<Bound<P>, Value> {
  // The key is built once here, not at each run (a long text joined anew, then hashed).
  const key = declare(text, true);
  return (db) => prepared(db, key, text, true) as unknown as Statement<Bound<P>, Value>;
}

/** Every SQL text given to statement() or scalar(), in the order declared (the plan test reads
 *  them all). */
export const DECLARED_SQL: string[] = [];

/** Note a declaration (for the plan test); its cache key (a plucking statement is another
 *  prepared statement). */
function declare(text: string, pluck: boolean): string {
  DECLARED_SQL.push(text);
  return pluck ? `pluck:${text}` : text;
}

// Sticky: matches at one position only, so the text is read once, left to right. A name's `$`
// or `:` is no parameter: the character before it is checked below.
const PARAMETER = /\?\d*|[:@$][A-Za-z0-9_]+/y;

/** The text as prepared: every bound parameter written `+?`. SQLite (this build has STAT4)
 *  otherwise re-prepares a statement whenever a value is bound to a parameter whose value could
 *  steer its plan: a parameter in a statement with an ORDER BY, or over a table whose partial
 *  indexes have literals to compare it with, and any LIMIT or OFFSET (bound anew at every run,
 *  whatever its value). A lead's calls (`contact_id = ? ORDER BY …`) were compiled afresh at
 *  every read, and better-sqlite3 built a new row constructor (a `Function`) for each; a tier's
 *  read of the queue, with its LIMIT, took ~80 µs to compile at every pick against ~10 µs to run.
 *  A unary plus is a no-op on a value (no affinity either way, an index still serves
 *  `col = +?`, a LIMIT takes any expression); it only stops the bound value steering the plan,
 *  as SQLite's own query-planner stability guarantee would (not reachable through
 *  better-sqlite3). Every declared statement's plan was compared on the benchmark's seeded file
 *  with each LIMIT bound to 1, 50 and 500: the same. */
export function planStableSql(text: string): string {
  let out = '';
  let i = 0;
  // The last character outside strings, comments and spaces: a parameter already after a + is kept.
  let lastMark = '';
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      for (;;) {
        if (j >= text.length) break;
        if (text[j] === close) {
          // A doubled quote is a quote inside the literal.
          if (close !== ']' && text[j + 1] === close) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      lastMark = '';
      continue;
    }
    if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    PARAMETER.lastIndex = i;
    const parameter = PARAMETER.exec(text);
    if (parameter && (ch === '?' || !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))) {
      out += lastMark === '+' ? parameter[0] : `+${parameter[0]}`;
      i += parameter[0].length;
      lastMark = '';
      continue;
    }
    if (!/\s/.test(ch)) lastMark = ch;
    out += ch;
    i++;
  }
  return out;
}
