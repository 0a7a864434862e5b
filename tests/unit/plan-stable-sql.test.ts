import { describe, expect, it } from 'vitest';
import { DECLARED_SQL, planStableSql } from '../../electron/core/db/sql';
import { listCallsForContact } from '../../electron/core/calls/repo';
import { tierRows, TIER_SCAN } from '../../electron/core/queue/repo';
import { tierRank } from '../../shared/domain/queueRules';
import { NO_LEAD_FILTER } from '../../shared/domain/campaigns';
import { makeCore, type TestCore } from './helpers';

describe('planStableSql: no bound value steers a plan', () => {
  it('writes each parameter as +parameter, outside strings, quoted names and comments, LIMIT and OFFSET included', () => {
    expect(planStableSql('SELECT * FROM calls WHERE contact_id = ? AND id <> ?2 ORDER BY dialed_at')).toBe('SELECT * FROM calls WHERE contact_id = +? AND id <> +?2 ORDER BY dialed_at');
    expect(planStableSql('UPDATE t SET a = @a, b = :b, c = $c WHERE id = @id')).toBe('UPDATE t SET a = +@a, b = +:b, c = +$c WHERE id = +@id');
    expect(planStableSql("SELECT json_extract(v, '$.e164'), 'what? @home :x' FROM t WHERE \"odd?col\" = ? AND [x@y] = @y")).toBe(
      "SELECT json_extract(v, '$.e164'), 'what? @home :x' FROM t WHERE \"odd?col\" = +? AND [x@y] = +@y",
    );
    expect(planStableSql("SELECT 'it''s ? here' || ?")).toBe("SELECT 'it''s ? here' || +?");
    expect(planStableSql('SELECT a -- why? @note\nFROM t /* a ? b */ WHERE b = ?')).toBe('SELECT a -- why? @note\nFROM t /* a ? b */ WHERE b = +?');
    expect(planStableSql('SELECT id FROM t WHERE k = @k ORDER BY id LIMIT @limit OFFSET @offset')).toBe('SELECT id FROM t WHERE k = +@k ORDER BY id LIMIT +@limit OFFSET +@offset');
    expect(planStableSql('SELECT id FROM t WHERE k > ? limit ?')).toBe('SELECT id FROM t WHERE k > +? limit +?');
    expect(planStableSql('SELECT id FROM t WHERE k = +? AND x IN (SELECT value FROM json_each(?))')).toBe('SELECT id FROM t WHERE k = +? AND x IN (SELECT value FROM json_each(+?))');
    expect(planStableSql('SELECT count(*) FROM t')).toBe('SELECT count(*) FROM t');
  });

  it('every statement the core declares still prepares, as rewritten, on a database at the latest schema', () => {
    const t = makeCore();
    const texts = [...new Set(DECLARED_SQL)];
    // The core's repos are loaded: hundreds of statements, most of them with parameters.
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter((text) => planStableSql(text) !== text).length).toBeGreaterThan(250);
    const refused = texts.flatMap((text) => {
      try {
        t.core.db.prepare(planStableSql(text));
        return [];
      } catch (error) {
        return [`${(error as Error).message}: ${text.slice(0, 100)}`];
      }
    });
    expect(refused).toEqual([]);
    t.core.close();
  });
});

/** Calls `read` with row constructors counted: better-sqlite3 builds one (with the Function
 *  constructor) when it first reads a statement's rows and again whenever SQLite re-prepared
 *  the statement, which a bound value steering the plan makes it do at every new binding. */
async function rowConstructorsBuilt(read: () => unknown): Promise<string[]> {
  const built: string[] = [];
  const original = globalThis.Function;
  globalThis.Function = new Proxy(original, {
    apply(target, self, args: string[]) {
      built.push(String(args.at(-1)));
      return Reflect.apply(target, self, args) as unknown;
    },
  });
  try {
    await read();
  } finally {
    globalThis.Function = original;
  }
  return built;
}

async function leads(t: TestCore, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await t.call<{ id: number }>('contacts.add', { firstName: `Lead${i}`, lastName: 'Test', company: 'Acme', phone: `+1 212 555 ${String(1000 + i)}` })).id);
  return ids;
}

describe('statements are compiled once, whatever they are bound to', () => {
  it('a lead’s calls, read for one lead after another, are read by the statement as first compiled', async () => {
    const t = makeCore();
    const ids = await leads(t, 4);
    for (const contactId of ids) {
      const call = await t.call<{ id: number }>('calls.dial', { contactId });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    }
    expect(listCallsForContact(t.core.db, ids[0]!)).toHaveLength(1);
    const built = await rowConstructorsBuilt(() => {
      for (const contactId of [...ids, ...ids]) expect(listCallsForContact(t.core.db, contactId)).toHaveLength(1);
    });
    expect(built).toEqual([]);
    t.core.close();
  });

  it('a disposition and the next lead’s screen in its reply compile nothing once the first has run', async () => {
    const t = makeCore();
    const ids = await leads(t, 8);
    const dispose = async (contactId: number, outcome: string) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId, override: true });
      const logged = await t.call<{ show: { detail: { contact: { id: number } } } | null }>('calls.log', { callId: call.id, outcome, notes: 'Spoke to reception.' });
      expect(logged.show).not.toBeNull();
    };
    // The first of each outcome prepares its statements.
    await dispose(ids[0]!, 'no_answer');
    await dispose(ids[1]!, 'voicemail_left');
    await dispose(ids[2]!, 'gatekeeper');
    const built = await rowConstructorsBuilt(async () => {
      await dispose(ids[3]!, 'no_answer');
      await dispose(ids[4]!, 'voicemail_left');
      await dispose(ids[5]!, 'gatekeeper');
      await dispose(ids[6]!, 'no_answer');
    });
    expect(built).toEqual([]);
    t.core.close();
  });

  it('a tier read with its LIMIT bound anew at each read is read by the statement as first compiled', async () => {
    const t = makeCore();
    await leads(t, 6);
    const db = t.core.db;
    const keys = [...new Set(db.prepare('SELECT zone_id FROM queue_state').pluck().all() as number[])];
    const now = t.clock.now().getTime();
    // A limit over TIER_SCAN / 4 reads by one seek per zone key (a LIMIT in and around it).
    const read = (limit: number) => tierRows(db, tierRank('fresh'), keys, now, limit, 'any', NO_LEAD_FILTER).map((r) => r.contact_id);
    expect(read(TIER_SCAN)).toHaveLength(6);
    const built = await rowConstructorsBuilt(() => {
      for (const limit of [TIER_SCAN + 1, TIER_SCAN + 2, TIER_SCAN + 3]) expect(read(limit)).toHaveLength(6);
    });
    expect(built).toEqual([]);
    t.core.close();
  });
});
