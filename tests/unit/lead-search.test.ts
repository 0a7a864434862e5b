import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { DATABASE_FILE_NAME } from '../../electron/core/paths';
import { leadSearchMatch } from '../../shared/domain/leadSearch';
import { makeCore, tempDir, type TestCore } from './helpers';

let t: TestCore | undefined;
afterEach(() => t?.core.close());

type Found = { contacts: { id: number; firstName: string; lastName: string }[] };
const names = (found: Found) => found.contacts.map((c) => `${c.firstName} ${c.lastName}`);

async function importCsv(core: TestCore, csv: string): Promise<void> {
  const staged = await core.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'leads.csv', data: Buffer.from(csv).toString('base64') });
  await core.call('imports.run', { stageId: staged.stageId, mapping: staged.mapping });
}

describe('Ctrl+K lead search (FTS5, kept in step by triggers)', () => {
  it('finds a lead by name (accents or not), company, email, and a number in any format', async () => {
    t = makeCore();
    await t.call('contacts.add', { firstName: 'José', lastName: 'Álvarez', company: 'Northwind Traders', phone: '(212) 555-0701' });
    await t.call('contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Contoso', phone: '+1 415 555 0702' });
    await importCsv(t, 'Name,Company,Email,Phone,Mobile\nBea Novak,Fabrikam,bea.novak@fabrikam.example,+44 20 7946 0958,+44 7911 123456\n');
    const search = (text: string) => t!.call<Found>('search.leads', { text });

    expect(names(await search('jose alv'))).toEqual(['José Álvarez']);
    expect(names(await search('northwind'))).toEqual(['José Álvarez']);
    expect(names(await search('bea.novak@fabrikam.example'))).toEqual(['Bea Novak']);
    expect(names(await search('Bea.Novak@fab'))).toEqual(['Bea Novak']);
    expect(names(await search('novak fabrikam'))).toEqual(['Bea Novak']);
    expect(names(await search('fabrik'))).toEqual(['Bea Novak']);
    // The same number as the desk writes it, with the country code, in dots: one lead.
    for (const typed of ['212-555-0701', '(212) 555 0701', '+1 212.555.0701', '12125550701']) expect(names(await search(typed)), typed).toEqual(['José Álvarez']);
    // A mobile from the file's second number column, in UK national format.
    expect(names(await search('+44 7911 123456'))).toEqual(['Bea Novak']);
    expect(names(await search('4420'))).toEqual(['Bea Novak']);
    // The start of a number as the desk writes it (a US desk: no country code).
    for (const typed of ['212 555', '(212) 555-07', '212.555.07']) expect(names(await search(typed)), typed).toEqual(['José Álvarez']);
    // The start of a British number in national form is not one on a US desk…
    expect((await search('020 7946')).contacts).toEqual([]);
    expect((await search('nobody')).contacts).toEqual([]);
    // FTS5 syntax typed by a rep is just text.
    expect((await search('NEAR(" OR *')).contacts).toEqual([]);
  });

  it('on a British desk, the start of a number in national form (its trunk 0) finds it', async () => {
    t = makeCore(undefined, { country: 'GB', zone: 'Europe/London' });
    await t.call('contacts.add', { firstName: 'Bea', lastName: 'Novak', phone: '+44 20 7946 0958' });
    await t.call('contacts.add', { firstName: 'José', lastName: 'Álvarez', phone: '+1 212 555 0701' });
    for (const typed of ['020 7946', '020 794', '0207946']) expect(names(await t.call<Found>('search.leads', { text: typed })), typed).toEqual(['Bea Novak']);
    // Written as international ("+1 212", "001 212"), it is read as such.
    for (const typed of ['+1 212 555', '001 212 555']) expect(names(await t.call<Found>('search.leads', { text: typed })), typed).toEqual(['José Álvarez']);
    // On this desk "212 555" is not the start of a national number, but the digits are in his.
    expect(names(await t.call<Found>('search.leads', { text: '212 555' }))).toEqual(['José Álvarez']);
  });

  it('finds digits further in a number (a local number typed without its area code), after the numbers that start with them', async () => {
    t = makeCore();
    await t.call('contacts.add', { firstName: 'José', lastName: 'Álvarez', phone: '(212) 555-0701' });
    await t.call('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '(415) 555-0702' });
    await t.call('contacts.add', { firstName: 'Ben', lastName: 'Okafor', phone: '(646) 212-5551' });
    const search = async (text: string, limit?: number) => names(await t!.call<Found>('search.leads', { text, limit }));
    for (const typed of ['555-0701', '5550701', '555 0701']) expect(await search(typed), typed).toEqual(['José Álvarez']);
    // As the app writes a number with its extension.
    expect(await search('+1 212 555 0701 ext. 12')).toEqual(['José Álvarez']);
    // José's number starts with 212 555: he comes first; then Ben, who has 212 555 further in.
    expect(await search('212 555')).toEqual(['José Álvarez', 'Ben Okafor']);
    expect(await search('212 555', 1)).toEqual(['José Álvarez']);
    expect(await search('555 070')).toEqual(['José Álvarez', 'Ana Silva']);
    // Three digits are in too many numbers: only the starts.
    expect(await search('070')).toEqual([]);
    expect(await search('555-0799')).toEqual([]);
  });

  it('the contacts list’s search finds what Ctrl+K finds: a name without its accents, any of a lead’s numbers; and text inside a word still', async () => {
    t = makeCore();
    await t.call('contacts.add', { firstName: 'José', lastName: 'Álvarez', company: 'Northwind Traders', phone: '(212) 555-0701' });
    await importCsv(t, 'Name,Company,Phone,Mobile\nBea Novak,Fabrikam,+44 20 7946 0958,+44 7911 123456\n');
    const listed = async (text: string, more: object = {}) => {
      const found = await t!.call<{ total: number; contacts: { firstName: string }[] }>('contacts.search', { text, ...more });
      expect(found.total, text).toBe(found.contacts.length);
      return found.contacts.map((c) => c.firstName);
    };
    for (const typed of ['Jose', 'JOSÉ', 'jose alvarez', 'alvarez']) expect(await listed(typed), typed).toEqual(['José']);
    // Her mobile, the file's second number column, in any international form.
    for (const typed of ['+44 7911 123456', '+447911123456', '0044 7911 123456']) expect(await listed(typed), typed).toEqual(['Bea']);
    // Substring matches the index does not make stay: "wind" inside Northwind, digits inside a number.
    expect(await listed('wind')).toEqual(['José']);
    expect(await listed('5550701')).toEqual(['José']);
    // With the other filters still applied.
    expect(await listed('Jose', { status: 'dud' })).toEqual([]);
  });

  it('follows an edit of the name and the number', async () => {
    t = makeCore();
    const ana = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Contoso', phone: '+1 415 555 0702' });
    const edit = { id: ana.id, firstName: 'Ana', lastName: 'Costa', company: 'Contoso', title: '', email: '', phone: '+1 415 555 0799', timeZone: '', kind: 'outbound', lineType: 'residential', notes: '' };
    await t.call('contacts.update', edit);
    expect(names(await t.call<Found>('search.leads', { text: 'silva' }))).toEqual([]);
    expect(names(await t.call<Found>('search.leads', { text: 'costa' }))).toEqual(['Ana Costa']);
    expect(names(await t.call<Found>('search.leads', { text: '(415) 555-0702' }))).toEqual([]);
    expect(names(await t.call<Found>('search.leads', { text: '(415) 555-0799' }))).toEqual(['Ana Costa']);
  });

  it('the migration indexes the leads a file already had', async () => {
    const dir = tempDir();
    const older = openDatabase(path.join(dir, DATABASE_FILE_NAME), { migrateTo: 11 });
    older.exec("INSERT INTO contacts (first_name, last_name, company, phone_raw, e164, created_at, updated_at) VALUES ('Old', 'Timer', 'Legacy Ltd', '+14155552671', '+14155552671', 0, 0)");
    older.close();
    t = makeCore(dir);
    expect(names(await t.call<Found>('search.leads', { text: 'legacy' }))).toEqual(['Old Timer']);
    expect(names(await t.call<Found>('search.leads', { text: '415 555 2671' }))).toEqual(['Old Timer']);
  });
});

describe('leadSearchMatch', () => {
  it('quotes every word as a prefix and reads numbers as E.164 digits', () => {
    expect(leadSearchMatch('ana sil', 'US')).toEqual({ kind: 'words', match: '"ana" "sil"*' });
    expect(leadSearchMatch('(212) 555-0701', 'US')).toEqual({ kind: 'words', match: 'phones : "12125550701"' });
    expect(leadSearchMatch('020 7946 0958', 'GB')).toEqual({ kind: 'words', match: 'phones : "442079460958"' });
    expect(leadSearchMatch(' Bea.Novak@ ', 'US')).toEqual({ kind: 'email', prefix: 'bea.novak@' });
    expect(leadSearchMatch('  ', 'US')).toBeNull();
  });
});
