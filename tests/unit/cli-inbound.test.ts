import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { CoreError } from '../../electron/core/errors';
import { makeCore, tempDir } from './helpers';

// `log <id> <outcome> --inbound [--duration S] [--gatekeeper NAME]` and `calls`, run in-process
// through the command table on a data folder the app wrote.

async function run(dir: string, command: string, args: string[], values: Record<string, string | boolean> = {}, json = true) {
  let out = '';
  const context: CliContext = { args, values: { 'data-dir': dir, json, ...values }, json, out: (t) => (out += t), err: () => undefined };
  try {
    const code = await COMMANDS.get(command)!(context);
    return { code, out, err: '' };
  } catch (error) {
    return { code: -1, out, err: error instanceof CoreError ? error.message : String(error) };
  }
}

describe('npm run cli -- log --inbound', () => {
  it('logs a call the prospect made, that long, as inbound; the call log says so', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
    t.core.close();

    const logged = await run(dir, 'log', [String(ana), 'conversation'], { at: '2026-03-02T17:00:00Z', inbound: true, duration: '95' });
    expect(logged.code).toBe(0);
    const { callId, direction } = JSON.parse(logged.out) as { callId: number; direction: string };
    expect(direction).toBe('inbound');

    const again = makeCore(dir);
    // 95 seconds before 17:00:00 UTC.
    expect(again.core.db.prepare('SELECT direction, dialed_at, talk_seconds_logged, outcome FROM calls WHERE id = ?').get(callId)).toEqual({
      direction: 'inbound',
      dialed_at: Date.parse('2026-03-02T16:58:25Z'),
      talk_seconds_logged: 95,
      outcome: 'conversation',
    });
    again.core.close();

    const listed = await run(dir, 'calls', [], { at: '2026-03-02T17:01:00Z' }, false);
    expect(listed.out).toContain(`#${callId} 2026-03-02T16:58:25.000Z Ana Silva (#${ana}) +12125550101 inbound conversation talk 1:35`);
  });

  it('logs a dialled call as outbound with the gatekeeper’s name; --duration without --inbound is refused', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
    t.core.close();

    const refused = await run(dir, 'log', [String(ana), '5'], { at: '2026-03-02T17:00:00Z', duration: '60' });
    expect(refused).toMatchObject({ code: -1, err: expect.stringContaining('--duration goes with --inbound') });
    const logged = await run(dir, 'log', [String(ana), '4'], { at: '2026-03-02T17:00:00Z', gatekeeper: 'Mary Quinn' });
    expect(JSON.parse(logged.out)).toMatchObject({ ok: true, direction: 'outbound' });
    const listed = await run(dir, 'calls', [], { at: '2026-03-02T17:01:00Z' }, false);
    expect(listed.out).toMatch(/\+12125550101 gatekeeper \(gatekeeper Mary Quinn\) talk 0:00/);
    expect(listed.out).not.toContain('inbound');
  });
});
