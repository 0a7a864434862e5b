// A disposition commits without waiting for the disk, syncs the WAL while its reply is built, and
// replies only once the sync is done (db/overlappedCommits.ts): what the screen acknowledges is on
// the disk, and no other reply shows it before it is.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { fdatasyncFile, OverlappedCommits, overlappableWal, type SyncFile } from '../../electron/core/db/overlappedCommits';
import { pathsFor } from '../../electron/core/paths';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { tempDir } from './helpers';

const SYNCHRONOUS_NORMAL = 1;
const SYNCHRONOUS_FULL = 2;

function held(): { promise: Promise<void>; release: () => void; fail: (error: Error) => void } {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

/** Several turns of the event loop: a reply not waiting for anything would have settled. */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

function coreWith(dir: string, syncWal: SyncFile) {
  // Noon in New York on a Wednesday: inside calling hours.
  return createCore({ paths: pathsFor(dir), clock: new FakeClock('2026-03-04T17:00:00Z'), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), startTimers: false, initialCountry: 'US', initialTimeZone: 'America/New_York', repTimeZone: 'America/New_York', syncWal });
}

async function value<T>(envelope: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const reply = await envelope;
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.value as T;
}

describe('a disposition syncs the WAL beside its reply', () => {
  it('replies only once the WAL is synced, the sync starting after the commit; other replies wait too', async () => {
    const dir = tempDir();
    const syncs: { file: string; outcomeOnDisk: string | null; synchronous: unknown }[] = [];
    let sync = held();
    const core = coreWith(dir, (file) => {
      // What another connection reads when the sync starts: the disposition is committed.
      const reader = new BetterSqlite3(core.db.name, { readonly: true });
      const outcome = reader.prepare('SELECT outcome FROM calls ORDER BY id DESC LIMIT 1').pluck().get() as string | null;
      reader.close();
      syncs.push({ file, outcomeOnDisk: outcome, synchronous: core.db.pragma('synchronous', { simple: true }) });
      return sync.promise;
    });
    const ana = await value<{ id: number }>(core.invoke('contacts.add', { firstName: 'Ana', phone: '+12125550143' }));
    await value(core.invoke('contacts.add', { firstName: 'Bo', phone: '+12125550144' }));
    const call = await value<{ id: number }>(core.invoke('calls.dial', { contactId: ana.id }));
    expect(syncs).toEqual([]); // only a disposition's commit is overlapped

    let logged = false;
    let listed = false;
    const log = core.invoke('calls.log', { callId: call.id, outcome: 'no_answer' }).then((reply) => {
      logged = true;
      return reply;
    });
    // Asked while the sync runs: its reply would show the new call.
    const list = core.invoke('calls.search', { contactId: ana.id, limit: 10 }).then((reply) => {
      listed = true;
      return reply;
    });
    await turns();
    expect(syncs).toEqual([{ file: `${core.db.name}-wal`, outcomeOnDisk: 'no_answer', synchronous: SYNCHRONOUS_FULL }]);
    expect(logged).toBe(false);
    expect(listed).toBe(false);

    sync.release();
    const reply = await log;
    expect(reply.ok).toBe(true);
    expect((reply as { value: { call: { outcome: string } } }).value.call.outcome).toBe('no_answer');
    expect((await list).ok).toBe(true);
    expect(listed).toBe(true);

    // With nothing syncing, a reply does not wait.
    sync = held();
    await value(core.invoke('calls.search', { contactId: ana.id, limit: 10 }));
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a sync the disk refuses is told in the reply, and the call stays logged', async () => {
    const dir = tempDir();
    const core = coreWith(dir, () => Promise.reject(new Error('EIO: i/o error, fdatasync')));
    const ana = await value<{ id: number }>(core.invoke('contacts.add', { firstName: 'Ana', phone: '+12125550143' }));
    const call = await value<{ id: number }>(core.invoke('calls.dial', { contactId: ana.id }));
    const reply = await core.invoke('calls.log', { callId: call.id, outcome: 'voicemail_left' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.message).toContain('EIO: i/o error');
      expect(reply.error.message).toContain('may not survive a power cut');
    }
    const detail = await value<{ calls: { id: number; outcome: string | null }[] }>(core.invoke('contacts.get', { id: ana.id }));
    expect(detail.calls[0]).toMatchObject({ id: call.id, outcome: 'voicemail_left' });
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('OverlappedCommits', () => {
  it('commits with synchronous=NORMAL and puts FULL back, even when the transaction throws', () => {
    const dir = tempDir();
    const db = new BetterSqlite3(path.join(dir, 'x.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const synced: string[] = [];
    const commits = new OverlappedCommits(db, overlappableWal(db, 'linux'), async (file) => {
      synced.push(file);
    });
    const during = commits.commit(() => db.pragma('synchronous', { simple: true }));
    expect(during.result).toBe(SYNCHRONOUS_NORMAL);
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_FULL);
    expect(synced).toEqual([`${db.name}-wal`]);
    expect(() =>
      commits.commit(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_FULL);
    // A refused transaction committed nothing: nothing to sync.
    expect(synced).toHaveLength(1);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is SQLite’s own commit on macOS, in memory and outside WAL mode', () => {
    const dir = tempDir();
    const file = new BetterSqlite3(path.join(dir, 'x.sqlite'));
    file.pragma('journal_mode = WAL');
    expect(overlappableWal(file, 'linux')).toBe(`${file.name}-wal`);
    expect(overlappableWal(file, 'win32')).toBe(`${file.name}-wal`);
    expect(overlappableWal(file, 'darwin')).toBeNull();
    file.pragma('journal_mode = DELETE');
    expect(overlappableWal(file, 'linux')).toBeNull();
    const memory = new BetterSqlite3(':memory:');
    expect(overlappableWal(memory, 'linux')).toBeNull();
    const commits = new OverlappedCommits(memory, null, () => {
      throw new Error('no sync expected');
    });
    expect(commits.commit(() => memory.pragma('synchronous', { simple: true })).result).toBe(SYNCHRONOUS_FULL);
    expect(commits.running()).toBeNull();
    file.close();
    memory.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the default sync flushes the named file, and says when it cannot', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x-wal');
    fs.writeFileSync(file, 'frames');
    await expect(fdatasyncFile(file)).resolves.toBeUndefined();
    await expect(fdatasyncFile(path.join(dir, 'missing-wal'))).rejects.toThrow(/ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
