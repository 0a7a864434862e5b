import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { makeCore } from './helpers';

const MALFORMED: unknown[] = [
  undefined,
  null,
  42,
  'x',
  [],
  true,
  { unexpected: 1 },
  { id: 'one', contactId: 'two', callId: -1, limit: 'lots', phone: 12, fileName: 7, stageId: 5, mapping: 'x', what: 'everything' },
  { phone: 'x'.repeat(100_000), firstName: 'y'.repeat(10_000), text: 'z'.repeat(10_000), data: '%%%' },
  { __proto__: { polluted: true } },
];

describe('every channel', () => {
  const channelNames = Object.keys(channels);

  it('covers the whole contract', () => {
    expect(channelNames.length).toBeGreaterThanOrEqual(18);
  });

  for (const channel of channelNames) {
    it(`${channel} answers malformed requests with a validation error, never a crash`, async () => {
      const { core } = makeCore();
      for (const request of MALFORMED) {
        // Some channels take an empty object; for them only non-objects and unknown keys are malformed.
        const envelope = await core.invoke(channel, request);
        expect(envelope.ok, `${channel} accepted ${JSON.stringify(request)?.slice(0, 80)}`).toBe(false);
        if (!envelope.ok) {
          expect(envelope.error.code).toBe('invalid_request');
          expect(envelope.error.message).toMatch(/^Invalid request — /);
        }
      }
      core.close();
    });
  }

  it('an unknown channel is refused by name', async () => {
    const { core } = makeCore();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const envelope = await core.invoke(name, {});
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('unknown_channel');
    }
    core.close();
  });
});

describe('the slice through the handler table', () => {
  it('adds, lists, dials and logs; the dialler receives tel:+E164', async () => {
    const { call, dialer, core } = makeCore();
    const contact = await call<{ id: number; e164: string; phoneDisplay: string; timeZones: string[]; tzSource: string }>('contacts.add', {
      firstName: 'Ana',
      lastName: 'Silva',
      company: 'Acme',
      phone: '(415) 555-2671',
    });
    expect(contact.e164).toBe('+14155552671');
    expect(contact.phoneDisplay).toBe('+1 415 555 2671');
    expect(contact.timeZones).toEqual(['America/Los_Angeles']);
    expect(contact.tzSource).toBe('phone');
    const { entries: queue } = await call<{ entries: { contact: { id: number }; reason: string; tier: string }[] }>('queue.list', {});
    expect(queue.map((q) => q.contact.id)).toEqual([contact.id]);
    expect(queue[0]).toMatchObject({ tier: 'fresh', reason: 'new lead, added 0 min ago' });
    const dialled = await call<{ id: number; dialUri: string }>('calls.dial', { contactId: contact.id });
    expect(dialer.opened).toEqual(['tel:+14155552671']);
    expect(dialled.dialUri).toBe('tel:+14155552671');
    const logged = await call<{ call: { outcome: string; durationMs: number } }>('calls.log', { callId: dialled.id, outcome: 'no_answer' });
    expect(logged.call.outcome).toBe('no_answer');
    const info = await call<{ schemaVersion: number; defaultCountry: string }>('app.info', {});
    expect(info).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, defaultCountry: 'US' });
    core.close();
  });

  it('refuses an invalid number with a clear message and field, and adds nothing', async () => {
    const { core, call } = makeCore();
    const envelope = await core.invoke('contacts.add', { firstName: 'Bob', phone: '555-01' });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'invalid_phone', message: 'Phone number refused: too short for US.', fields: { phone: 'Phone number refused: too short for US.' } },
    });
    expect(await call('queue.list', {})).toEqual({ entries: [], queued: 0 });
    core.close();
  });

  it('refuses a contact with neither name nor company', async () => {
    const { core } = makeCore();
    const envelope = await core.invoke('contacts.add', { phone: '+14155552671' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.fields).toEqual({ firstName: 'Enter a name or a company' });
    core.close();
  });

  it('reports a missing contact, a second disposition and a duplicate number plainly', async () => {
    const { core, call } = makeCore();
    const missing = await core.invoke('contacts.get', { id: 999 });
    expect(missing.ok || missing.error.code).toBe('not_found');
    const contact = await call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+14155552671' });
    const duplicate = await core.invoke('contacts.add', { firstName: 'Ana again', phone: '415.555.2671' });
    expect(duplicate.ok || duplicate.error.code).toBe('conflict');
    const dialled = await call<{ id: number }>('calls.dial', { contactId: contact.id });
    await call('calls.log', { callId: dialled.id, outcome: 'conversation' });
    const again = await core.invoke('calls.log', { callId: dialled.id, outcome: 'no_answer' });
    expect(again.ok || again.error.code).toBe('conflict');
    core.close();
  });

  it('never dials a do-not-call number, and leaves it out of the queue', async () => {
    const { core, call, dialer } = makeCore();
    const contact = await call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+14155552671' });
    await call('dnc.add', { phone: '(415) 555-2671' });
    expect(await call('queue.list', {})).toEqual({ entries: [], queued: 0 });
    const dial = await core.invoke('calls.dial', { contactId: contact.id });
    expect(dial.ok || dial.error.code).toBe('dial_refused');
    expect(dialer.opened).toEqual([]);
    core.close();
  });
});
