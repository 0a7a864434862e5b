import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import { makeCore, type TestCore } from './helpers';

// An import's leads go into the Ctrl+K index after it, many at a time (migration 043): not in
// it while the import writes, found by any search that comes first, indexed in the pauses
// otherwise, each once; and nothing else written meanwhile waits.

const ROWS = 1500;
// Lead 1499 alone is Söderström: "Soderstrom" finds it only through the index, which reads past
// the accents (the contacts list and the call log also match names and digits by LIKE).
const file = ['First Name,Last Name,Phone', ...Array.from({ length: ROWS }, (_, i) => `Ivy${i + 1},${i + 1 === 1499 ? 'Söderström' : 'Stone'},+1 212 55${String(i + 1).padStart(5, '0')}`)].join('\n');
const indexed = (t: TestCore) => t.core.db.prepare('SELECT count(*) AS n FROM lead_search').get() as { n: number };
const backlog = (t: TestCore) => t.core.db.prepare('SELECT count(*) AS n FROM lead_search_backlog').get() as { n: number };
const imported = (t: TestCore) => runImport(t.core.context, { fileName: 'ivy.csv', bytes: new TextEncoder().encode(file), onDuplicate: 'merge', country: 'US' });

describe('the search index after an import', () => {
  it('a search right after the import finds its leads (each indexed once), and a lead added by hand meanwhile is indexed at once', async () => {
    const t = makeCore();
    await imported(t);
    expect(indexed(t).n).toBe(0);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM lead_search_paused').get()).toEqual({ n: 0 });
    // Edited before the index took it: the edit's trigger indexes it, the backlog leaves it be.
    t.core.db.prepare("UPDATE contacts SET company = 'Stone & Co' WHERE first_name = 'Ivy7'").run();
    const added = await t.call<{ id: number }>('contacts.add', { firstName: 'Una', lastName: 'Hand', phone: '+1 646 555 0100' });
    expect(t.core.db.prepare('SELECT rowid FROM lead_search').all()).toEqual([{ rowid: 7 }, { rowid: added.id }]);
    const found = await t.call<{ contacts: { firstName: string; company: string }[] }>('search.leads', { text: 'Ivy1499' });
    expect(found.contacts.map((c) => c.firstName)).toEqual(['Ivy1499']);
    expect(indexed(t).n).toBe(ROWS + 1);
    expect(backlog(t).n).toBe(0);
    expect((await t.call<{ contacts: { company: string }[] }>('search.leads', { text: 'Ivy7 Co' })).contacts.map((c) => c.company)).toEqual(['Stone & Co']);
    t.core.close();
  });

  // Each place that reads the index: Ctrl+K, the contacts list, the call log by a lead's name.
  it.each([
    ['search.leads', (t: TestCore) => t.call<{ contacts: unknown[] }>('search.leads', { text: 'Soderstrom' }).then((r) => r.contacts.length)],
    ['contacts.search', (t: TestCore) => t.call<{ total: number }>('contacts.search', { text: 'Soderstrom', limit: 10, offset: 0 }).then((r) => r.total)],
    ['calls.search', (t: TestCore) => t.call<{ calls: unknown[] }>('calls.search', { text: 'Soderstrom' }).then((r) => r.calls.length)],
  ] as const)('%s right after the import finds one of its leads', async (_channel, found) => {
    const t = makeCore();
    await imported(t);
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1499, override: true });
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(indexed(t).n).toBe(0);
    expect(await found(t)).toBe(1);
    t.core.close();
  });

  it('in the pauses after an import from the app, the index takes every lead, with no search asking', async () => {
    const t = makeCore();
    const stage = await t.call<{ stageId: string }>('imports.preview', { fileName: 'ivy.csv', data: Buffer.from(file).toString('base64') });
    await t.call('imports.run', { stageId: stage.stageId, mapping: ['firstName', 'lastName', 'phone'] });
    await expect.poll(() => backlog(t).n).toBe(0);
    expect(indexed(t).n).toBe(ROWS);
    // The contacts list and the call log find them through the same index.
    const listed = await t.call<{ total: number }>('contacts.search', { text: 'Ivy1500', limit: 10, offset: 0 });
    expect(listed.total).toBe(1);
    t.core.close();
  });
});
