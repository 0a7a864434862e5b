// Cadences as data: phone–mail–phone is "call, email, wait N business days, call". Pure rules of
// their inputs and `now`: which email a call calls for, and when the follow-up call is due once
// the email is sent — N business days later (weekends and the lead's public holidays do not
// count), at the first instant the lead may be called that day or after.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { callableIntervals, DEFAULT_CALLING_HOURS, type CallableLead, type CallingHoursSettings } from './callingHours';
import type { Outcome } from './dispositions';
import { DEFAULT_LAW, type Law } from './law/engine';
import { publicHoliday } from './law/holidays';
import { timeToken } from './timeText';

export const EMAIL_SITUATIONS = ['after_voicemail', 'confirm_conversation', 'after_complaint', 'proposal_follow_up'] as const;
export type EmailSituation = (typeof EMAIL_SITUATIONS)[number];

export const EMAIL_SITUATION_LABELS: Record<EmailSituation, string> = {
  after_voicemail: 'After a voicemail',
  confirm_conversation: 'Confirming a conversation',
  after_complaint: 'After a complaint call',
  proposal_follow_up: 'Following up a proposal',
};

export const CadenceStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call') }).strict(),
  z.object({ kind: z.literal('email') }).strict(),
  z.object({ kind: z.literal('wait'), businessDays: z.number().int().min(0, 'at least 0 business days').max(30, 'at most 30 business days') }).strict(),
]);
export type CadenceStep = z.infer<typeof CadenceStepSchema>;

export const CadenceSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the cadence a name').max(80, 'at most 80 characters'),
    steps: z.array(CadenceStepSchema).min(2, 'A cadence needs at least two steps').max(20, 'at most 20 steps'),
  })
  .strict()
  .refine((c) => c.steps[0]?.kind === 'call', { message: 'A cadence starts with a call', path: ['steps'] });
export type Cadence = z.infer<typeof CadenceSchema>;

/** The follow-up wait of the shipped cadence, in business days. */
export const DEFAULT_FOLLOW_UP_BUSINESS_DAYS = 2;

export const PHONE_MAIL_PHONE: Cadence = {
  name: 'Phone–mail–phone',
  steps: [{ kind: 'call' }, { kind: 'email' }, { kind: 'wait', businessDays: DEFAULT_FOLLOW_UP_BUSINESS_DAYS }, { kind: 'call' }],
};

/** Outcomes after which the cadence's email goes out: a voicemail, or a conversation (a callback
 *  request has its own promised minute; a conversion its own paperwork). */
const EMAIL_AFTER: ReadonlySet<Outcome> = new Set<Outcome>(['voicemail_left', 'conversation', 'advance']);

/** The email a call calls for (null: none). A voicemail wants the "sorry we haven't connected"
 *  email only while there has been no conversation; a complaint and a proposal have their own. */
/** Whether an email can follow this outcome at all (else nothing about the lead need be read). */
export function emailMayFollow(outcome: Outcome): boolean {
  return EMAIL_AFTER.has(outcome);
}

export function emailSituationAfter(outcome: Outcome, context: { complaint: boolean; proposal: boolean; hadConversation: boolean }): EmailSituation | null {
  if (!EMAIL_AFTER.has(outcome)) return null;
  if (context.complaint) return 'after_complaint';
  if (outcome === 'voicemail_left') return context.hadConversation ? (context.proposal ? 'proposal_follow_up' : null) : 'after_voicemail';
  if (context.proposal) return 'proposal_follow_up';
  return 'confirm_conversation';
}

/** Whether the cadence sends an email straight after a call (a call step followed by an email). */
export function emailFollowsCall(cadence: Cadence): boolean {
  return cadence.steps.some((step, i) => step.kind === 'call' && cadence.steps[i + 1]?.kind === 'email');
}

/** The wait after the email, in business days (null: the cadence has no call after its email). */
export function waitAfterEmail(cadence: Cadence): number | null {
  const email = cadence.steps.findIndex((s) => s.kind === 'email');
  if (email === -1) return null;
  let days = 0;
  for (const step of cadence.steps.slice(email + 1)) {
    if (step.kind === 'wait') days += step.businessDays;
    else if (step.kind === 'call') return days;
    else return null;
  }
  return null;
}

/** The public holidays that apply to the lead on a local date: its country's and its states'. */
export function leadHoliday(lead: CallableLead, localDate: string): string | null {
  for (const place of lead.jurisdictions ?? (lead.country ? [lead.country] : [])) {
    const holiday = publicHoliday(place, localDate);
    if (holiday !== null) return holiday;
  }
  return null;
}

/** True for a weekday that is no public holiday where the lead is. */
export function isBusinessDay(lead: CallableLead, date: DateTime): boolean {
  return date.weekday <= 5 && leadHoliday(lead, date.toISODate() ?? '') === null;
}

/** The start (local midnight) of the business day `days` business days after `at`'s local day,
 *  in the lead's zone. */
export function businessDaysLater(lead: CallableLead, at: number, days: number): number {
  const zone = lead.timeZones[0] ?? 'UTC';
  let date = DateTime.fromMillis(at, { zone }).startOf('day');
  let left = days;
  // Eight weeks of holidays in a row would be a broken calendar: stop there rather than loop.
  for (let guard = 0; left > 0 && guard < 60; guard++) {
    date = date.plus({ days: 1 });
    if (isBusinessDay(lead, date)) left--;
  }
  return date.toMillis();
}

const DAY = 86_400_000;

/** When the follow-up call is due after the email was sent at `sentAt` (not when it was due: an
 *  email sent late moves the call with it): `days` business days later, at the first instant that
 *  day or after inside the lead's calling hours. */
export function followUpCallAt(lead: CallableLead, sentAt: number, days: number, settings: CallingHoursSettings = DEFAULT_CALLING_HOURS, law: Law = DEFAULT_LAW): number {
  const from = days === 0 ? sentAt : businessDaysLater(lead, sentAt, days);
  const [first] = callableIntervals(lead, from, from + 14 * DAY, settings, law);
  return first ? Math.max(first.start, from) : from;
}

/** "email sent ⟦…⟧ · call due ⟦…⟧", "email due ⟦…⟧" for the lead's screen: the times are tokens
 *  (timeText.ts), drawn with their zones where the line is read; the email's on the rep's clock,
 *  the call's on the lead's. */
export function cadenceStepLine(step: { emailSentAt: number | null; callDueAt: number | null; emailDueAt: number | null }, zone: string, repZone: string): string {
  const parts: string[] = [];
  if (step.emailDueAt !== null) parts.push(`email due ${timeToken(step.emailDueAt, repZone)}`);
  if (step.emailSentAt !== null) parts.push(`email sent ${timeToken(step.emailSentAt, repZone)}`);
  if (step.callDueAt !== null) parts.push(`call due ${timeToken(step.callDueAt, zone)}`);
  return parts.join(' · ');
}
