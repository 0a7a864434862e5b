// When a lead may be called, in the lead's own zone(s), and the best times to leave a voicemail.
// Pure functions of (lead, instant, settings): the queue and the call screen ask these.
import { DateTime } from 'luxon';
import { closedBy, DEFAULT_LAW, lawfulWindow, rulesFor, type Law } from './law/engine';
import type { CallingRule } from './law/rules';
import { intersectIntervals, localWindowsBetween, type Interval, type IsoWeekday, type LocalWindow } from './localWindows';

import type { LineType } from './leads/vocabulary';
import { timeToken } from './timeText';
export type { LineType } from './leads/vocabulary';

/** Calling hours for each ISO weekday (1 = Monday … 7 = Sunday); null means no calls that day. */
export type WeeklyHours = Record<IsoWeekday, LocalWindow | null>;

export interface CallingHoursSettings {
  residential: WeeklyHours;
  business: WeeklyHours;
  /** Per ISO country (the lead's country), overriding the defaults above. */
  byCountry: Record<string, Partial<Record<LineType, WeeklyHours>>>;
}

export interface VoicemailSettings {
  /** The windows on an ordinary weekday, in the prospect's local time. */
  windows: LocalWindow[];
  /** Whether Monday mornings (windows ending by noon) are left out. */
  skipMondayMorning: boolean;
  /** Whether Friday afternoons (windows starting from noon) are left out. */
  skipFridayAfternoon: boolean;
  /** Whether Saturday and Sunday are left out. */
  weekdaysOnly: boolean;
}

const everyDay = (window: LocalWindow): WeeklyHours => ({ 1: window, 2: window, 3: window, 4: window, 5: window, 6: window, 7: window });
const weekdays = (window: LocalWindow): WeeklyHours => ({ 1: window, 2: window, 3: window, 4: window, 5: window, 6: null, 7: null });

/** A day's calling hours when the rep ticks a day on: the defaults below, by line type. */
export const DEFAULT_DAY_HOURS: Readonly<Record<LineType, LocalWindow>> = {
  // The US rule (TCPA) for residential lines: 8 a.m. to 9 p.m. the called party's local time.
  residential: { start: '08:00', end: '21:00' },
  business: { start: '06:30', end: '20:00' },
};

export const DEFAULT_CALLING_HOURS: CallingHoursSettings = {
  residential: everyDay(DEFAULT_DAY_HOURS.residential),
  // Businesses are closed at weekends: the desk opens Saturday or Sunday if it calls them then.
  business: weekdays(DEFAULT_DAY_HOURS.business),
  byCountry: {},
};

export const DEFAULT_VOICEMAIL: VoicemailSettings = {
  windows: [
    { start: '06:45', end: '08:00' },
    { start: '16:30', end: '18:30' },
  ],
  skipMondayMorning: true,
  skipFridayAfternoon: true,
  weekdaysOnly: true,
};

export interface CallableLead {
  timeZones: readonly string[];
  lineType: LineType;
  country?: string;
  /** Its country and every state it may be in ("US", "US-FL"): whose calling rules apply. */
  jurisdictions?: readonly string[];
}

export interface CallingHoursAnswer {
  allowed: boolean;
  /** When not allowed: the calling rule that closes it now (null: the desk's own hours). */
  closedBy?: CallingRule | null;
  /** Now when allowed; else when calling next opens (null: not within the search horizon). */
  nextOpen: Date | null;
  /** When the current allowed stretch ends (null when not allowed). */
  closesAt: Date | null;
  /** For the rep: "inside calling hours until ⟦…⟧", "outside calling hours until ⟦…⟧", the
   *  times as tokens drawn where the text is read (timeText.ts). */
  reason: string;
}

const DAY = 24 * 60 * 60 * 1000;
const HORIZON_DAYS = 8;

function weeklyFor(lead: CallableLead, settings: CallingHoursSettings): WeeklyHours {
  // Own entries only: a lead's country is a cell from a file, and may say "constructor".
  const byCountry = lead.country && Object.hasOwn(settings.byCountry, lead.country) ? settings.byCountry[lead.country]?.[lead.lineType] : undefined;
  return byCountry ?? settings[lead.lineType];
}

/** The instants in [from, to) when every one of the lead's zones allows a call: the desk's hours
 *  for its line type, narrowed by every calling rule that applies to it (its country's and its
 *  states': hours, days, holidays). */
export function callableIntervals(lead: CallableLead, from: number, to: number, settings: CallingHoursSettings = DEFAULT_CALLING_HOURS, law: Law = DEFAULT_LAW): Interval[] {
  if (lead.timeZones.length === 0) throw new Error('a lead needs at least one time zone');
  const weekly = weeklyFor(lead, settings);
  const rules = rulesFor(lead, law);
  const perZone = lead.timeZones.map((zone) =>
    localWindowsBetween(zone, from, to, (weekday, localDate) => {
      const window = lawfulWindow(weekly[weekday], rules, localDate, weekday);
      return window ? [window] : [];
    }),
  );
  return intersectIntervals(perZone);
}


/** An instant in a calling-hours reason: drawn with the lead's first zone (timeText.ts), and
 *  " in all their zones" after it when the lead has several candidate zones. */
function onTheirClocks(lead: CallableLead, at: number): string {
  return `${timeToken(at, lead.timeZones[0]!)}${lead.timeZones.length > 1 ? ' in all their zones' : ''}`;
}

/** "inside calling hours until ⟦…⟧" for a lead callable until `end`: the same words whether the
 *  rules worked it out (callingHours) or the queue read it from its cached timeline. */
export function insideHoursReason(lead: CallableLead, end: number): string {
  return `inside calling hours until ${onTheirClocks(lead, end)}`;
}

/** Whether the lead may be called at `at`, and when calling next opens or closes. A lead with
 *  several candidate zones is callable only where all of them allow it. */
export function callingHours(lead: CallableLead, at: Date, settings: CallingHoursSettings = DEFAULT_CALLING_HOURS, law: Law = DEFAULT_LAW): CallingHoursAnswer {
  const now = at.getTime();
  const intervals = callableIntervals(lead, now, now + HORIZON_DAYS * DAY, settings, law);
  const current = intervals.find((i) => i.start <= now && now < i.end);
  if (current) {
    return { allowed: true, nextOpen: at, closesAt: new Date(current.end), reason: insideHoursReason(lead, current.end) };
  }
  const next = intervals.find((i) => i.start > now);
  // Name what closes it: a calling rule (with its citation) or the desk's own hours.
  const weekly = weeklyFor(lead, settings);
  let closed: { rule: CallingRule | null; text: string } | null = null;
  for (const z of lead.timeZones) {
    const weekday = DateTime.fromMillis(now, { zone: z }).weekday as IsoWeekday;
    closed = closedBy(lead, z, now, weekly[weekday], law);
    if (closed) break;
  }
  // A calling rule, by name, with when it opens and its citation; the desk's own hours plainly.
  const reason =
    closed?.rule && next
      ? `${closed.text}, opens at ${onTheirClocks(lead, next.start)} (${closed.rule.citation})`
      : closed?.rule
        ? `${closed.text}: no calling hours in the next week (${closed.rule.citation})`
        : next
          ? `outside calling hours until ${onTheirClocks(lead, next.start)}`
          : 'no calling hours in the next week';
  return { allowed: false, closedBy: closed?.rule ?? null, nextOpen: next ? new Date(next.start) : null, closesAt: null, reason };
}

/** The instants in [from, to) when a voicemail is best left in the zone: by default 06:45–08:00
 *  and 16:30–18:30 local on weekdays, but not Monday morning and not Friday afternoon. */
export function voicemailWindows(zone: string, from: Date, to: Date, settings: VoicemailSettings = DEFAULT_VOICEMAIL): Interval[] {
  return localWindowsBetween(zone, from.getTime(), to.getTime(), (weekday) => {
    if (settings.weekdaysOnly && weekday >= 6) return [];
    return settings.windows.filter((window) => {
      const morning = window.end <= '12:00';
      const afternoon = window.start >= '12:00';
      if (weekday === 1 && morning && settings.skipMondayMorning) return false;
      if (weekday === 5 && afternoon && settings.skipFridayAfternoon) return false;
      return true;
    });
  });
}

/** A lead's voicemail windows in [from, to): where every one of its candidate zones has one open
 *  (a lead that may be in Chicago or Denver gets the stretch both allow). The one home of that
 *  rule: the queue, the call screen's badge, the timers and the command line all use it. */
export function leadVoicemailWindows(zones: readonly string[], from: number, to: number, settings: VoicemailSettings = DEFAULT_VOICEMAIL): Interval[] {
  if (zones.length === 0) return [];
  return intersectIntervals(zones.map((zone) => voicemailWindows(zone, new Date(from), new Date(to), settings)));
}
