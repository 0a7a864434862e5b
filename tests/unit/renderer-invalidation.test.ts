// The renderer's cache and the core's events (renderer/src/api/invalidation.ts): which answers an
// event makes stale, which of them are asked again now (those on screen), and how the renderer's
// own write keeps its echoes from asking again for what its reply brought.
import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ECHO_GRACE_MS, EVENT_EFFECTS, guardEchoes, markStale, REFETCH_PAGES_AT_MOST, settleEchoes, type CoreEvent } from '../../renderer/src/api/invalidation';
import type { EventName, EventPayload } from '../../shared/ipc/contract';

const contactKey = (id: number): QueryKey => ['contacts.get', { id }];

/** A cache with answers in it, some on screen (observed); counts what is asked again. */
function cache() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const asked: string[] = [];
  const observers: (() => void)[] = [];
  const answer = (key: QueryKey, onScreen: boolean) => {
    const queryFn = async () => {
      asked.push(JSON.stringify(key));
      return { key };
    };
    client.setQueryDefaults(key, { queryFn });
    client.setQueryData(key, { key });
    if (onScreen) observers.push(new QueryObserver(client, { queryKey: key, queryFn, staleTime: Infinity }).subscribe(() => undefined));
  };
  const stale = (key: QueryKey) => client.getQueryState(key)?.isInvalidated === true;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { client, asked, answer, stale, settle, close: () => observers.forEach((off) => off()) };
}

function effect<E extends EventName>(name: E, payload: EventPayload<E>): { stale: ReturnType<(typeof EVENT_EFFECTS)[E]['stale']>; event: CoreEvent } {
  return { stale: (EVENT_EFFECTS[name].stale as (p: EventPayload<E>) => never)(payload), event: { name, payload } };
}

describe('what an event makes stale', () => {
  it('a call changed: that lead and the log; the answers on screen are asked again, the others when next shown', async () => {
    const c = cache();
    c.answer(contactKey(3), true);
    c.answer(contactKey(4), true);
    c.answer(['calls.search', { text: '', outcome: null }], false);
    c.answer(['queue.list', { limit: 1000 }], true);
    const { stale, event } = effect('calls.changed', { callId: 7, contactId: 3 });
    markStale(c.client, stale, event);
    await c.settle();
    expect(c.asked).toEqual([JSON.stringify(contactKey(3))]);
    expect(c.stale(['calls.search', { text: '', outcome: null }])).toBe(true);
    expect(c.stale(contactKey(4))).toBe(false);
    expect(c.stale(['queue.list', { limit: 1000 }])).toBe(false);
    c.close();
  });

  it('the clock jumped, midnight passed or something fell due: who is offered, what is due, and every lead’s "now"', () => {
    // Follow-through: a task or promise falls due or becomes overdue as time passes; a lead's next
    // step slips into stalled (and into the lost and stalled report).
    const TIME_BOUND = ['contacts.get', 'due.list', 'due.upcoming', 'follow.lead', 'follow.lostReport', 'promises.list', 'queue.list', 'queue.notNow', 'stalled.list', 'tasks.list'];
    // A clock jump can also start a new day: the session strip's and the dashboard's numbers.
    const MEASURE = ['stats.heatmap', 'stats.session', 'stats.summary', 'stats.windowSuggestion'];
    expect(effect('clock.changed', { now: '2026-03-04T17:00:00Z', rate: 0 }).stale.map((s) => s.channel).sort()).toEqual([...TIME_BOUND, ...MEASURE].sort());
    expect(effect('due.changed', { dueNow: 1 }).stale.map((s) => s.channel).sort()).toEqual(TIME_BOUND);
    // Midnight with the app open: today's numbers, what is due and every drawn "3:00 PM".
    expect(effect('day.changed', { day: '2026-03-05' }).stale.map((s) => s.channel).sort()).toEqual([...TIME_BOUND, ...MEASURE].sort());
  });

  it('progress is recorded as it comes, not asked for', () => {
    const c = cache();
    EVENT_EFFECTS['import.progress'].record!(c.client, { stageId: 's1', processed: 10, total: 100, done: false });
    expect(c.client.getQueryData(['progress', 'import', 's1'])).toMatchObject({ processed: 10, total: 100 });
    expect(EVENT_EFFECTS['import.progress'].stale({ stageId: 's1', processed: 10, total: 100, done: false })).toEqual([]);
  });

  it('a long list read page by page is only marked stale past a few pages (a rep deep in the log)', async () => {
    const c = cache();
    const short = ['calls.search', { text: 'a', outcome: null }];
    const long = ['calls.search', { text: 'b', outcome: null }];
    c.answer(short, true);
    c.answer(long, true);
    c.client.setQueryData(short, { pages: [1, 2], pageParams: [null, 1] });
    c.client.setQueryData(long, { pages: Array.from({ length: REFETCH_PAGES_AT_MOST + 1 }, (_, i) => i), pageParams: [] });
    markStale(c.client, [{ channel: 'calls.search' }]);
    await c.settle();
    expect(c.asked).toEqual([JSON.stringify(short)]);
    expect(c.stale(long)).toBe(true);
    c.close();
  });
});

describe('echoes of the renderer’s own write', () => {
  const loggedCall = 7;
  const echo = (event: CoreEvent) => event.name === 'calls.changed' && (event.payload as { callId: number }).callId === loggedCall;

  it('while the disposition is on its way, its echo marks the lead on screen stale without asking again', async () => {
    const c = cache();
    c.answer(contactKey(3), true);
    const guard = guardEchoes(echo, [contactKey(3)]);
    const { stale, event } = effect('calls.changed', { callId: loggedCall, contactId: 3 });
    markStale(c.client, stale, event);
    await c.settle();
    expect(c.asked).toEqual([]);
    expect(c.stale(contactKey(3))).toBe(true);
    settleEchoes(guard, [], -Infinity);
    c.close();
  });

  it('after the reply, what it brought is kept through the grace period; another event still asks again', async () => {
    const c = cache();
    c.answer(contactKey(4), true);
    const guard = guardEchoes(echo, []);
    const now = 1_000;
    settleEchoes(guard, [contactKey(4)], now);
    // The same call's echo, late over the event stream: the reply already holds lead 4.
    const late = effect('calls.changed', { callId: loggedCall, contactId: 4 });
    markStale(c.client, late.stale, late.event, now + ECHO_GRACE_MS - 1);
    await c.settle();
    expect(c.asked).toEqual([]);
    expect(c.stale(contactKey(4))).toBe(false);
    // The redial loop's next attempt on lead 4 is news: asked again at once.
    const next = effect('calls.changed', { callId: loggedCall + 1, contactId: 4 });
    markStale(c.client, next.stale, next.event, now + 10);
    await c.settle();
    expect(c.asked).toEqual([JSON.stringify(contactKey(4))]);
    c.close();
  });

  it('once the grace period is over, even the same event asks again', async () => {
    const c = cache();
    c.answer(contactKey(5), true);
    const guard = guardEchoes(echo, []);
    settleEchoes(guard, [contactKey(5)], 0);
    const late = effect('calls.changed', { callId: loggedCall, contactId: 5 });
    markStale(c.client, late.stale, late.event, ECHO_GRACE_MS + 1);
    await c.settle();
    expect(c.asked).toEqual([JSON.stringify(contactKey(5))]);
    c.close();
  });
});

describe('an answer on its way when an event makes it stale', () => {
  /** The queue on screen, its first answer held back until released. */
  function queueOnScreen() {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    const key: QueryKey = ['queue.list', { limit: 1000 }];
    let release: (names: string[]) => void = () => undefined;
    let asked = 0;
    const queryFn = () => {
      asked++;
      // The first read was made before the callback fell due; a later one finds it.
      return asked === 1 ? new Promise<string[]>((resolve) => (release = resolve)) : Promise.resolve(['Ana', 'Ben']);
    };
    const off = new QueryObserver(client, { queryKey: key, queryFn, staleTime: Infinity }).subscribe(() => undefined);
    return { client, key, asked: () => asked, release: (names: string[]) => release(names), off };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('is asked again once it lands, not twice at once: what it brought was read before the change', async () => {
    const q = queueOnScreen();
    await settle();
    expect(q.asked()).toBe(1);
    const { stale, event } = effect('queue.changed', {});
    markStale(q.client, stale, event);
    await settle();
    expect(q.asked()).toBe(1);
    q.release(['Ben']);
    await settle();
    expect(q.asked()).toBe(2);
    expect(q.client.getQueryData(q.key)).toEqual(['Ana', 'Ben']);
    q.off();
  });

  it('lands and stays when no event came while it was on its way', async () => {
    const q = queueOnScreen();
    await settle();
    q.release(['Ben']);
    await settle();
    expect(q.asked()).toBe(1);
    expect(q.client.getQueryData(q.key)).toEqual(['Ben']);
    q.off();
  });
});
