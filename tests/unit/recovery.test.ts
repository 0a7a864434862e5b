// The way out of a damaged call log (issue #16, acceptance 2): pages in the middle of the file
// overwritten; the app starts in its recovery mode without touching the file; the screen's
// status says which backup and what would be lost (counted from the damaged file where it can be
// read); restoring brings the backup's calls back and keeps the damaged file aside; saving what
// can be read exports every row SQLite can still read, to CSV and a fresh database.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { startCore, type RecoveryMode, type Started } from '../../electron/core/core';
import { exportFolder } from '../../electron/core/exports/folder';
import { pathsFor } from '../../electron/core/paths';
import type { RecoveryHost } from '../../electron/core/recovery/handlers';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import type { Envelope, RecoveryStatus } from '../../shared/ipc/contract';
import { checkpoint, damagePages, pagesOf, seedCalls, sha256 } from './desk-helpers';
import { makeCore, tempDir } from './helpers';

const NOW = '2026-03-06T09:00:00Z';

function start(dir: string, host: RecoveryHost = { restored: () => undefined, quit: () => undefined }): Started {
  return startCore(
    {
      paths: pathsFor(dir),
      clock: new FakeClock(NOW),
      dialer: new RecordingDialer(),
      notifier: new RecordingNotifier(),
      files: exportFolder(path.join(dir, 'exports')),
      initialCountry: 'US',
      initialTimeZone: 'America/New_York',
      repTimeZone: 'Europe/London',
    },
    host,
  );
}

async function value<T>(envelope: Promise<Envelope<unknown>>): Promise<T> {
  const result = await envelope;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A call log with a backup of its first 2,000 calls, 1,500 more logged after it, then pages of
 *  the calls table in the middle of the file overwritten. Also a pristine copy, for the
 *  expected values. */
async function damagedDesk() {
  const t = makeCore();
  const contactId = await seedCalls(t.core, 2000);
  const backup = await t.core.backups.create('manual');
  t.clock.advance(60_000);
  await seedCalls(t.core, 1500, '+1 212 555 0143', Date.parse('2026-03-01T15:00:00Z'));
  t.core.close();
  const file = path.join(t.dir, 'dialdeck.sqlite');
  checkpoint(file);
  const pristine = path.join(tempDir(), 'pristine.sqlite');
  fs.copyFileSync(file, pristine);
  const leaves = pagesOf(file, 'calls', 'leaf');
  // A run of leaves in the middle, and one more further on: two stretches to read past.
  const damaged = [...leaves.slice(Math.floor(leaves.length / 2), Math.floor(leaves.length / 2) + 6), leaves.at(-5)!];
  damagePages(file, damaged);
  return { dir: t.dir, file, pristine, backup, contactId };
}

/** Every rowid of a table in the pristine copy that a point lookup still reads in the damaged
 *  file, with the pristine row: what "every readable row" means, computed without the salvage. */
function readableRows(pristine: string, damaged: string, table: string): Map<number, Record<string, unknown>> {
  const source = new BetterSqlite3(pristine, { readonly: true });
  const broken = new BetterSqlite3(damaged, { readonly: true });
  const readable = new Map<number, Record<string, unknown>>();
  try {
    const lookup = broken.prepare(`SELECT * FROM ${table} WHERE rowid = ?`);
    for (const row of source.prepare(`SELECT rowid AS rid, * FROM ${table}`).iterate() as IterableIterator<Record<string, unknown> & { rid: number }>) {
      try {
        if (lookup.get(row.rid) !== undefined) {
          const { rid, ...columns } = row;
          readable.set(rid, columns);
        }
      } catch {
        // Not readable: it is one of the rows the damage took.
      }
    }
  } finally {
    source.close();
    broken.close();
  }
  return readable;
}

describe('a damaged call log at start', () => {
  it('starts the recovery mode, changes nothing, and says which backup and how many calls would be lost', async () => {
    const { dir, file, pristine, backup } = await damagedDesk();
    const before = sha256(file);
    const started = start(dir);
    expect(started.kind).toBe('recovery');
    const mode = (started as { mode: RecoveryMode }).mode;
    expect(sha256(file)).toBe(before);

    const status = await value<RecoveryStatus>(mode.invoke('recovery.status', {}));
    expect(status.state).toBe('damaged');
    if (status.state !== 'damaged') return;
    expect(status.message).toMatch(/The call log file .* is damaged/);
    expect(status.keptAs).toBeNull();
    expect(status.canSaveReadable).toBe(true);
    expect(status.latestBackup).toMatchObject({ name: backup.name, calls: 2000, reason: 'manual' });
    // The calls after the backup's newest (id 2000), as far as the damaged file can be read.
    const readableAfter = [...readableRows(pristine, file, 'calls').keys()].filter((id) => id > 2000).length;
    expect(readableAfter).toBeLessThan(1500);
    expect(status.callsAfterBackup).toEqual({ count: readableAfter, complete: false });
    // Every other channel says why it cannot run.
    const other = await mode.invoke('queue.list', {});
    expect(other).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    expect(sha256(file)).toBe(before);
  });

  it('a backup named while the clock was ahead (an older copy, fewer calls) is not offered or restored as the newest', async () => {
    const { dir, backup } = await damagedDesk();
    // Another desk's copy with 300 calls, named a year after now as a clock a year ahead names it.
    const other = makeCore();
    await seedCalls(other.core, 300);
    const stale = await other.core.backups.create('daily');
    other.core.close();
    const aheadName = `dialdeck-${new Date(Date.parse(NOW) + 365 * 24 * 3_600_000).toISOString().replace(/[:.]/g, '-')}-daily.sqlite`;
    fs.copyFileSync(stale.file, path.join(dir, 'backups', aheadName));
    const mode = (start(dir) as { mode: RecoveryMode }).mode;
    const status = await value<RecoveryStatus>(mode.invoke('recovery.status', {}));
    expect(status.state === 'damaged' && status.latestBackup).toMatchObject({ name: backup.name, calls: 2000 });
    const result = await value<{ restoredFrom: string; calls: number }>(mode.invoke('recovery.restore', {}));
    expect(result).toMatchObject({ restoredFrom: backup.file, calls: 2000 });
  });

  it('restore: the backup’s calls are back, the damaged file is kept aside whole, and the app starts on it', async () => {
    const { dir, file, backup } = await damagedDesk();
    const damagedSha = sha256(file);
    let restored = 0;
    const started = start(dir, { restored: () => void restored++, quit: () => undefined });
    const mode = (started as { mode: RecoveryMode }).mode;
    const result = await value<{ restoredFrom: string; calls: number; damagedKeptAs: string }>(mode.invoke('recovery.restore', {}));
    expect(result).toEqual({ restoredFrom: backup.file, calls: 2000, damagedKeptAs: path.join(dir, 'dialdeck.sqlite.damaged-2026-03-06T09-00-00-000Z') });
    expect(sha256(result.damagedKeptAs)).toBe(damagedSha);
    await new Promise((resolve) => setImmediate(resolve));
    expect(restored).toBe(1);

    const again = start(dir);
    expect(again.kind).toBe('core');
    const core = (again as { core: import('../../electron/core/core').Core }).core;
    const calls = await value<{ total: number; calls: { id: number }[] }>(core.invoke('calls.search', { limit: 500 }));
    expect(calls.total).toBe(2000);
    expect(calls.calls[0]!.id).toBe(2000);
    core.close();
  });

  it('save what can be read: every readable row of every table to CSV and a fresh database; the damaged file untouched', async () => {
    const { dir, file, pristine } = await damagedDesk();
    const before = sha256(file);
    const started = start(dir);
    const mode = (started as { mode: RecoveryMode }).mode;
    const progress: number[] = [];
    mode.events.subscribe((event, payload) => {
      if (event === 'recovery.progress') progress.push((payload as { rows: number }).rows);
    });
    const report = await value<{ folder: string; database: string; tables: { name: string; rows: number; notStored: number; csv: string; unreadable: string[] }[] }>(
      mode.invoke('recovery.saveReadable', {}),
    );
    expect(sha256(file)).toBe(before);
    expect(progress.length).toBeGreaterThan(0);
    expect(path.dirname(report.folder)).toBe(dir);
    expect(fs.existsSync(path.join(report.folder, 'README.txt'))).toBe(true);
    expect(fs.existsSync(path.join(report.folder, '.work'))).toBe(false);

    const fresh = new BetterSqlite3(report.database, { readonly: true });
    for (const table of ['calls', 'contacts', 'settings', 'scripts', 'queue_state']) {
      const expected = readableRows(pristine, file, table);
      const saved = report.tables.find((t) => t.name === table)!;
      expect(saved.rows, table).toBe(expected.size);
      expect(saved.notStored, table).toBe(0);
      // The CSV has each readable row once, as it was.
      const csv = Papa.parse<Record<string, string>>(fs.readFileSync(saved.csv, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
      expect(csv, table).toHaveLength(expected.size);
      // The fresh database has exactly the readable rows, with their values.
      const rows = new Map((fresh.prepare(`SELECT rowid AS rid, * FROM ${table}`).all() as (Record<string, unknown> & { rid: number })[]).map(({ rid, ...columns }) => [rid, columns]));
      expect(new Set(rows.keys()), table).toEqual(new Set(expected.keys()));
      for (const [rowid, columns] of expected) expect(rows.get(rowid), `${table} ${rowid}`).toEqual(columns);
    }
    const calls = report.tables.find((t) => t.name === 'calls')!;
    expect(calls.unreadable).toHaveLength(2);
    expect(calls.rows).toBeLessThan(3500);
    expect(fresh.pragma('quick_check', { simple: true })).toBe('ok');
    fresh.close();
  });

  it('a file SQLite cannot read at all (its first page gone): nothing to save, and it says so', async () => {
    const { dir, file } = await damagedDesk();
    damagePages(file, [1]);
    const started = start(dir);
    expect(started.kind).toBe('recovery');
    const mode = (started as { mode: RecoveryMode }).mode;
    const status = await value<RecoveryStatus>(mode.invoke('recovery.status', {}));
    expect(status).toMatchObject({ state: 'damaged', callsAfterBackup: null, canSaveReadable: true });
    const report = await value<{ database: string | null; problem: string | null }>(mode.invoke('recovery.saveReadable', {}));
    expect(report.database).toBeNull();
    expect(report.problem).toContain('cannot be read');
  });

  it('a core whose file opened answers recovery.status with ok', async () => {
    const t = makeCore();
    expect(await t.call('recovery.status', {})).toEqual({ state: 'ok' });
    t.core.close();
  });
});
