// Who else a do-not-call on a shared number stops: a switchboard can hold more leads than the
// call screen lists by name, and the question must not understate them.
import { describe, expect, it } from 'vitest';
import { sharersText } from '../../renderer/src/features/call/sharers';
import { makeCore } from './helpers';

describe('the leads sharing a number', () => {
  it('lists the first 20 by name and counts them all', async () => {
    const t = makeCore();
    // 24 colleagues behind one switchboard, each on their own extension, and a pair on a shared line.
    const rows = Array.from({ length: 24 }, (_, i) => `Colleague${i} Test,Acme,+1 212 555 0100 ext. ${100 + i}`);
    const csv = `Name,Company,Phone\n${rows.join('\n')}\nAlone Pair,Beta,+1 212 555 0177\nOther Pair,Gamma,+1 212 555 0177\n`;
    const staged = await t.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'switchboard.csv', data: Buffer.from(csv).toString('base64') });
    await t.call('imports.run', { stageId: staged.stageId, mapping: staged.mapping });
    const ids = (t.core.db.prepare("SELECT id FROM contacts WHERE e164 = '+12125550100' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    expect(ids).toHaveLength(24);
    const detail = await t.call<{ sharesNumberWith: { id: number }[]; sharesNumberCount: number }>('contacts.get', { id: ids[0] });
    expect(detail.sharesNumberWith.map((o) => o.id)).toEqual(ids.slice(1, 21));
    expect(detail.sharesNumberCount).toBe(23);
    const pair = t.core.db.prepare("SELECT id FROM contacts WHERE first_name = 'Alone'").get() as { id: number };
    expect(await t.call('contacts.get', { id: pair.id })).toMatchObject({ sharesNumberCount: 1, sharesNumberWith: [{ name: 'Other Pair' }] });
    t.core.close();
  });

  it('the sentence names a few and counts the rest, from the total, not the list', () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `P${i}`, extension: i === 0 ? '12' : null }));
    expect(sharersText(people(1))).toBe('P0 (ext. 12)');
    expect(sharersText(people(3))).toBe('P0 (ext. 12), P1 and P2');
    expect(sharersText(people(6))).toBe('P0 (ext. 12), P1, P2, P3, P4 and P5');
    expect(sharersText(people(7))).toBe('P0 (ext. 12), P1, P2, P3, P4 and 2 others');
    // 20 listed of 23: five named, 23 − 5 = 18 others.
    expect(sharersText(people(20), 23)).toBe('P0 (ext. 12), P1, P2, P3, P4 and 18 others');
  });
});
