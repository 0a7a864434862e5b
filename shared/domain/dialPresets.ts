// "Your phone": how a number becomes a link for the desk's softphone. Each preset builds its own
// link shape from the lead's E.164 number, and adds to the allowlist (dialUri.ts) exactly the one
// pattern its links have — nothing else, never a general https: — or nothing at all when its
// links are already the plain tel:/callto:/sip: shapes. A custom template adds nothing: it must
// make a plain tel:/callto:/sip:/sips: link, and is checked against the allowlist before it is
// saved. Where each shape comes from is in the README ("Your phone").
import { buildDialUri, E164, HOST, isAllowedExternalUri, type DialUriResult } from './dialUri';

export const PHONE_PRESETS = ['tel', 'callto', 'sip', 'teams', 'zoom', 'ringcentral', 'microsip', '3cx', 'zoiper', 'custom'] as const;
export type PhonePresetId = (typeof PHONE_PRESETS)[number];

/** The stored setting: the preset, the PBX host for sip:, the template for custom. */
export interface PhoneSetting {
  preset: PhonePresetId;
  /** sip: only — the host the desk's SIP account is on, e.g. pbx.example.com or pbx.example.com:5061. */
  sipHost: string;
  /** custom only — e.g. "sip:{e164}@pbx.example.com:5061" or "tel:{e164};ext={ext}". */
  template: string;
}

export const DEFAULT_PHONE: PhoneSetting = { preset: 'tel', sipHost: '', template: '' };

export interface PhonePreset {
  id: PhonePresetId;
  label: string;
  /** What the link looks like, for +14155552671 (the Settings screen shows it). */
  example: string;
  /** Why this shape, in a line (the README has the sources in full). */
  note: string;
}

const DIGITS_AFTER_PLUS = (e164: string) => e164.slice(1);

interface PresetRule extends PhonePreset {
  /** The link for a valid E.164 number and extension (dropped where the app has no place for it). */
  link(e164: string, extension: string | null, setting: PhoneSetting): DialUriResult;
  /** The one pattern this preset adds to the allowlist; null when its links are plain tel:/sip:. */
  pattern: RegExp | null;
}

/** A link in a shape of its own: built by `shape`, then held to the preset's pattern. */
function ownShape(pattern: RegExp, shape: (e164: string) => string): Pick<PresetRule, 'link' | 'pattern'> {
  return {
    pattern,
    link(e164) {
      if (!new RegExp(`^${E164}$`).test(e164)) return { ok: false, reason: 'the number is not in E.164 form' };
      const uri = shape(e164);
      return pattern.test(uri) ? { ok: true, uri } : { ok: false, reason: 'the link does not have its preset’s shape' };
    },
  };
}

const RULES: readonly PresetRule[] = [
  {
    id: 'tel',
    label: 'Default phone app (tel:)',
    example: 'tel:+14155552671',
    note: 'RFC 3966: a global number with its +, an extension as ;ext=.',
    pattern: null,
    link: (e164, extension) => buildDialUri('tel:{e164}', e164, extension),
  },
  {
    id: 'callto',
    label: 'callto: (Skype-style softphones)',
    example: 'callto:+14155552671',
    note: 'No RFC; Zoom documents callto:{number} for its phone.',
    pattern: null,
    link: (e164) => buildDialUri('callto:{e164}', e164, null),
  },
  {
    id: 'sip',
    label: 'SIP address on your PBX (sip:)',
    example: 'sip:+14155552671@pbx.example.com',
    note: 'RFC 3261: the host is required; it comes from this setting, never from a lead.',
    pattern: null,
    link: (e164, extension, setting) => buildDialUri(`sip:{e164}@${setting.sipHost}`, e164, extension),
  },
  {
    id: 'teams',
    label: 'Microsoft Teams (calling plan)',
    example: 'https://teams.microsoft.com/l/call/0/0?users=4:%2B14155552671',
    note: 'A PSTN number is "4:" and the number; its + is written %2B, as a + in a query reads as a space.',
    ...ownShape(new RegExp(String.raw`^https://teams\.microsoft\.com/l/call/0/0\?users=4:%2B[1-9]\d{6,14}$`), (e164) => `https://teams.microsoft.com/l/call/0/0?users=4:%2B${DIGITS_AFTER_PLUS(e164)}`),
  },
  {
    id: 'zoom',
    label: 'Zoom Phone',
    example: 'zoomphonecall://+14155552671',
    note: 'Zoom’s own scheme with the E.164 number.',
    ...ownShape(new RegExp(String.raw`^zoomphonecall://${E164}$`), (e164) => `zoomphonecall://${e164}`),
  },
  {
    id: 'ringcentral',
    label: 'RingCentral',
    example: 'rcmobile://call?number=14155552671',
    note: 'RingCentral’s rcmobile scheme: the E.164 digits without the +.',
    ...ownShape(/^rcmobile:\/\/call\?number=[1-9]\d{6,14}$/, (e164) => `rcmobile://call?number=${DIGITS_AFTER_PLUS(e164)}`),
  },
  {
    id: 'microsip',
    label: 'MicroSIP',
    example: 'sip:+14155552671',
    note: 'MicroSIP opens sip: links and adds its account’s domain; it also reports calls back (README).',
    pattern: null,
    link: (e164) => buildDialUri('sip:{e164}', e164, null),
  },
  {
    id: '3cx',
    label: '3CX',
    example: 'tel:+14155552671',
    note: 'The 3CX app takes tel: links where it is the system’s phone handler.',
    pattern: null,
    link: (e164, extension) => buildDialUri('tel:{e164}', e164, extension),
  },
  {
    id: 'zoiper',
    label: 'Zoiper',
    example: 'tel:+14155552671',
    note: 'Zoiper takes tel: links where it is the system’s phone handler.',
    pattern: null,
    link: (e164, extension) => buildDialUri('tel:{e164}', e164, extension),
  },
  {
    id: 'custom',
    label: 'Custom template',
    example: 'sip:{e164}@pbx.example.com:5061',
    note: 'Your own tel:, callto:, sip: or sips: template with {e164} (and {ext}); checked before it is saved.',
    pattern: null,
    link: (e164, extension, setting) => buildDialUri(setting.template, e164, extension),
  },
];

const BY_ID: ReadonlyMap<PhonePresetId, PresetRule> = new Map(RULES.map((rule) => [rule.id, rule]));

/** Every preset with what Settings shows for it, in the order offered. */
export const PHONE_PRESET_LIST: readonly PhonePreset[] = RULES.map(({ id, label, example, note }) => ({ id, label, example, note }));

/** The one pattern the preset adds to the allowlist, or null when it adds none. */
export function presetPattern(preset: PhonePresetId): RegExp | null {
  return BY_ID.get(preset)?.pattern ?? null;
}

/** The link for a number with the rep's phone setting, checked against the allowlist with the
 *  preset's own pattern (and nothing else) added. */
export function dialLink(setting: PhoneSetting, e164: string, extension: string | null): DialUriResult {
  const rule = BY_ID.get(setting.preset);
  if (!rule) return { ok: false, reason: `"${String(setting.preset)}" is not a phone preset` };
  if (!new RegExp(`^${E164}$`).test(e164)) return { ok: false, reason: 'the number is not in E.164 form' };
  const built = rule.link(e164, extension, setting);
  if (!built.ok) return built;
  if (!isAllowedExternalUri(built.uri, rule.pattern)) return { ok: false, reason: `the ${rule.label} link is not an allowed dial link` };
  return built;
}

/** The extension a dial link did not carry, for the rep to key once the line answers; null when
 *  there is none or the link has it. Presets with no place for one (callto:, MicroSIP, Teams,
 *  Zoom, RingCentral), a sip: link without a host and a custom template without {ext} dial the
 *  number alone; every link that carries one has it as ";ext=" (buildDialUri, TEMPLATE_SHAPE). */
export function extensionNotInLink(uri: string, extension: string | null): string | null {
  if (!extension) return null;
  // The whole parameter ("20" is not carried by ";ext=204"); an extension is digits only.
  return new RegExp(`;ext=${extension}(?=[;@]|$)`).test(uri) ? null : extension;
}

const SAMPLE_NUMBERS = ['+14155552671', '+442079460958', '+61291234567'];
// The shapes a custom template may have: the number exactly as it is (nothing before or after it
// in the user part, so no digit is ever added to or taken from the lead's number), an optional
// ;ext={ext} for tel: and sip:, and for sip: an optional host from the template itself.
const TEMPLATE_SHAPE = new RegExp(String.raw`^(?:tel:\{e164\}(?:;ext=\{ext\})?|callto:\{e164\}|sips?:\{e164\}(?:(?:;ext=\{ext\})?@${HOST})?)$`);

/** Why a custom template cannot be saved, or null when it is one of the plain shapes (tel:,
 *  callto:, sip:, sips: with {e164}) and makes an allowed link for every number. */
export function customTemplateProblem(template: string): string | null {
  if (!template.includes('{e164}')) return 'The template must contain {e164}, where the number goes.';
  if (!TEMPLATE_SHAPE.test(template)) {
    return 'The template does not make an allowed dial link: use tel:{e164}, tel:{e164};ext={ext}, callto:{e164}, sip:{e164} or sip:{e164}@pbx.example.com (sips: too), with nothing else around the number.';
  }
  for (const number of SAMPLE_NUMBERS) {
    for (const extension of [null, '204']) {
      const built = buildDialUri(template, number, extension);
      if (!built.ok) return `The template does not make an allowed dial link (${built.reason}). Use tel:, callto:, sip: or sips: with {e164}, such as sip:{e164}@pbx.example.com.`;
    }
  }
  return null;
}

/** Why a SIP host cannot be used, or null. */
export function sipHostProblem(host: string): string | null {
  if (host === '') return 'Give the host of your PBX, such as pbx.example.com.';
  return new RegExp(`^${HOST}$`).test(host) ? null : `"${host}" is not a host name such as pbx.example.com (a port may follow, as in pbx.example.com:5061).`;
}

/** Every problem with a phone setting, field by field (empty when it can be saved). */
export function phoneSettingProblems(setting: PhoneSetting): Map<'sipHost' | 'template', string> {
  const problems = new Map<'sipHost' | 'template', string>();
  if (setting.preset === 'sip') {
    const problem = sipHostProblem(setting.sipHost);
    if (problem) problems.set('sipHost', problem);
  }
  if (setting.preset === 'custom') {
    const problem = customTemplateProblem(setting.template);
    if (problem) problems.set('template', problem);
  }
  return problems;
}
