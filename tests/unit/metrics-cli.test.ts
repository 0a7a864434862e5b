// `stats` and `heatmap` on the command line, in process (the same COMMANDS table `npm run cli`
// runs), over a call log written by hand: the expected numbers are counted from it.
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { makeCore, tempDir } from './helpers';

async function run(command: string, values: Record<string, string | boolean>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context: CliContext = { args: [], values, json: values.json === true, out: (t) => (out += t), err: (t) => (err += t) };
  const code = await COMMANDS.get(command)!(context);
  return { code, out, err };
}

function seed(): string {
  const dir = tempDir();
  const t = makeCore(dir);
  const db = t.core.db;
  const lead = (zone: string) => Number(db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Lead', '1', '1', ?, 0, 0)").run(zone).lastInsertRowid);
  const ny = lead('America/New_York');
  const la = lead('America/Los_Angeles');
  const add = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, loop_id, talk_seconds_reported) VALUES (?, 'tel:1', '1', ?, ?, ?, ?)");
  // Tuesday 3 March 2026: four dials to New York (one a redial), one to Los Angeles.
  add.run(ny, Date.parse('2026-03-03T14:00:00Z'), 'engaged', null, null); //       09:00 theirs
  add.run(ny, Date.parse('2026-03-03T14:00:30Z'), 'conversation', 1, 120); //     09:00, a redial
  add.run(ny, Date.parse('2026-03-03T15:10:00Z'), 'voicemail_left', null, null); // 10:10
  add.run(ny, Date.parse('2026-03-03T15:20:00Z'), 'gatekeeper', null, 30); //     10:20
  add.run(la, Date.parse('2026-03-03T17:00:00Z'), 'advance', null, 400); //       09:00 theirs
  // Wednesday: one conversion.
  add.run(la, Date.parse('2026-03-04T18:00:00Z'), 'conversion', null, 600); //    10:00 theirs
  t.core.close();
  return dir;
}

describe('npm run cli -- stats / heatmap', () => {
  it('stats --json gives the range totals and the same per day', async () => {
    const dir = seed();
    const { code, out } = await run('stats', { 'data-dir': dir, from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z', by: 'day', json: true });
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ dials: 6, redials: 1, connects: 4, conversations: 3, advances: 1, conversions: 1, talkSeconds: 1150, voicemails: 1, voicemailsReturned: 0 });
    expect(result.rates.conversationRate).toBeCloseTo(3 / 6);
    expect(result.groups.map((g: { key: string; dials: number; conversions: number }) => [g.key, g.dials, g.conversions])).toEqual([
      ['2026-03-03', 5, 0],
      ['2026-03-04', 1, 1],
    ]);
  });

  it("heatmap --metric connect counts dials and connects in the prospect's weekday × hour", async () => {
    const dir = seed();
    const { code, out } = await run('heatmap', { 'data-dir': dir, metric: 'connect', json: true });
    expect(code).toBe(0);
    const cells = new Map((JSON.parse(out).cells as { weekday: number; hour: number; calls: number; hits: number }[]).map((c) => [`${c.weekday}/${c.hour}`, [c.calls, c.hits]]));
    // Tuesday 09:00: NY engaged + NY redial conversation + LA advance; 10:00: voicemail + gatekeeper.
    expect(cells.get('2/9')).toEqual([3, 2]);
    expect(cells.get('2/10')).toEqual([2, 1]);
    expect(cells.get('3/10')).toEqual([1, 1]);
    expect(cells.get('1/9')).toEqual([0, 0]);
    // As words, each hour in the OS locale (en-US here) as on the dashboard: hits/calls and the
    // rate, each too few to say (under HEATMAP_MIN_CALLS).
    const text = (await run('heatmap', { 'data-dir': dir, metric: 'connect' })).out.replace(/\u00a0/g, ' ');
    expect(text.split('\n').filter(Boolean)).toEqual(['Tue 9:00 AM  2/3  67 %  (too few calls)', 'Tue 10:00 AM  1/2  50 %  (too few calls)', 'Wed 10:00 AM  1/1  100 %  (too few calls)']);
  });

  it('refuses an unknown grouping, metric or instant with the flag to fix', async () => {
    const dir = tempDir();
    await expect(run('stats', { 'data-dir': dir, by: 'week' })).rejects.toThrow(/--by must be day, hour or import/);
    await expect(run('heatmap', { 'data-dir': dir })).rejects.toThrow(/--metric must be connect or voicemail-return/);
    await expect(run('stats', { 'data-dir': dir, from: 'yesterday' })).rejects.toThrow(/--from must be an ISO instant/);
  });
});
