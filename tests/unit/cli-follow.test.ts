import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]) {
  const result = spawnSync(TSX, ['electron/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DIALDECK_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli: tasks and promises', () => {
  // Eighteen runs of the command line, each starting the core: more than the default time.
  it('log a voicemail, list the email task, promise, overdue, kept, task done, export tasks', { timeout: 240_000 }, () => {
    const dir = tempDir();
    const file = path.join(dir, 'leads.csv');
    fs.writeFileSync(file, 'First name,Last name,Company,Phone,Email\nJo,Tremblay,Acme,(212) 555-0143,jo@example.com\n');
    expect(cli('import', file, '--data-dir', dir, '--country', 'US', '--json').code).toBe(0);
    const [lead] = (JSON.parse(cli('contacts', '--data-dir', dir, '--json').stdout) as { contacts: { id: number }[] }).contacts;
    // Monday 2 March 2026, 12:00 in New York.
    expect(cli('log', String(lead!.id), 'voicemail_left', '--at', '2026-03-02T17:00:00Z', '--data-dir', dir).code).toBe(0);

    const tasks = JSON.parse(cli('tasks', '--due', '--at', '2026-03-02T17:05:00Z', '--data-dir', dir, '--json').stdout) as { tasks: { id: number; kind: string; title: string }[] };
    expect(tasks.tasks.map((t) => [t.kind, t.title])).toEqual([['email', 'Email: after a voicemail']]);
    const notYet = JSON.parse(cli('tasks', '--due', '--at', '2026-03-02T16:59:00Z', '--data-dir', dir, '--json').stdout) as { tasks: unknown[] };
    expect(notYet.tasks).toEqual([]);

    const added = cli('promise', 'add', String(lead!.id), '--what', 'send the price list', '--due', '2026-03-02T18:00:00Z', '--at', '2026-03-02T17:06:00Z', '--data-dir', dir, '--json');
    expect(added.code).toBe(0);
    const promise = JSON.parse(added.stdout) as { id: number; overdue: boolean };
    expect(promise.overdue).toBe(false);
    const late = JSON.parse(cli('promises', '--overdue', '--at', '2026-03-02T19:00:00Z', '--data-dir', dir, '--json').stdout) as { id: number; overdue: boolean; late: string }[];
    expect(late.map((p) => [p.id, p.overdue, p.late])).toEqual([[promise.id, true, '1 h late']]);
    const early = JSON.parse(cli('promises', '--at', '2026-03-02T17:30:00Z', '--data-dir', dir, '--json').stdout) as { overdue: boolean }[];
    expect(early.map((p) => p.overdue)).toEqual([false]);
    expect(cli('promise', 'kept', String(promise.id), '--note', 'emailed it', '--at', '2026-03-02T19:01:00Z', '--data-dir', dir).code).toBe(0);
    expect(JSON.parse(cli('promises', '--data-dir', dir, '--json').stdout)).toEqual([]);
    // The kept one is listed with --state kept, with its note; none is broken; a state that is not
    // one, or two flags that disagree, are refused with the flag named.
    const kept = JSON.parse(cli('promises', '--state', 'kept', '--data-dir', dir, '--json').stdout) as { id: number; keptNote: string }[];
    expect(kept.map((p) => [p.id, p.keptNote])).toEqual([[promise.id, 'emailed it']]);
    expect(JSON.parse(cli('promises', '--state', 'broken', '--data-dir', dir, '--json').stdout)).toEqual([]);
    const wrong = cli('promises', '--state', 'done', '--data-dir', dir);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--state');
    expect(cli('promises', '--state', 'kept', '--overdue', '--data-dir', dir).code).not.toBe(0);

    expect(cli('task', 'done', String(tasks.tasks[0]!.id), '--at', '2026-03-02T19:02:00Z', '--data-dir', dir).code).toBe(0);
    const out = path.join(dir, 'tasks.csv');
    expect(cli('export', 'tasks', '--out', out, '--data-dir', dir).code).toBe(0);
    const rows = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '')).data.filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['task_id', 'kind', 'title', 'due_at', 'contact_id', 'name', 'company', 'email', 'time_zones', 'email_situation', 'created_at']);
    // The email task is done and the promise kept: nothing is open.
    expect(rows).toHaveLength(1);

    const bad = cli('promise', 'add', String(lead!.id), '--what', 'x', '--due', 'tomorrow', '--data-dir', dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--due must be an ISO instant/);
  });

  it('export lost: the lost calls of the range as CSV, with their reasons and notes', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const file = path.join(dir, 'leads.csv');
    fs.writeFileSync(file, 'First name,Last name,Company,Phone\nJo,Tremblay,Acme,(212) 555-0143\nAna,Silva,Brightline,(212) 555-0144\n');
    expect(cli('import', file, '--data-dir', dir, '--country', 'US', '--json').code).toBe(0);
    const [jo, ana] = (JSON.parse(cli('contacts', '--data-dir', dir, '--json').stdout) as { contacts: { id: number; firstName: string }[] }).contacts.sort((a, b) => a.id - b.id);
    expect(cli('log', String(jo!.id), 'not_interested', '--reason', 'No budget', '--note', 'froze spending', '--at', '2026-03-02T17:00:00Z', '--data-dir', dir).code).toBe(0);
    expect(cli('log', String(ana!.id), 'not_interested', '--reason', 'No need', '--at', '2026-03-05T17:00:00Z', '--data-dir', dir).code).toBe(0);
    const out = path.join(dir, 'lost.csv');
    const run = cli('export', 'lost', '--out', out, '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-04T00:00:00Z', '--data-dir', dir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, rows: 1 });
    const rows = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[7]])).toEqual([
      ['kind', 'reason', 'contact_id', 'name', 'notes'],
      ['lost', 'No budget', String(jo!.id), 'Jo Tremblay', 'froze spending'],
    ]);
  });
});
