// "Your phone" (issue #16, acceptance 4): each preset's exact link shape, written out here by hand
// from the sources the README names; a property that each preset adds to the allowlist exactly
// its own shape with a valid E.164 number and nothing else; custom templates checked before they
// are saved; the setting through the core, the dial and the test dial.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { customTemplateProblem, dialLink, extensionNotInLink, PHONE_PRESET_LIST, PHONE_PRESETS, presetPattern, type PhonePresetId, type PhoneSetting } from '../../shared/domain/dialPresets';
import { isAllowedExternalUri } from '../../shared/domain/dialUri';
import { makeCore, tempDir } from './helpers';

const phone = (preset: PhonePresetId, extra: Partial<PhoneSetting> = {}): PhoneSetting => ({ preset, sipHost: '', template: '', ...extra });

describe('each preset’s link shape', () => {
  // number, extension → the link, as each source writes it.
  it.each<[string, PhoneSetting, string | null, string]>([
    ['tel: (RFC 3966)', phone('tel'), null, 'tel:+14155552671'],
    ['tel: with an extension', phone('tel'), '204', 'tel:+14155552671;ext=204'],
    ['callto:', phone('callto'), null, 'callto:+14155552671'],
    ['callto: has no extension', phone('callto'), '204', 'callto:+14155552671'],
    ['sip: at the PBX (RFC 3261)', phone('sip', { sipHost: 'pbx.example.com' }), null, 'sip:+14155552671@pbx.example.com'],
    ['sip: with a port and an extension', phone('sip', { sipHost: 'pbx.example.com:5061' }), '204', 'sip:+14155552671;ext=204@pbx.example.com:5061'],
    ['Microsoft Teams (PSTN "4:", + as %2B)', phone('teams'), null, 'https://teams.microsoft.com/l/call/0/0?users=4:%2B14155552671'],
    ['Zoom Phone', phone('zoom'), null, 'zoomphonecall://+14155552671'],
    ['RingCentral (digits without +)', phone('ringcentral'), null, 'rcmobile://call?number=14155552671'],
    ['MicroSIP (sip:, its account’s domain)', phone('microsip'), null, 'sip:+14155552671'],
    ['MicroSIP has no place for an extension', phone('microsip'), '204', 'sip:+14155552671'],
    ['3CX (tel:)', phone('3cx'), '204', 'tel:+14155552671;ext=204'],
    ['Zoiper (tel:)', phone('zoiper'), null, 'tel:+14155552671'],
    ['a custom sips: template', phone('custom', { template: 'sips:{e164}@pbx.example.com:5061' }), null, 'sips:+14155552671@pbx.example.com:5061'],
    ['a custom template placing {ext}, with one', phone('custom', { template: 'tel:{e164};ext={ext}' }), '7', 'tel:+14155552671;ext=7'],
    ['a custom template placing {ext}, without', phone('custom', { template: 'tel:{e164};ext={ext}' }), null, 'tel:+14155552671'],
  ])('%s', (_name, setting, extension, expected) => {
    expect(dialLink(setting, '+14155552671', extension)).toEqual({ ok: true, uri: expected });
  });

  it('every preset is offered, with an example in its own shape', () => {
    expect(PHONE_PRESET_LIST.map((p) => p.id)).toEqual([...PHONE_PRESETS]);
    for (const preset of PHONE_PRESET_LIST.filter((p) => p.id !== 'custom' && p.id !== 'sip')) {
      expect(dialLink(phone(preset.id), '+14155552671', null)).toEqual({ ok: true, uri: preset.example });
    }
  });

  it('a number that is not E.164 makes no link in any preset', () => {
    for (const id of PHONE_PRESETS) {
      for (const number of ['14155552671', '+04155552671', '+1415', '+1415555267123456', '+1 4155552671', '+1415555267a']) {
        expect(dialLink(phone(id, { sipHost: 'pbx.example.com', template: 'tel:{e164}' }), number, null).ok, `${id} ${number}`).toBe(false);
      }
    }
  });
});

// Each preset's own shape read by hand: a fixed prefix, then an E.164 number's digits (7 to 15
// ASCII digits, the first not 0), with the "+" as the shape writes it, and nothing after.
const isAsciiDigit = (c: string) => c >= '0' && c <= '9';
const e164Digits = (s: string) => s.length >= 7 && s.length <= 15 && [...s].every(isAsciiDigit) && s[0] !== '0';
const OWN_PREFIX = new Map<PhonePresetId, string>([
  ['teams', 'https://teams.microsoft.com/l/call/0/0?users=4:%2B'],
  ['zoom', 'zoomphonecall://+'],
  ['ringcentral', 'rcmobile://call?number='],
]);
function isOwnShape(preset: PhonePresetId, s: string): boolean {
  const prefix = OWN_PREFIX.get(preset);
  return prefix !== undefined && s.startsWith(prefix) && e164Digits(s.slice(prefix.length));
}

const LINKS = [
  'https://teams.microsoft.com/l/call/0/0?users=4:%2B14155552671',
  'zoomphonecall://+442079460958',
  'rcmobile://call?number=61291234567',
  'tel:+14155552671',
  'sip:+14155552671@pbx.example.com',
  'callto:+14155552671',
];
const SNIPPETS = ['0', '9', '+', '%2B', '%2b', ' ', '?', '&', '#', '/', ':', '@', ',', '4:', 'users=', 'evil.example', 'https://', 'http://', '.', '\n', '\u0000', '\uff0b', '\u0663', 'javascript:', '?callerid=+15557654321', 'users=joe@contoso.com,'];
const at = (text: string, share: number) => Math.floor((share / 1001) * (text.length + 1));
const mutation = fc.oneof(
  fc.tuple(fc.nat(1000), fc.constantFrom(...SNIPPETS)).map(([p, snippet]) => (t: string) => t.slice(0, at(t, p)) + snippet + t.slice(at(t, p))),
  fc.nat(1000).map((p) => (t: string) => t.slice(0, at(t, p)) + t.slice(at(t, p) + 1)),
  fc.tuple(fc.nat(1000), fc.constantFrom(...SNIPPETS)).map(([p, snippet]) => (t: string) => t.slice(0, at(t, p)) + snippet + t.slice(at(t, p) + 1)),
  fc.nat(1000).map((p) => (t: string) => t.slice(0, at(t, p)) + t.slice(at(t, p)).toUpperCase()),
  fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 9 })).map(([p, n]) => (t: string) => t.slice(0, at(t, p)) + '5'.repeat(n) + t.slice(at(t, p))),
);
const nearLinks = fc.tuple(fc.constantFrom(...LINKS), fc.array(mutation, { maxLength: 3 })).map(([base, changes]) => changes.reduce((text, change) => change(text), base));

describe('the allowlist with a preset chosen', () => {
  it('property: each preset adds exactly its own shape with a valid E.164 number, and nothing else', () => {
    const seen = new Map<PhonePresetId, { own: number; refused: number }>();
    fc.assert(
      fc.property(fc.constantFrom(...PHONE_PRESETS), fc.oneof({ weight: 6, arbitrary: nearLinks }, { weight: 1, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.webUrl() }), (preset, uri) => {
        const allowed = isAllowedExternalUri(uri, presetPattern(preset));
        expect(allowed).toBe(isAllowedExternalUri(uri, null) || isOwnShape(preset, uri));
        const tally = seen.get(preset) ?? { own: 0, refused: 0 };
        if (isOwnShape(preset, uri)) tally.own++;
        if (!allowed) tally.refused++;
        seen.set(preset, tally);
      }),
      { numRuns: 20_000 },
    );
    // Both sides of each line were explored: own shapes allowed, near misses refused.
    for (const preset of ['teams', 'zoom', 'ringcentral'] as const) {
      expect(seen.get(preset)!.own, preset).toBeGreaterThan(50);
      expect(seen.get(preset)!.refused, preset).toBeGreaterThan(50);
    }
  });

  it('one preset’s shape is refused under every other preset', () => {
    for (const preset of PHONE_PRESETS) {
      for (const [owner, prefix] of OWN_PREFIX) {
        expect(isAllowedExternalUri(`${prefix}14155552671`, presetPattern(preset)), `${owner}'s link under ${preset}`).toBe(preset === owner);
      }
    }
  });

  it('no preset allows a general https: link', () => {
    for (const preset of PHONE_PRESETS) {
      for (const uri of ['https://teams.microsoft.com/', 'https://teams.microsoft.com/l/call/0/0?users=joe@contoso.com', 'https://example.com/l/call/0/0?users=4:%2B14155552671', 'https://teams.microsoft.com.evil.example/l/call/0/0?users=4:%2B14155552671']) {
        expect(isAllowedExternalUri(uri, presetPattern(preset)), `${preset}: ${uri}`).toBe(false);
      }
    }
  });

  it('property: every link a preset builds from a valid number is its own shape or a plain dial link, holding that number', () => {
    const number = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,14}$/)).map(([first, rest]) => `+${first}${rest}`);
    const extension = fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: null });
    fc.assert(
      fc.property(fc.constantFrom(...PHONE_PRESETS.filter((p) => p !== 'custom')), number, extension, (preset, e164, ext) => {
        const result = dialLink(phone(preset, { sipHost: 'pbx.example.com' }), e164, ext);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(isAllowedExternalUri(result.uri, null) || isOwnShape(preset, result.uri)).toBe(true);
        expect(result.uri.includes(e164) || result.uri.includes(`%2B${e164.slice(1)}`) || result.uri.endsWith(`=${e164.slice(1)}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a custom template', () => {
  it.each([
    ['https://teams.microsoft.com/l/call/0/0?users=4:{e164}', 'does not make an allowed dial link'],
    ['msteams:/l/call/0/0?users=4:{e164}', 'does not make an allowed dial link'],
    ['javascript:{e164}', 'does not make an allowed dial link'],
    ['tel:+14155552671', 'must contain {e164}'],
    ['sip:{e164}@pbx.example.com/path', 'does not make an allowed dial link'],
    ['tel:{e164}?x=1', 'does not make an allowed dial link'],
    // Digits around the number would dial another number (found by the property below).
    ['sip:{e164}55@pbx.example.com', 'nothing else around the number'],
    ['tel:9{e164}', 'nothing else around the number'],
    ['', 'must contain {e164}'],
  ])('%j is refused before it is saved', (template, reason) => {
    expect(customTemplateProblem(template)).toContain(reason);
  });

  it('property: a template that passes makes only plain dial links for every number', () => {
    const good = ['tel:{e164}', 'sip:{e164}@pbx.example.com', 'sips:{e164}@10.0.0.1:5061', 'callto:{e164}', 'tel:{e164};ext={ext}'];
    const template = fc.tuple(fc.constantFrom(...good), fc.array(mutation, { maxLength: 2 })).map(([base, changes]) => changes.reduce((text, change) => change(text), base));
    const number = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,14}$/)).map(([first, rest]) => `+${first}${rest}`);
    let passed = 0;
    fc.assert(
      fc.property(template, number, fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: null }), (tmpl, e164, ext) => {
        if (customTemplateProblem(tmpl) !== null) return;
        passed++;
        const result = dialLink(phone('custom', { template: tmpl }), e164, ext);
        expect(result.ok).toBe(true);
        if (result.ok) expect(isAllowedExternalUri(result.uri, null)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(passed).toBeGreaterThan(300);
  });
});

describe('Your phone through the core', () => {
  it('an invalid template or a sip: preset without its host is refused with the field, and nothing is saved', async () => {
    const t = makeCore();
    const before = await t.call<{ phone: PhoneSetting }>('settings.get', {});
    const refused = await t.core.invoke('settings.update', { phone: phone('custom', { template: 'https://evil.example/{e164}' }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request', fields: { 'phone.template': expect.stringContaining('does not make an allowed dial link') } } });
    const noHost = await t.core.invoke('settings.update', { phone: phone('sip') });
    expect(noHost).toMatchObject({ ok: false, error: { code: 'invalid_request', fields: { 'phone.sipHost': expect.stringContaining('host') } } });
    expect((await t.call<{ phone: PhoneSetting }>('settings.get', {})).phone).toEqual(before.phone);
    t.core.close();
  });

  it('a Teams preset dials the Teams link, and the dialer is told the preset (its pattern and no other)', async () => {
    const t = makeCore(undefined, { clock: undefined });
    await t.call('settings.update', { phone: phone('teams') });
    const lead = await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 415 555 2671' });
    const call = await t.call<{ dialUri: string }>('calls.dial', { contactId: lead.id, override: true });
    expect(call.dialUri).toBe('https://teams.microsoft.com/l/call/0/0?users=4:%2B14155552671');
    expect(t.dialer.opened).toEqual([call.dialUri]);
    expect(t.dialer.presets).toEqual(['teams']);
    t.core.close();
  });

  it('test dial: the rep’s own number through the preset, nothing logged; without a number, a clear refusal', async () => {
    const t = makeCore();
    const missing = await t.core.invoke('phone.testDial', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('Give your own number') } });
    await t.call('settings.update', { repPhone: '+44 20 7946 0958', phone: phone('zoom') });
    expect(await t.call('phone.testDial', {})).toEqual({ uri: 'zoomphonecall://+442079460958', number: '+442079460958' });
    expect(t.dialer.opened).toEqual(['zoomphonecall://+442079460958']);
    expect((await t.call<{ total: number }>('calls.search', {})).total).toBe(0);
    t.dialer.refusal = 'no application is registered for zoomphonecall:';
    const refused = await t.core.invoke('phone.testDial', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'dial_refused', message: expect.stringContaining('no application is registered') } });
    t.core.close();
  });
});

describe('migration 011 (softphone events, phone presets)', () => {
  it.each([
    ['tel:{e164}', { preset: 'tel', sipHost: '', template: '' }],
    ['callto:{e164}', { preset: 'callto', sipHost: '', template: '' }],
    ['sip:{e164}@pbx.example.com', { preset: 'custom', sipHost: '', template: 'sip:{e164}@pbx.example.com' }],
    // Stored as it was, but never used: read back through the schema it is the default.
    ['https://evil.example/{e164}', { preset: 'tel', sipHost: '', template: '' }],
  ])('the dial template %j becomes "Your phone"', (template, expected) => {
    const dir = tempDir();
    const file = path.join(dir, 'dialdeck.sqlite');
    const v8 = openDatabase(file, { migrateTo: 10 });
    v8.prepare("INSERT INTO settings (key, value) VALUES ('dialTemplate', json_quote(?))").run(template);
    v8.close();
    const t = makeCore(dir);
    expect(t.core.settings.get('phone')).toEqual(expected);
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM settings WHERE key = 'dialTemplate'").get()).toEqual({ n: 0 });
    raw.close();
    t.core.close();
  });
});

describe('an extension a link cannot carry is for the rep to key', () => {
  // Which links carry an extension, as each phone documents its links (README, "Your phone"):
  // tel: and host-qualified sip: as ;ext=, and a custom template that places {ext}.
  const carries = new Map<string, PhoneSetting>([
    ['tel', { preset: 'tel', sipHost: '', template: '' }],
    ['sip with its PBX', { preset: 'sip', sipHost: 'pbx.example.com', template: '' }],
    ['3cx', { preset: '3cx', sipHost: '', template: '' }],
    ['zoiper', { preset: 'zoiper', sipHost: '', template: '' }],
    ['custom with {ext}', { preset: 'custom', sipHost: '', template: 'sip:{e164};ext={ext}@pbx.example.com' }],
  ]);
  const leavesItOut = new Map<string, PhoneSetting>([
    ['callto', { preset: 'callto', sipHost: '', template: '' }],
    ['teams', { preset: 'teams', sipHost: '', template: '' }],
    ['zoom', { preset: 'zoom', sipHost: '', template: '' }],
    ['ringcentral', { preset: 'ringcentral', sipHost: '', template: '' }],
    ['microsip', { preset: 'microsip', sipHost: '', template: '' }],
    ['custom without {ext}', { preset: 'custom', sipHost: '', template: 'callto:{e164}' }],
  ]);
  const uri = (setting: PhoneSetting) => {
    const built = dialLink(setting, '+12125550100', '204');
    if (!built.ok) throw new Error(built.reason);
    return built.uri;
  };

  it.each([...carries])('%s carries it: nothing to key', (_name, setting) => {
    expect(extensionNotInLink(uri(setting), '204')).toBeNull();
  });
  it.each([...leavesItOut])('%s leaves it out: the rep keys 204', (_name, setting) => {
    expect(extensionNotInLink(uri(setting), '204')).toBe('204');
  });
  it('a number without an extension has nothing to key, and 20 is not 204', () => {
    expect(extensionNotInLink('callto:+12125550100', null)).toBeNull();
    expect(extensionNotInLink('tel:+12125550100;ext=204', '20')).toBe('20');
  });
});
