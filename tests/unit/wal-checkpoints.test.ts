import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from 'better-sqlite3';
import { IDLE_CHECKPOINT_MS, SAFETY_NET_PAGES, WalCheckpoints, WRITES_PER_CHECKPOINT } from '../../electron/core/db/checkpoints';
import { pathsFor } from '../../electron/core/paths';
import { makeCore, tempDir } from './helpers';

/** A connection that records the pragmas it is given; a checkpoint answers `checkpoint`. */
function recordingDb(checkpoint = { busy: 0, log: 4, checkpointed: 4 }): { db: Database; pragmas: string[] } {
  const pragmas: string[] = [];
  const db = {
    open: true,
    pragma: (text: string) => {
      pragmas.push(text);
      return text.startsWith('wal_checkpoint') ? [checkpoint] : [];
    },
  } as unknown as Database;
  return { db, pragmas };
}

/** The WAL header's salts: new ones each time the WAL is started over. */
function walSalts(databaseFile: string): string {
  const header = Buffer.alloc(32);
  const fd = fs.openSync(`${databaseFile}-wal`, 'r');
  try {
    fs.readSync(fd, header, 0, 32, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.subarray(16, 24).toString('hex');
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const checkpointsIn = (pragmas: string[]) => pragmas.filter((p) => p === 'wal_checkpoint(PASSIVE)').length;

afterEach(() => vi.useRealTimers());

describe('checkpoints in the pauses', () => {
  it('raises SQLite’s own threshold, checkpoints on the next turn after a few writes, never inside the write', async () => {
    const { db, pragmas } = recordingDb();
    const checkpoints = new WalCheckpoints(db);
    expect(pragmas).toEqual([`wal_autocheckpoint = ${SAFETY_NET_PAGES}`]);
    for (let i = 0; i < WRITES_PER_CHECKPOINT - 1; i++) checkpoints.afterWrite();
    await turn();
    expect(checkpointsIn(pragmas)).toBe(0);
    checkpoints.afterWrite();
    // Not in the write's own turn (its reply is still on its way)…
    expect(checkpointsIn(pragmas)).toBe(0);
    // …on the next.
    await turn();
    expect(checkpointsIn(pragmas)).toBe(1);
    // Nothing written since: nothing to do.
    await turn();
    checkpoints.run();
    expect(checkpointsIn(pragmas)).toBe(1);
    checkpoints.close();
  });

  it('checkpoints what is left after a pause, and nothing once closed', () => {
    vi.useFakeTimers();
    const { db, pragmas } = recordingDb();
    const checkpoints = new WalCheckpoints(db);
    checkpoints.afterWrite();
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS - 1);
    // Another write pushes the pause back.
    checkpoints.afterWrite();
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS - 1);
    expect(checkpointsIn(pragmas)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(checkpointsIn(pragmas)).toBe(1);
    checkpoints.afterWrite();
    checkpoints.close();
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS * 2);
    expect(checkpointsIn(pragmas)).toBe(1);
  });

  it('starts the WAL over itself after a checkpoint that copied all of it, and only then', () => {
    for (const [result, restarts] of [
      [{ busy: 0, log: 4, checkpointed: 4 }, 1],
      [{ busy: 0, log: 4, checkpointed: 3 }, 0],
      [{ busy: 1, log: 4, checkpointed: 4 }, 0],
      [{ busy: 0, log: 0, checkpointed: 0 }, 0],
    ] as const) {
      const { db } = recordingDb(result);
      let restarted = 0;
      const checkpoints = new WalCheckpoints(db, () => restarted++);
      checkpoints.afterWrite();
      checkpoints.run();
      expect(restarted).toBe(restarts);
      checkpoints.close();
    }
  });

  // The commit that starts the WAL over syncs twice; after the pause's checkpoint the app's own
  // small write is that commit, so the rep's next disposition appends to the same WAL.
  it('in the core, the disposition after a pause does not start the WAL over', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const file = pathsFor(dir).databaseFile;
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' });
    const logOne = async () => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId: id, override: true });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    };
    for (let i = 0; i < WRITES_PER_CHECKPOINT; i++) await logOne();
    const before = walSalts(file);
    await turn();
    const afterPause = walSalts(file);
    // The pause checkpointed everything and started the WAL over (new salts)…
    expect(afterPause).not.toBe(before);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM wal_restarts').get()).toEqual({ n: 1 });
    // …so the next disposition's commit only appends.
    await logOne();
    expect(walSalts(file)).toBe(afterPause);
    t.core.close();
  });

  it('is wired into the core: dispositions are followed by a checkpoint on a later turn, and SQLite’s own waits for the safety net', async () => {
    const t = makeCore();
    expect(t.core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
    const pragma = vi.spyOn(t.core.db, 'pragma');
    const { id } = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0100' });
    for (let i = 0; i < WRITES_PER_CHECKPOINT; i++) {
      const call = await t.call<{ id: number }>('calls.dial', { contactId: id, override: true });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    }
    const during = pragma.mock.calls.filter(([text]) => text === 'wal_checkpoint(PASSIVE)').length;
    await turn();
    expect(pragma.mock.calls.filter(([text]) => text === 'wal_checkpoint(PASSIVE)').length).toBeGreaterThan(during);
    t.core.close();
  });
});
