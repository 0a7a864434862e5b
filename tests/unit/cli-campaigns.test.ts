import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { CoreError } from '../../electron/core/errors';
import { makeCore, tempDir } from './helpers';

// `campaign add|list|assign` and `tag <leadId> <tag>`, run in-process through the command table
// on a data folder the app wrote: the same services as the screens.

async function run(dir: string, args: string[], values: Record<string, string | boolean> = {}) {
  let out = '';
  const context: CliContext = { args: args.slice(1), values: { 'data-dir': dir, json: true, ...values }, json: true, out: (t) => (out += t), err: () => undefined };
  try {
    const code = await COMMANDS.get(args[0]!)!(context);
    return { code, out: out ? (JSON.parse(out) as unknown) : null, err: '' };
  } catch (error) {
    return { code: -1, out: null, err: error instanceof CoreError ? error.message : String(error) };
  }
}

describe('npm run cli -- campaign / tag', () => {
  it('adds, lists and assigns campaigns by name or id, tags a lead, and refuses bad input with the reason', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 212 555 0101' })).id;
    const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', phone: '+1 212 555 0102' })).id;
    t.core.close();

    expect(await run(dir, ['campaign', 'add', 'Spring', 'Push'])).toMatchObject({ code: 0, out: { id: 1, name: 'Spring Push', leads: 0 } });
    expect(await run(dir, ['campaign', 'add', ' spring  push'])).toMatchObject({ code: -1, err: 'There is a campaign named "Spring Push" already.' });
    expect(await run(dir, ['campaign', 'assign', 'SPRING PUSH', String(ana), String(ben)])).toMatchObject({ code: 0, out: { added: 2, already: 0, campaign: { id: 1, leads: 2 } } });
    expect(await run(dir, ['campaign', 'assign', '1', String(ana)])).toMatchObject({ code: 0, out: { added: 0, already: 1 } });
    expect(await run(dir, ['campaign', 'assign', 'Spring Push', 'x'])).toMatchObject({ code: -1, err: "Give the lead's id (a whole number)." });
    expect(await run(dir, ['campaign', 'list'])).toMatchObject({ code: 0, out: [{ id: 1, name: 'Spring Push', leads: 2, scriptId: null }] });
    expect(await run(dir, ['tag', String(ben), 'Hot', 'lead'])).toMatchObject({ code: 0, out: { added: true, tag: { name: 'Hot lead' } } });
    expect(await run(dir, ['tag', String(ben), 'hot LEAD'])).toMatchObject({ code: 0, out: { added: false, tag: { name: 'Hot lead' } } });
    expect(await run(dir, ['tag', String(ben), 'a;b'])).toMatchObject({ code: -1, err: expect.stringContaining('cannot contain') });
    expect(await run(dir, ['tag', '999', 'x'])).toMatchObject({ code: -1 });
    expect(await run(dir, ['campaign', 'rename'])).toMatchObject({ code: -1, err: expect.stringContaining('Usage: campaign add') });

    const check = makeCore(dir);
    const queue = await check.call<{ entries: { contact: { id: number } }[] }>('queue.list', { campaignId: 1, tagId: 1 });
    expect(queue.entries.map((e) => e.contact.id)).toEqual([ben]);
    check.core.close();
  });
});
