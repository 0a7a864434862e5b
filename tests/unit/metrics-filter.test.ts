// The numbers filtered by campaign and by tag (#13 point 9, "later the dashboard"): a call log
// written by hand for four leads — A in the campaign with the tag, B in the campaign, C with the
// tag, D in neither — and the expected numbers counted from it in the comments, through the
// handlers the dashboard calls and through `stats --campaign --tag` on the command line.
import { afterAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../shared/ipc/contract';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { makeCore, tempDir, type TestCore } from './helpers';

const RANGE = { from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' };

async function seed(dir = tempDir()): Promise<{ t: TestCore; campaignId: number; tagId: number }> {
  const t = makeCore(dir); // the rep in Europe/London: UTC in early March
  const db = t.core.db;
  const lead = (name: string, zone: string) =>
    Number(db.prepare('INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)').run(name, `+1415555${name.charCodeAt(0)}`, `+1415555${name.charCodeAt(0)}`, zone).lastInsertRowid);
  const a = lead('A', 'America/New_York');
  const b = lead('B', 'America/Chicago');
  const c = lead('C', 'Europe/London');
  const d = lead('D', 'America/New_York');
  const { campaign } = await t.call<{ campaign: { id: number } }>('campaigns.assign', { campaign: { name: 'Spring push' }, contactIds: [a, b] });
  const { tag } = await t.call<{ tag: { id: number } }>('tags.add', { contactId: a, tag: 'hot' });
  await t.call('tags.add', { contactId: c, tag: 'Hot' });
  const add = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, talk_seconds_reported, direction, undone_at) VALUES (?, 'tel:1', '1', ?, ?, ?, ?, ?)");
  const at = (iso: string) => Date.parse(iso);
  // A: a conversation (Tue 09:00 in New York), a voicemail (10:00 theirs) the lead returns the next
  // day by calling in, and an advance the rep marked undone.
  add.run(a, at('2026-03-03T14:00:00Z'), 'conversation', 100, 'outbound', null);
  add.run(a, at('2026-03-03T15:00:00Z'), 'voicemail_left', null, 'outbound', null);
  add.run(a, at('2026-03-04T16:00:00Z'), 'conversation', 50, 'inbound', null);
  add.run(a, at('2026-03-04T17:00:00Z'), 'advance', 200, 'outbound', at('2026-03-04T17:05:00Z'));
  // B: no answer (Tue 10:30 in Chicago), a conversion (Wed 09:00 there).
  add.run(b, at('2026-03-03T16:30:00Z'), 'no_answer', null, 'outbound', null);
  add.run(b, at('2026-03-04T15:00:00Z'), 'conversion', 300, 'outbound', null);
  // C: an advance and a gatekeeper.
  add.run(c, at('2026-03-03T14:30:00Z'), 'advance', 60, 'outbound', null);
  add.run(c, at('2026-03-04T09:00:00Z'), 'gatekeeper', null, 'outbound', null);
  // D: a long conversation.
  add.run(d, at('2026-03-03T10:00:00Z'), 'conversation', 500, 'outbound', null);
  return { t, campaignId: campaign.id, tagId: tag.id };
}

const none = { dials: 0, redials: 0, connects: 0, conversations: 0, advances: 0, conversions: 0, talkSeconds: 0, voicemails: 0, voicemailsReturned: 0 };

describe('the numbers of a campaign and of a tag', () => {
  const cores: TestCore[] = [];
  afterAll(() => cores.forEach((t) => t.core.close()));

  it('the campaign: A and B only, by day, by hour, by import', async () => {
    const { t, campaignId } = await seed();
    cores.push(t);
    const byDay = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { ...RANGE, campaignId, by: 'day' });
    // Dials: A's conversation and voicemail, B's no answer and conversion (not A's inbound call,
    // not the undone advance); conversations: A's two (one inbound) and B's conversion.
    expect(byDay.totals).toEqual({ ...none, dials: 4, connects: 2, conversations: 3, conversions: 1, talkSeconds: 450, voicemails: 1, voicemailsReturned: 1 });
    expect(byDay.rates.conversationRate).toBeCloseTo(3 / 4);
    expect(byDay.groups.map((g) => [g.key, g.totals])).toEqual([
      ['2026-03-03', { ...none, dials: 3, connects: 1, conversations: 1, talkSeconds: 100, voicemails: 1, voicemailsReturned: 1 }],
      ['2026-03-04', { ...none, dials: 1, connects: 1, conversations: 2, conversions: 1, talkSeconds: 350 }],
    ]);
    const byHour = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { ...RANGE, campaignId, by: 'hour' });
    const hour = (h: string) => byHour.groups.find((g) => g.key === h)?.totals;
    expect(hour('14')).toEqual({ ...none, dials: 1, connects: 1, conversations: 1, talkSeconds: 100 });
    expect(hour('15')).toEqual({ ...none, dials: 2, connects: 1, conversations: 1, conversions: 1, talkSeconds: 300, voicemails: 1, voicemailsReturned: 1 });
    expect(hour('16')).toEqual({ ...none, dials: 1, conversations: 1, talkSeconds: 50 });
    expect(hour('17')).toEqual(none);
    expect(hour('10')).toEqual(none); // D's conversation is not the campaign's
    const byImport = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { ...RANGE, campaignId, by: 'import' });
    expect(byImport.groups.map((g) => [g.key, g.label, g.totals.dials])).toEqual([['none', 'Added by hand', 4]]);
    // Unfiltered, everyone's calls count: 7 dials (2 each for A, B, C; D's 1), 5 conversations
    // (A's two, B's conversion, C's advance, D's).
    const all = await t.call<ResponseOf<'stats.summary'>>('stats.summary', RANGE);
    expect([all.totals.dials, all.totals.conversations]).toEqual([7, 5]);
  });

  it('the tag (named in another case), and the campaign and the tag together', async () => {
    const { t, campaignId, tagId } = await seed();
    cores.push(t);
    const tagged = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { ...RANGE, tagId });
    // A and C: A's conversation and voicemail, C's advance and gatekeeper.
    expect(tagged.totals).toEqual({ ...none, dials: 4, connects: 3, conversations: 3, advances: 1, talkSeconds: 210, voicemails: 1, voicemailsReturned: 1 });
    const both = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { ...RANGE, campaignId, tagId });
    expect(both.totals).toEqual({ ...none, dials: 2, connects: 1, conversations: 2, talkSeconds: 150, voicemails: 1, voicemailsReturned: 1 });
  });

  it("the heat map of the campaign: its dials in their prospect's weekday × hour", async () => {
    const { t, campaignId } = await seed();
    cores.push(t);
    const connect = await t.call<ResponseOf<'stats.heatmap'>>('stats.heatmap', { metric: 'connect', campaignId });
    const cell = (weekday: number, hour: number) => connect.cells.find((c) => c.weekday === weekday && c.hour === hour)!;
    // Tue 09:00 New York: A's conversation; Tue 10:00: A's voicemail (New York) and B's no answer
    // (10:30 Chicago); Wed 09:00 Chicago: B's conversion. C's 14:30 advance (Tue, London) is not in it.
    expect([cell(2, 9).calls, cell(2, 9).hits]).toEqual([1, 1]);
    expect([cell(2, 10).calls, cell(2, 10).hits]).toEqual([2, 0]);
    expect([cell(3, 9).calls, cell(3, 9).hits]).toEqual([1, 1]);
    expect(connect.cells.reduce((n, c) => n + c.calls, 0)).toBe(4);
    const returned = await t.call<ResponseOf<'stats.heatmap'>>('stats.heatmap', { metric: 'voicemail-return', campaignId });
    expect(returned.cells.filter((c) => c.calls > 0).map((c) => [c.weekday, c.hour, c.calls, c.hits])).toEqual([[2, 10, 1, 1]]);
  });
});

describe('npm run cli -- stats --campaign --tag', () => {
  async function run(values: Record<string, string | boolean>): Promise<{ code: number; out: string }> {
    let out = '';
    const context: CliContext = { args: [], values, json: values.json === true, out: (text) => (out += text), err: () => undefined };
    const code = await COMMANDS.get('stats')!(context);
    return { code, out };
  }

  it('filters by names (compared as the app compares them) or ids, and names the choices when one is unknown', async () => {
    const dir = tempDir();
    const { t, campaignId } = await seed(dir);
    t.core.close();
    const both = await run({ 'data-dir': dir, ...RANGE, campaign: '  spring   PUSH ', tag: 'HOT', json: true });
    expect(both.code).toBe(0);
    expect(JSON.parse(both.out)).toMatchObject({ dials: 2, connects: 1, conversations: 2, talkSeconds: 150, voicemails: 1, voicemailsReturned: 1 });
    const byId = await run({ 'data-dir': dir, ...RANGE, campaign: String(campaignId), by: 'day', json: true });
    expect(JSON.parse(byId.out).groups.map((g: { key: string; dials: number }) => [g.key, g.dials])).toEqual([
      ['2026-03-03', 3],
      ['2026-03-04', 1],
    ]);
    await expect(run({ 'data-dir': dir, ...RANGE, campaign: 'Autumn' })).rejects.toThrow(/No campaign "Autumn"\. The campaigns: "Spring push"\./);
    await expect(run({ 'data-dir': dir, ...RANGE, tag: 'cold' })).rejects.toThrow(/No tag "cold"\. The tags: "hot"\./);
  });
});
