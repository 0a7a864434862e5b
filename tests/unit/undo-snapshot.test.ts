// The undo snapshot is built by SQLite in one statement (calls/undoRepo.ts readUndoSnapshot):
// held here to each table's rows read plainly, with the number's other leads, values of every
// type (text that looks like JSON stays text, NULLs, integers) and nothing from other leads.
import { describe, expect, it } from 'vitest';
import { readUndoSnapshot, undoRowsFromJson } from '../../electron/core/calls/undoRepo';
import { makeCore } from './helpers';

describe('the undo snapshot', () => {
  it("is each table's rows of the lead and of its number, as SQLite holds them", async () => {
    const t = makeCore();
    const db = t.core.db;
    const add = async (firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, phone })).id;
    const ana = await add('Ana', '+1 212 555 0101');
    const ben = await add('Ben', '+1 212 555 0102');
    const cy = await add('Cy', '+1 212 555 0103');
    const dee = await add('Dee', '+1 212 555 0199');
    // Ben and Cy share Ana's line behind their extensions; Dee is someone else.
    db.prepare("UPDATE contacts SET e164 = '+12125550101', extension = ?, custom_fields = '{\"tier\":\"gold\"}' WHERE id = ?").run('12', ben);
    db.prepare("UPDATE contacts SET e164 = '+12125550101', extension = '13' WHERE id = ?").run(cy);
    db.prepare("UPDATE contacts SET other_phones = '[\"+12125550177\"]', notes = 'said \"call after 5\"' WHERE id = ?").run(ana);
    db.prepare("INSERT INTO dnc (e164, added_at, source) VALUES ('+12125550101', 5, 'list'), ('+12125550199', 6, 'list')").run();
    for (const [contact, title] of [[ana, 'Send the quote'], [ana, 'Call back'], [dee, 'Other']] as const) {
      db.prepare("INSERT INTO tasks (contact_id, kind, title, due_at, created_at) VALUES (?, 'call', ?, 100, 1)").run(contact, title);
    }
    db.prepare("INSERT INTO redial_loops (contact_id, started_at, ends_at, next_dial_at, attempts, last_call_id, status) VALUES (?, 0, 60, NULL, 2, NULL, 'stopped')").run(ana);
    await t.call('calls.draft', { contactId: ana, text: 'asked about pricing' });
    await t.call('calls.draft', { contactId: dee, text: 'not this one' });

    const plain = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
    const columnsOf = (table: string) => (db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).all(table) as { name: string }[]).map((c) => c.name).join(', ');
    const expected = {
      contacts: plain(`SELECT ${columnsOf('contacts')} FROM contacts WHERE id = ?`, ana),
      queue_state: plain(`SELECT ${columnsOf('queue_state')} FROM queue_state WHERE contact_id IN (?, ?, ?) ORDER BY contact_id`, ana, ben, cy),
      dnc: plain(`SELECT ${columnsOf('dnc')} FROM dnc WHERE e164 = ?`, '+12125550101'),
      tasks: plain(`SELECT ${columnsOf('tasks')} FROM tasks WHERE contact_id = ? ORDER BY id`, ana),
      redial_loops: plain(`SELECT ${columnsOf('redial_loops')} FROM redial_loops WHERE contact_id = ? ORDER BY id`, ana),
      note_drafts: plain('SELECT contact_id, text, updated_at FROM note_drafts WHERE contact_id = ?', ana),
      complaint_cases: [],
    };
    expect((expected.queue_state as unknown[]).length).toBe(3);
    expect((expected.tasks as unknown[]).length).toBe(2);
    const snapshot = undoRowsFromJson(readUndoSnapshot(db, ana, '+12125550101'));
    // In whatever order the indexes give: undo finds rows by key.
    const KEYS = new Map([['queue_state', 'contact_id'], ['note_drafts', 'contact_id'], ['dnc', 'e164']]);
    const byKey = (table: string, rows: readonly unknown[]) => {
      const key = KEYS.get(table) ?? 'id';
      return [...(rows as Record<string, string | number>[])].sort((a, b) => String(a[key]).localeCompare(String(b[key]), 'en', { numeric: true }));
    };
    expect(new Map([...snapshot].map(([table, rows]) => [table, byKey(table, rows)]))).toEqual(new Map(Object.entries(expected).map(([table, rows]) => [table, byKey(table, rows)])));
    // Text that looks like JSON is kept as the text it is.
    expect(snapshot.get('contacts')![0]!.other_phones).toBe('["+12125550177"]');
    t.core.close();
  });
});
