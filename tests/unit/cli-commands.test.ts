import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { defaultDataDir, resolveDataDir } from '../../electron/core/paths';
import { countryFromLocale } from '../../electron/core/settings/locale';
import { QUEUE_TIERS, type QueueTier } from '../../shared/domain/queueRules';
import { expectedLeadTime, FIXTURES, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]) {
  const result = spawnSync(TSX, ['electron/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DIALDECK_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  it('check --json reports version, integrity and counts', () => {
    const dir = tempDir();
    const { code, stdout } = cli('check', '--data-dir', dir, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      journalMode: 'wal',
      quickCheck: ['ok'],
      counts: { contacts: 0, calls: 0, doNotCall: 0 },
    });
  });

  it('check prints text by default', () => {
    const { code, stdout } = cli('check', '--data-dir', tempDir());
    expect(code).toBe(0);
    expect(stdout).toMatch(/Schema version: \d+ \(latest \d+\)/);
    expect(stdout).toContain('Integrity:      ok');
  });

  it('an unknown command or option is a usage error (exit 2)', () => {
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('check', '--no-such-flag').code).toBe(2);
  });

  it('refuses a database from a newer Dialdeck with the clear message (exit 1)', () => {
    const dir = tempDir();
    const db = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const { code, stderr } = cli('check', '--data-dir', dir);
    expect(code).toBe(1);
    expect(stderr).toContain('written by a newer Dialdeck');
  });

  it('queue --at --json, log and calls --json: the queue in order, a disposition saved through the core, the log', () => {
    const dir = tempDir();
    const at = '2026-03-04T15:00:00Z'; // 10:00 in New York
    expect(cli('import', path.join(FIXTURES, 'leads/hubspot-50.utf8.csv'), '--data-dir', dir, '--country', 'US', '--at', '2026-03-04T14:00:00Z').code).toBe(0);
    const queue = cli('queue', '--at', at, '--limit', '100', '--json', '--data-dir', dir);
    expect(queue.code).toBe(0);
    const listed = JSON.parse(queue.stdout) as { at: string; queued: number; entries: { position: number; contactId: number; tier: QueueTier; reason: string; localTime: string }[] };
    expect(listed.at).toBe('2026-03-04T15:00:00.000Z');
    expect(listed.entries[0]).toMatchObject({ position: 1, tier: 'inbound', reason: 'inbound 1 h ago, attempt 1 of 5' });
    expect(listed.entries.map((e) => e.position)).toEqual(listed.entries.map((_, i) => i + 1));
    // Tier by tier in the product's order (inbound enquiries before fresh outbound leads), not
    // alphabetical: the file has both kinds, so both tiers are there to be ordered.
    const tiers = listed.entries.map((e) => e.tier);
    expect(new Set(tiers)).toEqual(new Set(['inbound', 'fresh']));
    expect(tiers).toEqual([...tiers].sort((a, b) => QUEUE_TIERS.indexOf(a) - QUEUE_TIERS.indexOf(b)));
    const first = listed.entries[0]!.contactId;

    // A refused disposition (no callback time) is a usage error and leaves no call behind.
    const refused = cli('log', String(first), 'callback_requested', '--at', at, '--data-dir', dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('A callback needs the time you promised');
    const logged = cli('log', String(first), 'callback_requested', '--callback-at', '2026-03-04T16:00:00Z', '--note', 'Call after lunch', '--at', at, '--data-dir', dir);
    expect(logged.code).toBe(0);
    const callId = Number(logged.stdout.trim());
    // The id is printed after the commit: another connection sees the saved call.
    const db = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT outcome, notes, callback_at FROM calls WHERE id = ?').get(callId)).toEqual({ outcome: 'callback_requested', notes: 'Call after lunch', callback_at: Date.parse('2026-03-04T16:00:00Z') });
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
    db.close();

    const later = JSON.parse(cli('queue', '--at', '2026-03-04T16:00:00Z', '--limit', '1', '--json', '--data-dir', dir).stdout) as typeof listed;
    const promised = Date.parse('2026-03-04T16:00:00Z'); // 11:00 in New York
    expect(later.entries[0]).toMatchObject({ contactId: first, tier: 'callback', reason: `callback promised for ${expectedLeadTime(promised, 'America/New_York', promised)}`, localTime: '11:00\u00a0AM' });
    const calls = JSON.parse(cli('calls', '--json', '--data-dir', dir).stdout) as { total: number; calls: { id: number; outcome: string; callbackAt: string }[] };
    expect(calls).toMatchObject({ total: 1, calls: [{ id: callId, outcome: 'callback_requested', callbackAt: '2026-03-04T16:00:00.000Z' }] });
    expect(cli('log', String(first), 'maybe', '--data-dir', dir).code).toBe(2);
    expect(cli('queue', '--at', 'yesterday', '--data-dir', dir).code).toBe(2);
  });

  it('windows --zone/--contact and due --at: voicemail windows as UTC instants, what is due and the next wake', () => {
    const dir = tempDir();
    const windows = cli('windows', '--zone', 'America/New_York', '--from', '2026-03-06T00:00:00Z', '--days', '4', '--json', '--data-dir', dir);
    expect(windows.code).toBe(0);
    // Friday morning only (no Friday afternoon), nothing at the weekend, Monday afternoon only
    // (no Monday morning), after the clocks went forward on Sunday the 8th.
    expect(JSON.parse(windows.stdout).windows).toEqual([
      { start: '2026-03-06T11:45:00.000Z', end: '2026-03-06T13:00:00.000Z', local: '6:45\u00a0AM–8:00\u00a0AM' },
      { start: '2026-03-09T20:30:00.000Z', end: '2026-03-09T22:30:00.000Z', local: '4:30\u00a0PM–6:30\u00a0PM' },
    ]);
    expect(cli('windows', '--zone', 'Mars/Olympus', '--from', '2026-03-06T00:00:00Z', '--data-dir', dir).code).toBe(2);
    expect(cli('windows', '--from', '2026-03-06T00:00:00Z', '--data-dir', dir).code).toBe(2);

    expect(cli('import', path.join(FIXTURES, 'leads/hubspot-50.utf8.csv'), '--data-dir', dir, '--country', 'US', '--at', '2026-03-04T14:00:00Z').code).toBe(0);
    const first = (JSON.parse(cli('queue', '--at', '2026-03-04T15:00:00Z', '--limit', '1', '--json', '--data-dir', dir).stdout) as { entries: { contactId: number }[] }).entries[0]!.contactId;
    const byContact = JSON.parse(cli('windows', '--contact', String(first), '--from', '2026-03-06T00:00:00Z', '--days', '1', '--json', '--data-dir', dir).stdout) as { zones: string[]; windows: unknown[] };
    expect(byContact.zones.length).toBeGreaterThan(0);
    expect(cli('log', String(first), 'callback_requested', '--callback-at', '2026-03-04T16:00:00Z', '--at', '2026-03-04T15:00:00Z', '--data-dir', dir).code).toBe(0);
    const before = JSON.parse(cli('due', '--at', '2026-03-04T15:30:00Z', '--json', '--data-dir', dir).stdout) as { due: unknown[]; nextWakeAt: string };
    expect(before.due).toEqual([]);
    expect(Date.parse(before.nextWakeAt)).toBeLessThanOrEqual(Date.parse('2026-03-04T16:00:00Z'));
    const after = JSON.parse(cli('due', '--at', '2026-03-04T16:00:00Z', '--json', '--data-dir', dir).stdout) as { due: { kind: string; contactId: number }[] };
    expect(after.due).toEqual([expect.objectContaining({ kind: 'callback', contactId: first, missed: false })]);
    // The command line reports; it leaves "missed while closed" for the app to tell.
    const db = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM missed_reports').get()).toEqual({ n: 0 });
    db.close();
  });

  it('import --json, contacts --json, export duds and dnc work on the same folder', () => {
    const dir = tempDir();
    const imported = cli('import', path.join(FIXTURES, 'leads/hubspot-50.utf8.csv'), '--data-dir', dir, '--country', 'US', '--json');
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.stdout);
    expect(summary.imported + summary.merged + summary.skipped + summary.rejected).toBe(50);
    const listed = JSON.parse(cli('contacts', '--data-dir', dir, '--json').stdout);
    const ana = listed.contacts.find((c: { firstName: string; lastName: string }) => c.firstName === 'Zoë' && c.lastName === 'Dubois');
    expect(ana).toMatchObject({ e164: '+14155552671', timeZones: ['America/Los_Angeles'], tzSource: 'address', status: 'active', duplicateOf: null, rejection: null });
    const dud = listed.contacts.find((c: { status: string }) => c.status === 'dud');
    expect(dud.rejection).toBeTruthy();
    const merged = listed.otherRows.filter((r: { status: string }) => r.status === 'duplicate');
    expect(merged.length).toBe(summary.merged + summary.skipped);
    expect(merged.every((r: { duplicateOf: number }) => Number.isInteger(r.duplicateOf))).toBe(true);
    const out = path.join(dir, 'duds.csv');
    expect(cli('export', 'duds', '--out', out, '--data-dir', dir).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(summary.rejected + 1);
    expect(cli('dnc', 'add', '(415) 555-2671', '--data-dir', dir).stdout).toContain('+14155552671 added');
    expect(cli('dnc', 'add', '+1 415 555 2671', '--data-dir', dir).stdout).toContain('already');
    expect(JSON.parse(cli('dnc', 'list', '--data-dir', dir, '--json').stdout)).toHaveLength(1);
  });

  it('export contacts writes every contact to --out, each with the values of its row in the lead file', () => {
    const dir = tempDir();
    const leadFile = path.join(FIXTURES, 'leads/hubspot-50.utf8.csv');
    expect(cli('import', leadFile, '--data-dir', dir, '--country', 'US').code).toBe(0);
    const out = path.join(dir, 'contacts.csv');
    const exported = cli('export', 'contacts', '--out', out, '--data-dir', dir, '--json');
    expect(exported.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(JSON.parse(exported.stdout)).toEqual({ ok: true, file: out, rows: rows.length });
    // Every contact the database holds, in order.
    const listed = JSON.parse(cli('contacts', '--data-dir', dir, '--json').stdout) as { contacts: { id: number }[] };
    expect(rows.map((r) => Number(r.id))).toEqual(listed.contacts.map((c) => c.id));
    // Each with its fixture row's values; a ' before a value that starts like a formula (no value
    // in this file has one after a separator).
    const fixture = Papa.parse<Record<string, string>>(fs.readFileSync(leadFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const asWritten = (cell: string) => (/^[=+\-@]/.test(cell) ? `'${cell}` : cell);
    for (const row of rows) {
      const source = fixture[Number(row.source_row) - 2]!;
      expect([row.first_name, row.last_name, row.company, row.title, row.email, row.notes]).toEqual(
        [source['First Name']!, source['Last Name']!, source['Company Name']!, source['Job Title']!, source.Email!, source.Notes!].map(asWritten),
      );
      expect([source['Phone Number']!, source['Mobile Phone Number']!].map(asWritten)).toContain(row.phone_as_imported);
    }
    expect(rows.length).toBeGreaterThan(40);
  });

  it('an unreadable file is one clear error, not a crash', () => {
    const dir = tempDir();
    for (const [file, message] of [
      ['leads/bad-empty.csv', 'The file is empty'],
      ['leads/bad-binary.csv', 'not a text file'],
      ['leads/no-such-file.csv', 'no such file'],
    ] as const) {
      const { code, stderr } = cli('import', path.join(FIXTURES, file), '--data-dir', dir);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe('paths and locale', () => {
  it('the default data folder matches Electron userData for "Dialdeck"', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Dialdeck');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Dialdeck');
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Dialdeck');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ana')).toBe('/x/Dialdeck');
  });

  it('--data-dir wins over DIALDECK_DATA_DIR', () => {
    expect(resolveDataDir('/a', { DIALDECK_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { DIALDECK_DATA_DIR: '/b' })).toBe('/b');
  });

  it('reads the country from a locale', () => {
    expect(countryFromLocale('en-GB')).toBe('GB');
    expect(countryFromLocale('de_DE.UTF-8')).toBe('DE');
    expect(countryFromLocale('C')).toBeUndefined();
    expect(countryFromLocale(undefined)).toBeUndefined();
    expect(countryFromLocale('en-ZZ')).toBeUndefined();
  });
});

describe('npm run cli -- why', () => {
  it('names the rule that forbids a call now, with its citation, the rules that allow it, and when the lead is next callable', () => {
    const dir = tempDir();
    const file = path.join(dir, 'leads.csv');
    // A Florida address and a Miami number; line type unknown, so residential (the stricter).
    fs.writeFileSync(file, 'First Name,Last Name,Phone,State\nFlo,Rida,(305) 555-0111,FL\n');
    expect(cli('import', file, '--data-dir', dir, '--country', 'US', '--at', '2026-03-04T14:00:00Z').code).toBe(0);
    const id = (JSON.parse(cli('contacts', '--data-dir', dir, '--json').stdout) as { contacts: { id: number }[] }).contacts[0]!.id;

    // Wednesday 4 March 2026, 20:30 in Miami (EST, UTC−5) is 01:30 UTC on the 5th: inside the
    // federal 08:00–21:00, outside Florida's 08:00–20:00 (Fla. Stat. § 501.616(6)).
    const run = cli('why', String(id), '--data-dir', dir, '--at', '2026-03-05T01:30:00Z', '--json');
    expect(run.code, run.stderr).toBe(0);
    const why = JSON.parse(run.stdout) as { callable: boolean; lineType: string; jurisdictions: string[]; nextOpen: string; queue: { code: string; reason: string }; rules: { id: string; on: boolean; allows: boolean; why: string | null; citation: string }[] };
    expect(why.callable).toBe(false);
    expect(why.lineType).toBe('residential');
    expect(why.jurisdictions).toEqual(expect.arrayContaining(['US', 'US-FL']));
    // 08:00 tomorrow in Miami, with its date (not the day --at is on there).
    const opens = expectedLeadTime(Date.parse('2026-03-05T13:00:00Z'), 'America/New_York', Date.parse('2026-03-05T01:30:00Z'));
    expect(why.queue).toMatchObject({ code: 'outside_hours', reason: `Florida: calls 8:00\u00a0AM–8:00\u00a0PM their time, opens at ${opens} (Fla. Stat. § 501.616(6))` });
    // 08:00 EST on Thursday the 5th.
    expect(why.nextOpen).toBe('2026-03-05T13:00:00.000Z');
    const byId = new Map(why.rules.map((r) => [r.id, r]));
    expect(byId.get('us-fl')).toMatchObject({ on: true, allows: false, why: 'calls 8:00\u00a0AM–8:00\u00a0PM their time', citation: 'Fla. Stat. § 501.616(6)' });
    expect(byId.get('us-federal')).toMatchObject({ on: true, allows: true, why: null });

    // The same in text, and at 10:00 their time it is callable.
    expect(cli('why', String(id), '--data-dir', dir, '--at', '2026-03-05T01:30:00Z').stdout).toMatch(/us-fl\s+FORBIDS\s+Florida: calls 8:00\sAM–8:00\sPM their time \(Fla\. Stat\. § 501\.616\(6\)\)/);
    expect(JSON.parse(cli('why', String(id), '--data-dir', dir, '--at', '2026-03-05T15:00:00Z', '--json').stdout)).toMatchObject({ callable: true });
    expect(cli('why', 'abc', '--data-dir', dir).code).toBe(2);
    expect(cli('why', '999', '--data-dir', dir).stderr).toContain('There is no lead with id 999');
  });
});
