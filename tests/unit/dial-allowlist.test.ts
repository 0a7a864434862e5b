import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDialUri, isAllowedExternalUri } from '../../shared/domain/dialUri';
import { makeCore } from './helpers';

// The allowlist written out again by hand, character by character, from what the app may open:
// tel:/callto:/sip:/sips: with an E.164 number ("+", 7 to 15 ASCII digits, the first not 0),
// tel: and sip: with an optional ";ext=" of 1 to 20 digits (sip: only before a host), sip: with
// an optional "@host[:port]", and a plain mailto: with an optional query of safe characters.
// The property tests hold the regexes in shared/domain/dialUri.ts to this independent reading.
const isAsciiDigit = (c: string) => c >= '0' && c <= '9';
const isAsciiAlnum = (c: string) => isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const digits = (s: string, min: number, max: number) => s.length >= min && s.length <= max && [...s].every(isAsciiDigit);
const only = (s: string, min: number, max: number, allowed: (c: string) => boolean) => s.length >= min && s.length <= max && [...s].every(allowed);

function isE164(s: string): boolean {
  return s.startsWith('+') && digits(s.slice(1), 7, 15) && s[1] !== '0';
}

function isNumberWithExtension(s: string): boolean {
  const semicolon = s.indexOf(';');
  if (semicolon === -1) return isE164(s);
  const parameter = s.slice(semicolon + 1);
  return isE164(s.slice(0, semicolon)) && parameter.startsWith('ext=') && digits(parameter.slice('ext='.length), 1, 20);
}

function isHost(s: string): boolean {
  const [name = '', port, ...more] = s.split(':');
  if (more.length > 0 || (port !== undefined && !digits(port, 1, 5))) return false;
  return name
    .split('.')
    .every((label) => only(label, 1, 63, (c) => isAsciiAlnum(c) || c === '-') && !label.startsWith('-') && !label.endsWith('-'));
}

function isMailto(s: string): boolean {
  const question = s.indexOf('?');
  const address = question === -1 ? s : s.slice(0, question);
  const at = address.indexOf('@');
  if (at === -1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const query = question === -1 ? '' : s.slice(question + 1);
  return (
    only(local, 1, 64, (c) => isAsciiAlnum(c) || '._%+-'.includes(c)) &&
    only(domain, 1, 253, (c) => isAsciiAlnum(c) || '.-'.includes(c)) &&
    only(query, 0, Infinity, (c) => isAsciiAlnum(c) || '._~%+=&-'.includes(c))
  );
}

function expectedAllowed(uri: string): boolean {
  if (uri.length > 2048) return false;
  const colon = uri.indexOf(':');
  if (colon === -1) return false;
  const rest = uri.slice(colon + 1);
  switch (uri.slice(0, colon)) {
    case 'tel':
      return isNumberWithExtension(rest);
    case 'callto':
      return isE164(rest);
    case 'sip':
    case 'sips': {
      const at = rest.indexOf('@');
      return at === -1 ? isE164(rest) : isNumberWithExtension(rest.slice(0, at)) && isHost(rest.slice(at + 1));
    }
    case 'mailto':
      return isMailto(rest);
    default:
      return false;
  }
}

// Near-valid strings: valid links with one to three small changes of the kinds an attack or a
// mangled import makes. A random string almost never lands on an allowed shape; these straddle it.
const VALID_LINKS = [
  'tel:+14155552671',
  'tel:+14155552671;ext=123',
  'callto:+442079460958',
  'sip:+14155552671@pbx.example.com',
  'sip:+14155552671;ext=45@pbx.example.com:5061',
  'sips:+61291234567',
  'sips:+81312345678@10.0.0.1',
  'mailto:ana@example.com',
  'mailto:ana.silva+leads@mail.example.co.uk?subject=Hello%20there&body=Thanks',
];
const SCHEMES = ['tel', 'TEL', 'Tel', 'callto', 'sip', 'sips', 'SIP', 'mailto', 'javascript', 'JavaScript', 'vbscript', 'file', 'https', 'http', 'data', 'ms-msdt', 'search-ms', 'smb', ' tel', 'tel ', 'te l', 'tel\u0000', 'sip\u200b', '\uff54el', ''];
const SNIPPETS = [
  // characters that are fine in one place and fatal in another
  '0', '1', '9', '+', '-', '.', 'a', 'Z', 'x', '=', '&', '~', '_',
  // structure
  ':', '//', '@', '?', '#', ';', '/', '\\', 'ext=', ';ext=12', ';ext=12345678901', ';ext=123456789012345678901', '@evil.example', '@evil.example/path', ':5060', ':123456', '?body=x', '?x=javascript:alert(1)',
  'javascript:', 'file:', 'https:', 'http://', 'data:text/html,',
  // escapes and control characters
  '%', '%0a', '%00', '%0d%0a', '%2F', '%40', ' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u001f', '\u007f', '\u0085',
  // look-alikes and invisible characters
  '\u00a0', '\u200b', '\u202e', '\ufeff', '\uff0b', '\uff11', '\u0663', '\u0435', '\u0455', '\uff54', '\u212f',
  '"', "'", '<', '>', '`', '{', '}', '|', '^', '[', ']',
];

type Mutation = (text: string) => string;
// A position anywhere in the text, start to end alike (`share` in 0…1000).
const at = (text: string, share: number) => Math.floor((share / 1001) * (text.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(1000), fc.constantFrom(...SNIPPETS)).map(([p, snippet]): Mutation => (t) => t.slice(0, at(t, p)) + snippet + t.slice(at(t, p))),
  fc.nat(1000).map((p): Mutation => (t) => t.slice(0, at(t, p)) + t.slice(at(t, p) + 1)),
  fc.tuple(fc.nat(1000), fc.constantFrom(...SNIPPETS)).map(([p, snippet]): Mutation => (t) => t.slice(0, at(t, p)) + snippet + t.slice(at(t, p) + 1)),
  fc.constantFrom(...SCHEMES).map((scheme): Mutation => (t) => (t.includes(':') ? scheme + t.slice(t.indexOf(':')) : `${scheme}:${t}`)),
  fc.constantFrom(...SNIPPETS).map((snippet): Mutation => (t) => t + snippet),
  fc.constantFrom(...SNIPPETS).map((snippet): Mutation => (t) => snippet + t),
  fc.nat(1000).map((p): Mutation => (t) => t.slice(0, at(t, p)) + t.slice(at(t, p)).toUpperCase()),
  // Right after a separator, where one part ends and the next begins.
  fc.tuple(fc.nat(1000), fc.constantFrom(...SNIPPETS)).map(([p, snippet]): Mutation => (t) => {
    const after = [...t].flatMap((c, i) => (':@;?=&.'.includes(c) ? [i + 1] : []));
    const i = after.length === 0 ? t.length : after[Math.floor((p / 1001) * after.length)]!;
    return t.slice(0, i) + snippet + t.slice(i);
  }),
  // A run of digits made longer: the number, the extension and the port each have a length limit.
  fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 9 }), fc.constantFrom('0', '5', '9')).map(([p, count, digit]): Mutation => (t) => t.slice(0, at(t, p)) + digit.repeat(count) + t.slice(at(t, p))),
);
const nearValid = (bases: readonly string[]) =>
  fc.tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 0, maxLength: 3 })).map(([base, changes]) => changes.reduce((text, change) => change(text), base));

describe('isAllowedExternalUri', () => {
  it.each([
    'tel:+14155552671',
    'tel:+14155552671;ext=123',
    'callto:+14155552671',
    'sip:+14155552671@pbx.example.com',
    'sip:+14155552671;ext=45@pbx.example.com:5061',
    'sips:+442079460958',
    'mailto:ana@example.com',
    'mailto:ana@example.com?subject=Hello%20there&body=Thanks',
  ])('opens %s', (uri) => {
    expect(isAllowedExternalUri(uri)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'https://example.com',
    'http://127.0.0.1/',
    '\\\\host\\share',
    '//host/share',
    'tel:',
    'tel:+1',
    'tel:14155552671',
    'tel:+1415555 2671',
    'tel:+14155552671\n',
    'tel:+14155552671\u0000',
    '\u0000tel:+14155552671',
    ' tel:+14155552671',
    'tel:+14155552671;ext=12a',
    'tel:+14155552671?x=javascript:alert(1)',
    'TEL:+14155552671',
    'sip:+14155552671@evil.example/path',
    'sip:+14155552671@/pbx.example.com',
    'sips:+14155552671@.example.com',
    'sip:user:password@host',
    'mailto:ana@example.com\r\nBcc: x@y.z',
    'mailto:ana@example.com?body=<script>',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    '',
  ])('refuses %j', (uri) => {
    expect(isAllowedExternalUri(uri)).toBe(false);
  });

  it('refuses every control character anywhere in an otherwise good link', () => {
    for (let code = 0; code < 0x20; code++) {
      const c = String.fromCharCode(code);
      expect(isAllowedExternalUri(`tel:+1415${c}5552671`)).toBe(false);
      expect(isAllowedExternalUri(`tel:+14155552671${c}`)).toBe(false);
    }
    expect(isAllowedExternalUri('tel:+14155552671\u007f')).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, {}, ['tel:+14155552671'], new URL('tel:+14155552671')]) {
      expect(isAllowedExternalUri(value)).toBe(false);
    }
  });

  it('the hand-written reading agrees with every case above', () => {
    for (const uri of VALID_LINKS) expect(expectedAllowed(uri)).toBe(true);
    for (const uri of ['javascript:alert(1)', 'TEL:+14155552671', 'tel:+1415555 2671', 'sip:+14155552671;ext=1', 'mailto:ana@example.com?body=<script>']) expect(expectedAllowed(uri)).toBe(false);
  });

  it('property: on near-valid links (valid ones with one to three hostile changes) it allows exactly what the allowlist allows', () => {
    let allowed = 0;
    let refused = 0;
    fc.assert(
      fc.property(nearValid(VALID_LINKS), (uri) => {
        const verdict = isAllowedExternalUri(uri);
        expect(verdict).toBe(expectedAllowed(uri));
        if (verdict) allowed++;
        else refused++;
      }),
      { numRuns: 5000 },
    );
    // Both sides of the line are explored, not one string in a thousand.
    expect(allowed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('property: random strings and web links are never allowed unless the allowlist allows them', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webUrl()), (text) => {
        expect(isAllowedExternalUri(text)).toBe(expectedAllowed(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('buildDialUri', () => {
  it('fills the default and custom templates', () => {
    expect(buildDialUri('tel:{e164}', '+14155552671', null)).toEqual({ ok: true, uri: 'tel:+14155552671' });
    expect(buildDialUri('tel:{e164}', '+14155552671', '204')).toEqual({ ok: true, uri: 'tel:+14155552671;ext=204' });
    expect(buildDialUri('callto:{e164}', '+442079460958', null)).toEqual({ ok: true, uri: 'callto:+442079460958' });
    expect(buildDialUri('sip:{e164}@pbx.example.com', '+14155552671', '12')).toEqual({ ok: true, uri: 'sip:+14155552671;ext=12@pbx.example.com' });
  });

  it('dials a lead saved with a long extension (libphonenumber reads up to 20 digits after "ext.")', async () => {
    const t = makeCore();
    const lead = await t.call<{ id: number; extension: string }>('contacts.add', { firstName: 'Cy', lastName: 'Lee', phone: '+1 415 555 2671 ext 12345678901' });
    expect(lead.extension).toBe('12345678901');
    const dialled = await t.call<{ dialUri: string }>('calls.dial', { contactId: lead.id, override: true });
    expect(dialled.dialUri).toBe('tel:+14155552671;ext=12345678901');
    t.core.close();
  });

  it.each(['https://{e164}', 'javascript:{e164}', 'file:///{e164}', '{e164}', 'msteams:/l/call/0/0?users=4:{e164}'])('refuses the template %s', (template) => {
    expect(buildDialUri(template, '+14155552671', null).ok).toBe(false);
  });

  it('refuses numbers and extensions that are not digits', () => {
    expect(buildDialUri('tel:{e164}', '14155552671', null).ok).toBe(false);
    expect(buildDialUri('tel:{e164}', '+1415555267a', null).ok).toBe(false);
    expect(buildDialUri('tel:{e164}', '+14155552671', '1;x=javascript:1').ok).toBe(false);
  });

  it('property: through the real core, whatever the template, the number or the extension in the file, only allowlisted links reach the dialler port', async () => {
    const { core, dialer, dir } = makeCore();
    const added = await core.invoke('contacts.add', { firstName: 'P', phone: '+1 415 555 2671' });
    const contactId = (added as { ok: true; value: { id: number } }).value.id;
    // Templates and stored numbers straight in the database, as a hostile or damaged file has
    // them: nothing on the way in has checked them. The template is written by another
    // connection (as the command line or a hand edit would), so the app reads each one back.
    const writer = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { timeout: 5000 });
    const storeTemplate = writer.prepare("INSERT INTO settings (key, value) VALUES ('phone', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    const templates = ['tel:{e164}', 'callto:{e164}', 'sip:{e164}@pbx.example.com', 'sips:{e164}', 'tel:{e164};ext={ext}', 'sip:{e164}@pbx.example.com:5061'];
    const numbers = ['+14155552671', '+442079460958', '+61291234567'];
    const template = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...templates) },
      { weight: 4, arbitrary: nearValid(templates) },
      { weight: 1, arbitrary: fc.constantFrom('javascript:{e164}', 'https://x/{e164}', 'file:///{e164}', '\\\\host\\{e164}', 'tel:{e164}?x=javascript:alert(1)', 'mailto:{e164}@example.com') },
      { weight: 1, arbitrary: fc.string() },
    );
    const e164 = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...numbers) }, { weight: 4, arbitrary: nearValid(numbers) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
    const extension = fc.option(fc.oneof(fc.constantFrom('204', '1'), nearValid(['204', '1'])), { nil: null });
    let dialled = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(template, e164, extension, async (tmpl, number, ext) => {
        storeTemplate.run(JSON.stringify({ preset: 'custom', sipHost: '', template: tmpl }));
        core.db.prepare('UPDATE contacts SET e164 = ?, extension = ? WHERE id = ?').run(number, ext, contactId);
        const givenBefore = dialer.given.length;
        const result = await core.invoke('calls.dial', { contactId, override: true });
        const given = dialer.given.slice(givenBefore);
        if (result.ok) {
          dialled++;
          expect(given).toEqual([(result.value as { dialUri: string }).dialUri]);
        } else {
          // Refused before anything was handed over, and said so; never an internal error.
          refused++;
          expect(result.error.code).toBe('dial_refused');
          expect(given).toEqual([]);
        }
        for (const uri of given) expect(expectedAllowed(uri), uri).toBe(true);
      }),
      { numRuns: 600 },
    );
    expect(dialled).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
    // The stored templates were used, not only the default: links of other shapes were dialled.
    expect(new Set(dialer.given.map((uri) => uri.slice(0, uri.indexOf(':')))).size).toBeGreaterThan(2);
    writer.close();
    core.close();
  });

  it('property: through the real core, whatever phone text is added, only allowlisted links reach the dialler port', async () => {
    const { core, dialer } = makeCore();
    const phone = fc.oneof(
      fc.constantFrom('+1 415 555 2671', '(212) 555-0143 x204', '+44 20 7946 0958', '+61 2 9374 4000 ext. 45'),
      nearValid(['+1 415 555 2671', '(212) 555-0143 x204', '+61 2 9374 4000 ext. 45']),
      fc.string({ minLength: 1, maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(phone, async (text) => {
        const added = await core.invoke('contacts.add', { firstName: 'P', phone: text });
        if (!added.ok) return;
        const result = await core.invoke('calls.dial', { contactId: (added.value as { id: number }).id, override: true });
        if (!result.ok) expect(result.error.code).toBe('dial_refused');
        core.db.prepare('DELETE FROM calls').run();
        core.db.prepare('DELETE FROM queue_state').run();
        core.db.prepare('DELETE FROM contacts').run();
      }),
      { numRuns: 300 },
    );
    expect(dialer.given.length).toBeGreaterThan(0);
    for (const uri of dialer.given) expect(expectedAllowed(uri), uri).toBe(true);
    core.close();
  });
});
