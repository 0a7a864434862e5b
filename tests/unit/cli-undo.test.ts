import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliContext } from '../../electron/cli/commands';
import { CoreError } from '../../electron/core/errors';
import { makeCore, tempDir } from './helpers';

// `undo <callId> [--yes] [--at ISO] --json`, run in-process through the command table on a data
// folder the app wrote: the same service as Ctrl+Z, the same window and confirmation.

async function run(dir: string, args: string[], values: Record<string, string | boolean> = {}) {
  let out = '';
  let err = '';
  const context: CliContext = { args, values: { 'data-dir': dir, json: true, ...values }, json: true, out: (t) => (out += t), err: (t) => (err += t) };
  try {
    const code = await COMMANDS.get(args[0] === 'log' ? 'log' : 'undo')!({ ...context, args: args.slice(1) });
    return { code, out: out ? (JSON.parse(out) as Record<string, unknown>) : null, err };
  } catch (error) {
    return { code: -1, out: null, err: error instanceof CoreError ? error.message : String(error) };
  }
}

describe('npm run cli -- undo', () => {
  it('undoes a disposition; a do-not-call only with --yes and within its window, refused after it with the reason', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
    const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', lastName: 'Ode', phone: '+1 212 555 0102' })).id;
    t.core.close();

    const at = '2026-03-02T17:00:00Z';
    const logged = await run(dir, ['log', String(ana), 'D'], { at });
    const callId = (logged.out as { callId: number }).callId;
    const unconfirmed = await run(dir, ['undo', String(callId)], { at: '2026-03-02T17:05:00Z' });
    expect(unconfirmed).toMatchObject({ code: 1, out: { ok: false, needsConfirmation: true, message: expect.stringContaining('+1 212 555 0101 comes off the do-not-call list') } });
    const undone = await run(dir, ['undo', String(callId)], { at: '2026-03-02T17:05:00Z', yes: true });
    expect(undone).toMatchObject({ code: 0, out: { ok: true, callId, outcome: 'do_not_call', undoneAt: '2026-03-02T17:05:00.000Z' } });

    const late = await run(dir, ['log', String(ben), 'do_not_call'], { at });
    const lateId = (late.out as { callId: number }).callId;
    const refused = await run(dir, ['undo', String(lateId)], { at: '2026-03-02T17:11:00Z', yes: true });
    expect(refused.code).toBe(-1);
    expect(refused.err).toBe('A do-not-call can only be undone within 10 minutes of logging it; this one was logged 11 minutes ago, so +1 212 555 0102 stays on the do-not-call list.');

    const again = makeCore(dir);
    expect(again.core.db.prepare('SELECT e164 FROM dnc').all()).toEqual([{ e164: '+12125550102' }]);
    again.core.close();
  });
});
