import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../shared/ipc/contract';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir } from './helpers';

// calls.undoable: what Ctrl+Z offers once the page has lost its own list (a reload). Newest first,
// only what calls.undo would still take for a reason it needs no rows compared to know: not one
// already undone, not one whose lead was called again, not a do-not-call past its window, not one
// older than the snapshots are kept (24 hours).

const MIN = 60_000;
type Undoable = ResponseOf<'calls.undoable'>;

async function desk() {
  const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
  const add = async (firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone })).id;
  const ana = await add('Ana', '+1 212 555 0101');
  const ben = await add('Ben', '+1 212 555 0102');
  const cy = await add('Cy', '+1 212 555 0103');
  const log = async (contactId: number, outcome: string, extra: object = {}) => {
    const call = await t.call<{ id: number }>('calls.dial', { contactId });
    await t.call('calls.log', { callId: call.id, outcome, ...extra });
    return call.id;
  };
  const offered = async (limit = 10) => (await t.call<Undoable>('calls.undoable', { limit })).map((d) => [d.callId, d.outcome, d.name]);
  return { t, ana, ben, cy, log, offered };
}

describe('calls.undoable', () => {
  it('lists the dispositions that can still be undone, newest first, with the lead, the number and when', async () => {
    const { t, ana, ben, log, offered } = await desk();
    expect(await offered()).toEqual([]);
    const first = await log(ana, 'no_answer');
    t.clock.advance(MIN);
    const second = await log(ben, 'conversation');
    expect(await offered()).toEqual([
      [second, 'conversation', 'Ben Test'],
      [first, 'no_answer', 'Ana Test'],
    ]);
    const [newest] = await t.call<Undoable>('calls.undoable', { limit: 1 });
    expect(newest).toEqual({ callId: second, contactId: ben, outcome: 'conversation', name: 'Ben Test', number: '+12125550102', loggedAt: '2026-03-02T17:01:00.000Z' });
  });

  it('leaves out one undone and one whose lead was called again: the undo refuses both', async () => {
    const { t, ana, ben, log, offered } = await desk();
    const undone = await log(ana, 'conversation');
    await t.call('calls.undo', { callId: undone });
    const superseded = await log(ben, 'no_answer');
    // Ben is called again (dialled, no disposition yet): his no answer can no longer be undone.
    await t.call('calls.dial', { contactId: ben });
    expect(await offered()).toEqual([]);
    await expect(t.call('calls.undo', { callId: undone })).rejects.toThrow(/already undone/);
    await expect(t.call('calls.undo', { callId: superseded })).rejects.toThrow(/called again/);
  });

  it('leaves out one logged more than a day ago (the snapshots are kept 24 hours)', async () => {
    const { t, cy, log, offered } = await desk();
    const old = await log(cy, 'conversation');
    t.clock.advance(24 * 60 * MIN);
    expect(await offered()).toEqual([[old, 'conversation', 'Cy Test']]);
    t.clock.advance(1);
    expect(await offered()).toEqual([]);
    // …and calls.undo itself refuses it, though no later disposition has cleared its record yet.
    await expect(t.call('calls.undo', { callId: old, confirm: true })).rejects.toThrow(/only dispositions logged in the last 24 hours/);
  });

  it('offers a do-not-call only within its window', async () => {
    const { t, ana, log, offered } = await desk();
    const dnc = await log(ana, 'do_not_call');
    t.clock.advance(10 * MIN);
    expect(await offered()).toEqual([[dnc, 'do_not_call', 'Ana Test']]);
    t.clock.advance(MIN + 1);
    expect(await offered()).toEqual([]);
    await expect(t.call('calls.undo', { callId: dnc, confirm: true })).rejects.toThrow(/only be undone within 10 minutes/);
  });

  it('keeps to the limit', async () => {
    const { t, ana, ben, cy, log, offered } = await desk();
    for (const id of [ana, ben, cy]) {
      await log(id, 'no_answer');
      t.clock.advance(MIN);
    }
    expect((await offered(2)).map(([, , name]) => name)).toEqual(['Cy Test', 'Ben Test']);
  });
});
