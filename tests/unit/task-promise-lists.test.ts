import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../electron/core/testing';
import type { OpenTask, PromiseView } from '../../shared/ipc/contract';
import { makeCore } from './helpers';
import { planStableSql } from '../../electron/core/db/sql';

// The Tasks screen's counts and the Promises screen's lists, through the core's channels.
// The helpers' clock: Monday 2 March 2026 17:00 UTC.
const HOUR = 3_600_000;

async function lead(t: ReturnType<typeof makeCore>, first: string): Promise<number> {
  return (await t.call<{ id: number }>('contacts.add', { firstName: first, lastName: 'Lists', phone: `(212) 555-01${String(10 + first.length)}` })).id;
}

describe('open tasks counted by kind and by due', () => {
  it('counts what each filter lists, and reads the counts in an index alone', async () => {
    const t = makeCore();
    const ana = await lead(t, 'Ana');
    const now = t.clock.now().getTime();
    // Three promises (two past due), and two call tasks through broken promises (due now).
    const dues = [-2, -1, 3].map((h) => new Date(now + h * HOUR).toISOString());
    const made: PromiseView[] = [];
    for (const [i, dueAt] of dues.entries()) made.push(await t.call<PromiseView>('promises.add', { contactId: ana, what: `thing ${i}`, dueAt }));
    const extra = await t.call<PromiseView>('promises.add', { contactId: ana, what: 'thing 3', dueAt: dues[0]! });
    const extra2 = await t.call<PromiseView>('promises.add', { contactId: ana, what: 'thing 4', dueAt: dues[1]! });
    await t.call('promises.break', { id: extra.id });
    await t.call('promises.break', { id: extra2.id });
    // Open: promises 0, 1, 2 and the two call tasks. Due now: promises 0, 1 and both calls.
    const total = async (request: object) => (await t.call<{ total: number; tasks: OpenTask[] }>('tasks.list', request)).total;
    expect(await total({})).toBe(5);
    expect(await total({ kind: 'promise' })).toBe(3);
    expect(await total({ kind: 'call' })).toBe(2);
    expect(await total({ kind: 'email' })).toBe(0);
    expect(await total({ due: true })).toBe(4);
    expect(await total({ due: true, kind: 'promise' })).toBe(2);
    expect(await total({ due: true, kind: 'call' })).toBe(2);

    // 20,000 open tasks are counted on every visit: from the index, no row looked up.
    const plan = (sql: string) => (t.core.db.prepare(`EXPLAIN QUERY PLAN ${planStableSql(sql)}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(plan('SELECT count(*) FROM tasks WHERE done_at IS NULL AND due_at <= 1')).toMatch(/COVERING INDEX/);
    expect(plan("SELECT count(*) FROM tasks WHERE done_at IS NULL AND due_at <= 1 AND kind = 'call'")).toMatch(/COVERING INDEX/);
    t.core.close();
  });
});

describe('promises listed by state', () => {
  it('open (overdue too, in due order), overdue, kept and broken (the latest settled first)', async () => {
    const clock = new FakeClock('2026-03-02T17:00:00Z');
    const t = makeCore(undefined, { clock });
    const ana = await lead(t, 'Ana');
    const ben = await lead(t, 'Benoit');
    const at = (h: number) => new Date(Date.parse('2026-03-02T17:00:00Z') + h * HOUR).toISOString();
    const late = await t.call<PromiseView>('promises.add', { contactId: ana, what: 'send the price list', dueAt: at(1) });
    const later = await t.call<PromiseView>('promises.add', { contactId: ben, what: 'ask finance', dueAt: at(2) });
    const keptFirst = await t.call<PromiseView>('promises.add', { contactId: ana, what: 'book the demo', dueAt: at(5) });
    const keptSecond = await t.call<PromiseView>('promises.add', { contactId: ben, what: 'send the contract', dueAt: at(6) });
    const future = await t.call<PromiseView>('promises.add', { contactId: ben, what: 'check the invoice', dueAt: at(30) });
    const toBreak = await t.call<PromiseView>('promises.add', { contactId: ana, what: 'call the depot', dueAt: at(1.5) });

    await t.call('promises.keep', { id: keptFirst.id, note: 'booked for Thursday' });
    clock.advance(HOUR / 2);
    await t.call('promises.keep', { id: keptSecond.id, note: 'sent by DocuSign' });
    clock.advance(3 * HOUR); // 20:30Z: 'send the price list' 2 h 30 min late, 'ask finance' 1 h 30 min late
    await t.call('promises.break', { id: toBreak.id });

    const list = async (state: string) => (await t.call<PromiseView[]>('promises.list', { state })).map((p) => [p.id, p.state, p.late]);
    expect(await list('open')).toEqual([
      [late.id, 'overdue', '2 h 30 min late'],
      [later.id, 'overdue', '1 h 30 min late'],
      [future.id, 'open', null],
    ]);
    expect(await list('overdue')).toEqual([
      [late.id, 'overdue', '2 h 30 min late'],
      [later.id, 'overdue', '1 h 30 min late'],
    ]);
    expect(await list('kept')).toEqual([
      [keptSecond.id, 'kept', null],
      [keptFirst.id, 'kept', null],
    ]);
    expect(await list('broken')).toEqual([[toBreak.id, 'broken', null]]);
    // The old request still means what it meant: open ones, or only the overdue.
    expect((await t.call<PromiseView[]>('promises.list', {})).map((p) => p.id)).toEqual([late.id, later.id, future.id]);
    expect((await t.call<PromiseView[]>('promises.list', { overdue: true })).map((p) => p.id)).toEqual([late.id, later.id]);
    const kept = await t.call<PromiseView[]>('promises.list', { state: 'kept' });
    expect(kept.map((p) => [p.keptNote, p.keptAt])).toEqual([
      ['sent by DocuSign', '2026-03-02T17:30:00.000Z'],
      ['booked for Thursday', '2026-03-02T17:00:00.000Z'],
    ]);
    const plan = (sql: string) => (t.core.db.prepare(`EXPLAIN QUERY PLAN ${planStableSql(sql)}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(plan('SELECT id FROM promises WHERE kept_at IS NOT NULL ORDER BY kept_at DESC LIMIT 5')).toMatch(/promises_kept/);
    expect(plan('SELECT id FROM promises WHERE broken_at IS NOT NULL ORDER BY broken_at DESC LIMIT 5')).toMatch(/promises_broken/);
    t.core.close();
  });
});
