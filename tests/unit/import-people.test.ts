import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import { isSamePerson, personName, sameNameForEmail } from '../../shared/domain/leads/duplicates';
import { makeCore, type TestCore } from './helpers';

// Different people are never merged: a duplicate is the same person (the same number and
// extension with the same or a missing name, or the same email). Colleagues behind a switchboard
// and people sharing an office line stay separate leads, linked by their number on both call
// screens; every merged row is kept, so a wrong merge can be split.

const FILE = [
  'First Name,Last Name,Phone,Extension,Email',
  'Ana,Silva,+1 212 555 0100,11,ana@acme.com', //   2 new
  'Ben,Ode,+1 212 555 0100,12,ben@acme.com', //     3 new: same switchboard, another extension
  'Cy,Lee,+1 212 555 0177,,cy@shared.com', //       4 new
  'Dee,Park,(212) 555-0177,,', //                   5 new: same office line, another name
  'Eve,Moss,+1 212 555 0188,,eve@one.com', //       6 new
  'Eve,Moss,212.555.0188,,eve@two.com', //          7 new: same line and name, another email
  'Fay,Wu,+1 212 555 0199,,fay@wu.com', //          8 new
  'Fay,Wu,(212) 555-0199,,', //                     9 merged into Fay: the number in another format
  'Gus,Hale,+1 917 555 0111,,gus@hale.com', //     10 new
  'Gustav,Hale,+1 646 555 0112,,GUS@Hale.com', //  11 merged into Gus: the same email, a name variant
  ',,(212) 555-0100,11,', //                       12 merged into Ana: her number and extension, no name
  ',,,7,', //                                      13 rejected: nothing to call or write to
].join('\n');

async function imported(t: TestCore) {
  return runImport(t.core.context, { fileName: 'switchboard.csv', bytes: new TextEncoder().encode(FILE), onDuplicate: 'merge', country: 'US' });
}

describe('import: the same person merges, different people on one number stay apart, linked', () => {
  it('switchboard colleagues and shared lines are separate leads; true duplicates merge; the counts add up', async () => {
    const t = makeCore();
    const summary = await imported(t);
    // 12 data rows: 8 new leads, 3 merged, 1 rejected (counted from the comments above).
    expect(summary).toMatchObject({ dataRows: 12, imported: 8, merged: 3, skipped: 0, rejected: 1 });
    expect(summary.imported + summary.merged + summary.skipped + summary.rejected).toBe(summary.dataRows);
    const people = t.core.db.prepare('SELECT first_name || \' \' || last_name AS name, e164, extension FROM contacts ORDER BY id').all();
    expect(people).toEqual([
      { name: 'Ana Silva', e164: '+12125550100', extension: '11' },
      { name: 'Ben Ode', e164: '+12125550100', extension: '12' },
      { name: 'Cy Lee', e164: '+12125550177', extension: null },
      { name: 'Dee Park', e164: '+12125550177', extension: null },
      { name: 'Eve Moss', e164: '+12125550188', extension: null },
      { name: 'Eve Moss', e164: '+12125550188', extension: null },
      { name: 'Fay Wu', e164: '+12125550199', extension: null },
      { name: 'Gus Hale', e164: '+19175550111', extension: null },
    ]);
    // The import's results name the contact each row was merged into.
    const merged = t.core.db.prepare("SELECT row_number, contact_id, reason FROM import_rows WHERE outcome = 'merged' ORDER BY row_number").all();
    expect(merged).toEqual([
      { row_number: 9, contact_id: 7, reason: 'merged into Fay Wu (contact #7): same number and extension, same or no name' },
      { row_number: 11, contact_id: 8, reason: 'merged into Gus Hale (contact #8): same email' },
      { row_number: 12, contact_id: 1, reason: 'merged into Ana Silva (contact #1): same number and extension, same or no name' },
    ]);
    // Linked on both call screens.
    const detail = async (id: number) => t.call<{ sharesNumberWith: { id: number; name: string; extension: string | null }[] }>('contacts.get', { id });
    expect((await detail(1)).sharesNumberWith).toEqual([{ id: 2, name: 'Ben Ode', extension: '12' }]);
    expect((await detail(2)).sharesNumberWith).toEqual([{ id: 1, name: 'Ana Silva', extension: '11' }]);
    expect((await detail(3)).sharesNumberWith).toEqual([{ id: 4, name: 'Dee Park', extension: null }]);
    expect((await detail(7)).sharesNumberWith).toEqual([]);
    t.core.close();
  });

  it('the same rule against leads already in the database: a second import of the file merges every row into its own person', async () => {
    const t = makeCore();
    await imported(t);
    const again = await imported(t);
    expect(again).toMatchObject({ dataRows: 12, imported: 0, merged: 11, rejected: 1 });
    const into = t.core.db.prepare("SELECT row_number, contact_id FROM import_rows WHERE outcome = 'merged' AND import_id = 2 ORDER BY row_number").all();
    // Each row into the person it is (rows 2–8 and 10 are contacts 1–8; 9, 11, 12 as before).
    expect(into).toEqual([
      { row_number: 2, contact_id: 1 }, { row_number: 3, contact_id: 2 }, { row_number: 4, contact_id: 3 }, { row_number: 5, contact_id: 4 },
      { row_number: 6, contact_id: 5 }, { row_number: 7, contact_id: 6 }, { row_number: 8, contact_id: 7 }, { row_number: 9, contact_id: 7 },
      { row_number: 10, contact_id: 8 }, { row_number: 11, contact_id: 8 }, { row_number: 12, contact_id: 1 },
    ]);
    t.core.close();
  });
});

describe('split a wrong merge from the kept row', () => {
  it('makes a new lead from the row as its import read it; the calls stay on the original; once only', async () => {
    const t = makeCore();
    await imported(t);
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    const kept = await t.call<{ id: number; rowNumber: number; fileName: string; cells: { header: string; value: string }[]; splitContactId: number | null }[]>('imports.mergedRows', { contactId: 1 });
    expect(kept).toMatchObject([{ rowNumber: 12, fileName: 'switchboard.csv', splitContactId: null }]);
    expect(kept[0]!.cells).toEqual([
      { header: 'First Name', value: '' },
      { header: 'Last Name', value: '' },
      { header: 'Phone', value: '(212) 555-0100' },
      { header: 'Extension', value: '11' },
      { header: 'Email', value: '' },
    ]);
    const split = await t.call<{ contactId: number }>('imports.split', { importRowId: kept[0]!.id });
    expect(split.contactId).toBe(9);
    expect(t.core.db.prepare('SELECT e164, extension, source_row, import_id FROM contacts WHERE id = 9').get()).toEqual({ e164: '+12125550100', extension: '11', source_row: 12, import_id: 1 });
    expect(t.core.db.prepare('SELECT contact_id FROM calls').all()).toEqual([{ contact_id: 1 }]);
    expect(await t.call('imports.mergedRows', { contactId: 1 })).toMatchObject([{ splitContactId: 9 }]);
    expect(await t.core.invoke('imports.split', { importRowId: kept[0]!.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Row 12 of switchboard.csv was already split into contact #9.' } });
    // The new lead is in the queue, and linked to Ana and Ben by the number.
    const detail = await t.call<{ sharesNumberWith: { id: number }[] }>('contacts.get', { id: 9 });
    expect(detail.sharesNumberWith.map((o) => o.id)).toEqual([1, 2]);
    expect(t.core.db.prepare('SELECT tier FROM queue_state WHERE contact_id = 9').get()).toEqual({ tier: 'fresh' });
    t.core.close();
  });
});

describe('split takes back what the merge filled in', () => {
  // Row 3 (no name, Ana's number and extension) merges into Ana and fills her empty email, title
  // and city, adds its mobile to her other numbers and its "Source" column to her extra columns.
  const FILLING = [
    'First Name,Last Name,Phone,Extension,Email,Title,City,Mobile,Source',
    'Ana,Silva,+1 212 555 0100,11,,,,+1 917 555 0160,',
    ',,(212) 555-0100,11,reception@acme.com,Receptionist,New York,+1 646 555 0199,trade show',
  ].join('\n');
  const lead = (t: TestCore, id: number) =>
    t.core.db.prepare('SELECT email, email_key, title, city, other_phones, custom_fields FROM contacts WHERE id = ?').get(id) as { email: string; email_key: string | null; title: string; city: string; other_phones: string; custom_fields: string };
  const numbers = (json: string) => (JSON.parse(json) as { e164: string }[]).map((phone) => phone.e164);

  it('the email, title, city, mobile and column the row brought go with it; a field the rep changed since stays; what Ana had stays', async () => {
    const t = makeCore();
    const summary = await runImport(t.core.context, { fileName: 'filling.csv', bytes: new TextEncoder().encode(FILLING), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ imported: 1, merged: 1 });
    // The merge as the file says: Ana's empty fields took row 3's values, her mobile kept, row 3's added.
    const merged = lead(t, 1);
    expect(merged).toMatchObject({ email: 'reception@acme.com', title: 'Receptionist', city: 'New York' });
    expect(numbers(merged.other_phones)).toEqual(['+19175550160', '+16465550199']);
    expect(JSON.parse(merged.custom_fields)).toEqual({ Source: 'trade show' });
    // The rep corrects the title by hand before seeing the merge was wrong.
    const { contact: ana } = await t.call<{ contact: { firstName: string; lastName: string; company: string; email: string; phoneDisplay: string; kind: string; lineType: string; notes: string } }>('contacts.get', { id: 1 });
    await t.call('contacts.update', { id: 1, firstName: ana.firstName, lastName: ana.lastName, company: ana.company, title: 'Office manager', email: ana.email, phone: ana.phoneDisplay, timeZone: '', kind: ana.kind, lineType: ana.lineType, notes: ana.notes });
    const [row] = await t.call<{ id: number }[]>('imports.mergedRows', { contactId: 1 });
    const split = await t.call<{ contactId: number; takenBack: string[]; kept: string[] }>('imports.split', { importRowId: row!.id });
    expect(split).toMatchObject({ contactId: 2, takenBack: ['email', 'city', 'extra columns', 'other numbers'], kept: ['title'] });
    // Ana as she was before the merge, with the rep's title.
    const after = lead(t, 1);
    expect(after).toMatchObject({ email: '', email_key: null, title: 'Office manager', city: '' });
    expect(numbers(after.other_phones)).toEqual(['+19175550160']);
    expect(JSON.parse(after.custom_fields)).toEqual({});
    // The receptionist, a lead of her own, with all of row 3.
    expect(lead(t, 2)).toMatchObject({ email: 'reception@acme.com', title: 'Receptionist', city: 'New York' });
    expect(numbers(lead(t, 2).other_phones)).toEqual(['+16465550199']);
    t.core.close();
  });

  it('a row merged with nothing to fill in takes nothing back', async () => {
    const t = makeCore();
    await imported(t);
    const [row] = await t.call<{ id: number }[]>('imports.mergedRows', { contactId: 1 });
    const before = t.core.db.prepare('SELECT * FROM contacts WHERE id = 1').get();
    expect(await t.call('imports.split', { importRowId: row!.id })).toMatchObject({ takenBack: [], kept: [] });
    expect(t.core.db.prepare('SELECT * FROM contacts WHERE id = 1').get()).toEqual(before);
    t.core.close();
  });
});

describe('split takes the row’s tags with it', () => {
  // Row 3 (no name, Ana's number and extension) merges into Ana and brings three tags: "customer"
  // Ana's own row already gave her, "vip" and "spanish" that she only has from the merge.
  const TAGGED = ['First Name,Last Name,Phone,Extension,Tags', 'Ana,Silva,+1 212 555 0100,11,customer', ',,(212) 555-0100,11,vip; customer; spanish'];
  const tagsOf = (t: TestCore, id: number) =>
    (t.core.db.prepare('SELECT t.name FROM lead_tags l JOIN tags t ON t.id = l.tag_id WHERE l.contact_id = ? ORDER BY t.name').all(id) as { name: string }[]).map((r) => r.name);
  const importAndSplit = async (t: TestCore, lines: string[], beforeSplit: () => Promise<void> = async () => {}) => {
    const summary = await runImport(t.core.context, { fileName: 'tagged.csv', bytes: new TextEncoder().encode(lines.join('\n')), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ imported: 1, merged: lines.length - 2 });
    expect(tagsOf(t, 1)).toEqual(['customer', 'spanish', 'vip']);
    await beforeSplit();
    const rows = await t.call<{ id: number; rowNumber: number }[]>('imports.mergedRows', { contactId: 1 });
    return t.call<{ contactId: number; takenBack: string[] }>('imports.split', { importRowId: rows.find((r) => r.rowNumber === 3)!.id });
  };

  it('the new lead has the row’s tags; Ana loses those the merge gave her and keeps her own', async () => {
    const t = makeCore();
    const split = await importAndSplit(t, TAGGED);
    expect(split.takenBack).toEqual(['the tag “vip”', 'the tag “spanish”']);
    expect(tagsOf(t, split.contactId)).toEqual(['customer', 'spanish', 'vip']);
    expect(tagsOf(t, 1)).toEqual(['customer']);
    t.core.close();
  });

  it('a tag another merged row brings too, or one the rep put on again since, stays on Ana', async () => {
    const t = makeCore();
    // Row 4, also merged into Ana, brings "spanish" as well; the rep takes "vip" off Ana and puts it back.
    const split = await importAndSplit(t, [...TAGGED, ',,(212) 555-0100,11,spanish'], async () => {
      const vip = t.core.db.prepare("SELECT id FROM tags WHERE name = 'vip'").get() as { id: number };
      t.clock.advance(60_000);
      await t.call('tags.remove', { contactId: 1, tagId: vip.id });
      await t.call('tags.add', { contactId: 1, tag: 'vip' });
    });
    expect(split.takenBack).toEqual([]);
    expect(tagsOf(t, split.contactId)).toEqual(['customer', 'spanish', 'vip']);
    expect(tagsOf(t, 1)).toEqual(['customer', 'spanish', 'vip']);
    t.core.close();
  });
});

describe('isSamePerson', () => {
  const p = (extension: string | null, first: string, last: string, email: string | null) => ({ extension, name: personName(first, last), email });
  it.each([
    [p('11', 'Ana', 'Silva', null), p('11', 'ana', 'SILVA', null), true],
    [p(null, 'José', "O'Neil", null), p(null, 'Jose', 'ONeil', null), true],
    [p(null, 'Ana', '', null), p(null, 'Ana', 'S.', null), true],
    [p(null, '', '', null), p(null, 'Ana', 'Silva', 'a@x.com'), true],
    [p('11', 'Ana', 'Silva', null), p('12', 'Ana', 'Silva', null), false],
    [p(null, 'Ana Maria', 'Silva', null), p(null, 'Ana', 'Silva', null), true],
    [p(null, 'Ana', 'Silva', null), p(null, 'Ana', 'Souza', null), false],
    [p(null, 'Ana', 'Silva', null), p(null, 'Anabel', 'Silva', null), false],
    [p(null, 'Ana', 'Silva', 'a@x.com'), p(null, 'Ana', 'Silva', 'b@x.com'), false],
  ])('%o and %o: %s', (a, b, same) => {
    expect(isSamePerson(a, b)).toBe(same);
    expect(isSamePerson(b, a)).toBe(same);
  });
});

describe('a lead with no name on a line', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  const people = (t: TestCore) => t.core.db.prepare("SELECT first_name || ' ' || last_name AS name, e164 FROM contacts ORDER BY id").all();
  const rows = (t: TestCore) => t.core.db.prepare('SELECT row_number, outcome, contact_id FROM import_rows ORDER BY import_id, row_number').all();

  for (const onDuplicate of ['merge', 'skip'] as const) {
    it(`is one person, the first named row on the line, not two different people (${onDuplicate})`, async () => {
      // In one file: the nameless row 2, Ana on the line (row 3), then Ben on it (row 4).
      const t = makeCore();
      const one = await runImport(t.core.context, { fileName: 'one.csv', bytes: enc('First Name,Last Name,Phone\n,,+1 212 555 0100\nAna,Silva,+1 212 555 0100\nBen,Ode,+1 212 555 0100\n'), onDuplicate, country: 'US' });
      expect(one).toMatchObject({ dataRows: 3, imported: 2, merged: onDuplicate === 'merge' ? 1 : 0, skipped: onDuplicate === 'skip' ? 1 : 0 });
      expect(people(t)).toEqual([
        { name: onDuplicate === 'merge' ? 'Ana Silva' : ' ', e164: '+12125550100' },
        { name: 'Ben Ode', e164: '+12125550100' },
      ]);
      // Rows 2 and 4 are the two leads (source rows); row 3 is kept against the first.
      expect(t.core.db.prepare('SELECT source_row FROM contacts ORDER BY id').pluck().all()).toEqual([2, 4]);
      expect(rows(t)).toEqual([{ row_number: 3, outcome: onDuplicate === 'merge' ? 'merged' : 'skipped', contact_id: 1 }]);
      t.core.close();

      // Across imports: a list of bare numbers first, then the people.
      const u = makeCore();
      await runImport(u.core.context, { fileName: 'numbers.csv', bytes: enc('Phone\n+1 212 555 0100\n'), onDuplicate, country: 'US' });
      const two = await runImport(u.core.context, { fileName: 'people.csv', bytes: enc('First Name,Last Name,Phone\nAna,Silva,+1 212 555 0100\nBen,Ode,+1 212 555 0100\n'), onDuplicate, country: 'US' });
      expect(two).toMatchObject({ dataRows: 2, imported: 1 });
      expect(people(u).map((p) => (p as { name: string }).name)).toEqual([onDuplicate === 'merge' ? 'Ana Silva' : ' ', 'Ben Ode']);
      u.core.close();
    });
  }

  it('takes the first e-mail on the line too: the same name under another address is another lead, as it would be in a later import', async () => {
    const t = makeCore();
    const summary = await runImport(t.core.context, { fileName: 'mail.csv', bytes: enc('First Name,Last Name,Phone,Email\n,,+1 212 555 0100,\nAna,Silva,+1 212 555 0100,ana@x.com\nAna,Silva,+1 212 555 0100,ana@y.com\n'), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ dataRows: 3, imported: 2, merged: 1 });
    expect(t.core.db.prepare('SELECT email FROM contacts ORDER BY id').pluck().all()).toEqual(['ana@x.com', 'ana@y.com']);
    t.core.close();
  });
});

describe('a row with a good number merged into a lead that had none', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  const lead = (t: TestCore) => t.core.db.prepare('SELECT e164, phone_raw, status, dud_reason, time_zones FROM contacts').all();
  const expected = [{ e164: '+12125550143', phone_raw: '+1 212 555 0143', status: 'active', dud_reason: null, time_zones: 'America/New_York' }];

  it('makes it callable: the number, its zone, no longer a dud, offered in the queue', async () => {
    // In one file: Ana with "n/a" (a dud), then Ana by the same e-mail with a New York number.
    const t = makeCore();
    await runImport(t.core.context, { fileName: 'f.csv', bytes: enc('First Name,Last Name,Phone,Email\nAna,Silva,n/a,ana@acme.com\nAna,Silva,+1 212 555 0143,ana@acme.com\n'), onDuplicate: 'merge', country: 'US' });
    expect(lead(t)).toEqual(expected);
    expect(t.core.db.prepare('SELECT blocked FROM queue_state WHERE contact_id = 1').pluck().get()).toBeNull();
    const offered = await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', {});
    expect(offered.entries.map((e) => e.contact.id)).toEqual([1]);
    t.core.close();

    // Across imports: the number comes in a later file.
    const u = makeCore();
    await runImport(u.core.context, { fileName: 'a.csv', bytes: enc('First Name,Last Name,Phone,Email\nAna,Silva,,ana@acme.com\n'), onDuplicate: 'merge', country: 'US' });
    expect(lead(u)[0]).toMatchObject({ status: 'dud', e164: null });
    await runImport(u.core.context, { fileName: 'b.csv', bytes: enc('First Name,Last Name,Phone,Email\nAna,Silva,+1 212 555 0143,ana@acme.com\n'), onDuplicate: 'merge', country: 'US' });
    expect(lead(u)).toEqual(expected);
    u.core.close();
  });
});

describe('a row merged by e-mail with another number', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  it('keeps that number (and its mobile) as the lead’s other phones, once however often it is imported', async () => {
    const t = makeCore();
    await runImport(t.core.context, { fileName: 'a.csv', bytes: enc('First Name,Last Name,Phone,Email\nAna,Silva,+1 212 555 0100,ana@acme.com\n'), onDuplicate: 'merge', country: 'US' });
    const second = 'First Name,Last Name,Phone,Mobile,Email\nAna,Silva,(212) 555-0143,(917) 555-0123,ana@acme.com\n';
    for (let i = 0; i < 2; i++) await runImport(t.core.context, { fileName: 'b.csv', bytes: enc(second), onDuplicate: 'merge', country: 'US' });
    const lead = t.core.db.prepare('SELECT e164, other_phones FROM contacts').all() as { e164: string; other_phones: string }[];
    expect(lead).toHaveLength(1);
    expect(lead[0]!.e164).toBe('+12125550100');
    expect(JSON.parse(lead[0]!.other_phones)).toEqual([
      { label: 'phone', raw: '(212) 555-0143', e164: '+12125550143', extension: null },
      { label: 'mobile', raw: '(917) 555-0123', e164: '+19175550123', extension: null },
    ]);
    t.core.close();
  });
});

describe('an e-mail address several people read (info@)', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  it('merges a row only into the person whose name agrees; anyone else with it is another lead, in the file and across imports', async () => {
    const t = makeCore();
    const file = [
      'First Name,Last Name,Phone,Email',
      'Ana,Silva,+1 212 555 0300,info@acme.example', //        2 new
      'Ben,Ode,+1 303 555 0200,INFO@acme.example', //          3 new: another person on the shared address
      'Ana,Silva,+1 212 555 0301,info@acme.example', //        4 merged into Ana
      'Benjamin,Ode,+1 303 555 0201,info@acme.example', //     5 merged into Ben: "Ben" begins "Benjamin"
      'Cy,Silva,+1 212 555 0302,info@acme.example', //         6 new: Ana's last name, another first name
    ].join('\n');
    const summary = await runImport(t.core.context, { fileName: 'acme.csv', bytes: enc(file), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ imported: 3, merged: 2 });
    const merged = t.core.db.prepare("SELECT row_number, contact_id FROM import_rows WHERE outcome = 'merged' ORDER BY row_number").all();
    expect(merged).toEqual([{ row_number: 4, contact_id: 1 }, { row_number: 5, contact_id: 2 }]);
    // A later file: Ben's row goes to Ben, not to the first lead with the address.
    await runImport(t.core.context, { fileName: 'later.csv', bytes: enc('First Name,Last Name,Phone,Email\nBen,Ode,+1 303 555 0299,info@acme.example\n'), onDuplicate: 'merge', country: 'US' });
    const people = t.core.db.prepare('SELECT first_name, last_name, e164, other_phones FROM contacts ORDER BY id').all() as { first_name: string; e164: string; other_phones: string }[];
    expect(people.map((p) => [p.first_name, p.e164, (JSON.parse(p.other_phones) as { e164: string }[]).map((o) => o.e164)])).toEqual([
      ['Ana', '+12125550300', ['+12125550301']],
      ['Ben', '+13035550200', ['+13035550201', '+13035550299']],
      ['Cy', '+12125550302', []],
    ]);
    t.core.close();
  });

  // Written by hand: who is one person when two rows share an address.
  it.each([
    ['Ana Silva', 'Ana Silva', true],
    ['Ana Silva', '', true],
    ['Gus Hale', 'Gustav Hale', true],
    ['Ana Silva', 'A Silva', true],
    ['Ana Silva', 'Ben Ode', false],
    ['Ana Silva', 'Cy Silva', false],
    ['Ana Silva', 'Ana Souza', false],
    ['Bob Reed', 'Robert Reed', false],
  ])('%j and %j: %s', (a, b, same) => {
    const name = (full: string) => personName(full.split(' ')[0] ?? '', full.split(' ').slice(1).join(' '));
    expect(sameNameForEmail(name(a), name(b))).toBe(same);
    expect(sameNameForEmail(name(b), name(a))).toBe(same);
  });
});

describe('a row merged into its lead brings its extra columns', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  it('the ones the lead has no value for; the lead’s own values stay', async () => {
    const t = makeCore();
    await runImport(t.core.context, { fileName: 'a.csv', bytes: enc('Name,Phone,Budget,Source\nAna Silva,+1 212 555 0100,5k,\n'), onDuplicate: 'merge', country: 'US' });
    await runImport(t.core.context, { fileName: 'b.csv', bytes: enc('Name,Phone,Budget,Source,Seats\nAna Silva,(212) 555-0100,10k,webinar,40\n'), onDuplicate: 'merge', country: 'US' });
    const custom = t.core.db.prepare('SELECT custom_fields FROM contacts').pluck().all() as string[];
    expect(custom).toHaveLength(1);
    expect(new Map(Object.entries(JSON.parse(custom[0]!) as object))).toEqual(new Map([['Budget', '5k'], ['Source', 'webinar'], ['Seats', '40']]));
    t.core.close();
  });
});
