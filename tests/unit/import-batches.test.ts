import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import { makeCore } from './helpers';

// An import writes its new contacts many to a statement (contacts/repo.ts prepareInsertContactBatch)
// and works out their ids from the statement's last one. Every use of those ids lands on the
// right person however the rows fall in statements and batches: a duplicate later in the file
// merges into the row it repeats, a dud's result names its own contact, a row's tags are its own,
// and the search index has each of them.

const ROWS = 2345; // a first batch of 1,000 rows, then 1,345: whole statements and a remainder
const DUPLICATED = 600; // in the first batch
const DUPLICATE = 2300; // in the second batch's remainder
const DUD = 1700;
const TAGGED = 1200;

/** The file's data row n (file row n + 1): Lead n with a number of its own. */
function line(n: number): string {
  if (n === DUPLICATE) return line(DUPLICATED);
  const phone = n === DUD ? 'n/a' : `+1 212 55${String(n).padStart(5, '0')}`;
  return `Lead${n},Bench,${phone},${n === TAGGED ? 'vip' : ''}`;
}

describe('an import of more rows than one insert statement writes', () => {
  it('gives every id to its own row: merges, duds, tags and the search index land on the right person', async () => {
    const t = makeCore();
    const file = ['First Name,Last Name,Phone,Tags', ...Array.from({ length: ROWS }, (_, i) => line(i + 1))].join('\n');
    const summary = await runImport(t.core.context, { fileName: 'many.csv', bytes: new TextEncoder().encode(file), onDuplicate: 'merge', country: 'US' });
    expect(summary).toMatchObject({ dataRows: ROWS, imported: ROWS - 2, merged: 1 });
    // The contact each file row became, read from the rows themselves (source_row is the file row).
    const contactOfRow = new Map((t.core.db.prepare('SELECT id, source_row, first_name FROM contacts').all() as { id: number; source_row: number; first_name: string }[]).map((c) => [c.source_row, c]));
    for (const [row, contact] of contactOfRow) if (row - 1 !== DUPLICATE) expect(contact.first_name).toBe(`Lead${row - 1}`);
    const result = (row: number) => t.core.db.prepare('SELECT outcome, contact_id FROM import_rows WHERE row_number = ?').get(row + 1);
    expect(result(DUPLICATE)).toEqual({ outcome: 'merged', contact_id: contactOfRow.get(DUPLICATED + 1)!.id });
    expect(result(DUD)).toEqual({ outcome: 'rejected', contact_id: contactOfRow.get(DUD + 1)!.id });
    const tagged = t.core.db.prepare('SELECT lt.contact_id FROM lead_tags lt JOIN tags g ON g.id = lt.tag_id WHERE g.name = ?').all('vip');
    expect(tagged).toEqual([{ contact_id: contactOfRow.get(TAGGED + 1)!.id }]);
    for (const n of [499, 500, 501, 1001, 1999, 2345]) {
      const found = await t.call<{ contacts: { id: number }[] }>('search.leads', { text: `Lead${n}` });
      expect(found.contacts.map((c) => c.id)).toEqual([contactOfRow.get(n + 1)!.id]);
    }
    t.core.close();
  });
});
