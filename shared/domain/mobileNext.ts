// "Try the mobile next" (a setting, off by default): after a no answer on a lead's main number,
// the next dial offered is the same lead's mobile, rather than the next lead.
import type { Outcome } from './dispositions';

export interface PhoneOfLead {
  label: string;
  e164: string | null;
  /** Reported a wrong number: never offered. */
  wrong?: string;
}

export interface AttemptOfLead {
  /** The number dialled (E.164). */
  number: string;
  outcome: Outcome | null;
  undone: boolean;
  dialFailure: boolean;
}

/** A mobile is a phone the file or the rep labelled mobile or cell. */
export const isMobileLabel = (label: string): boolean => /mobile|cell/i.test(label);

/** Another phone the rep can dial: a valid number not reported wrong. */
export const isDialable = (phone: PhoneOfLead): boolean => phone.e164 !== null && phone.wrong === undefined;

/** The index (in otherPhones) of the mobile to offer next, or null: only when the setting is on,
 *  the lead's latest attempt (newest first in `attempts`) was a no answer on its main number,
 *  and it has a valid mobile that is another number and not reported wrong. Calling hours are the caller's to check. */
export function mobileToTryNext(lead: { e164: string | null; otherPhones: readonly PhoneOfLead[] }, attempts: readonly AttemptOfLead[], enabled: boolean): number | null {
  if (!enabled || lead.e164 === null) return null;
  const latest = attempts.find((a) => !a.dialFailure);
  if (!latest || latest.undone || latest.outcome !== 'no_answer' || latest.number !== lead.e164) return null;
  const index = lead.otherPhones.findIndex((p) => isDialable(p) && p.e164 !== lead.e164 && isMobileLabel(p.label));
  return index >= 0 ? index : null;
}
