import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDialUri, isAllowedExternalUri } from '../../shared/domain/dialUri';
import { makeCore } from './helpers';

// Allowed scheme, then no control character, space or DEL anywhere.
const SAFE_SHAPE = /^(tel|callto|sips?|mailto):[^\p{Cc}\s]+$/u;

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

  it('property: nothing outside the allowed schemes, and no control or space character, ever passes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webUrl(), fc.constantFrom('tel:', 'sip:', 'mailto:').chain((p) => fc.string().map((s) => p + s))), (text) => {
        if (isAllowedExternalUri(text)) expect(text).toMatch(SAFE_SHAPE);
      }),
      { numRuns: 5000 },
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

  it.each(['https://{e164}', 'javascript:{e164}', 'file:///{e164}', '{e164}', 'msteams:/l/call/0/0?users=4:{e164}'])('refuses the template %s', (template) => {
    expect(buildDialUri(template, '+14155552671', null).ok).toBe(false);
  });

  it('refuses numbers and extensions that are not digits', () => {
    expect(buildDialUri('tel:{e164}', '14155552671', null).ok).toBe(false);
    expect(buildDialUri('tel:{e164}', '+1415555267a', null).ok).toBe(false);
    expect(buildDialUri('tel:{e164}', '+14155552671', '1;x=javascript:1').ok).toBe(false);
  });

  it('property: through the real core, whatever the phone text and template, only allowlisted links reach the dialler port', async () => {
    const { core, dialer } = makeCore();
    const template = fc.oneof(
      fc.constantFrom('tel:{e164}', 'callto:{e164}', 'sip:{e164}@pbx.example.com', 'sips:{e164}', 'tel:{e164};ext={ext}'),
      fc.string(),
      fc.string().map((s) => `tel:${s}{e164}`),
      fc.string().map((s) => `sip:{e164}@${s}`),
      fc.constantFrom('javascript:{e164}', 'https://x/{e164}', 'file:///{e164}', '\\\\host\\{e164}'),
    );
    const phone = fc.oneof(
      fc.constantFrom('+1 415 555 2671', '(212) 555-0143 x204', '+44 20 7946 0958', '+61 2 9374 4000 ext. 45'),
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.stringMatching(/^\+?[0-9 ().-]{7,20}$/),
    );
    await fc.assert(
      fc.asyncProperty(template, phone, async (tmpl, text) => {
        core.db.prepare("UPDATE settings SET value = ? WHERE key = 'dialTemplate'").run(tmpl);
        const added = await core.invoke('contacts.add', { firstName: 'P', phone: text });
        if (!added.ok) return;
        await core.invoke('calls.dial', { contactId: (added.value as { id: number }).id });
        core.db.prepare('DELETE FROM calls').run();
        core.db.prepare('DELETE FROM queue_state').run();
        core.db.prepare('DELETE FROM contacts').run();
      }),
      { numRuns: 400 },
    );
    expect(dialer.opened.length).toBeGreaterThan(0);
    for (const uri of dialer.opened) {
      expect(isAllowedExternalUri(uri)).toBe(true);
      expect(uri).toMatch(/^(tel|callto|sips?):\+[1-9]\d{6,14}/);
    }
    core.close();
  });
});
