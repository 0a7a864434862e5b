// "Try the mobile next" (#13 point 5, a setting, off by default): after a no answer on the main
// number, the next dial offered is the same lead's mobile, never outside the lead's hours.
import { describe, expect, it } from 'vitest';
import { mobileToTryNext, type AttemptOfLead } from '../../shared/domain/mobileNext';
import { wrongNumberReason } from '../../shared/domain/dud';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, tempDir, type TestCore } from './helpers';

const MAIN = '+12125550901';
const MOBILE = '+12125550999';
const lead = { e164: MAIN, otherPhones: [{ label: 'phone2', e164: '+12125550888' }, { label: 'mobile', e164: MOBILE }] };
const attempt = (over: Partial<AttemptOfLead> = {}): AttemptOfLead => ({ number: MAIN, outcome: 'no_answer', undone: false, dialFailure: false, ...over });

describe('the rule (pure)', () => {
  it('offers the mobile (its index) only after a no answer on the main number, with the setting on', () => {
    expect(mobileToTryNext(lead, [attempt()], true)).toBe(1);
    expect(mobileToTryNext(lead, [attempt()], false)).toBeNull();
    expect(mobileToTryNext(lead, [attempt({ outcome: 'engaged' })], true)).toBeNull();
    expect(mobileToTryNext(lead, [attempt({ outcome: null })], true)).toBeNull();
    // The mobile was the one that did not answer: nothing more to try.
    expect(mobileToTryNext(lead, [attempt({ number: MOBILE }), attempt()], true)).toBeNull();
    expect(mobileToTryNext(lead, [attempt({ undone: true })], true)).toBeNull();
    // A dial the phone did not take is no attempt: the one before it counts.
    expect(mobileToTryNext(lead, [attempt({ dialFailure: true, outcome: null }), attempt()], true)).toBe(1);
    expect(mobileToTryNext(lead, [], true)).toBeNull();
    expect(mobileToTryNext({ e164: MAIN, otherPhones: [{ label: 'Cell', e164: null }] }, [attempt()], true)).toBeNull();
    expect(mobileToTryNext({ e164: MAIN, otherPhones: [{ label: 'mobile', e164: MAIN }] }, [attempt()], true)).toBeNull();
    // A mobile reported a wrong number is not offered again.
    expect(mobileToTryNext({ e164: MAIN, otherPhones: [{ label: 'mobile', e164: MOBILE, wrong: 'wrong number (call #3)' }] }, [attempt()], true)).toBeNull();
  });
});

async function importCsv(t: TestCore, csv: string) {
  const staged = await t.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'leads.csv', data: Buffer.from(csv).toString('base64') });
  await t.call('imports.run', { stageId: staged.stageId, mapping: staged.mapping });
}

async function importLeads(t: TestCore) {
  await importCsv(t, `Name,Company,Phone,Mobile\nAna Mobile,Acme,${MAIN},(212) 555-0999\nBen Next,Brightline,+1 212 555 0902,\n`);
  t.core.queue.ensureCaughtUp();
}

type Logged = { show: { detail: { contact: { id: number }; nextDial: { otherPhone: number } | null } } | null };

describe('in the core', () => {
  it('shows the same lead with its mobile offered after a no answer on the main number, and dials it', async () => {
    const t = makeCore();
    await importLeads(t);
    await t.call('settings.update', { tryMobileNext: true });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    const logged = await t.call<Logged>('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(logged.show?.detail.contact.id).toBe(1);
    expect(logged.show?.detail.nextDial).toEqual({ otherPhone: 0 });
    const second = await t.call<{ id: number; number: string }>('calls.dial', { contactId: 1, otherPhone: 0 });
    expect(second.number).toBe(MOBILE);
    expect(t.dialer.opened.at(-1)).toBe(`tel:${MOBILE}`);
    // No answer on the mobile too: on to the next lead.
    const after = await t.call<Logged>('calls.log', { callId: second.id, outcome: 'no_answer' });
    expect(after.show?.detail.contact.id).toBe(2);
    t.core.close();
  });

  it('with the setting off (the default), moves on to the next lead', async () => {
    const t = makeCore();
    await importLeads(t);
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    const logged = await t.call<Logged>('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(logged.show?.detail.contact.id).toBe(2);
    expect((await t.call<{ nextDial: unknown }>('contacts.get', { id: 1 })).nextDial).toBeNull();
    t.core.close();
  });

  it('never offers it outside the lead’s calling hours: the next lead comes instead', async () => {
    // 20:59:30 in New York: the lead is callable for the dial, not once it is logged at 21:00.
    const clock = new FakeClock('2026-03-03T01:59:30Z');
    const t = makeCore(tempDir(), { clock });
    await importLeads(t);
    await t.call('settings.update', { tryMobileNext: true });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    clock.advance(60_000);
    const logged = await t.call<Logged>('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(logged.show?.detail.contact.id).not.toBe(1);
    t.core.close();
  });
});

describe('a wrong number on the mobile', () => {
  it('is the mobile’s: the lead keeps its main number and its place, the mobile is not dialled again', async () => {
    const t = makeCore();
    await importLeads(t);
    const onMobile = await t.call<{ id: number; number: string }>('calls.dial', { contactId: 1, otherPhone: 0 });
    expect(onMobile.number).toBe(MOBILE);
    await t.call('calls.log', { callId: onMobile.id, outcome: 'wrong_number' });
    const stored = t.core.db.prepare('SELECT status, dud_reason, e164, other_phones FROM contacts WHERE id = 1').get() as { status: string; dud_reason: string | null; e164: string; other_phones: string };
    expect(stored).toMatchObject({ status: 'active', dud_reason: null, e164: MAIN });
    expect(JSON.parse(stored.other_phones)).toEqual([{ label: 'mobile', raw: '(212) 555-0999', e164: MOBILE, extension: null, wrong: wrongNumberReason(onMobile.id) }]);
    // Still in the queue, due again as after a no answer, saying which phone was wrong.
    const plan = t.core.db.prepare('SELECT tier, closed, blocked, why FROM queue_state WHERE contact_id = 1').get() as { tier: string; closed: string | null; blocked: string | null; why: string };
    expect(plan).toMatchObject({ tier: 'retry', closed: null, blocked: null });
    expect(plan.why).toMatch(/^wrong number on the mobile phone: the main number again at ⟦/);
    const refused = await t.core.invoke('calls.dial', { contactId: 1, otherPhone: 0, override: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'dial_refused' } });
    const main = await t.call<{ id: number; number: string }>('calls.dial', { contactId: 1, override: true });
    expect(main.number).toBe(MAIN);
    t.core.close();
  });

  it('on the main number is still the lead’s: a dud', async () => {
    const t = makeCore();
    await importLeads(t);
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: call.id, outcome: 'wrong_number' });
    expect(t.core.db.prepare('SELECT status, dud_reason FROM contacts WHERE id = 1').get()).toEqual({ status: 'dud', dud_reason: wrongNumberReason(call.id) });
    t.core.close();
  });

  it('is undone with the call: the mobile can be dialled again', async () => {
    const t = makeCore();
    await importLeads(t);
    const before = t.core.db.prepare('SELECT other_phones FROM contacts WHERE id = 1').pluck().get();
    const onMobile = await t.call<{ id: number }>('calls.dial', { contactId: 1, otherPhone: 0 });
    await t.call('calls.log', { callId: onMobile.id, outcome: 'wrong_number' });
    await t.call('calls.undo', { callId: onMobile.id });
    expect(t.core.db.prepare('SELECT other_phones FROM contacts WHERE id = 1').pluck().get()).toBe(before);
    t.core.close();
  });
});

describe('a do not call on one of the lead’s numbers', () => {
  it('is the person’s: neither their other number nor the main one is dialled, even with an override; undone, both are again', async () => {
    const t = makeCore();
    await importLeads(t);
    const onMain = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: onMain.id, outcome: 'do_not_call' });
    for (const request of [{ contactId: 1, otherPhone: 0 }, { contactId: 1, otherPhone: 0, override: true }]) {
      expect(await t.core.invoke('calls.dial', request)).toMatchObject({ ok: false, error: { code: 'dial_refused', message: expect.stringMatching(/asked not to be called/) } });
    }
    // The mobile is not on the list: it is the person who is.
    expect(t.core.db.prepare('SELECT count(*) FROM dnc WHERE e164 = ?').pluck().get(MOBILE)).toBe(0);
    expect(await t.call<{ status: string }>('calls.undo', { callId: onMain.id, confirm: true })).toMatchObject({ status: 'undone' });
    const mobile = await t.call<{ number: string }>('calls.dial', { contactId: 1, otherPhone: 0, override: true });
    expect(mobile.number).toBe(MOBILE);
    t.core.close();
  });

  it('logged on the mobile: the main number is not dialled either', async () => {
    const t = makeCore();
    await importLeads(t);
    const onMobile = await t.call<{ id: number }>('calls.dial', { contactId: 1, otherPhone: 0 });
    await t.call('calls.log', { callId: onMobile.id, outcome: 'do_not_call' });
    expect(await t.core.invoke('calls.dial', { contactId: 1, override: true })).toMatchObject({ ok: false, error: { code: 'dial_refused' } });
    t.core.close();
  });
});

describe('another of the lead’s phones is judged where that number is', () => {
  it('a Los Angeles mobile on a New York lead is not dialled at 5:30 AM Los Angeles time; the New York number is', async () => {
    // 13:30 UTC on Wednesday 4 March: 08:30 in New York, 05:30 in Los Angeles.
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T13:30:00Z') });
    const csv = 'Name,Phone,Mobile\nNed York,+1 212 555 0100,+1 310 555 0177\n';
    await importCsv(t, csv);
    const refused = await t.core.invoke('calls.dial', { contactId: 1, otherPhone: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'outside_hours', message: expect.stringMatching(/^For this number \(America\/Los_Angeles\) it is /) } });
    expect(t.dialer.opened).toEqual([]);
    const main = await t.call<{ number: string }>('calls.dial', { contactId: 1 });
    expect(main.number).toBe('+12125550100');
    t.core.close();
  });

  it('a Miami mobile on a New York lead is under Florida’s cap: three calls to the lead in 24 hours, and the mobile is refused', async () => {
    // 10:00 in New York and Miami.
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    const csv = 'Name,Phone,Mobile\nNed York,+1 212 555 0100,+1 305 555 0177\n';
    await importCsv(t, csv);
    for (let i = 0; i < 3; i++) {
      const call = await t.call<{ id: number }>('calls.dial', { contactId: 1, override: true });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
      t.clock.advance(10 * 60_000);
    }
    expect(await t.core.invoke('calls.dial', { contactId: 1, otherPhone: 0 })).toMatchObject({ ok: false, error: { code: 'outside_hours', message: expect.stringContaining('(Florida)') } });
    t.core.close();
  });

  it('"try the mobile next" does not offer a mobile whose own hours are closed: the next lead comes instead', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T13:30:00Z') });
    const csv = 'Name,Phone,Mobile\nNed York,+1 212 555 0100,+1 310 555 0177\nBen Next,+1 212 555 0102,\n';
    await importCsv(t, csv);
    await t.call('settings.update', { tryMobileNext: true });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    const logged = await t.call<Logged>('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(logged.show?.detail.contact.id).toBe(2);
    t.core.close();
  });
});

describe('the mobile dialled while the main number’s redial loop runs', () => {
  it('dials the mobile, not the main number again, and stops the loop so it cannot redial over the call', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    await importLeads(t);
    const engaged = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: engaged.id, outcome: 'engaged' });
    expect(await t.call('redial.get', { contactId: 1 })).toMatchObject({ status: 'running' });
    const mobile = await t.call<{ number: string }>('calls.dial', { contactId: 1, otherPhone: 0 });
    expect(mobile.number).toBe(MOBILE);
    expect(await t.call('redial.get', { contactId: 1 })).toMatchObject({ status: 'stopped' });
    t.clock.advance(5 * 60_000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(t.dialer.opened).toEqual([`tel:${MAIN}`, `tel:${MOBILE}`]);
    t.core.close();
  });

  it('a mobile its own hours refuse leaves the loop running: the loop stops only for a dial that goes through', async () => {
    // 13:30 UTC: 08:30 in New York (the main number), 05:30 in Los Angeles (the mobile).
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T13:30:00Z') });
    await importCsv(t, 'Name,Phone,Mobile\nNed York,+1 212 555 0100,+1 310 555 0177\n');
    const engaged = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: engaged.id, outcome: 'engaged' });
    expect(await t.core.invoke('calls.dial', { contactId: 1, otherPhone: 0 })).toMatchObject({ ok: false, error: { code: 'outside_hours' } });
    expect(await t.call('redial.get', { contactId: 1 })).toMatchObject({ status: 'running' });
    t.core.close();
  });

  it('is refused while a redial of the main number waits for the rep’s answer (it may be live)', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-04T15:00:00Z') });
    await importLeads(t);
    const engaged = await t.call<{ id: number }>('calls.dial', { contactId: 1 });
    await t.call('calls.log', { callId: engaged.id, outcome: 'engaged' });
    t.clock.advance(30_000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(t.dialer.opened).toHaveLength(2);
    expect(await t.core.invoke('calls.dial', { contactId: 1, otherPhone: 0 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not confirmed') } });
    expect(t.dialer.opened).toHaveLength(2);
    t.core.close();
  });
});
