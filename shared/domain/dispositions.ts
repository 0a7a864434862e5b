// The disposition bar: one key each. The key map is fixed for the whole product so a rep's
// muscle memory never changes between versions.

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

/** What each outcome needs before it can be saved, for the bar's hints and the form. */
export const REQUIRED_DETAIL: Partial<Record<Outcome, 'next_step' | 'callback_time' | 'reason'>> = {
  advance: 'next_step',
  callback_requested: 'callback_time',
  not_interested: 'reason',
};

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
