// The disposition bar: one number key each. The key map is fixed for the whole product so a
// rep's muscle memory never changes between versions; later issues enable the rest.

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

/** Outcomes that need no follow-up detail and no queue rules: the ones the app offers until the
 *  redial-queue issue adds engaged loops, advances, callbacks, duds and do-not-call. */
export const ENABLED_OUTCOMES = ['no_answer', 'voicemail_left', 'conversation'] as const satisfies readonly Outcome[];
export type EnabledOutcome = (typeof ENABLED_OUTCOMES)[number];

export function dispositionFor(outcome: Outcome): DispositionDef {
  const found = DISPOSITIONS.find((d) => d.outcome === outcome);
  if (!found) throw new Error(`unknown outcome ${outcome}`);
  return found;
}

export function outcomeLabel(outcome: Outcome | null): string {
  return outcome === null ? 'No disposition yet' : dispositionFor(outcome).label;
}
