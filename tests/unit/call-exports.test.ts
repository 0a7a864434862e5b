// The call log's exports (#15, acceptance 5): `export calls --format csv|hubspot|salesforce|
// pipedrive` on the command line (the same COMMANDS table `npm run cli` runs, through the export
// worker), over a call log written here by hand. Each file is read back with papaparse: the CSV
// gives back the calls as they were written (hostile notes included, neutralised for a
// spreadsheet and otherwise intact), and each CRM file has the columns its documentation names.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { makeCore, tempDir } from './helpers';

async function run(args: string[], values: Record<string, string | boolean>): Promise<{ code: number; out: string }> {
  let out = '';
  const context: CliContext = { args, values, json: values.json === true, out: (t) => (out += t), err: () => undefined };
  const code = await COMMANDS.get('export')!(context);
  return { code, out };
}

/** The columns as each CRM's documentation spells them (see the README's "Exporting calls"). */
const DOCUMENTED = new Map([
  // developers.hubspot.com/docs/guides/api/crm/engagements/calls (call properties) and the imports guide (Email associates a contact).
  ['hubspot', ['hs_timestamp', 'hs_call_title', 'hs_call_body', 'hs_call_direction', 'hs_call_duration', 'hs_call_status', 'hs_call_to_number', 'Email', 'First Name', 'Last Name', 'Company Name']],
  // developer.salesforce.com Task object reference (API field names).
  ['salesforce', ['Subject', 'ActivityDate', 'Status', 'Priority', 'TaskSubtype', 'CallType', 'CallDurationInSeconds', 'CallDisposition', 'Description', 'WhoId', 'Email', 'Phone']],
  // Pipedrive's activity fields (subject, type, due date, due time, duration, note, done) and import mapping's person/organization names.
  ['pipedrive', ['Subject', 'Type', 'Due date', 'Due time', 'Duration', 'Note', 'Done', 'Person name', 'Person email', 'Person phone', 'Organization name']],
]);

interface WrittenCall {
  dialedAt: string;
  outcome: string | null;
  talk: number | null;
  notes: string;
  undone: boolean;
  failed: boolean;
  redial: boolean;
}

/** A spreadsheet-safe cell as papaparse reads it back: the `'` Dialdeck put before a field that
 *  would start a formula. */
const neutralised = (cell: string) => cell.replace(/(^|[,;\t\r\n])("*[=+\-@\t\r])/g, "$1'$2");

const CALLS: WrittenCall[] = [
  { dialedAt: '2026-03-02T14:00:00.000Z', outcome: 'conversation', talk: 125, notes: 'Wants a demo, Tuesday', undone: false, failed: false, redial: false },
  { dialedAt: '2026-03-02T15:30:00.000Z', outcome: 'voicemail_left', talk: null, notes: '=HYPERLINK("http://x.example","y")', undone: false, failed: false, redial: false },
  { dialedAt: '2026-03-03T16:00:00.000Z', outcome: 'engaged', talk: null, notes: 'line one\n@line two; -3', undone: false, failed: false, redial: true },
  { dialedAt: '2026-03-03T17:45:00.000Z', outcome: 'advance', talk: 3725, notes: 'Undone: logged on the wrong lead', undone: true, failed: false, redial: false },
  { dialedAt: '2026-03-04T09:00:00.000Z', outcome: null, talk: null, notes: '', undone: false, failed: true, redial: false },
  { dialedAt: '2026-03-04T10:00:00.000Z', outcome: 'gatekeeper', talk: 40, notes: 'Put through to voicemail', undone: false, failed: false, redial: false },
  { dialedAt: '2026-03-04T11:00:00.000Z', outcome: 'conversation', talk: 150, notes: 'Call back after lunch', undone: false, failed: false, redial: false },
  { dialedAt: '2026-03-09T09:00:00.000Z', outcome: 'conversion', talk: 60, notes: 'after the range', undone: false, failed: false, redial: false },
];
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-05T00:00:00.000Z';

function seed(): { dir: string; ids: number[] } {
  const dir = tempDir();
  const t = makeCore(dir);
  const db = t.core.db;
  const contact = Number(
    db
      .prepare("INSERT INTO contacts (first_name, last_name, company, email, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Ada', 'Lovelace', '+Acme, Inc.', 'ada@example.com', '+14155552671', '+14155552671', 'America/New_York', 0, 0)")
      .run().lastInsertRowid,
  );
  const insert = db.prepare(
    "INSERT INTO calls (contact_id, dial_uri, number, dialed_at, ended_at, outcome, notes, loop_id, talk_seconds_reported, dial_failure, undone_at) VALUES (?, 'tel:+14155552671', '+14155552671', ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const ids = CALLS.map((c) => {
    const at = Date.parse(c.dialedAt);
    return Number(insert.run(contact, at, at + 60_000, c.outcome, c.notes, c.redial ? 1 : null, c.talk, c.failed ? 'refused' : null, c.undone ? at + 120_000 : null).lastInsertRowid);
  });
  t.core.close();
  return { dir, ids };
}

function readBack(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('npm run cli -- export calls', () => {
  it('csv: every call of the range parses back to the calls as written, undone and failed ones marked', async () => {
    const { dir, ids } = seed();
    const out = path.join(dir, 'calls.csv');
    const { code, out: said } = await run(['calls'], { 'data-dir': dir, format: 'csv', from: FROM, to: TO, out, json: true });
    expect(code).toBe(0);
    expect(JSON.parse(said)).toMatchObject({ ok: true, rows: 7 });
    const [header, ...rows] = readBack(out);
    const column = (name: string) => header!.indexOf(name);
    const inRange = CALLS.map((c, i) => ({ ...c, id: ids[i]! })).filter((c) => c.dialedAt >= FROM && c.dialedAt < TO);
    expect(rows.map((r) => [r[column('call_id')], r[column('dialed_at')], r[column('outcome')], r[column('talk_seconds')], r[column('notes')], r[column('redial')], r[column('dial_failure')], r[column('undone_at')] !== '', r[column('ended_at')]])).toEqual(
      inRange.map((c) => [String(c.id), c.dialedAt, c.outcome ?? '', c.talk === null ? '' : String(c.talk), neutralised(c.notes), c.redial ? 'yes' : 'no', c.failed ? 'refused' : '', c.undone, new Date(Date.parse(c.dialedAt) + 60_000).toISOString()]),
    );
    expect(rows.every((r) => r[column('company')] === "'+Acme, Inc." && r[column('email')] === 'ada@example.com' && r[column('number')] === '+14155552671')).toBe(true);
  });

  it.each([...DOCUMENTED.keys()])('%s: the documented columns; the range\'s calls but the undone one and the failed dial', async (format) => {
    const { dir } = seed();
    const out = path.join(dir, `${format}.csv`);
    const { code } = await run(['calls'], { 'data-dir': dir, format, from: FROM, to: TO, out });
    expect(code).toBe(0);
    const [header, ...rows] = readBack(out);
    expect(header).toEqual(DOCUMENTED.get(format));
    const counted = CALLS.filter((c) => c.dialedAt >= FROM && c.dialedAt < TO && !c.undone && !c.failed);
    expect(rows).toHaveLength(counted.length);
    for (const [i, row] of rows.entries()) {
      const call = counted[i]!;
      const cell = (name: string) => row[header!.indexOf(name)];
      if (format === 'hubspot') {
        expect([cell('hs_timestamp'), cell('hs_call_direction'), cell('hs_call_duration'), cell('Email')]).toEqual([call.dialedAt, 'OUTBOUND', String((call.talk ?? 0) * 1000), 'ada@example.com']);
        expect(cell('hs_call_status')).toBe(call.outcome === 'engaged' ? 'BUSY' : 'COMPLETED');
      } else if (format === 'salesforce') {
        expect([cell('ActivityDate'), cell('TaskSubtype'), cell('CallType'), cell('CallDurationInSeconds'), cell('Status')]).toEqual([call.dialedAt.slice(0, 10), 'Call', 'Outbound', String(call.talk ?? 0), 'Completed']);
        expect(cell('Description')!.startsWith(neutralised(call.notes))).toBe(true);
      } else {
        // HH:MM, to the nearest minute, and never 00:00 for a call with talk (40 s is a minute).
        const duration = new Map<number | null, string>([[null, '00:00'], [125, '00:02'], [40, '00:01'], [150, '00:03']]);
        expect([cell('Due date'), cell('Due time'), cell('Duration'), cell('Type'), cell('Person name')]).toEqual([
          call.dialedAt.slice(0, 10), call.dialedAt.slice(11, 16), duration.get(call.talk), 'call', 'Ada Lovelace',
        ]);
      }
    }
  });

  it('refuses an unknown format, and a format for another export, saying which', async () => {
    const { dir } = seed();
    await expect(run(['calls'], { 'data-dir': dir, format: 'excel', out: path.join(dir, 'x.csv') })).rejects.toThrow(/--format must be csv, hubspot, salesforce or pipedrive \(got "excel"\)/);
    await expect(run(['contacts'], { 'data-dir': dir, format: 'hubspot', out: path.join(dir, 'x.csv') })).rejects.toThrow(/--format is for export calls only/);
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });
});

describe('Salesforce’s ActivityDate', () => {
  it.each([
    ['America/New_York', '2026-03-04'],
    ['Europe/London', '2026-03-05'],
  ])('is the day on the rep’s calendar (%s): a call at 8:30 PM in New York is on the 4th there', async (repZone, day) => {
    const dir = tempDir();
    const t = makeCore(dir, { repZone });
    const db = t.core.db;
    const contact = Number(db.prepare("INSERT INTO contacts (first_name, last_name, company, email, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Ada', 'Lovelace', 'Acme', 'ada@example.com', '+14155552671', '+14155552671', 'America/New_York', 0, 0)").run().lastInsertRowid);
    const at = Date.parse('2026-03-05T01:30:00Z');
    db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, ended_at, outcome, notes) VALUES (?, 'tel:+14155552671', '+14155552671', ?, ?, 'conversation', '')").run(contact, at, at + 60_000);
    const written = await t.call<{ path: string }>('exports.write', { what: 'calls', format: 'salesforce' });
    const [header, row] = readBack(written.path);
    expect(row![header!.indexOf('ActivityDate')]).toBe(day);
    t.core.close();
  });
});
