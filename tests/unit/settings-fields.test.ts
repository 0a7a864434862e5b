// Every refusal of a settings change, said in the rep's words: for every setting the settings
// screens can change, every field of it is given values the core must refuse (a fraction, no
// number, out of range, a time that is no time, text too long, a list too short or too long),
// through the real core; each refusal must name the field by the label its form shows and say
// the rule in a plain sentence, with no path, no code name and none of zod's own words. A number's
// stated range is then held to what the core does: both ends accepted, one past each refused.
import { describe, expect, it } from 'vitest';
import { settingsChannels } from '../../shared/ipc/settings';
import { SETTINGS } from '../../shared/domain/settings';
import { SETTINGS_FIELD_LABELS, settingsErrorText, settingsField, settingsRefusal, typedNumber, typedNumbers } from '../../shared/domain/settingsFields';
import { makeCore, tempDir, type TestCore } from './helpers';

/** The keys settings.update takes, read from the contract (not from the label table). */
const EDITABLE = Object.keys(settingsChannels['settings.update'].request.shape) as (keyof typeof SETTINGS)[];

// Written out here, not taken from the app: the calling-hours table's days and lines.
const DAY = new Map([
  ['1', 'Monday'],
  ['2', 'Tuesday'],
  ['3', 'Wednesday'],
  ['4', 'Thursday'],
  ['5', 'Friday'],
  ['6', 'Saturday'],
  ['7', 'Sunday'],
]);

/** The label a path's field shows, worked out here for the fields the forms build from data (a
 *  weekday's hours, a voicemail window, an item of a list), else the form's label table. */
function expectedLabel(path: string): string {
  const hours = /^queue\.callingHours\.(?:byCountry\.([A-Z]{2})\.)?(residential|business)\.(\d)(?:\.(start|end))?$/.exec(path);
  if (hours) {
    const where = hours[1] ? `${hours[2]}, ${hours[1]}` : hours[2];
    const part = hours[4] === 'start' ? ' from' : hours[4] === 'end' ? ' until' : ': calls allowed';
    return `${DAY.get(hours[3]!)}${part} (${where})`;
  }
  const window = /^queue\.voicemail\.windows\.(\d+)\.(start|end)$/.exec(path);
  if (window) return `Voicemail window ${Number(window[1]) + 1} ${window[2] === 'start' ? 'from' : 'until'}`;
  const item = /^(.*)\.(\d+)$/.exec(path);
  if (item && !path.startsWith('queue.callingHours')) return SETTINGS_FIELD_LABELS.get(item[1]!)!;
  return SETTINGS_FIELD_LABELS.get(path)!;
}

/** zod's own words and code names: none may reach the rep. */
const JARGON = /Invalid (input|option|key|element|type)|expected |received |Too (small|big)|[<>]=?\s*-?\d|Unrecognized|\bint\b|NaN|undefined|\bnull\b|\[object|\b[a-z]+[A-Z]\w*\b/;

type Probe = { key: string; path: string; value: unknown; kind: 'number' | 'other' };

/** `whole` with the value at `path` (below the key) replaced. */
function replaced(whole: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(whole)) return whole.map((item, i) => (String(i) === head ? replaced(item, rest, value) : item));
  const copy = new Map(Object.entries(whole as object));
  copy.set(head, replaced(copy.get(head), rest, value));
  return Object.fromEntries(copy);
}

const TIME = /^\d\d:\d\d$/;

/** Values the core must refuse for the field at `path` whose good value is `value`. */
function badValues(path: string, value: unknown): { bad: unknown; kind: Probe['kind'] }[] {
  if (typeof value === 'number') return [...[2.5, Number.NaN, -1e9, 1e9].map((bad) => ({ bad, kind: 'number' as const })), { bad: '5', kind: 'other' as const }];
  if (typeof value === 'boolean') return [{ bad: 'yes', kind: 'other' }];
  if (value === null) return [{ bad: 'yes', kind: 'other' }];
  if (typeof value === 'string') {
    if (TIME.test(value)) return [{ bad: '25:99', kind: 'other' }, { bad: '', kind: 'other' }];
    if (path === 'defaultCountry') return [{ bad: 'ZZ', kind: 'other' }, { bad: 'usa', kind: 'other' }];
    if (path === 'defaultTimeZone') return [{ bad: 'Mars/Olympus', kind: 'other' }, { bad: '', kind: 'other' }];
    if (path === 'repPhone') return [{ bad: '12', kind: 'other' }];
    if (path === 'theme' || path === 'phone.preset') return [{ bad: 'purple', kind: 'other' }];
    return [{ bad: 'x'.repeat(1000), kind: 'other' }, { bad: 5, kind: 'other' }, ...(/\.\d+$/.test(path) ? [{ bad: '  ', kind: 'other' as const }] : [])];
  }
  if (Array.isArray(value)) return [{ bad: [], kind: 'other' }, { bad: Array.from({ length: 40 }, (_, i) => (typeof value[0] === 'number' ? i : value[0])), kind: 'other' }];
  return [];
}

/** Every field of a setting (recursively), with the values to refuse. */
function probesOf(key: string, value: unknown): Probe[] {
  const probes: Probe[] = [];
  const walk = (at: string[], here: unknown) => {
    const path = [key, ...at].join('.');
    for (const { bad, kind } of badValues(path, here)) probes.push({ key, path, value: replaced(value, at, bad), kind });
    if (here !== null && typeof here === 'object') {
      const entries = Array.isArray(here) ? here.map((v, i) => [String(i), v] as const) : Object.entries(here);
      for (const [name, v] of entries) walk([...at, name], v);
      // A window (start, end) whose end is not after its start.
      if (!Array.isArray(here) && 'start' in here && 'end' in here) probes.push({ key, path: `${path}.end`, value: replaced(value, at, { start: '12:00', end: '11:00' }), kind: 'other' });
    }
  };
  walk([], value);
  return probes;
}

/** A country's own hours (none by default): Great Britain's business lines, to reach those fields. */
function withCountryHours(queue: typeof SETTINGS.queue.default): typeof SETTINGS.queue.default {
  return { ...queue, callingHours: { ...queue.callingHours, byCountry: { GB: { business: queue.callingHours.business } } } };
}

async function refusal(t: TestCore, key: string, value: unknown): Promise<Record<string, string> | null> {
  const reply = await t.core.invoke('settings.update', { [key]: value } as never);
  return reply.ok ? null : (reply.error.fields ?? {});
}

describe('settings refusals in the rep’s words', () => {
  it('covers every setting settings.update takes, and each has a field with a label', () => {
    expect(EDITABLE.length).toBeGreaterThan(15);
    for (const key of EDITABLE) {
      const value = key === 'queue' ? withCountryHours(SETTINGS.queue.default) : SETTINGS[key].default;
      const probes = probesOf(key, value);
      expect(probes.length, key).toBeGreaterThan(0);
      for (const probe of probes) expect(settingsField(probe.path), probe.path).not.toBeNull();
    }
  });

  it('every refusal of every field names the field by its label and says the rule plainly; a number’s range is what the core holds to', async () => {
    const t = makeCore(tempDir());
    const before = await t.call<Record<string, unknown>>('settings.get', {});
    let checked = 0;
    for (const key of EDITABLE) {
      const base = key === 'queue' ? withCountryHours(SETTINGS.queue.default) : SETTINGS[key].default;
      for (const probe of probesOf(key, base)) {
        const fields = await refusal(t, key, probe.value);
        // A list may take no items or many (the voicemail windows: none is fine): not every bad
        // value of a list is bad; every other one is.
        if (fields === null && /(Windows|windows)$/.test(probe.path)) continue;
        expect(fields, `${probe.path} = ${JSON.stringify(probe.value).slice(0, 120)}`).not.toBeNull();
        const message = fields![probe.path];
        expect(message, `${probe.path}: ${JSON.stringify(fields)}`).toBeDefined();
        const { field, text } = settingsErrorText(probe.path, message!);
        const label = expectedLabel(probe.path);
        expect(label, probe.path).toBeTruthy();
        // The label as the form shows it, in “…” (its own quotes made single: ‘connected or engaged?’).
        const shown = `“${label.replace(/"([^"]*)"/g, '‘$1’').replace(/“/g, '‘').replace(/”/g, '’')}”`;
        expect(text.startsWith(shown), `${probe.path}: ${text}`).toBe(true);
        expect(text, probe.path).not.toContain(probe.path);
        expect(text, probe.path).not.toMatch(JARGON);
        expect(text, probe.path).toMatch(/^“[^”]+”(, (reason|time) \d+,)?:? [^]*\.$/);
        // The field it is shown beside is one the forms have (an item of a list: the list's box).
        expect(SETTINGS_FIELD_LABELS.has(field) || settingsField(field)?.field === field, `${probe.path} → ${field}`).toBe(true);
        if (probe.kind === 'number') {
          const range = /must be a whole number (?:of [a-z ]+ )?from (-?\d+) to (\d+)/.exec(text);
          expect(range, text).not.toBeNull();
          const [min, max] = [Number(range![1]), Number(range![2])];
          for (const [n, ok] of [
            [min, true],
            [max, true],
            [min - 1, false],
            [max + 1, false],
            [min + 0.5, false],
          ] as const) {
            const at = probe.path.split('.').slice(1);
            const answer = await refusal(t, key, replaced(base, at, n));
            expect(answer === null, `${probe.path} = ${n}: ${JSON.stringify(answer)}`).toBe(ok);
          }
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
    // The refusals saved nothing; the accepted ends were each a whole value of its setting.
    const after = await t.call<Record<string, unknown>>('settings.get', {});
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    t.core.close();
  });

  it('hours are kept only for a country Dialdeck knows, quiet hours need two different times, and a key no setting has is named', async () => {
    const t = makeCore(tempDir());
    const queue = SETTINGS.queue.default;
    const forCountry = (code: string) => ({ ...queue, callingHours: { ...queue.callingHours, byCountry: Object.fromEntries([[code, { business: queue.callingHours.business }]]) } });
    expect(await refusal(t, 'queue', forCountry('GB'))).toBeNull();
    for (const [code, rule] of [['XX', /"XX" is not one/], ['gb', /two-letter country code such as US or GB/]] as const) {
      const fields = await refusal(t, 'queue', forCountry(code));
      const path = `queue.callingHours.byCountry.${code}`;
      expect(fields?.[path], JSON.stringify(fields)).toMatch(rule);
      expect(settingsErrorText(path, fields![path]!).text).not.toMatch(JARGON);
    }
    const same = await refusal(t, 'notifications', { doNotDisturb: false, quietFrom: '18:00', quietUntil: '18:00' });
    expect(same?.['notifications.quietUntil']).toMatch(/must not be the same time as “Quiet from”/);
    expect(await refusal(t, 'notifications', { doNotDisturb: false, quietFrom: '18:00', quietUntil: '08:00' })).toBeNull();
    const unknown = await t.core.invoke('settings.update', { colour: 'blue' } as never);
    expect(unknown.ok ? null : unknown.error.fields).toEqual({ '(request)': 'has no field "colour"' });
    t.core.close();
  });

  it('a refusal of several fields: each beside its field; the form’s line lists them once there are more than two', () => {
    const two = settingsRefusal({ message: 'Invalid request — …', fields: { 'queue.maxAttemptsPerDay': 'must be a whole number of attempts from 1 to 50', 'notInterestedReasons.2': 'must be at most 80 characters' } });
    expect([...two.fields]).toEqual([
      ['queue.maxAttemptsPerDay', '“At most, per lead per day” must be a whole number of attempts from 1 to 50.'],
      ['notInterestedReasons', '“Not-interested reasons to pick from (one per line)”, reason 3, must be at most 80 characters.'],
    ]);
    expect(two.summary).toBe('“At most, per lead per day” must be a whole number of attempts from 1 to 50. “Not-interested reasons to pick from (one per line)”, reason 3, must be at most 80 characters.');
    const three = settingsRefusal({
      message: 'x',
      fields: { 'queue.callingHours.business.3.end': 'must be after the start (12:00)', 'queue.skipMinutes': 'must be a whole number of minutes from 1 to 10080', 'phone.template': 'The template must contain {e164}, where the number goes.' },
    });
    expect(three.fields.get('phone.template')).toBe('“Link template ({e164} is the number, {ext} an extension)”: The template must contain {e164}, where the number goes.');
    expect(three.summary).toBe('3 fields need fixing, each says why beside it: “Wednesday until (business)”, “Skip hides a lead for”, “Link template ({e164} is the number, {ext} an extension)”.');
    // Not a validation (no fields): its own message.
    expect(settingsRefusal({ message: 'The database is busy.' })).toEqual({ fields: new Map(), summary: 'The database is busy.' });
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['2.5', 2.5],
    ['-3', -3],
    ['', Number.NaN],
    ['1e', Number.NaN],
    ['-', Number.NaN],
    ['2,5', Number.NaN],
    ['ten', Number.NaN],
    ['0x10', Number.NaN],
  ])('the box holding %j is sent as %s (an empty box is no 0)', (text, number) => {
    expect(typedNumber(text)).toBe(number);
  });

  it('a list of numbers as typed', () => {
    expect(typedNumbers('0, 10,60  180')).toEqual([0, 10, 60, 180]);
    expect(typedNumbers('0, ten')).toEqual([0, Number.NaN]);
    expect(typedNumbers('  ')).toEqual([]);
  });
});
