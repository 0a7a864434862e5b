import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { DECLARED_SQL, isPrepared } from '../../electron/core/db/sql';
import { makeCore, type TestCore } from './helpers';

/** Count the statements the connection prepares from now on. */
function countPrepares(db: Database): { count: () => number } {
  let prepares = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    prepares++;
    return prepare(source);
  }) as typeof db.prepare;
  return { count: () => prepares };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Turns of the event loop until every declared statement is prepared (or `limit` turns). */
async function warmedUp(t: TestCore, limit: number): Promise<boolean> {
  const texts = [...new Set(DECLARED_SQL)];
  for (let i = 0; i < limit; i++) {
    if (texts.every((text) => isPrepared(t.core.db, text) || isPrepared(t.core.db, text, true))) return true;
    await turn();
  }
  return false;
}

let open: TestCore | null = null;
afterEach(() => {
  open?.core.close();
  open = null;
});

describe('the statements prepared in the pauses after start (db/statementWarmup.ts)', () => {
  it('prepares every declared statement in the pauses, so the first disposition prepares none', async () => {
    const t = (open = makeCore());
    const lead = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' })).id;
    const call = await t.call<{ id: number }>('calls.dial', { contactId: lead });
    // 378 statements at the time of writing, ten a turn.
    expect(await warmedUp(t, 200)).toBe(true);
    const prepares = countPrepares(t.core.db);
    const logged = await t.call<{ next: unknown; show: unknown }>('calls.log', { callId: call.id, outcome: 'voicemail_left', notes: 'Left the 9am message.' });
    expect(logged.show).not.toBeUndefined();
    expect(prepares.count()).toBe(0);
  });

  it('stops preparing when the core closes', async () => {
    const t = makeCore();
    const prepares = countPrepares(t.core.db);
    t.core.close();
    for (let i = 0; i < 5; i++) await turn();
    expect(prepares.count()).toBe(0);
  });
});
