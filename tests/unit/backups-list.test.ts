// The backups list checks each backup off the thread that logs calls: a quick_check of fourteen
// backups of a large call log is seconds of reading. Here the main thread's checker is made to
// fail: the list still says what every backup holds, so the checks ran on the worker.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Backup } from '../../shared/ipc/contract';
import { seedCalls } from './desk-helpers';
import { makeCore } from './helpers';

vi.mock('../../electron/core/backups/copies', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../electron/core/backups/copies')>()),
  inspectDatabaseFile: () => {
    throw new Error('a backup was checked on the main thread');
  },
}));

describe('the backups list', () => {
  it('says what each backup holds, checked on a worker (one this app wrote, and one copied in by hand)', async () => {
    const t = makeCore();
    await seedCalls(t.core, 4);
    const made = await t.core.backups.create('manual');
    // A backup the app did not write in this run: copied in under a backup's name.
    const copied = path.join(t.dir, 'backups', 'dialdeck-2026-01-05T10-00-00-000Z-manual.sqlite');
    fs.copyFileSync(made.file, copied);
    const listed = await t.call<{ backups: Backup[] }>('backups.list', {});
    expect(listed.backups.map((b) => [b.name, b.calls, b.problem])).toEqual([
      [made.name, 4, null],
      [path.basename(copied), 4, null],
    ]);
    t.core.close();
  });
});
