import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUri } from '../../shared/domain/dialUri';
import { buildMailto, encodeMailtoValue, MAILTO_MAX_LENGTH, readMailto } from '../../shared/domain/mailto';

// RFC 3986's unreserved characters, written out: everything else in a mailto: header value is
// percent-encoded as UTF-8 bytes. An independent encoder to hold encodeMailtoValue to.
const UNRESERVED = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~');
function independentEncode(text: string): string {
  const withCrlf = text.split('\r\n').join('\n').split('\r').join('\n').split('\n').join('\r\n');
  let out = '';
  for (const byte of new TextEncoder().encode(withCrlf)) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.has(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

describe('mailto: builder', () => {
  it('percent-encodes &, ?, #, line breaks and non-ASCII in every merged value', () => {
    const subject = 'Q&A? #1 for Zoë';
    const body = 'Hi José,\nprices & terms?\r\nsee #3 — 100% sure €\rbye';
    const built = buildMailto({ to: 'jose@example.com', subject, body });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.uri).toBe(
      'mailto:jose@example.com?subject=Q%26A%3F%20%231%20for%20Zo%C3%AB' +
        '&body=Hi%20Jos%C3%A9%2C%0D%0Aprices%20%26%20terms%3F%0D%0Asee%20%233%20%E2%80%94%20100%25%20sure%20%E2%82%AC%0D%0Abye',
    );
    expect(built.bodyOnClipboard).toBe(false);
    expect(readMailto(built.uri)).toEqual({ to: 'jose@example.com', subject, body: 'Hi José,\r\nprices & terms?\r\nsee #3 — 100% sure €\r\nbye' });
  });

  it("encodes the characters encodeURIComponent leaves alone (! ' ( ) *)", () => {
    expect(encodeMailtoValue("it's (really) *great*!")).toBe('it%27s%20%28really%29%20%2Agreat%2A%21');
  });

  it('leaves the body out and says so when the link would be too long for Windows', () => {
    const body = 'x'.repeat(MAILTO_MAX_LENGTH);
    const built = buildMailto({ to: 'a@example.com', subject: 'Follow-up', body });
    expect(built).toEqual({
      ok: true,
      uri: 'mailto:a@example.com?subject=Follow-up',
      bodyOnClipboard: true,
      note: expect.stringContaining('clipboard') as string,
    });
    // Just under the limit the body stays in the link.
    const head = 'mailto:a@example.com?subject=Follow-up&body='.length;
    const fits = buildMailto({ to: 'a@example.com', subject: 'Follow-up', body: 'y'.repeat(MAILTO_MAX_LENGTH - head) });
    expect(fits.ok && fits.bodyOnClipboard).toBe(false);
    expect(fits.ok && fits.uri.length).toBe(MAILTO_MAX_LENGTH);
    // Non-ASCII counts as its encoded length (é is 6 characters in the link).
    const accents = buildMailto({ to: 'a@example.com', subject: 'Follow-up', body: 'é'.repeat(Math.ceil((MAILTO_MAX_LENGTH - head) / 6) + 1) });
    expect(accents.ok && accents.bodyOnClipboard).toBe(true);
  });

  it('refuses an address a link cannot carry, rather than repairing it', () => {
    for (const to of ['', 'no-at-sign', 'a@b', 'a@example.com?cc=boss@example.com', 'a@example.com&body=x', 'a b@example.com', 'a%40x@example.com', 'a@example.com,b@example.com', 'javascript:alert(1)//@x.com', 'a@example.com\n']) {
      const built = buildMailto({ to, subject: 's', body: 'b' });
      // A trailing line break is trimmed like any stray whitespace around a cell.
      if (to === 'a@example.com\n') expect(built.ok && built.uri.startsWith('mailto:a@example.com?')).toBe(true);
      else expect(built.ok, to).toBe(false);
    }
  });

  it('property: whatever a lead has in its fields, the link is a mailto: to its own address, through the allowlist', () => {
    const address = fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9._+-]{1,20}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('com', 'co.uk', 'org'))
      .map(([local, host, tld]) => `${local}@${host}.${tld}`);
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.constantFrom('&body=evil', '?cc=x@y.com', '#frag', '\r\n\r\nBcc: x@y.com', '%0D%0A', 'javascript:alert(1)', 'broken \uD800 half', '\uDC00', "it's (x)*!"));
    // A plain address: the link is always made, and carries exactly the encoded subject and body.
    fc.assert(
      fc.property(address, anyText, anyText, (to, subject, body) => {
        const built = buildMailto({ to, subject, body });
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        const head = `mailto:${to}?subject=${independentEncode(subject)}`;
        const full = body === '' ? head : `${head}&body=${independentEncode(body)}`;
        expect(built.bodyOnClipboard).toBe(full.length > MAILTO_MAX_LENGTH);
        expect(built.uri).toBe(built.bodyOnClipboard ? head : full);
        expect(isAllowedExternalUri(built.uri)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Anything in the email field: either refused, or a mailto: to exactly that address.
    fc.assert(
      fc.property(fc.oneof(address, anyText, fc.tuple(address, anyText).map(([a, t]) => a + t)), anyText, anyText, (to, subject, body) => {
        const built = buildMailto({ to, subject, body });
        if (!built.ok) return;
        expect(isAllowedExternalUri(built.uri)).toBe(true);
        expect(built.uri.startsWith(`mailto:${to.trim()}?subject=`)).toBe(true);
        expect(readMailto(built.uri)?.to).toBe(to.trim());
      }),
      { numRuns: 500 },
    );
  });
});
