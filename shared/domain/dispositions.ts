// The disposition bar: one key each. The key map is fixed for the whole product so a rep's
// muscle memory never changes between versions.
import { outOfReach } from './planningHorizon';

export const OUTCOMES = [
  'no_answer',
  'engaged',
  'voicemail_left',
  'gatekeeper',
  'conversation',
  'advance',
  'conversion',
  'not_interested',
  'callback_requested',
  'wrong_number',
  'do_not_call',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface DispositionDef {
  outcome: Outcome;
  key: string;
  label: string;
}

export const DISPOSITIONS: readonly DispositionDef[] = [
  { outcome: 'no_answer', key: '1', label: 'No answer' },
  { outcome: 'engaged', key: '2', label: 'Engaged' },
  { outcome: 'voicemail_left', key: '3', label: 'Voicemail left' },
  { outcome: 'gatekeeper', key: '4', label: 'Gatekeeper' },
  { outcome: 'conversation', key: '5', label: 'Conversation' },
  { outcome: 'advance', key: '6', label: 'Advance' },
  { outcome: 'conversion', key: '7', label: 'Conversion' },
  { outcome: 'not_interested', key: '8', label: 'Not interested' },
  { outcome: 'callback_requested', key: '9', label: 'Callback requested' },
  { outcome: 'wrong_number', key: '0', label: 'Wrong number' },
  { outcome: 'do_not_call', key: 'D', label: 'Do not call' },
];

export function dispositionFor(outcome: Outcome): DispositionDef {
  const found = DISPOSITIONS.find((d) => d.outcome === outcome);
  if (!found) throw new Error(`unknown outcome ${outcome}`);
  return found;
}

export function outcomeLabel(outcome: Outcome | null): string {
  return outcome === null ? 'No disposition yet' : dispositionFor(outcome).label;
}

export type DetailKind = 'next_step' | 'callback_time' | 'reason';

/** What each outcome needs before it can be saved. The one home of the rule: the wire schema,
 *  the call service, the call screen's form and the command line all ask checkDisposition. */
const DETAIL_RULES: ReadonlyMap<Outcome, DetailKind> = new Map([
  ['advance', 'next_step'],
  ['callback_requested', 'callback_time'],
  ['not_interested', 'reason'],
]);

/** The detail an outcome needs (null: none), for the bar's hints and the form. */
export function requiredDetail(outcome: Outcome): DetailKind | null {
  return DETAIL_RULES.get(outcome) ?? null;
}

/** The same, as the bar reads it. */
export const REQUIRED_DETAIL: Partial<Record<Outcome, DetailKind>> = Object.fromEntries(DETAIL_RULES);

/** What the rep gave with an outcome (instants in epoch ms). */
export interface DispositionDetail {
  nextStep?: string;
  nextAt?: number;
  callbackAt?: number;
  reason?: string;
}

/** An outcome with the detail it needs: the retry policy takes only these. */
export type Disposition =
  /** The agreed next step (the next up-front contract) and its time. */
  | { outcome: 'advance'; nextStep: string; nextStepAt: number }
  /** The promised minute. */
  | { outcome: 'callback_requested'; callbackAt: number }
  /** One of the reasons in settings. */
  | { outcome: 'not_interested'; reason: string }
  /** redialEnded (engaged): the redial loop has ended (stopped, out of time): an ordinary retry. */
  | { outcome: Exclude<Outcome, 'advance' | 'callback_requested' | 'not_interested'>; redialEnded?: boolean };

/** A disposition as the rep gives it: the outcome, its detail, the notes, and what the script
 *  panel marked (the objections that came up, the checklist as ticked). */
export interface DispositionCommand {
  outcome: Outcome;
  detail: DispositionDetail;
  notes: string;
  objections: readonly string[];
  checklist: readonly { item: string; done: boolean }[];
  /** gatekeeper: the gatekeeper's name, when the rep got it (saved on the call). */
  gatekeeperName?: string;
}

/** Outcomes that cannot describe a call the prospect made: nobody answers or is engaged on a
 *  call that came in (and engaged would start a redial loop). */
const NOT_INBOUND: ReadonlySet<Outcome> = new Set(['no_answer', 'engaged']);

/** Why an outcome cannot be logged for an inbound call; null when it can. */
export function inboundRefusal(outcome: Outcome): string | null {
  return NOT_INBOUND.has(outcome) ? `${outcomeLabel(outcome)} cannot be logged for a call the prospect made: pick what came of it (3–9, 0 or D).` : null;
}

export type DispositionCheck = { ok: true; disposition: Disposition } | { ok: false; problems: ReadonlyMap<keyof DispositionDetail, string> };

/** Whether an outcome's detail is there and right. Without `context` only that it is there (the
 *  wire schema checks that); with it, also that times are after `now` and the reason is one of
 *  the list (the call service). Problems are by field, for the form. */
export function checkDisposition(outcome: Outcome, detail: DispositionDetail, context?: { now: number; reasons: readonly string[] }): DispositionCheck {
  const problems = new Map<keyof DispositionDetail, string>();
  const kind = requiredDetail(outcome);
  // With `now`: a planned time beyond the planning horizon (planningHorizon.ts), as `what` says it.
  const beyond = (field: 'nextAt' | 'callbackAt', what: string, at: number) => {
    const far = context ? outOfReach(at, context.now) : null;
    if (far) problems.set(field, `${what} ${far}`);
  };
  if (kind === 'next_step') {
    if (!detail.nextStep?.trim()) problems.set('nextStep', 'An advance needs the next step you agreed');
    if (detail.nextAt === undefined || Number.isNaN(detail.nextAt)) problems.set('nextAt', 'An advance needs the date and time of the next step');
    else if (context && detail.nextAt <= context.now) problems.set('nextAt', 'The next step must be in the future');
    else beyond('nextAt', 'The next step', detail.nextAt);
    if (problems.size === 0) return { ok: true, disposition: { outcome: 'advance', nextStep: detail.nextStep!.trim(), nextStepAt: detail.nextAt! } };
  } else if (kind === 'callback_time') {
    if (detail.callbackAt === undefined || Number.isNaN(detail.callbackAt)) problems.set('callbackAt', 'A callback needs the time you promised');
    else if (context && detail.callbackAt <= context.now) problems.set('callbackAt', 'The callback time must be in the future');
    else beyond('callbackAt', 'The callback time', detail.callbackAt);
    if (problems.size === 0) return { ok: true, disposition: { outcome: 'callback_requested', callbackAt: detail.callbackAt! } };
  } else if (kind === 'reason') {
    const reason = detail.reason?.trim();
    if (!reason) problems.set('reason', 'Choose why they are not interested');
    else if (context && !context.reasons.includes(reason)) problems.set('reason', `Choose one of: ${context.reasons.join(', ')}`);
    if (problems.size === 0) return { ok: true, disposition: { outcome: 'not_interested', reason: reason! } };
  } else {
    return { ok: true, disposition: { outcome: outcome as Exclude<Outcome, 'advance' | 'callback_requested' | 'not_interested'> } };
  }
  return { ok: false, problems };
}

/** "Advance not saved: The next step must be in the future." */
export function dispositionRefusal(outcome: Outcome, problems: ReadonlyMap<string, string>): string {
  return `${outcomeLabel(outcome)} not saved: ${[...problems.values()].join('; ')}.`;
}

export const DEFAULT_NOT_INTERESTED_REASONS = ['No budget', 'Happy with current supplier', 'No need', 'Bad timing', 'Not the decision maker', 'Other'];

/** An outcome as a person types it on the command line: the key on the bar (`1`…`9`, `0`,
 *  `D` in either case), the id (`no_answer`) or the label (`No answer`, `no-answer`), with any
 *  mix of case, spaces, hyphens and underscores. */
function outcomeInputKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

// A Map, not an object: typed input such as "constructor" must find nothing.
const OUTCOME_BY_INPUT = new Map<string, Outcome>(
  DISPOSITIONS.flatMap((d) => [
    [outcomeInputKey(d.key), d.outcome],
    [outcomeInputKey(d.outcome), d.outcome],
    [outcomeInputKey(d.label), d.outcome],
  ]),
);

/** The outcome the text names, or null when it names none. */
export function outcomeFromInput(text: string): Outcome | null {
  return OUTCOME_BY_INPUT.get(outcomeInputKey(text)) ?? null;
}

/** The forms outcomeFromInput accepts, for an error message: "1 no_answer, 2 engaged, …". */
export function acceptedOutcomeInputs(): string {
  return `${DISPOSITIONS.map((d) => `${d.key} ${d.outcome}`).join(', ')} (the key or the name; case, spaces and hyphens do not matter, so "No answer" and no-answer are no_answer)`;
}
