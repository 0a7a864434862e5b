import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from '../../shared/domain/leads/decode';
import { headerSetKey, suggestMapping } from '../../shared/domain/leads/mapping';
import { runImport } from '../../electron/core/imports/service';
import Papa from 'papaparse';
import { extraCellsReason } from '../../shared/domain/leads/rowReasons';
import type { ImportPreview } from '../../shared/ipc/contract';
import { FIXTURES, makeCore, type TestCore } from './helpers';

const LEADS = path.join(FIXTURES, 'leads');
/** What must become of each row of hubspot-50.*, written by the fixtures' generator from how it
 *  built each row (tests/fixtures/generate-lead-files.mjs). */
const EXPECTED = JSON.parse(fs.readFileSync(path.join(LEADS, 'hubspot-50.expected.json'), 'utf8')) as {
  dataRows: number;
  merge: { imported: number; merged: number; skipped: number; rejected: number };
  skip: { imported: number; merged: number; skipped: number; rejected: number };
  duds: number;
  rows: ({ row: number; outcome: 'imported' } | { row: number; outcome: 'rejected'; reason: string } | { row: number; outcome: 'duplicate'; of: number; same: 'phone' | 'email' })[];
};
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(LEADS, name)));

async function importFile(t: TestCore, name: string, options: { onDuplicate?: 'merge' | 'skip'; bytes?: Uint8Array } = {}) {
  return runImport(t.core.context, { fileName: name, bytes: options.bytes ?? read(name), onDuplicate: options.onDuplicate ?? 'merge', country: 'US' });
}

function contactRows(t: TestCore) {
  return t.core.db
    .prepare(
      `SELECT first_name, last_name, company, title, email, phone_raw, e164, extension, other_phones, time_zones, tz_source,
              country, region, city, kind, line_type, notes, custom_fields, status, dud_reason, source_row FROM contacts ORDER BY id`,
    )
    .all();
}

describe('the same 50 rows in every encoding and delimiter', () => {
  const FILES = ['hubspot-50.utf8.csv', 'hubspot-50.utf8-bom.csv', 'hubspot-50.utf16le.txt', 'hubspot-50.windows1252.csv', 'hubspot-50.semicolon.csv'];

  it('are detected correctly', () => {
    expect(detectEncoding(read('hubspot-50.utf8.csv'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(read('hubspot-50.utf8-bom.csv'))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(read('hubspot-50.utf16le.txt'))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(read('hubspot-50.windows1252.csv'))).toEqual({ encoding: 'windows-1252', bom: false });
    expect(detectDelimiter(fs.readFileSync(path.join(LEADS, 'hubspot-50.semicolon.csv'), 'utf8'))).toBe(';');
    expect(detectDelimiter(new TextDecoder('utf-16le').decode(read('hubspot-50.utf16le.txt')))).toBe('\t');
  });

  it('import to identical rows', async () => {
    const results = [];
    for (const file of FILES) {
      const t = makeCore();
      const summary = await importFile(t, file);
      expect(summary.dataRows).toBe(EXPECTED.dataRows);
      expect(summary).toMatchObject({ ...EXPECTED.merge, duds: EXPECTED.duds });
      results.push({ counts: [summary.imported, summary.merged, summary.skipped, summary.rejected], rows: contactRows(t) });
      t.core.close();
    }
    for (const other of results.slice(1)) expect(other).toEqual(results[0]);
    // Accents survive: Windows-1252 and UTF-16 decode to the same names as UTF-8.
    const names = (results[0]!.rows as { first_name: string; last_name: string }[]).map((r) => `${r.first_name} ${r.last_name}`);
    expect(names).toContain('José García');
    expect(names).toContain('Søren Lefèvre');
    expect(names).toContain('Ñaki Ångström');
  });
});

describe('each row of the 50 becomes what the generator built it to be', () => {
  it.each(['merge', 'skip'] as const)('with duplicates set to %s', async (onDuplicate) => {
    const t = makeCore();
    const summary = await importFile(t, 'hubspot-50.utf8.csv', { onDuplicate });
    expect(summary).toMatchObject({ dataRows: EXPECTED.dataRows, ...EXPECTED[onDuplicate] });
    const contactOfRow = new Map(
      (t.core.db.prepare('SELECT id, source_row FROM contacts').all() as { id: number; source_row: number }[]).map((c) => [c.source_row, c.id]),
    );
    const outcomes = new Map(
      (t.core.db.prepare('SELECT row_number, outcome, reason, contact_id FROM import_rows').all() as { row_number: number; outcome: string; reason: string; contact_id: number | null }[]).map(
        (r) => [r.row_number, r],
      ),
    );
    for (const expected of EXPECTED.rows) {
      const written = outcomes.get(expected.row);
      if (expected.outcome === 'imported') {
        expect(written, `row ${expected.row}`).toBeUndefined();
        expect(contactOfRow.has(expected.row), `row ${expected.row}`).toBe(true);
      } else if (expected.outcome === 'rejected') {
        expect(written, `row ${expected.row}`).toMatchObject({ outcome: 'rejected' });
        expect(written!.reason.replace(/ "[^"]*": /g, ': ')).toBe(expected.reason);
        // Kept as a dud lead, so it can be fixed or returned.
        expect(written!.contact_id).toBe(contactOfRow.get(expected.row));
      } else {
        expect(written, `row ${expected.row}`).toMatchObject({ outcome: onDuplicate === 'merge' ? 'merged' : 'skipped', contact_id: contactOfRow.get(expected.of) });
        expect(written!.reason).toContain(`same ${expected.same}`);
      }
    }
    t.core.close();
  });
});

describe('malformed files never crash and every data row is counted', () => {
  it.each([
    ['bad-unclosed-quote.csv', 4, { imported: 3, rejected: 1 }, 'unclosed quote'],
    ['bad-ragged.csv', 4, { imported: 1, rejected: 3 }, 'more cells than the header has columns'],
    ['bad-embedded-newlines.csv', 2, { imported: 2, rejected: 0 }, null],
    ['bad-nul-bytes.csv', 2, { imported: 2, rejected: 0 }, null],
    ['bad-2000-columns.csv', 3, { imported: 2, rejected: 1 }, 'more cells than the header has columns'],
  ])('%s', async (file, dataRows, expected, reason) => {
    const t = makeCore();
    const summary = await importFile(t, file);
    expect(summary.dataRows).toBe(dataRows);
    expect(summary.imported + summary.merged + summary.skipped + summary.rejected).toBe(dataRows);
    expect(summary).toMatchObject(expected);
    if (reason) expect(summary.reasons.map((r) => r.reason).join(' | ')).toContain(reason);
    // Every rejected row is stored with its row number, raw cells and reason.
    const stored = t.core.db.prepare("SELECT row_number, raw, reason FROM import_rows WHERE outcome = 'rejected'").all() as { row_number: number; raw: string; reason: string }[];
    expect(stored).toHaveLength(summary.rejected);
    for (const row of stored) {
      expect(row.row_number).toBeGreaterThan(1);
      expect(Array.isArray(JSON.parse(row.raw))).toBe(true);
      expect(row.reason.length).toBeGreaterThan(5);
    }
    t.core.close();
  });

  it('keeps embedded newlines, quotes and delimiters inside cells, and drops NUL bytes', async () => {
    const t = makeCore();
    await importFile(t, 'bad-embedded-newlines.csv');
    await importFile(t, 'bad-nul-bytes.csv', { onDuplicate: 'skip' });
    const rows = t.core.db.prepare('SELECT first_name, company FROM contacts ORDER BY id').all();
    expect(rows).toEqual([
      { first_name: 'Ana\nMaria', company: 'Acme\r\nWest' },
      { first_name: 'Bob', company: 'Stone, "The" Ltd' },
    ]);
    t.core.close();
  });

  it('the unclosed quote row is reported at its own row number, and reading resumes on the next line', async () => {
    const t = makeCore();
    const summary = await importFile(t, 'bad-unclosed-quote.csv');
    const rejected = t.core.db.prepare("SELECT row_number FROM import_rows WHERE outcome = 'rejected'").all();
    expect(rejected).toEqual([{ row_number: 3 }]);
    const names = t.core.db.prepare('SELECT first_name, source_row FROM contacts ORDER BY id').all();
    expect(names).toEqual([
      { first_name: 'Ana', source_row: 2 },
      { first_name: 'Cara', source_row: 4 },
      { first_name: 'Dan', source_row: 5 },
    ]);
    expect(summary.imported).toBe(3);
    t.core.close();
  });

  it.each([
    ['bad-empty.csv', 'The file is empty'],
    ['bad-binary.csv', 'not a text file'],
  ])('%s gets one clear error and changes nothing', async (file, message) => {
    const t = makeCore();
    await expect(importFile(t, file)).rejects.toThrow(message);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    t.core.close();
  });

  it('a header-only file imports nothing and says so', async () => {
    const t = makeCore();
    const summary = await importFile(t, 'header.csv', { bytes: new TextEncoder().encode('Name,Phone\r\n') });
    expect(summary).toMatchObject({ dataRows: 0, imported: 0, rejected: 0 });
    t.core.close();
  });
});

describe('a stray quote, closed only by a quote further down', () => {
  // The preview session's file: row 2 opens a quote that the quoted cell of a row 14 lines down
  // closes, so papaparse read rows 2–16 as one record (rejected as "no phone number": the 13
  // leads inside it lost). Real multi-line cells follow. `lead` is what each row must import
  // as; null for the row with the stray quote.
  const phone = (n: number) => `+1 212 555 ${String(n).padStart(4, '0')}`;
  const ROWS: { line: string; lead: { first: string; last: string; company: string; phone: string } | null }[] = [
    { line: `Carl,"Broken, Quote,Acme,${phone(101)}`, lead: null },
    { line: `Dana,Smith,Beta,${phone(102)}`, lead: { first: 'Dana', last: 'Smith', company: 'Beta', phone: phone(102) } },
    ...Array.from({ length: 12 }, (_, i) => ({
      line: `Lead ${i},Good ${i},Company ${i},${phone(110 + i)}`,
      lead: { first: `Lead ${i}`, last: `Good ${i}`, company: `Company ${i}`, phone: phone(110 + i) },
    })),
    { line: `Erin,"Jones",Gamma,${phone(199)}`, lead: { first: 'Erin', last: 'Jones', company: 'Gamma', phone: phone(199) } },
    { line: `Fay,Green,"Green & Co\r\nWest Wing",${phone(130)}`, lead: { first: 'Fay', last: 'Green', company: 'Green & Co\r\nWest Wing', phone: phone(130) } },
    { line: `Gus,Hale,"Hale, Inc\r\nBuilding 2, Floor 3",${phone(131)}`, lead: { first: 'Gus', last: 'Hale', company: 'Hale, Inc\r\nBuilding 2, Floor 3', phone: phone(131) } },
  ];
  const file = `first_name,last_name,company,phone\r\n${ROWS.map((r) => r.line).join('\r\n')}\r\n`;
  // A spreadsheet's row numbers: the header is row 1, each record one row (a multi-line cell too).
  const strayRow = ROWS.findIndex((r) => r.lead === null) + 2;
  const leads = ROWS.flatMap((r, i) => (r.lead ? [{ ...r.lead, row: i + 2 }] : []));
  const REASON = 'a quote opened in this row (“"Broken, Quote,Acme,+1 212 555 0101”) is never closed on this row: remove the stray quote or close it, then import the row again; the lines after it were read as rows of their own';

  it('rejects that row with its row number and why, and reads every line after it as its own row', async () => {
    const t = makeCore();
    const summary = await importFile(t, 'stray.csv', { bytes: new TextEncoder().encode(file) });
    expect(summary).toMatchObject({ dataRows: ROWS.length, imported: leads.length, merged: 0, skipped: 0, rejected: 1, duds: 0 });
    expect(summary.reasons).toEqual([{ reason: REASON.replace(/ \(“.*”\)/, ''), count: 1 }]);
    const rejected = t.core.db.prepare("SELECT row_number, reason, raw FROM import_rows WHERE outcome = 'rejected'").all();
    expect(rejected).toEqual([{ row_number: strayRow, reason: REASON, raw: JSON.stringify(ROWS[strayRow - 2]!.line.split(',')) }]);
    const contacts = t.core.db.prepare('SELECT first_name AS first, last_name AS last, company, e164, source_row AS row FROM contacts ORDER BY id').all();
    expect(contacts).toEqual(leads.map((l) => ({ first: l.first, last: l.last, company: l.company, e164: `+${l.phone.replace(/\D/g, '')}`, row: l.row })));

    // The rejected rows' export holds it: its cells as in the file, where it came from and why.
    const result = await t.call<{ path: string; rows: number }>('exports.write', { what: 'duds', importId: summary.importId });
    expect(result.rows).toBe(1);
    const exported = Papa.parse<string[]>(fs.readFileSync(result.path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(exported).toHaveLength(2);
    const cells = ROWS[strayRow - 2]!.line.split(',');
    // (With a ' before what starts like a formula, also after a delimiter inside a cell.)
    expect(exported[1]).toEqual([...cells.map((c) => (/^[=+\-@]/.test(c) ? `'${c}` : c)), 'stray.csv', String(strayRow), REASON.replace(',+1', ",'+1")]);
    t.core.close();
  });

  it('the wizard names that row before the import, shows each row after it as a row of its own, and counts them all', async () => {
    const t = makeCore();
    const preview = await t.call<ImportPreview>('imports.preview', { fileName: 'stray.csv', data: Buffer.from(file).toString('base64') });
    expect(preview.unreadable).toEqual({ count: 1, rows: [{ rowNumber: strayRow, reason: REASON }] });
    expect(preview.dataRowsApprox).toBe(ROWS.length);
    expect(preview.sample[1]).toEqual(['Dana', 'Smith', 'Beta', phone(102)]);
    expect(preview.sample.length).toBe(Math.min(ROWS.length, 20));
    t.core.close();
  });

  it('the wizard names the first five unreadable rows and counts the rest', async () => {
    const t = makeCore();
    // Rows 2, 4, 6, … 16 open a quote that is never closed (8 of them), the others are fine.
    const lines = ['Name,Phone', ...Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? `Lead ${i},"${phone(200 + i)}` : `Lead ${i},${phone(200 + i)}`))];
    const preview = await t.call<ImportPreview>('imports.preview', { fileName: 'unclosed.csv', data: Buffer.from(lines.join('\n')).toString('base64') });
    const broken = lines.flatMap((line, i) => (line.includes('"') ? [i + 1] : []));
    expect(preview.unreadable.count).toBe(broken.length);
    expect(preview.unreadable.rows.map((r) => r.rowNumber)).toEqual(broken.slice(0, 5));
    expect(preview.unreadable.rows[0]!.reason).toContain('unclosed quote');
    t.core.close();
  });

  it('a short row whose quote is closed on the next line is rejected, not imported with the next person in its notes', async () => {
    const t = makeCore();
    // Ann's row lacks its company and opens a quote in the notes that the next line closes in the
    // same column: read as CSV, the two lines are one record of the header's width, Ann with
    // Bob's company and Bob (name and number) inside her notes. Real multi-line cells stay
    // leads: an address whose last line has as many commas as a row's start, a note of numbers.
    const file = [
      'first_name,phone,notes,company',
      'Ann,+1 212 555 0101,"Called',
      'Bob,+1 212 555 0102,Met",Beta Inc',
      'Cleo,+1 212 555 0103,"Visit 12 Main St\r\nSpringfield, IL, USA",Ward & Co',
      'Dev,+1 212 555 0104,"Rao Ltd\r\nUnit 4",Rao Ltd',
      'Fay,+1 212 555 0106,"Alt numbers:\r\n212 555 0107, 212 555 0108, desk",Fay plc',
      'Eve,+1 212 555 0105,,Moss plc',
    ].join('\r\n');
    const summary = await importFile(t, 'short-stray.csv', { bytes: new TextEncoder().encode(file) });
    const reason =
      'the notes cell (“Called ↵ Bob,+1 212 555 0102,Met”) runs onto the next line, which starts as a row does, with a phone number where the phone column is: a quote opened in this row is probably not closed on its own line, so the next row was read into this one. Close or remove that quote, then import both rows again';
    expect(summary).toMatchObject({ imported: 4, rejected: 1 });
    expect(summary.reasons).toEqual([{ reason: reason.replace(' (“Called ↵ Bob,+1 212 555 0102,Met”)', ''), count: 1 }]);
    expect(t.core.db.prepare("SELECT row_number, reason, raw FROM import_rows WHERE outcome = 'rejected'").all()).toEqual([
      { row_number: 2, reason, raw: JSON.stringify(['Ann', '+1 212 555 0101', 'Called\r\nBob,+1 212 555 0102,Met', 'Beta Inc']) },
    ]);
    expect(t.core.db.prepare('SELECT first_name AS first, e164, notes, source_row AS row FROM contacts ORDER BY id').all()).toEqual([
      { first: 'Cleo', e164: '+12125550103', notes: 'Visit 12 Main St\r\nSpringfield, IL, USA', row: 3 },
      { first: 'Dev', e164: '+12125550104', notes: 'Rao Ltd\r\nUnit 4', row: 4 },
      { first: 'Fay', e164: '+12125550106', notes: 'Alt numbers:\r\n212 555 0107, 212 555 0108, desk', row: 5 },
      { first: 'Eve', e164: '+12125550105', notes: '', row: 6 },
    ]);
    t.core.close();
  });

  it('a file without broken rows has none to name', async () => {
    const t = makeCore();
    const preview = await t.call<ImportPreview>('imports.preview', { fileName: 'hubspot-50.utf8.csv', data: Buffer.from(read('hubspot-50.utf8.csv')).toString('base64') });
    expect(preview.unreadable).toEqual({ count: 0, rows: [] });
    t.core.close();
  });
});

describe('a row with more cells than the header has columns', () => {
  const header = 'First Name,Last Name,Company,Phone';
  const ROWS = [
    // A trailing delimiter: the extra cells are empty, the row imports.
    { line: 'Ana,Silva,Acme,+1 415 555 2671,', reason: null },
    { line: 'Dan,Reed,Reed Co,+44 20 7946 0958,,,', reason: null },
    // An unquoted comma in a company name: "Inc" would be read as the phone.
    { line: 'Bob,Stone,Acme, Inc,+1 212 555 0143', reason: 'this row has 5 cells but the header has 4 columns: an unquoted comma in “Acme, Inc”? Put that value in quotes or remove the comma, then import the row again' },
    // A value past the last column.
    { line: 'Cara,Nolan,Brightline,+353 1 234 5678,VIP', reason: 'this row has 5 cells but the header has 4 columns, so its values may be in the wrong columns: the extra value is “VIP”. Remove it, or put quotes around a value that holds a comma, then import the row again' },
    { line: 'Eve,Park,Park Ltd,+1 312 555 0187,a,b,c,d', reason: 'this row has 8 cells but the header has 4 columns, so its values may be in the wrong columns: the extra values are “a”, “b”, “c” and 1 more. Remove them, or put quotes around a value that holds a comma, then import the row again' },
  ];

  it('imports it when the extra cells are empty, else rejects it naming the values to fix', async () => {
    const t = makeCore();
    const summary = await importFile(t, 'extra.csv', { bytes: new TextEncoder().encode(`${header}\n${ROWS.map((r) => r.line).join('\n')}\n`) });
    const rejected = ROWS.flatMap((r, i) => (r.reason ? [{ row_number: i + 2, reason: r.reason }] : []));
    expect(summary).toMatchObject({ dataRows: ROWS.length, imported: ROWS.length - rejected.length, rejected: rejected.length });
    expect(t.core.db.prepare("SELECT row_number, reason FROM import_rows WHERE outcome = 'rejected' ORDER BY row_number").all()).toEqual(rejected);
    expect(t.core.db.prepare('SELECT first_name, source_row FROM contacts ORDER BY id').all()).toEqual(
      ROWS.flatMap((r, i) => (r.reason ? [] : [{ first_name: r.line.split(',')[0], source_row: i + 2 }])),
    );
    // The summary counts them under one reason.
    expect(summary.reasons).toEqual([{ reason: 'more cells than the header has columns: a value holding the delimiter without quotes, or extra values at the end of the row', count: rejected.length }]);
    t.core.close();
  });

  it('names the delimiter the file uses, and does not blame spaces that every cell has', () => {
    expect(extraCellsReason(['Bob', 'Stone', 'Acme', ' Inc', '+1 212 555 0143'], 4, ';')).toBe(
      'this row has 5 cells but the header has 4 columns: an unquoted semicolon in “Acme; Inc”? Put that value in quotes or remove the semicolon, then import the row again',
    );
    // Written "a, b, c": every cell after the first starts with a space, which tells nothing.
    expect(extraCellsReason(['Bob', ' Stone', ' Acme', ' +1 212 555 0143', ' x'], 4, ',')).toBe(
      'this row has 5 cells but the header has 4 columns, so its values may be in the wrong columns: the extra value is “x”. Remove it, or put quotes around a value that holds a comma, then import the row again',
    );
    // Two commas in two values, two surplus cells: both named.
    expect(extraCellsReason(['Bob', 'Stone', 'Acme', ' Inc', 'Sales', ' EMEA', '+1 212 555 0143'], 5, ',')).toBe(
      'this row has 7 cells but the header has 5 columns: unquoted commas in “Acme, Inc” and “Sales, EMEA”? Put those values in quotes or remove the comma, then import the row again',
    );
  });
});

describe('duplicates, merge and skip', () => {
  const first = 'First Name,Last Name,Phone,Email,Title\nAna,Silva,+1 415 555 2671,ana@acme.com,\nBob,Stone,+1 212 555 0143,,\n';
  const second = 'First Name,Last Name,Phone,Email,Title\nAna,Silva,(415) 555-2671,,CEO\nRobert,Stone,+1 917 555 0100,BOB@example.com,\nBob,Stone,212.555.0143,bob@example.com,CFO\n';

  it('merge fills empty fields and keeps the contact (and its history)', async () => {
    const t = makeCore();
    await importFile(t, 'a.csv', { bytes: new TextEncoder().encode(first) });
    const summary = await importFile(t, 'b.csv', { bytes: new TextEncoder().encode(second) });
    expect(summary).toMatchObject({ dataRows: 3, imported: 1, merged: 2, skipped: 0, rejected: 0 });
    const rows = t.core.db.prepare('SELECT first_name, title, email FROM contacts ORDER BY id').all();
    expect(rows).toEqual([
      { first_name: 'Ana', title: 'CEO', email: 'ana@acme.com' },
      { first_name: 'Bob', title: 'CFO', email: 'bob@example.com' },
      { first_name: 'Robert', title: '', email: 'BOB@example.com' },
    ]);
    t.core.close();
  });

  it('skip leaves existing contacts alone and records which contact each row duplicated', async () => {
    const t = makeCore();
    await importFile(t, 'a.csv', { bytes: new TextEncoder().encode(first) });
    const summary = await importFile(t, 'b.csv', { bytes: new TextEncoder().encode(second), onDuplicate: 'skip' });
    expect(summary).toMatchObject({ imported: 1, merged: 0, skipped: 2 });
    expect(t.core.db.prepare("SELECT title FROM contacts WHERE first_name = 'Ana'").get()).toEqual({ title: '' });
    const skipped = t.core.db.prepare("SELECT row_number, contact_id, reason FROM import_rows WHERE outcome = 'skipped' ORDER BY row_number").all();
    expect(skipped).toEqual([
      { row_number: 2, contact_id: 1, reason: 'duplicate of Ana Silva (contact #1): same number and extension, same or no name' },
      { row_number: 4, contact_id: 2, reason: 'duplicate of Bob Stone (contact #2): same number and extension, same or no name' },
    ]);
    t.core.close();
  });

  it('duplicates within one file are caught too', async () => {
    const t = makeCore();
    const summary = await importFile(t, 'c.csv', { bytes: new TextEncoder().encode('Name,Phone\nAna,+14155552671\nAna S,415-555-2671\n') });
    expect(summary).toMatchObject({ imported: 1, merged: 1 });
    t.core.close();
  });
});

describe('mapping', () => {
  it('is suggested from common CRM headers', () => {
    expect(suggestMapping(['First Name', 'Last Name', 'Account Name', 'Phone', 'Mobile', 'Mailing State/Province', 'Lead Owner', 'Favourite colour'])).toEqual([
      'firstName', 'lastName', 'company', 'phone', 'mobile', 'region', 'owner', 'custom',
    ]);
    expect(suggestMapping(['Person - Name', 'Organization - Name', 'Person - Phone', 'Person - Email'])).toEqual(['fullName', 'company', 'phone', 'email']);
  });

  it('is remembered per header set and offered next time', async () => {
    const t = makeCore();
    const bytes = new TextEncoder().encode('Who,Where,Number\nAna,Acme,+14155552671\n');
    const preview = await t.call<{ stageId: string; mapping: string[]; mappingSource: string }>('imports.preview', { fileName: 'x.csv', data: Buffer.from(bytes).toString('base64') });
    expect(preview.mappingSource).toBe('suggested');
    await t.call('imports.run', { stageId: preview.stageId, mapping: ['fullName', 'company', 'phone'] });
    const again = await t.call<{ mapping: string[]; mappingSource: string }>('imports.preview', { fileName: 'y.csv', data: Buffer.from(bytes).toString('base64') });
    expect(again).toMatchObject({ mappingSource: 'remembered', mapping: ['fullName', 'company', 'phone'] });
    expect(headerSetKey(['Who', 'Where', 'Number'])).toBe(headerSetKey([' who', 'WHERE ', 'Number']));
    t.core.close();
  });

  it('a mapping without a phone column is refused with a clear message', async () => {
    const t = makeCore();
    const data = Buffer.from('Name,Phone\nAna,+14155552671\n').toString('base64');
    const preview = await t.call<{ stageId: string }>('imports.preview', { fileName: 'x.csv', data });
    const envelope = await t.core.invoke('imports.run', { stageId: preview.stageId, mapping: ['fullName', 'ignore'] });
    expect(envelope.ok || envelope.error.message).toContain('Map at least one column to Phone or Mobile');
    t.core.close();
  });
});

describe('do-not-call', () => {
  it('numbers in any format are never queued, and an import never removes an entry', async () => {
    const t = makeCore();
    const dnc = Buffer.from('Phone\n(415) 555-2671\n+1 212 555 0143\nnot a number\n415.555.2671\n').toString('base64');
    const result = await t.call<{ added: number; alreadyListed: number; rejected: unknown[] }>('dnc.import', { fileName: 'dnc.csv', data: dnc });
    expect(result).toEqual({ added: 2, alreadyListed: 1, rejected: [{ rowNumber: 4, value: 'not a number', reason: 'no phone number' }] });
    await importFile(t, 'leads.csv', { bytes: new TextEncoder().encode('Name,Phone\nAna,4155552671\nBob,+1 (212) 555-0143\nCara,+44 20 7946 0958\n') });
    const { entries: queue } = await t.call<{ entries: { contact: { firstName: string } }[] }>('queue.list', {});
    expect(queue.map((q) => q.contact.firstName)).toEqual(['Cara']);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM dnc').get()).toEqual({ n: 2 });
    t.core.close();
  });
  it.each([
    // Written by hand: the numbers each file holds, whatever stands beside them.
    ['an ID first', 'ID,Phone\n1001,212 555 0102\n1002,212 555 0103\n', ['+12125550102', '+12125550103']],
    ['a name with digits first', 'Name,Phone\nUnit 4 Ltd,212 555 0100\n', ['+12125550100']],
    ['a date first', 'Added,Phone\n2026-01-05,212 555 0104\n', ['+12125550104']],
    ['two number columns', 'Phone,Mobile\n212 555 0105,917 555 0106\n', ['+12125550105', '+19175550106']],
    ['no header, an ID first', '1001,212 555 0107\n', ['+12125550107']],
    ['a header naming no number column', 'Who,What\n1001,212 555 0108\n', ['+12125550108']],
  ])('a file with %s lists every number on each row', async (_what, file, numbers) => {
    const t = makeCore();
    const result = await t.call<{ added: number; rejected: unknown[] }>('dnc.import', { fileName: 'registry.csv', data: Buffer.from(file).toString('base64') });
    expect(result).toMatchObject({ added: numbers.length, rejected: [] });
    expect(t.core.db.prepare('SELECT e164 FROM dnc ORDER BY e164').pluck().all()).toEqual(numbers);
    t.core.close();
  });

  it('a row whose number column holds no good number is rejected with that cell and why', async () => {
    const t = makeCore();
    const result = await t.call<{ added: number; rejected: unknown[] }>('dnc.import', { fileName: 'registry.csv', data: Buffer.from('ID,Phone\n1001,555-01\n1002,\n').toString('base64') });
    expect(result).toEqual({ added: 0, alreadyListed: 0, rejected: [{ rowNumber: 2, value: '555-01', reason: expect.stringContaining('too short') as string }, { rowNumber: 3, value: '1002 ', reason: 'no phone number' }] });
    t.core.close();
  });
});

describe('the import worker', () => {
  it('gives the same rows as reading the file in-process', async () => {
    const inWorker = makeCore();
    await importFile(inWorker, 'hubspot-50.utf8.csv');
    process.env.DIALDECK_IMPORT_IN_PROCESS = '1';
    try {
      const inProcess = makeCore();
      await importFile(inProcess, 'hubspot-50.utf8.csv');
      expect(contactRows(inProcess)).toEqual(contactRows(inWorker));
      inProcess.core.close();
    } finally {
      delete process.env.DIALDECK_IMPORT_IN_PROCESS;
    }
    inWorker.core.close();
  });

  it('reports progress in batches and keeps a large file in row order', async () => {
    const t = makeCore();
    const lines = ['Name,Phone'];
    for (let i = 0; i < 25_000; i++) lines.push(`Lead ${i},+1 212 ${200 + Math.floor(i / 10000)} ${String(i % 10000).padStart(4, '0')}`);
    const progress: [number, number][] = [];
    const summary = await runImport(t.core.context, { fileName: 'big.csv', bytes: new TextEncoder().encode(lines.join('\n')), onDuplicate: 'merge', country: 'US' }, (done, total) =>
      progress.push([done, total]),
    );
    expect(summary.imported).toBe(25_000);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual([25_000, 25_000]);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    const rows = t.core.db.prepare('SELECT source_row FROM contacts ORDER BY id').all() as { source_row: number }[];
    expect(rows.every((r, i) => r.source_row === i + 2)).toBe(true);
    t.core.close();
  });
});
