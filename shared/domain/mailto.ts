// Sending without a mail server: a `mailto:` link the desk's mail client opens as a draft. Pure.
// Everything a lead's data puts in it is percent-encoded, and the result goes through the same
// allowlist as every dial link (dialUri.ts), so a lead's fields can only ever make a mailto: to
// that lead's own address with a subject and a body.
import { isAllowedExternalUri } from './dialUri';

/** Windows hands a link to the mail client through ShellExecute, which cuts links past about
 *  2,048 characters (some clients at 2,000): above this the body goes to the clipboard instead. */
export const MAILTO_MAX_LENGTH = 2000;

/** An address we can put in a link as it is: no percent sign, no query, no second address. */
const ADDRESS = /^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface MailDraft {
  to: string;
  subject: string;
  body: string;
}

export type MailtoResult =
  | {
      ok: true;
      uri: string;
      /** True when the body was too long for the link: the link opens without it and the rep
       *  pastes the text, which the caller puts on the clipboard. */
      bodyOnClipboard: boolean;
      /** For the rep when the body is on the clipboard, else null. */
      note: string | null;
    }
  | { ok: false; reason: string };

/** True for an address a mailto: link can carry untouched. */
export function isMailableAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

/** Mail wants CRLF line breaks (RFC 6068); a lone CR or LF becomes one. */
export function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** Percent-encode a header value for a mailto: query (RFC 6068): UTF-8, and every character
 *  outside the unreserved set, including the ! ' ( ) * encodeURIComponent leaves alone. */
export function encodeMailtoValue(text: string): string {
  // A lone surrogate (half of a broken character) would make encodeURIComponent throw: it is
  // written as U+FFFD, as a UTF-8 encoder does.
  const wellFormed = crlf(text).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Build the link for a draft. The body is left out (for the clipboard) when the whole link would
 *  be longer than `maxLength`; an address that is not a plain one is refused, never repaired. */
export function buildMailto(draft: MailDraft, maxLength = MAILTO_MAX_LENGTH): MailtoResult {
  const to = draft.to.trim();
  if (to === '') return { ok: false, reason: 'this lead has no email address' };
  if (!isMailableAddress(to)) return { ok: false, reason: `"${to.slice(0, 80)}" is not an email address a mail link can carry; check the lead's email` };
  const head = `mailto:${to}?subject=${encodeMailtoValue(draft.subject)}`;
  const full = draft.body === '' ? head : `${head}&body=${encodeMailtoValue(draft.body)}`;
  let uri = full;
  let bodyOnClipboard = false;
  if (full.length > maxLength) {
    if (head.length > maxLength) return { ok: false, reason: 'the subject is too long for a mail link; shorten it in the template' };
    uri = head;
    bodyOnClipboard = true;
  }
  // The allowlist again, as every link the app hands over: by construction this always passes.
  if (!isAllowedExternalUri(uri)) return { ok: false, reason: `"${to.slice(0, 80)}" does not make an allowed mail link` };
  return {
    ok: true,
    uri,
    bodyOnClipboard,
    note: bodyOnClipboard ? 'The email is too long for a mail link: the draft opens without its text, which is on the clipboard — paste it into the draft.' : null,
  };
}

/** The address, subject and body a mailto: link carries (RFC 6068), for checks and tests. */
export function readMailto(uri: string): { to: string; subject: string | null; body: string | null } | null {
  if (!uri.startsWith('mailto:')) return null;
  const rest = uri.slice('mailto:'.length);
  const q = rest.indexOf('?');
  const to = decodeURIComponent(q === -1 ? rest : rest.slice(0, q));
  const headers = new Map<string, string>();
  if (q !== -1) {
    for (const pair of rest.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq === -1) continue;
      headers.set(pair.slice(0, eq).toLowerCase(), decodeURIComponent(pair.slice(eq + 1)));
    }
  }
  return { to, subject: headers.get('subject') ?? null, body: headers.get('body') ?? null };
}
