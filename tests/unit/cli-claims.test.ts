import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

// What the README promises of the command line, held against fixtures written here: the
// expected names, numbers and rows are read off these files, not off the app's output.

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(dir: string, ...args: string[]) {
  const result = spawnSync(TSX, ['electron/cli/index.ts', ...args, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DIALDECK_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliJson<T>(dir: string, ...args: string[]): T {
  const run = cli(dir, ...args, '--json');
  if (run.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

// Wednesday 4 March 2026; 10:00 in New York is 15:00 UTC.
const IMPORTED_AT = '2026-03-04T14:00:00Z';

const LEADS = [
  'First Name,Last Name,Company,Email,Phone,Lead Type',
  'Ana,Silva,Acme Corp,ana.silva@acme.example,(212) 555-0101,Inbound',
  'Ben,Okoro,Brightline Ltd,ben@brightline.example,+1 312 555 0102,Outbound',
  'Zoë,Dubois,Acme Corp,zoe.dubois@lumen.example,415.555.0103,Outbound',
  'Cy,Novak,Novak & Sons,cy@novak.example,+44 20 7946 0958,Outbound',
  'Di,Acmeson,Harbour Co,di@harbour.example,212 555 0104,Outbound',
  'Eve,Park,Lumen Labs,eve@lumenlabs.example,212.555.0105,Outbound',
].join('\n');

// Numbers in the formats people keep them in; junk rows are rejected with their row number
// (the header is row 1, as a spreadsheet shows it).
const DNC_FILE = [
  'Phone,Note', // 1
  '(212) 555-0101,asked twice', // 2 Ana
  '+1 312 555 0102,', // 3 Ben
  '415.555.0103', // 4 Zoë
  'call me maybe,no number here', // 5 junk
  '', // 6 blank
  '12', // 7 junk
  '+44 20 7946 0958', // 8 Cy
  '212 555 0101', // 9 Ana again
].join('\n');
const LISTED = ['+12125550101', '+13125550102', '+14155550103', '+442079460958'];

interface Listed {
  contacts: { id: number; firstName: string; lastName: string; e164: string | null; doNotCall: boolean }[];
  otherRows: unknown[];
}

// Each test runs the real command line several times (about half a second each on an idle machine).
describe('the command line does what the README says', { timeout: 90_000 }, () => {
  let dir: string;
  let ids: Map<string, number>;

  beforeAll(() => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'leads.csv'), LEADS);
    fs.writeFileSync(path.join(dir, 'dnc.csv'), DNC_FILE);
    const summary = cliJson<{ imported: number; rejected: number }>(dir, 'import', path.join(dir, 'leads.csv'), '--country', 'US', '--lines', 'business', '--at', IMPORTED_AT);
    expect(summary).toMatchObject({ imported: 6, rejected: 0 });
    ids = new Map(cliJson<Listed>(dir, 'contacts').contacts.map((c) => [c.firstName, c.id]));
  });

  const names = (listed: Listed) => listed.contacts.map((c) => c.firstName).sort();

  it('contacts --search finds by name, company, email and a phone typed in another format', () => {
    const search = (text: string) => names(cliJson<Listed>(dir, 'contacts', '--search', text));
    expect(search('acme')).toEqual(['Ana', 'Di', 'Zoë']); // company, email, and Di Acmeson's name
    expect(search('ZOË')).toEqual(['Zoë']);
    expect(search('novak & sons')).toEqual(['Cy']);
    expect(search('brightline.example')).toEqual(['Ben']);
    expect(search('212-555-0101')).toEqual(['Ana']); // imported as (212) 555-0101
    expect(search('+1 (415) 555 0103')).toEqual(['Zoë']); // imported as 415.555.0103
    expect(search('+44 20 7946 0958')).toEqual(['Cy']);
    expect(search('7946')).toEqual(['Cy']); // digits within the number
    expect(search('nobody')).toEqual([]);
    expect(cliJson<Listed>(dir, 'contacts', '--search', 'acme').otherRows).toEqual([]);
  });

  it('dnc import <file>: numbers in mixed formats added, junk rejected with its row number, nothing removed; those leads leave the queue', () => {
    // 10:00 in New York (07:00 in San Francisco, 15:00 in London): all six business lines are
    // in their calling hours, and their queue rows exist before the list arrives.
    const queueAt = () => cliJson<{ entries: { contactId: number }[] }>(dir, 'queue', '--at', '2026-03-04T15:00:00Z').entries.map((e) => e.contactId).sort((a, b) => a - b);
    expect(queueAt()).toEqual([...ids.values()].sort((a, b) => a - b));
    const first = cliJson<{ added: number; alreadyListed: number; rejected: { rowNumber: number; value: string; reason: string }[] }>(dir, 'dnc', 'import', path.join(dir, 'dnc.csv'));
    expect(first.added).toBe(4);
    expect(first.alreadyListed).toBe(1);
    expect(first.rejected.map((r) => r.rowNumber)).toEqual([5, 7]);
    expect(first.rejected[0]).toMatchObject({ value: expect.stringContaining('call me maybe'), reason: 'no phone number' });
    expect(first.rejected[1]).toMatchObject({ value: '12', reason: expect.any(String) });
    expect(first.rejected[1]!.reason).not.toBe('');

    // The same file again: everything already listed, the same rows rejected, in text too.
    const again = cli(dir, 'dnc', 'import', path.join(dir, 'dnc.csv'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 added, 5 already listed, 2 rejected');
    expect(again.stdout).toMatch(/row 5: "call me maybe[^"]*": no phone number/);
    expect(again.stdout).toMatch(/row 7: "12": /);

    expect(cliJson<{ e164: string }[]>(dir, 'dnc', 'list').map((e) => e.e164).sort()).toEqual([...LISTED].sort());
    const listed = cliJson<Listed>(dir, 'contacts').contacts;
    expect(listed.filter((c) => c.doNotCall).map((c) => c.firstName).sort()).toEqual(['Ana', 'Ben', 'Cy', 'Zoë']);
    // Only the two leads whose numbers are not listed are still offered.
    expect(queueAt()).toEqual([ids.get('Di')!, ids.get('Eve')!].sort((a, b) => a - b));
  });

  it('log takes the outcome as a person types it (no-answer, "No Answer", the key), and refuses anything else with the accepted forms', () => {
    const di = String(ids.get('Di'));
    const logged = [
      cli(dir, 'log', di, 'no-answer', '--at', '2026-03-04T15:00:00Z', '--note', 'Asked about pricing for 12 seats'),
      cli(dir, 'log', di, 'No Answer', '--at', '2026-03-04T15:20:00Z'),
      cli(dir, 'log', di, '1', '--at', '2026-03-04T15:40:00Z'),
    ];
    for (const run of logged) expect(run.code, run.stderr).toBe(0);
    const refused = cli(dir, 'log', di, 'maybe', '--at', '2026-03-04T16:00:00Z');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"maybe" is not an outcome');
    expect(refused.stderr).toContain('1 no_answer');
    expect(refused.stderr).toContain('D do_not_call');
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(cli(dir, 'log', di, 'constructor').code).toBe(2);
    // d is do not call: the number joins the list with the disposition.
    expect(cli(dir, 'log', di, 'd', '--at', '2026-03-04T16:10:00Z').code).toBe(0);

    const db = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT outcome, notes FROM calls WHERE contact_id = ? ORDER BY dialed_at').all(ids.get('Di')) as { outcome: string; notes: string }[];
    expect(rows.map((r) => r.outcome)).toEqual(['no_answer', 'no_answer', 'no_answer', 'do_not_call']);
    expect(db.prepare('SELECT count(*) AS n FROM dnc WHERE e164 = ?').get('+12125550104')).toEqual({ n: 1 });
    db.close();
  });

  it('calls --search TEXT and --contact ID: the matching calls, newest first', () => {
    const eve = String(ids.get('Eve'));
    const advance = cli(dir, 'log', eve, 'advance', '--next-step', 'Demo with their CFO', '--next-at', '2026-03-10T15:00:00Z', '--at', '2026-03-04T16:30:00Z');
    expect(advance.code, advance.stderr).toBe(0);
    const voicemail = cli(dir, 'log', eve, 'voicemail-left', '--at', '2026-03-04T16:20:00Z');
    expect(voicemail.code, voicemail.stderr).toBe(0);
    const [advanceId, voicemailId] = [Number(advance.stdout.trim()), Number(voicemail.stdout.trim())];

    type Log = { total: number; calls: { id: number; contactId: number; outcome: string; dialedAt: string }[] };
    const search = (...args: string[]) => cliJson<Log>(dir, 'calls', ...args);
    // Notes, company, next step and the contact's name.
    const pricing = search('--search', 'pricing');
    expect(pricing.calls.map((c) => [c.contactId, c.dialedAt])).toEqual([[ids.get('Di'), '2026-03-04T15:00:00.000Z']]);
    expect(search('--search', 'Lumen Labs').calls.map((c) => c.id)).toEqual([advanceId, voicemailId]);
    expect(search('--search', 'CFO').calls.map((c) => c.id)).toEqual([advanceId]);
    const byName = search('--search', 'acmeson');
    expect(byName.total).toBe(4);
    expect(byName.calls.map((c) => c.dialedAt)).toEqual(['2026-03-04T16:10:00.000Z', '2026-03-04T15:40:00.000Z', '2026-03-04T15:20:00.000Z', '2026-03-04T15:00:00.000Z']);
    expect(search('--search', 'nothing like this').calls).toEqual([]);

    const evesCalls = search('--contact', eve);
    expect(evesCalls.calls.map((c) => [c.id, c.outcome])).toEqual([
      [advanceId, 'advance'],
      [voicemailId, 'voicemail_left'],
    ]);
    expect(search('--contact', eve, '--search', 'pricing').calls).toEqual([]);
    expect(search('--contact', String(ids.get('Di'))).total).toBe(4);
    expect(cli(dir, 'calls', '--contact', 'Di').code).toBe(2);
  });

  it('a command named like something every object has is unknown, not a crash', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const run = cli(dir, name);
      expect(run.code, name).toBe(2);
      expect(run.stderr).toContain(`Unknown command "${name}"`);
    }
  });
});
