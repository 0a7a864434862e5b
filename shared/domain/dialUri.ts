// The dial-URL allowlist. Everything the app hands to the operating system to open goes
// through isAllowedExternalUri, so nothing from imported data can open an arbitrary URL. The
// softphone presets (dialPresets.ts) may add exactly one pattern of their own to it.

export const DIAL_SCHEMES = ['tel', 'callto', 'sip', 'sips'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];
export const DEFAULT_DIAL_TEMPLATE = 'tel:{e164}';

// E.164: "+" then 7 to 15 digits, first digit not 0 (country codes never start with 0).
export const E164 = String.raw`\+[1-9]\d{6,14}`;
// Up to 20 digits: the longest extension libphonenumber reads (after "ext."), so every number a
// lead was saved with can be dialled.
const EXTENSION = String.raw`\d{1,20}`;
// A host for SIP: a DNS name or IPv4, optional port. No user info, no path.
export const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?`;

const ALLOWED: readonly RegExp[] = [
  new RegExp(`^tel:${E164}(?:;ext=${EXTENSION})?$`),
  new RegExp(`^callto:${E164}$`),
  new RegExp(`^sips?:${E164}(?:;ext=${EXTENSION})?@${HOST}$`),
  new RegExp(`^sips?:${E164}$`),
  // mailto: an address of safe characters, then an optional query of percent-encoded text.
  /^mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}(?:\?(?:[A-Za-z0-9._~%+=&-])*)?$/,
];

/** True only for the URI shapes Dialdeck may hand to the OS: tel/callto/sip/sips with a valid
 *  E.164 number, or a plain mailto, and the one pattern the chosen softphone preset adds
 *  (`presetPattern`, dialPresets.ts; null for none). Control characters, spaces and other
 *  schemes never pass. */
export function isAllowedExternalUri(uri: unknown, presetPattern: RegExp | null = null): uri is string {
  if (typeof uri !== 'string' || uri.length > 2048) return false;
  return ALLOWED.some((pattern) => pattern.test(uri)) || (presetPattern !== null && presetPattern.test(uri));
}

export type DialUriResult = { ok: true; uri: string } | { ok: false; reason: string };

/** Fill a dial template ("tel:{e164}", "sip:{e164}@pbx.example.com", "callto:{e164}")
 *  with a number and check the result against the allowlist. */
export function buildDialUri(template: string, e164: string, extension: string | null): DialUriResult {
  if (!new RegExp(`^${E164}$`).test(e164)) return { ok: false, reason: 'the number is not in E.164 form' };
  if (extension !== null && !new RegExp(`^${EXTENSION}$`).test(extension)) {
    return { ok: false, reason: 'the extension must be digits only' };
  }
  const scheme = template.slice(0, template.indexOf(':')).toLowerCase();
  if (!(DIAL_SCHEMES as readonly string[]).includes(scheme)) {
    return { ok: false, reason: `the dial template must start with ${DIAL_SCHEMES.map((s) => `${s}:`).join(', ')}` };
  }
  let uri = template.replaceAll('{e164}', e164);
  // tel: and sip: with a host carry the extension as a parameter; a template may place {ext}
  // itself. A sip: link without a host has no place for one (the softphone adds its own domain
  // after the number): the number is dialled and the extension stays on screen.
  const at = uri.indexOf('@');
  // A template's own ";ext={ext}" is left out for a number without one.
  if (extension === null) uri = uri.replaceAll(';ext={ext}', '');
  if (uri.includes('{ext}')) uri = uri.replaceAll('{ext}', extension ?? '');
  else if (extension && scheme === 'tel') uri = `${uri};ext=${extension}`;
  else if (extension && scheme.startsWith('sip') && at !== -1) uri = `${uri.slice(0, at)};ext=${extension}${uri.slice(at)}`;
  if (!isAllowedExternalUri(uri)) return { ok: false, reason: `"${template}" does not make an allowed dial link` };
  return { ok: true, uri };
}
