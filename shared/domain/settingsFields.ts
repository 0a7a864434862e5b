// The settings as the rep sees them: the label each settings form shows for each field, and a
// refusal from the core (which names a field by its path, such as queue.maxAttemptsPerDay or
// queue.callingHours.business.3.end) said in the rep's words: that label and a plain sentence,
// to show beside the field. No zod here (the renderer imports it; shared/domain/settings.ts, which
// builds the schemas, is not imported as a value there): the sentences come from the schemas'
// own messages, written to follow a label ("must be a whole number of minutes from 1 to 10080").

import type { QueueSettings } from './queueRules';

/** The queue rules that are one number each. */
export type QueueNumberKey = { [K in keyof QueueSettings]-?: QueueSettings[K] extends number ? K : never }[keyof QueueSettings];

/** A number field of the queue rules: its label and the unit written after the box. */
export interface NumberField {
  key: QueueNumberKey;
  label: string;
  unit: string;
}

/** The queue rules' number fields, in the order the form shows them. */
export const QUEUE_NUMBER_FIELDS: readonly NumberField[] = [
  { key: 'noAnswerRetryMinutes', label: 'No answer: call again after', unit: 'min' },
  { key: 'maxAttemptsPerDay', label: 'At most, per lead per day', unit: 'attempts' },
  { key: 'minimumGapMinutes', label: 'Never two attempts closer than', unit: 'min' },
  { key: 'voicemailRestBusinessDays', label: 'After a voicemail, no new voicemail for', unit: 'business days' },
  { key: 'conversationFollowUpBusinessDays', label: 'Conversation without a next step: follow up after', unit: 'business days' },
  { key: 'inboundLastAttemptBeforeCloseMinutes', label: 'Inbound enquiry: last attempt this long before their calling hours end', unit: 'min' },
  { key: 'redialIntervalSeconds', label: 'Engaged: redial every', unit: 's' },
  { key: 'redialLimitMinutes', label: 'Stop the redial loop after', unit: 'min' },
  { key: 'skipMinutes', label: 'Skip hides a lead for', unit: 'min' },
  { key: 'redialRingSeconds', label: 'Redial unconfirmed: ask "connected or engaged?" after', unit: 's' },
];

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type HoursLine = 'residential' | 'business';

/** The calling-hours table's boxes: "Monday from (business)"; a country's own hours say it
 *  ("Monday from (business, GB)"). */
export function hoursLabel(day: number, part: 'allowed' | 'start' | 'end', line: HoursLine, country = ''): string {
  const where = country ? `${line}, ${country}` : line;
  const name = (day >= 1 ? WEEKDAY_NAMES.at(day - 1) : undefined) ?? `Day ${day}`;
  return part === 'allowed' ? `${name}: calls allowed (${where})` : `${name} ${part === 'start' ? 'from' : 'until'} (${where})`;
}

/** A voicemail window's boxes: "Voicemail window 2 until". */
export function voicemailWindowLabel(index: number, part: 'start' | 'end'): string {
  return `Voicemail window ${index + 1} ${part === 'start' ? 'from' : 'until'}`;
}

/** Every field with a fixed path, by path: what its form calls it. */
export const SETTINGS_FIELD_LABELS: ReadonlyMap<string, string> = new Map([
  // You and your leads (SettingsForm)
  ['defaultCountry', 'Default country for phone numbers'],
  ['defaultTimeZone', 'Default time zone for leads'],
  ['repName', 'Your name, as scripts say it ({{me.name}})'],
  ['repPhone', 'Your callback number ({{me.phone}}: read out digit by digit)'],
  // Your phone (PhoneForm)
  ['phone.preset', 'Preset'],
  ['phone.sipHost', 'Your PBX host (sip:…@host)'],
  ['phone.template', 'Link template ({e164} is the number, {ext} an extension)'],
  // The window (DeskForm)
  ['desk.alwaysOnTop', 'Always on top'],
  ['desk.compact', 'Compact'],
  ['desk.startAtLogin', 'Start at login'],
  // Appearance
  ['theme', 'Theme'],
  // Notifications
  ['notifications.doNotDisturb', 'Do not disturb'],
  ['notifications.quietFrom', 'Quiet from'],
  ['notifications.quietUntil', 'Quiet until'],
  // Backups
  ['backupsKept', 'Backups kept'],
  // Daily goals
  ['dailyGoals.conversations', 'Conversations a day'],
  ['dailyGoals.advances', 'Advances a day'],
  ['dailyGoals.conversions', 'Conversions a day'],
  // Power dial
  ['powerDial.enabled', 'Power dial'],
  ['powerDial.countdownSeconds', 'Countdown'],
  ['tryMobileNext', 'Try the mobile next'],
  // Queue rules
  ...QUEUE_NUMBER_FIELDS.map((f): [string, string] => [`queue.${f.key}`, f.label]),
  ['queue.callingHours.byCountry', 'Hours for'],
  ['queue.inboundOffsetsMinutes', 'Inbound enquiry, first day: attempts at (minutes after it came in)'],
  ['queue.autoRedial', 'Redial by itself while the loop runs'],
  ['queue.voicemail.windows', 'Best times to leave a voicemail'],
  ['queue.voicemail.skipMondayMorning', 'Not on Monday mornings'],
  ['queue.voicemail.skipFridayAfternoon', 'Not on Friday afternoons'],
  ['queue.voicemail.weekdaysOnly', 'Weekdays only'],
  ['notInterestedReasons', 'Not-interested reasons to pick from (one per line)'],
  ['stalledReasons', 'Stalled-lead reasons to pick from (one per line)'],
  ['undoDoNotCallMinutes', 'A do-not-call can be undone for'],
  // Team (the team screen's "Claim more by itself")
  ['teamAutoClaim.enabled', 'Claim more by itself'],
  ['teamAutoClaim.threshold', 'When fewer than this are left to call'],
  ['teamAutoClaim.batch', 'Claim this many'],
]);

/** What a whole setting is called where no one field is meant (a rule across its fields). */
const SETTING_TITLES: ReadonlyMap<string, string> = new Map([
  ['queue', 'Queue rules'],
  ['phone', 'Your phone'],
  ['notifications', 'Quiet hours'],
  ['desk', 'The window'],
  ['dailyGoals', 'Daily goals'],
  ['powerDial', 'Power dial'],
  ['teamAutoClaim', 'Claim more by itself'],
]);

/** What the form calls the field with this path (the path itself for one with no label). */
export function settingLabel(path: string): string {
  return SETTINGS_FIELD_LABELS.get(path) ?? path;
}

/** The form field a refusal's path belongs to: its name (the input's `name`) and label, and which
 *  item of a list it is about ("reason 3"), or null for a path no field has. */
export function settingsField(path: string): { field: string; label: string; item: string | null } | null {
  const fixed = SETTINGS_FIELD_LABELS.get(path);
  if (fixed !== undefined) return { field: path, label: fixed, item: null };
  const hours = /^queue\.callingHours\.(?:byCountry\.([A-Z]{2})\.)?(residential|business)\.([1-7])(?:\.(start|end))?$/.exec(path);
  if (hours) return { field: path, label: hoursLabel(Number(hours[3]), (hours[4] as 'start' | 'end' | undefined) ?? 'allowed', hours[2] as HoursLine, hours[1] ?? ''), item: null };
  const window = /^queue\.voicemail\.windows\.(\d+)\.(start|end)$/.exec(path);
  if (window) return { field: path, label: voicemailWindowLabel(Number(window[1]), window[2] as 'start' | 'end'), item: null };
  const item = /^(queue\.inboundOffsetsMinutes|notInterestedReasons|stalledReasons)\.(\d+)$/.exec(path);
  if (item) {
    const n = Number(item[2]);
    const noun = item[1] === 'queue.inboundOffsetsMinutes' ? `time ${n + 1}` : `reason ${n + 1}`;
    return { field: item[1]!, label: SETTINGS_FIELD_LABELS.get(item[1]!)!, item: noun };
  }
  const country = /^queue\.callingHours\.byCountry\.[^.]*$/.exec(path);
  if (country) return { field: 'queue.callingHours.byCountry', label: SETTINGS_FIELD_LABELS.get('queue.callingHours.byCountry')!, item: null };
  return null;
}

/** A label inside “…”: its own double quotes become single ones ("a" and “a” become ‘a’). */
export function quoted(label: string): string {
  return `“${label.replace(/"([^"]*)"/g, '‘$1’').replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** A refusal for one path as the rep reads it: `“At most, per lead per day” must be a whole number
 *  of attempts from 1 to 50.` A message written to follow a label (lower case: "must be…") follows
 *  it; a sentence of its own follows a colon. A path no field has is named by its setting. */
export function settingsErrorText(path: string, message: string): { field: string; label: string; text: string } {
  const found = settingsField(path);
  const top = path.split('.')[0] ?? path;
  const label = found?.label ?? SETTING_TITLES.get(top) ?? SETTINGS_FIELD_LABELS.get(top) ?? 'This setting';
  const subject = `${quoted(label)}${found?.item ? `, ${found.item},` : ''}`;
  const said = message.trim().replace(/\.$/, '');
  const text = /^[a-z]/.test(said) ? `${subject} ${said}.` : `${subject}: ${said}.`;
  return { field: found?.field ?? top, label, text };
}

/** A refused settings update (its message and the core's fields by path) in the rep's words: each
 *  field's sentences by the field they belong beside, and a line for the whole form: those
 *  sentences, or past two fields, which fields need fixing (each says why beside it). A refusal
 *  with no fields (not a validation) keeps its message. */
export function settingsRefusal(error: { message: string; fields?: Readonly<Record<string, string>> }): { fields: Map<string, string>; summary: string } {
  const fields = new Map<string, string>();
  const labels: string[] = [];
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const { field, label, text } = settingsErrorText(path, message);
    if (!fields.has(field)) labels.push(quoted(label));
    fields.set(field, fields.has(field) ? `${fields.get(field)} ${text}` : text);
  }
  if (fields.size === 0) return { fields, summary: error.message };
  const summary = fields.size <= 2 ? [...fields.values()].join(' ') : `${fields.size} fields need fixing, each says why beside it: ${labels.join(', ')}.`;
  return { fields, summary };
}

/** A number as typed in a settings box: a plain numeral ("12", "-3", "2.5") is that number; anything
 *  else ("", "1e", "2,5", "ten") is NaN, which the core refuses with the field's own rule, so an
 *  empty box is never saved as 0. */
export function typedNumber(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Numbers typed as a list ("0, 10, 60, 180"): each as typedNumber; commas or spaces between. */
export function typedNumbers(text: string): number[] {
  return text
    .split(/[,;\s]+/)
    .filter((part) => part !== '')
    .map(typedNumber);
}
