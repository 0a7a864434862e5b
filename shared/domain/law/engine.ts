// Which calling rules apply to a lead, what each allows on a local date, when their rolling caps
// let the next call through, and — for the rep — which rule is closing a lead now, by name.
// Pure functions of their inputs; the instant is always passed in.
import { DateTime } from 'luxon';
import type { LineType } from '../leads/vocabulary';
import type { IsoWeekday, LocalWindow } from '../localWindows';
import { goodFridayAndElectionDay, HOLIDAY_YEARS, publicHoliday } from './holidays';
import { CALLING_RULES, type CallingRule } from './rules';
import { wallRange } from '../timeFormat';

/** Which rules are on: the verified ones unless the desk switched one off (with a recorded
 *  reason), and any unverified one the desk switched on. */
export interface Law {
  enabled: ReadonlySet<string>;
}

export const DEFAULT_LAW: Law = { enabled: new Set(CALLING_RULES.filter((rule) => rule.verified).map((rule) => rule.id)) };

export interface LawfulLead {
  /** Its country and every state it may be in: "US", "US-FL". */
  jurisdictions?: readonly string[];
  lineType: LineType;
}

/** The rules that apply to a lead by place and line type; switched-off ones left out unless
 *  `withOff` (to say what a call would have broken). */
export function rulesFor(lead: LawfulLead, law: Law = DEFAULT_LAW, withOff = false): CallingRule[] {
  const places = lead.jurisdictions ?? [];
  if (places.length === 0) return [];
  return CALLING_RULES.filter((rule) => places.includes(rule.place) && (rule.lines === 'all' || lead.lineType === 'residential') && (withOff || law.enabled.has(rule.id)));
}

/** What a rule allows on one local date: a window, nothing (with why), or no limit at all (not
 *  in effect yet). */
export type RuleDay = { kind: 'window'; window: LocalWindow } | { kind: 'closed'; why: string } | { kind: 'free' };

const WEEKDAY_NAMES = ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

/** The holiday that closes a rule on a local date, if any. */
export function ruleHoliday(rule: CallingRule, localDate: string): string | null {
  if (rule.holidays === 'none') return null;
  const place = rule.holidays === 'national' ? rule.place.slice(0, 2) : rule.place;
  const holiday = publicHoliday(place, localDate);
  if (holiday) return holiday;
  if (rule.extraHolidays === 'good-friday-and-election-day') return goodFridayAndElectionDay(Number(localDate.slice(0, 4))).get(localDate) ?? null;
  return null;
}

export function ruleOnDate(rule: CallingRule, localDate: string, weekday: IsoWeekday): RuleDay {
  if (rule.effective !== null && localDate < rule.effective) return { kind: 'free' };
  const holiday = ruleHoliday(rule, localDate);
  if (holiday) return { kind: 'closed', why: `${rule.holidays === 'national' ? 'national public holiday' : 'public holiday'} (${holiday})` };
  const window = rule.days[weekday];
  return window ? { kind: 'window', window } : { kind: 'closed', why: `no calls on ${WEEKDAY_NAMES[weekday]}` };
}

/** Whether a local date is beyond the shipped holiday calendar for a rule that needs it. */
export function holidaysUnknown(rule: CallingRule, localDate: string): boolean {
  const year = Number(localDate.slice(0, 4));
  return rule.holidays !== 'none' && (year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last);
}

/** The overlap of two local windows (null when they do not overlap). */
export function overlap(a: LocalWindow, b: LocalWindow): LocalWindow | null {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start < end ? { start, end } : null;
}

/** The desk's window for a day narrowed by every rule: what may be called that local date. */
export function lawfulWindow(desk: LocalWindow | null, rules: readonly CallingRule[], localDate: string, weekday: IsoWeekday): LocalWindow | null {
  let window = desk;
  for (const rule of rules) {
    if (window === null) return null;
    const day = ruleOnDate(rule, localDate, weekday);
    if (day.kind === 'closed') return null;
    if (day.kind === 'window') window = overlap(window, day.window);
  }
  return window;
}

/** A rolling cap that blocks a call at `at`: the rule, how many calls it counted, and the first
 *  instant the next call is allowed. `calls` are the instants of the calls made to the lead. */
export function capBlock(rules: readonly CallingRule[], calls: readonly number[], at: number): { rule: CallingRule; count: number; until: number } | null {
  let block: { rule: CallingRule; count: number; until: number } | null = null;
  for (const rule of rules) {
    if (!rule.cap) continue;
    const span = rule.cap.hours * 3_600_000;
    const recent = calls.filter((t) => t > at - span && t <= at).sort((a, b) => a - b);
    if (recent.length < rule.cap.calls) continue;
    // The next call is allowed once enough of these have left the rolling window.
    const until = recent[recent.length - rule.cap.calls]! + span;
    if (!block || until > block.until) block = { rule, count: recent.length, until };
  }
  return block;
}

/** Why a lead may not be called at `at` in one of its zones, naming the rule: a rule's holiday
 *  or day first, then its hours, then the desk's own hours; null when nothing blocks. */
export function closedBy(
  lead: LawfulLead,
  zone: string,
  at: number,
  desk: LocalWindow | null,
  law: Law = DEFAULT_LAW,
): { rule: CallingRule | null; text: string } | null {
  const local = DateTime.fromMillis(at, { zone });
  const date = local.toISODate()!;
  const weekday = local.weekday as IsoWeekday;
  const time = local.toFormat('HH:mm');
  const rules = rulesFor(lead, law);
  for (const rule of rules) {
    const day = ruleOnDate(rule, date, weekday);
    if (day.kind === 'closed') return { rule, text: `${rule.name}: ${day.why}` };
  }
  for (const rule of rules) {
    const day = ruleOnDate(rule, date, weekday);
    if (day.kind === 'window' && (time < day.window.start || time >= day.window.end)) return { rule, text: `${rule.name}: calls ${wallRange(day.window.start, day.window.end)} their time` };
  }
  if (desk === null) return { rule: null, text: `your calling hours: no calls on ${WEEKDAY_NAMES[weekday]} for ${lead.lineType} lines` };
  if (time < desk.start || time >= desk.end) return { rule: null, text: `your calling hours for ${lead.lineType} lines: ${wallRange(desk.start, desk.end)} their time` };
  return null;
}

/** A rule a call at an instant would break, and how. */
export interface BrokenRule {
  rule: CallingRule;
  /** "calls 8:00 AM–8:00 PM their time", "no calls on Sundays", "3 calls in the last 24 hours". */
  why: string;
}

/** Every rule that applies to the lead by place and line (switched on or off) that a call at `at`
 *  breaks in any of its zones: its day or holiday, its hours, or its rolling cap over `calls`
 *  (the instants of the calls already made to the lead). The call screen records the switched-off
 *  ones on the call ("shown on every call it allowed"); the override prompt names the others. */
export function rulesBrokenAt(lead: LawfulLead & { timeZones: readonly string[] }, at: number, calls: readonly number[]): BrokenRule[] {
  const broken: BrokenRule[] = [];
  for (const rule of rulesFor(lead, DEFAULT_LAW, true)) {
    let why: string | null = null;
    for (const zone of lead.timeZones) {
      const local = DateTime.fromMillis(at, { zone });
      const day = ruleOnDate(rule, local.toISODate()!, local.weekday as IsoWeekday);
      const time = local.toFormat('HH:mm');
      if (day.kind === 'closed') why = day.why;
      else if (day.kind === 'window' && (time < day.window.start || time >= day.window.end)) why = `calls ${wallRange(day.window.start, day.window.end)} their time`;
      if (why) break;
    }
    if (!why) {
      const block = capBlock([rule], calls, at);
      if (block) why = `${block.count} calls in the last ${rule.cap!.hours} hours`;
    }
    if (why) broken.push({ rule, why });
  }
  return broken;
}

/** How far back a lead's calls matter to any rolling cap, in ms (at least two days: the desk's
 *  own daily cap looks at yesterday too). */
export const CAP_LOOKBACK_MS = Math.max(2 * 24, ...CALLING_RULES.map((rule) => rule.cap?.hours ?? 0)) * 3_600_000;

const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One line for a rule: "Mon–Fri 9:00 AM–9:30 PM, Sat–Sun 10:00 AM–6:00 PM · no national public holidays
 *  · at most 3 calls in 24 h". Runs of weekdays with the same hours are joined. */
export function ruleSummary(rule: CallingRule): string {
  const runs: { from: number; to: number; text: string }[] = [];
  for (let day = 1; day <= 7; day++) {
    const window = rule.days[day as IsoWeekday];
    const text = window ? wallRange(window.start, window.end) : 'no calls';
    const last = runs.at(-1);
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  const days = (run: { from: number; to: number }) => (run.from === run.to ? SHORT_DAYS[run.from - 1] : `${SHORT_DAYS[run.from - 1]}–${SHORT_DAYS[run.to - 1]}`);
  const parts = [runs.length === 1 ? `${runs[0]!.text} every day` : runs.map((run) => `${days(run)} ${run.text}`).join(', ')];
  if (rule.holidays !== 'none') parts.push(rule.holidays === 'national' ? 'no national public holidays' : 'no public holidays');
  if (rule.extraHolidays === 'good-friday-and-election-day') parts.push('nor Good Friday or Election Day');
  if (rule.cap) parts.push(`at most ${rule.cap.calls} calls in ${rule.cap.hours} h`);
  if (rule.lines === 'residential') parts.push('residential lines');
  return parts.join(' · ');
}
