// Every setting in one registry: its schema (what a valid value is, used to store it, to read it
// back and to take it over IPC), its default, and whether a stored object that no longer fits
// falls back field by field. The core's settings store and the contract are both built from it.
import { z } from 'zod';
import { DEFAULT_PHONE, PHONE_PRESETS, phoneSettingProblems } from './dialPresets';
import { DEFAULT_NOT_INTERESTED_REASONS } from './dispositions';
import { isCountryCode } from './phone';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queueRules';
import { isIanaZone } from './timeZones';
import { DEFAULT_LAW, type Law } from './law/engine';
import { RULES_BY_ID } from './law/rules';
import { CadenceSchema, PHONE_MAIL_PHONE } from './cadence';
import { DEFAULT_STALLED_REASONS } from './stalled';

// Every message a setting's schema gives is written to follow the field's label, as the settings
// screen says it ("“At most, per lead per day” must be a whole number of attempts from 1 to 50":
// shared/domain/settingsFields.ts), and covers every way a value can miss (zod's own messages
// name types and operators: "Too small: expected number to be >=1").

/** A whole number from min to max: one sentence for a value that is no number, a fraction, too
 *  small or too big, so the rep reads the whole rule at once. */
function wholeNumber(min: number, max: number, unit = '', note = '') {
  const message = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}${note}`;
  return z.number({ error: message }).int().min(min).max(max);
}

/** A list of at most `max` items of `item`, at least `min`: what the list needs, in its words. */
function listOf<T extends z.ZodType>(item: T, min: number, max: number, nouns: string, note = '') {
  const message = `${min > 0 ? `must have from ${min} to ${max}` : `must have at most ${max}`} ${nouns}${note}`;
  return z.array(item, { error: message }).min(min).max(max);
}

/** A switch: on or off. */
const OnOff = () => z.boolean({ error: 'must be on or off' });

const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;
const HourMinute = z.string({ error: 'must be a 24-hour time such as 08:00' }).regex(HOUR_MINUTE);

export const CountryCodeSchema = z
  .string({ error: 'must be a two-letter country code such as US or GB' })
  .regex(/^[A-Z]{2}$/)
  .refine((value): boolean => isCountryCode(value), { error: (issue) => `must be a country Dialdeck knows ("${String(issue.input)}" is not one)` });

export const TimeZoneSchema = z
  .string({ error: 'must be a time zone name such as America/New_York' })
  .min(1, 'must be chosen: a time zone name such as America/New_York')
  .max(64)
  .refine((value): boolean => isIanaZone(value), { error: (issue) => `must be a time zone name such as America/New_York ("${String(issue.input)}" is not one)` });

export const LocalWindowSchema = z
  .object({ start: HourMinute, end: HourMinute }, { error: 'must have a start and an end time' })
  .strict()
  .refine((w) => w.start < w.end, { error: (issue) => `must be after the start (${String((issue.input as { start?: unknown }).start)})`, path: ['end'] });

const Day = LocalWindowSchema.nullable();
export const WeeklyHoursSchema = z.object({ 1: Day, 2: Day, 3: Day, 4: Day, 5: Day, 6: Day, 7: Day }).strict();

export const QueueSettingsSchema = z
  .object({
    callingHours: z
      .object({
        residential: WeeklyHoursSchema,
        business: WeeklyHoursSchema,
        byCountry: z.record(CountryCodeSchema, z.object({ residential: WeeklyHoursSchema.optional(), business: WeeklyHoursSchema.optional() }).strict()),
      })
      .strict(),
    voicemail: z
      .object({ windows: listOf(LocalWindowSchema, 0, 6, 'windows'), skipMondayMorning: OnOff(), skipFridayAfternoon: OnOff(), weekdaysOnly: OnOff() })
      .strict(),
    noAnswerRetryMinutes: wholeNumber(1, 7 * 24 * 60, 'minutes'),
    maxAttemptsPerDay: wholeNumber(1, 50, 'attempts'),
    inboundOffsetsMinutes: listOf(wholeNumber(0, 24 * 60, 'minutes'), 1, 10, 'times'),
    inboundLastAttemptBeforeCloseMinutes: wholeNumber(0, 600, 'minutes'),
    minimumGapMinutes: wholeNumber(0, 24 * 60, 'minutes'),
    voicemailRestBusinessDays: wholeNumber(0, 30, 'business days'),
    conversationFollowUpBusinessDays: wholeNumber(1, 60, 'business days'),
    redialIntervalSeconds: wholeNumber(5, 600, 'seconds'),
    redialLimitMinutes: wholeNumber(1, 240, 'minutes'),
    autoRedial: OnOff(),
    skipMinutes: wholeNumber(1, 7 * 24 * 60, 'minutes'),
    redialRingSeconds: wholeNumber(5, 600, 'seconds'),
  })
  .strict();

export const NotificationSettingsSchema = z
  .object({
    /** No notifications at all (the strip and the badge still show what is due). */
    doNotDisturb: OnOff(),
    /** Quiet hours on the rep's own clock, e.g. 18:00–08:00; both null: none. */
    quietFrom: HourMinute.nullable(),
    quietUntil: HourMinute.nullable(),
  })
  .strict()
  .refine((n) => (n.quietFrom === null) === (n.quietUntil === null), { message: 'must be given with “Quiet from”: both ends of the quiet hours, or neither', path: ['quietUntil'] })
  // The same time at both ends is no quiet hours at all, or all day: say which rather than guess.
  .refine((n) => n.quietFrom === null || n.quietFrom !== n.quietUntil, { message: 'must not be the same time as “Quiet from”: leave both empty for no quiet hours, or turn on “Do not disturb” to be quiet all day', path: ['quietUntil'] });
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** A reason a rep picks from a short list: some words, at most 80 characters. */
const Reason = z.string({ error: 'must be some words, at most 80 characters' }).trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const NotInterestedReasonsSchema = listOf(Reason, 1, 30, 'reasons').transform((reasons) => [...new Set(reasons)]);

/** "Your phone": the preset, the PBX host for sip:, the template for custom. A custom template
 *  is checked against the allowlist here, so no invalid one is ever stored. */
export const PhoneSettingSchema = z
  .object({
    preset: z.enum(PHONE_PRESETS, { error: 'must be one of the presets listed' }),
    sipHost: z.string().trim().max(260, 'must be at most 260 characters'),
    template: z.string().trim().max(500, 'must be at most 500 characters'),
  })
  .strict()
  .superRefine((phone, context) => {
    for (const [field, message] of phoneSettingProblems(phone)) context.addIssue({ code: 'custom', path: [field], message });
  });

/** The session strip's daily goals (#15): what a good day is, in what counts. */
const GoalCount = wholeNumber(0, 1000, '', ' (0: no goal)');
export const DailyGoalsSchema = z.object({ conversations: GoalCount, advances: GoalCount, conversions: GoalCount }).strict();
export const DEFAULT_DAILY_GOALS = { conversations: 20, advances: 5, conversions: 1 };

/** The window beside the softphone: always on top, the narrow strip, started at login. */
export const DeskSettingsSchema = z.object({ alwaysOnTop: OnOff(), compact: OnOff(), startAtLogin: OnOff() }).strict();
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

/** Team mode: claim `batch` more leads from the team's pool when fewer than `threshold` claimed
 *  leads are left to call (checked after each sync). */
export const TeamAutoClaimSchema = z
  .object({
    enabled: OnOff(),
    threshold: wholeNumber(0, 1000, 'leads'),
    batch: wholeNumber(1, 1000, 'leads'),
  })
  .strict();
export const DEFAULT_TEAM_AUTO_CLAIM = { enabled: true, threshold: 10, batch: 50 };

/** Power dialling: after a disposition the next lead is dialled by itself after a visible countdown. */
export const PowerDialSettingsSchema = z.object({ enabled: OnOff(), countdownSeconds: wholeNumber(1, 30, 'seconds') }).strict();

const Rectangle = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(1), height: z.number().int().min(1) }).strict();
/** Where the window was when it last moved or closed: its normal (unmaximised) bounds, whether it
 *  was maximised, and the display it was on (its id and work area then). */
export const WindowStateSchema = z
  .object({ bounds: Rectangle, maximized: z.boolean(), display: z.object({ id: z.number().int(), workArea: Rectangle }).strict().nullable() })
  .strict()
  .nullable();
export type WindowState = z.infer<typeof WindowStateSchema>;

/** The desk's choice on one calling rule: a verified rule switched off (only with a reason, kept
 *  with when it was given), or an unverified one switched on. Rules not listed keep their default. */
export const LawChoiceSchema = z
  .object({
    rule: z.string().refine((id) => RULES_BY_ID.has(id), { error: (issue) => `"${String(issue.input)}" is not a calling rule Dialdeck knows` }),
    on: z.boolean(),
    reason: z.string().trim().max(500, 'at most 500 characters'),
    changedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((choice) => choice.on || !RULES_BY_ID.get(choice.rule)?.verified || choice.reason !== '', {
    message: 'Turning off a calling rule needs a reason: it is recorded and shown on every call it allows',
    path: ['reason'],
  });
export type LawChoice = z.infer<typeof LawChoiceSchema>;

/** The rules on, from the defaults and the desk's choices. */
export function lawFromChoices(choices: readonly LawChoice[]): Law {
  const enabled = new Set(DEFAULT_LAW.enabled);
  for (const choice of choices) {
    if (choice.on) enabled.add(choice.rule);
    else enabled.delete(choice.rule);
  }
  return { enabled };
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

interface SettingDef<S extends z.ZodType> {
  schema: S;
  default: z.output<S>;
  /** A stored object that no longer fits keeps its valid fields; the rest take their defaults. */
  fieldByField?: boolean;
  /** A stored list that no longer fits keeps its valid items (each stands alone: a reason, a
   *  rule's switch), not one whose order means something (a cadence's steps). */
  itemByItem?: boolean;
  /** Fields a rule across fields ties together: when the rule fails they fall back together. */
  together?: readonly (readonly string[])[];
  /** Written only through its own action (never by settings.update). */
  internal?: boolean;
}

function setting<S extends z.ZodType>(schema: S, fallback: z.output<S>, options: Omit<SettingDef<S>, 'schema' | 'default'> = {}): SettingDef<S> {
  return { schema, default: fallback, ...options };
}

export const SETTINGS = {
  /** Numbers typed or imported without +country are read in this country. */
  defaultCountry: setting(CountryCodeSchema, 'US'),
  /** Leads whose zone nothing else tells get this one. */
  defaultTimeZone: setting(TimeZoneSchema, 'America/New_York'),
  /** {{me.name}} and {{me.phone}} in scripts. */
  repName: setting(z.string().trim().max(100, 'must be at most 100 characters'), ''),
  repPhone: setting(z.string().trim().max(64, 'must be at most 64 characters'), ''),
  queue: setting(QueueSettingsSchema, DEFAULT_QUEUE_SETTINGS as z.output<typeof QueueSettingsSchema>, { fieldByField: true }),
  /** The reasons a rep picks from for "not interested". */
  notInterestedReasons: setting(NotInterestedReasonsSchema, DEFAULT_NOT_INTERESTED_REASONS, { itemByItem: true }),
  notifications: setting(NotificationSettingsSchema, { doNotDisturb: false, quietFrom: null, quietUntil: null }, { fieldByField: true, together: [['quietFrom', 'quietUntil']] }),
  /** "Your phone": how a number becomes a link for the desk's softphone. */
  phone: setting(PhoneSettingSchema, DEFAULT_PHONE, { fieldByField: true, together: [['preset', 'sipHost', 'template']] }),
  /** How many backups are kept in backups/ beside the database (the newest). */
  backupsKept: setting(wholeNumber(1, 365, 'backups'), 14),
  /** The window beside the softphone. */
  desk: setting(DeskSettingsSchema, { alwaysOnTop: false, compact: false, startAtLogin: false }, { fieldByField: true }),
  /** Where the window was (restored at the next start). */
  windowState: setting(WindowStateSchema, null, { internal: true }),
  /** The desk's choices on the calling rules (shared/domain/law/rules.ts); one per rule. */
  law: setting(
    z.array(LawChoiceSchema).max(200).refine((choices) => new Set(choices.map((c) => c.rule)).size === choices.length, { message: 'One choice per rule' }),
    [] as LawChoice[],
    // Only through law.set: a verified rule goes off with a reason, and each change is logged.
    { internal: true, itemByItem: true },
  ),
  /** The look: follow the operating system, or always light or dark. */
  theme: setting(z.enum(THEMES, { error: 'must be as the computer is set, light or dark' }), 'system'),
  /** The session strip's goals for a day (#15). */
  dailyGoals: setting(DailyGoalsSchema, DEFAULT_DAILY_GOALS, { fieldByField: true }),
  /** Power-dial mode (off by default): the next lead dialled after a countdown. */
  powerDial: setting(PowerDialSettingsSchema, { enabled: false, countdownSeconds: 3 }, { fieldByField: true }),
  /** "Try the mobile next" (off by default): after a no answer on a lead's main number, the next
   *  dial offered is that lead's mobile (inside its calling hours only). */
  tryMobileNext: setting(OnOff(), false),
  /** A do-not-call can be undone only this long after it was logged (and only when confirmed). */
  undoDoNotCallMinutes: setting(wholeNumber(0, 24 * 60, 'minutes', ' (1440: a day)'), 10),
  /** False until the rep has confirmed the first-run questions. */
  confirmed: setting(z.boolean(), false, { internal: true }),
  /** The follow-through cadence as data (call, email, wait N business days, call): phone–mail–phone. */
  cadence: setting(CadenceSchema, PHONE_MAIL_PHONE),
  /** Team mode: when the claimed leads run low, claim more (threshold and batch size). */
  teamAutoClaim: setting(TeamAutoClaimSchema, DEFAULT_TEAM_AUTO_CLAIM, { fieldByField: true }),
  /** The short list a stalled lead is closed with, picked by number (so at most nine). */
  stalledReasons: setting(
    listOf(Reason, 1, 9, 'reasons', ' (each is picked by its number)').transform((reasons) => [...new Set(reasons)]),
    [...DEFAULT_STALLED_REASONS],
    { itemByItem: true },
  ),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
const DEFINITIONS: ReadonlyMap<SettingKey, SettingDef<z.ZodType>> = new Map(Object.entries(SETTINGS) as [SettingKey, SettingDef<z.ZodType>][]);

/** The keys settings.update may change (internal ones have their own actions). */
export type EditableSettingKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends { internal: true } ? never : K }[SettingKey];

// The queue rules' type is the domain's; the schema must describe exactly it.
const _queueSchemaMatches: z.output<typeof QueueSettingsSchema> extends QueueSettings ? true : never = true;
void _queueSchemaMatches;

/** A stored value read back: valid as it is, else as much of it as is still valid. For objects
 *  marked fieldByField, and for lists, that goes all the way down: a field of a field that is
 *  valid is kept, an invalid one takes its default (a bad Sunday window leaves the other days and
 *  the country hours as the rep set them), and an invalid item of a list is left out (one reason
 *  over 80 characters leaves the others; for a setting that is a list, only when marked
 *  itemByItem), unless the list would then be too short. Never throws: a hand-edited or older
 *  file must not stop the app. */
export function readSettingValue<K extends SettingKey>(key: K, stored: unknown): { value: SettingValues[K]; repaired: boolean } {
  const def = DEFINITIONS.get(key) as SettingDef<z.ZodType<SettingValues[K]>>;
  if (stored === undefined) return { value: def.default, repaired: false };
  const whole = def.schema.safeParse(stored);
  if (whole.success) return { value: whole.data, repaired: false };
  const kept = def.fieldByField || (def.itemByItem && Array.isArray(stored)) ? salvage(def.schema, stored, def.default, def.together ?? []) : undefined;
  return kept === undefined ? { value: def.default, repaired: true } : { value: kept as SettingValues[K], repaired: true };
}

/** What of `stored` the schema still takes, with `fallback` (the default) where it does not;
 *  undefined when nothing can be kept. */
function salvage(schema: z.ZodType, stored: unknown, fallback: unknown, together: readonly (readonly string[])[] = []): unknown {
  const whole = schema.safeParse(stored);
  if (whole.success) return whole.data;
  const fields = fieldSchemas(schema);
  if (fields && isPlainObject(stored) && (fallback === undefined || isPlainObject(fallback))) {
    const defaults = new Map<string, unknown>(Object.entries(fallback ?? {}));
    const given = new Map<string, unknown>(Object.entries(stored));
    const merged = new Map(defaults);
    for (const [field, fieldSchema] of fields) {
      if (!given.has(field)) continue;
      const value = salvage(fieldSchema, given.get(field), defaults.get(field));
      if (value !== undefined) merged.set(field, value);
    }
    const again = schema.safeParse(Object.fromEntries(merged));
    if (again.success) return again.data;
    // A rule across fields (quiet hours: both ends or neither) failed: the fields it ties
    // together take their defaults together, the others stay.
    for (const group of together) for (const field of group) merged.set(field, defaults.get(field));
    const third = schema.safeParse(Object.fromEntries(merged));
    return third.success ? third.data : undefined;
  }
  // A map by key (a country's own hours): the entries whose key and value still fit stay.
  if (schema instanceof z.ZodRecord && isPlainObject(stored)) {
    const kept = Object.entries(stored).filter(([key, value]) => (schema.keyType as z.ZodType).safeParse(key).success && (schema.valueType as z.ZodType).safeParse(value).success);
    const again = schema.safeParse(Object.fromEntries(kept));
    if (again.success) return again.data;
  }
  const item = itemSchema(schema);
  if (item && Array.isArray(stored)) {
    const items = stored.filter((entry) => item.safeParse(entry).success);
    const again = schema.safeParse(items);
    if (again.success) return again.data;
  }
  if (fallback === undefined) return undefined;
  const byDefault = schema.safeParse(fallback);
  return byDefault.success ? byDefault.data : undefined;
}

/** The schema of a list's items (through a transform), or null. */
function itemSchema(schema: z.ZodType): z.ZodType | null {
  let inner: z.ZodType = schema;
  if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : null;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The per-field schemas of an object schema (through refinements), or null. */
function fieldSchemas(schema: z.ZodType): Map<string, z.ZodType> | null {
  const inner = schema instanceof z.ZodPipe ? (schema.in as z.ZodType) : schema;
  const shape = (inner as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ? new Map(Object.entries(shape)) : null;
}
