// Issue #10: what a hostile file broke in the import. The preview of a file is read in the
// import worker; cells that name an Object member import as plain words; an interrupted
// import is reported at the next start and can be finished or kept.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import { countryFromName } from '../../shared/domain/countries';
import { resolveLeadPlace, zoneFromText, zonesForNumber } from '../../shared/domain/timeZones';
import { fromMarkdownFile, mergePieces } from '../../shared/domain/scripts';
import { suggestMapping } from '../../shared/domain/leads/mapping';
import { callingHours, DEFAULT_CALLING_HOURS } from '../../shared/domain/callingHours';
import type { ImportPreview, ImportSummary, InterruptedImport } from '../../shared/ipc/contract';
import Database from 'better-sqlite3';
import { makeCore, tempDir } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

const encode = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('the preview of an import', () => {
  it('is read in the import worker: nothing parses the file on the main thread, whose timers keep running', async () => {
    const t = makeCore();
    const lines = ['First Name,Last Name,Company,Phone'];
    for (let i = 0; i < 60_000; i++) lines.push(i % 2 === 0 ? `Lead ${i},"Stone ${i},Company ${i},+1 212 555 0143` : `Lead ${i},Stone,Company ${i},+1 212 555 0143`);
    const text = `${lines.join('\r\n')}\r\n`;
    const parse = vi.spyOn(Papa, 'parse');
    let ticks = 0;
    const heartbeat = setInterval(() => ticks++, 1);
    let preview: ImportPreview;
    try {
      preview = await t.call<ImportPreview>('imports.preview', { fileName: 'hostile.csv', data: base64(text) });
    } finally {
      clearInterval(heartbeat);
    }
    // Expected from the file as written above: the header, 60,000 data rows, every other one
    // with an unclosed quote (an unreadable row still counts as a data row).
    expect(preview.headers).toEqual(['First Name', 'Last Name', 'Company', 'Phone']);
    expect(preview.dataRowsApprox).toBe(60_000);
    expect(preview.sample[1]).toEqual(['Lead 1', 'Stone', 'Company 1', '+1 212 555 0143']);
    expect(parse).not.toHaveBeenCalled();
    expect(ticks).toBeGreaterThan(0);
    t.core.close();
  });

  it('a change of encoding or delimiter is read in the worker too', async () => {
    const t = makeCore();
    const first = await t.call<ImportPreview>('imports.preview', { fileName: 'x.csv', data: base64('Name;Phone\r\nAna;+1 415 555 2671\r\n') });
    expect(first.delimiter).toBe(';');
    const parse = vi.spyOn(Papa, 'parse');
    const again = await t.call<ImportPreview>('imports.preview', { fileName: 'x.csv', stageId: first.stageId, delimiter: ',' });
    expect(again.headers).toEqual(['Name;Phone']);
    expect(again.sample).toEqual([['Ana;+1 415 555 2671']]);
    expect(parse).not.toHaveBeenCalled();
    t.core.close();
  });
});

describe('a header row that cannot be read', () => {
  // The third column's quote never closes: the reader can only take the line as unreadable.
  const FILE = 'Name,Phone,"Email\nAna Silva,212-555-0143,ana@x.com\nBob Jones,212-555-0144,bob@x.com\n';

  it('refuses the file, naming the line, rather than taking the first data row for the header', async () => {
    const t = makeCore();
    const refused = await t.core.invoke('imports.preview', { fileName: 'broken.csv', data: base64(FILE) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!refused.ok && refused.error.message).toMatch(/^The header row \(line 1\) cannot be read: .*quote.*Nothing was imported/);
    await expect(runImport(t.core.context, { fileName: 'broken.csv', bytes: encode(FILE), onDuplicate: 'merge', country: 'US', mapping: ['fullName', 'phone', 'email'] })).rejects.toThrow(/^The header row \(line 1\) cannot be read/);
    expect(t.core.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    // Blank lines before the header are still stepped over.
    const fine = await t.call<ImportPreview>('imports.preview', { fileName: 'fine.csv', data: base64(`\n\n${FILE.replace('"Email', 'Email')}`) });
    expect(fine.headers).toEqual(['Name', 'Phone', 'Email']);
    expect(fine.sample[0]).toEqual(['Ana Silva', '212-555-0143', 'ana@x.com']);
    t.core.close();
  });
});

describe('two columns under one name', () => {
  it('keep both values as fields of the lead, the second counted', async () => {
    const t = makeCore();
    const file = 'Name,Phone,Website,Website,Website (2),Website\nAna Silva,+1 212 555 0143,w1,w2,w3,w4\n';
    const summary = await runImport(t.core.context, { fileName: 'twice.csv', bytes: encode(file), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ dataRows: 1, imported: 1 });
    const stored = JSON.parse(t.core.db.prepare('SELECT custom_fields FROM contacts').pluck().get() as string) as Record<string, string>;
    // Every value of the row is there once, under a name of its own.
    expect(Object.values(stored).sort()).toEqual(['w1', 'w2', 'w3', 'w4']);
    // In column order, a name already taken gets the first free count after it.
    expect(stored).toEqual({ Website: 'w1', 'Website (2)': 'w2', 'Website (2) (2)': 'w3', 'Website (3)': 'w4' });
    t.core.close();
  });
});

describe('cells that name an Object member', () => {
  const MEMBERS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

  it('import as plain words with the defaults, in every looked-up column, with no error', async () => {
    const t = makeCore();
    const header = 'Name,Phone,Lead Type,Line Type,Country,State,Time Zone,Industry';
    const rows = MEMBERS.map((word, i) => `Lead ${i},+1 212 555 01${String(10 + i)},${word},${word},${word},${word},${word},${word}`);
    const summary = await runImport(t.core.context, { fileName: 'members.csv', bytes: encode(`${header}\r\n${rows.join('\r\n')}\r\n`), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ dataRows: MEMBERS.length, imported: MEMBERS.length, rejected: 0, merged: 0 });
    expect(summary.finishedAt).not.toBeNull();
    const contacts = t.core.db.prepare('SELECT kind, line_type, country, region, time_zones, tz_source, custom_fields FROM contacts ORDER BY id').all() as {
      kind: string; line_type: string; country: string; region: string; time_zones: string; tz_source: string; custom_fields: string;
    }[];
    contacts.forEach((c, i) => {
      const word = MEMBERS[i]!;
      // The import's defaults: an unknown kind is outbound, an unknown line type residential (a
      // mixed file, the default: the stricter); the country cell is kept as written; the zone
      // comes from the number (+1 212: New York).
      expect(c).toMatchObject({ kind: 'outbound', line_type: 'residential', country: word, region: word, time_zones: 'America/New_York', tz_source: 'phone' });
      expect(JSON.parse(c.custom_fields)).toEqual({ Industry: word });
    });
    t.core.close();
  });

  it('a header named like an Object member keeps its custom field', async () => {
    const t = makeCore();
    const summary = await runImport(t.core.context, {
      fileName: 'headers.csv',
      bytes: encode('Name,Phone,__proto__,constructor\r\nAna,+1 415 555 2671,a,b\r\n'),
      onDuplicate: 'merge',
      country: 'US',
    });
    expect(summary.imported).toBe(1);
    const row = t.core.db.prepare('SELECT custom_fields FROM contacts').get() as { custom_fields: string };
    expect(Object.entries(JSON.parse(row.custom_fields) as object)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    t.core.close();
  });

  it('"Constructor" as an industry or lead type imports as an unknown word', async () => {
    const t = makeCore();
    const summary = await runImport(t.core.context, {
      fileName: 'industry.csv',
      bytes: encode('Name,Phone,Lead Type,Industry\r\nBuild Co,+1 415 555 2671,Constructor,Constructor\r\nAna,+1 212 555 0143,constructor,Retail\r\n'),
      onDuplicate: 'merge',
      country: 'US',
    });
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    const rows = t.core.db.prepare('SELECT kind, custom_fields FROM contacts ORDER BY id').all();
    expect(rows).toEqual([
      { kind: 'outbound', custom_fields: JSON.stringify({ Industry: 'Constructor' }) },
      { kind: 'outbound', custom_fields: JSON.stringify({ Industry: 'Retail' }) },
    ]);
    t.core.close();
  });
});

describe('every lookup keyed by data finds nothing for an Object member', () => {
  const WORDS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'CONSTRUCTOR', '__PROTO__', 'TOSTRING'];

  it.each(WORDS)('%s: countries, time zones, regions, mapping, scripts', (word) => {
    expect(countryFromName(word)).toBeUndefined();
    expect(zoneFromText(word)).toBeUndefined();
    expect(resolveLeadPlace({ explicit: word, country: word, region: word, e164: null })).toEqual({ zones: [], source: 'unknown', jurisdictions: [] });
    expect(resolveLeadPlace({ country: 'US', region: word, e164: null })).toMatchObject({ source: 'country', jurisdictions: ['US'] });
    expect(suggestMapping([word])).toEqual(['custom']);
    // A merge field starts with a letter; {{__proto__}} is plain text.
    const pieces = /^[A-Za-z]/.test(word) ? [{ text: 'Hi ' }, { field: word, value: null }] : [{ text: `Hi {{${word}}}` }];
    expect(mergePieces(`Hi {{${word}}}`, { 'contact.firstName': 'Ana' })).toEqual(pieces);
    const parsed = fromMarkdownFile(`---\nname: Opening\n${word.replace(/\W/g, '') || 'x'}: value\n---\nHello`);
    expect(parsed).toMatchObject({ ok: true, script: { name: 'Opening', situation: 'first_call', campaign: '' } });
  });

  it('a front matter that names no script is refused even when it says "constructor"', () => {
    expect(fromMarkdownFile('---\nconstructor: x\n---\nHello').ok).toBe(false);
  });

  it('a lead whose country cell is an Object member gets the default calling hours', () => {
    const at = new Date('2026-03-02T15:00:00Z');
    for (const country of ['constructor', '__proto__', 'toString']) {
      expect(callingHours({ timeZones: ['America/New_York'], lineType: 'business', country }, at, DEFAULT_CALLING_HOURS)).toEqual(
        callingHours({ timeZones: ['America/New_York'], lineType: 'business' }, at, DEFAULT_CALLING_HOURS),
      );
    }
    expect(zonesForNumber('+12125550143')).toEqual(['America/New_York']);
  });
});

describe('an interrupted import', () => {
  /** A file of `rows` leads; every 20th has a number too short to dial (a dud, rejected and
   *  kept), the rest a distinct number and email: nothing in it is a duplicate. */
  function leadFile(rows: number) {
    const lines = ['Name,Phone,Email'];
    for (let i = 0; i < rows; i++) {
      const phone = i % 20 === 0 ? '12345' : `+1 212 ${200 + Math.floor(i / 10_000)} ${String(i % 10_000).padStart(4, '0')}`;
      lines.push(`Lead ${i},${phone},lead${i}@example.com`);
    }
    const duds = Math.ceil(rows / 20);
    return { bytes: encode(`${lines.join('\r\n')}\r\n`), expected: { dataRows: rows, imported: rows - duds, rejected: duds, merged: 0, skipped: 0, duds } };
  }
  const ROWS = 8_000;
  /** The first 10,000 rows are written in batches of 1,000 (file rows 2–1,001, 1,002–2,001…):
   *  failing on file row 5,502 stops the import with its first 5,000 data rows committed. */
  const FAIL_AT_ROW = 5_502;
  const WRITTEN = 5_000;

  function failWritingRow(t: ReturnType<typeof makeCore>, row: number) {
    t.core.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON contacts WHEN NEW.source_row = ${row} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
  }
  const copies = (dir: string) => path.join(dir, 'imports');

  async function interruptedImport() {
    const file = leadFile(ROWS);
    const t = makeCore();
    failWritingRow(t, FAIL_AT_ROW);
    const stage = await t.call<ImportPreview>('imports.preview', { fileName: 'leads.csv', data: Buffer.from(file.bytes).toString('base64') });
    await expect(t.call('imports.run', { stageId: stage.stageId, mapping: stage.mapping })).rejects.toThrow(
      /database or disk is full while writing rows 5002–6001\. 5,000 rows were imported before it stopped; the import is listed as interrupted/,
    );
    t.core.close();
    // The next start: the import is reported with how far it got, and its file is still there.
    const again = makeCore(t.dir);
    return { t: again, file };
  }

  it('is reported at the next start, and "import the rest" finishes it with the counts of an uninterrupted import', async () => {
    const { t, file } = await interruptedImport();
    const [interrupted, ...others] = await t.call<InterruptedImport[]>('imports.interrupted', {});
    expect(others).toEqual([]);
    expect(interrupted).toMatchObject({ fileName: 'leads.csv', dataRows: WRITTEN, lastRow: WRITTEN + 1, fileKept: true, imported: WRITTEN - WRITTEN / 20, rejected: WRITTEN / 20 });
    expect(interrupted!.reason).toContain('database or disk is full');
    expect(fs.readdirSync(copies(t.dir))).toEqual([String(interrupted!.importId)]);

    const summary = await t.call<ImportSummary>('imports.resume', { importId: interrupted!.importId });
    expect(summary).toMatchObject({ importId: interrupted!.importId, ...file.expected });
    expect(summary.finishedAt).not.toBeNull();
    expect(summary.reasons).toEqual([{ reason: 'phone: too short for US', count: file.expected.duds }]);
    const contacts = t.core.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT source_row) AS rows FROM contacts').get();
    expect(contacts).toEqual({ n: ROWS, rows: ROWS });
    expect(await t.call('imports.interrupted', {})).toEqual([]);
    expect(fs.readdirSync(copies(t.dir))).toEqual([]);
    t.core.close();
  });

  it('"keep what was imported" finishes it as it stands and drops the copy', async () => {
    const { t } = await interruptedImport();
    const [interrupted] = await t.call<InterruptedImport[]>('imports.interrupted', {});
    const kept = await t.call<ImportSummary>('imports.keep', { importId: interrupted!.importId });
    expect(kept).toMatchObject({ dataRows: WRITTEN, imported: WRITTEN - WRITTEN / 20, rejected: WRITTEN / 20, duds: WRITTEN / 20 });
    expect(kept.finishedAt).not.toBeNull();
    expect(await t.call('imports.interrupted', {})).toEqual([]);
    expect(fs.readdirSync(copies(t.dir))).toEqual([]);
    await expect(t.call('imports.resume', { importId: interrupted!.importId })).rejects.toThrow(/already finished/);
    expect((t.core.db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n).toBe(WRITTEN);
    t.core.close();
  });

  it('without its copy, the rep chooses the file again: another file is refused, the same one finishes it', async () => {
    const file = leadFile(ROWS);
    const t = makeCore();
    failWritingRow(t, FAIL_AT_ROW);
    // The command line keeps no copy of the file.
    await expect(runImport(t.core.context, { fileName: 'leads.csv', bytes: file.bytes, onDuplicate: 'merge', country: 'US' })).rejects.toThrow(/disk is full/);
    t.core.close();
    const again = makeCore(t.dir);
    const [interrupted] = await again.call<InterruptedImport[]>('imports.interrupted', {});
    expect(interrupted).toMatchObject({ dataRows: WRITTEN, fileKept: false });
    await expect(again.call('imports.resume', { importId: interrupted!.importId })).rejects.toThrow(/choose the file again/);
    const other = leadFile(ROWS + 1).bytes;
    await expect(again.call('imports.resume', { importId: interrupted!.importId, data: Buffer.from(other).toString('base64') })).rejects.toThrow(/not the file/);
    const summary = await again.call<ImportSummary>('imports.resume', { importId: interrupted!.importId, data: Buffer.from(file.bytes).toString('base64') });
    expect(summary).toMatchObject(file.expected);
    again.core.close();
  });

  it('killed mid-way (the process dies) is reported at the next start, and the same file finishes it', async () => {
    const rows = 150_000;
    const file = leadFile(rows);
    const dir = tempDir();
    const csv = path.join(dir, 'big.csv');
    fs.writeFileSync(csv, file.bytes);
    // The command line's import, in its own process, killed once its first batches are committed.
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'import', csv, '--data-dir', dir, '--country', 'US'], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const written = () => {
      if (!fs.existsSync(path.join(dir, 'dialdeck.sqlite'))) return 0;
      const db = new Database(path.join(dir, 'dialdeck.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('SELECT data_rows FROM imports WHERE finished_at IS NULL').get() as { data_rows: number } | undefined;
        return row?.data_rows ?? 0;
      } catch {
        return 0; // not migrated yet
      } finally {
        db.close();
      }
    };
    while (written() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const t = makeCore(dir);
    const [interrupted, ...others] = await t.call<InterruptedImport[]>('imports.interrupted', {});
    expect(others).toEqual([]);
    // A crash leaves no reason behind; what was committed is there, in file order.
    expect(interrupted).toMatchObject({ fileName: 'big.csv', reason: null, fileKept: false });
    expect(interrupted!.dataRows).toBeGreaterThan(0);
    expect(interrupted!.dataRows).toBeLessThan(rows);
    expect(interrupted!.lastRow).toBe(interrupted!.dataRows + 1);
    const summary = await t.call<ImportSummary>('imports.resume', { importId: interrupted!.importId, data: Buffer.from(file.bytes).toString('base64') });
    expect(summary).toMatchObject(file.expected);
    expect(t.core.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT source_row) AS rows FROM contacts').get()).toEqual({ n: rows, rows });
    t.core.close();
  }, 60_000);
});
