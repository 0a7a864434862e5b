// What a dud lead says about why (#13, point 8). A wrong number is reported on a call; the lead
// says so with that call's date ("wrong number, reported on the call of 1 Dec"), never the generic
// "dud: no valid number" of a number that could not be read.

const WRONG_NUMBER = /^wrong number \(call #(\d+)\)$/;

/** How every wrong-number reason begins: the duds export finds such leads by it in SQL. */
export const WRONG_NUMBER_PREFIX = 'wrong number (call #';

/** The dud reason a wrong-number disposition stores: the call that reported it. */
export function wrongNumberReason(callId: number): string {
  return `${WRONG_NUMBER_PREFIX}${callId})`;
}

/** A dud's reason as the rep reads it. `callDay` gives the (rep's) date of one of the lead's
 *  calls, or null when the call is not known to the screen. */
export function dudText(reason: string | null, callDay: (callId: number) => string | null): string {
  const wrong = WRONG_NUMBER.exec(reason ?? '');
  if (wrong) {
    const day = callDay(Number(wrong[1]));
    return day ? `Wrong number, reported on the call of ${day}` : 'Wrong number';
  }
  return `Dud: ${reason ?? 'no valid number'}`;
}

/** One of a lead's other phones as stored (contacts.other_phones). */
export interface StoredOtherPhone {
  label: string;
  raw: string;
  e164: string | null;
  extension: string | null;
  /** wrongNumberReason of the call that reported it. */
  wrong?: string;
}

/** A wrong number reported on a call to one of the lead's other phones (its mobile) is that
 *  phone's, not the lead's: the phones with that one marked, and its label; null when `number`
 *  is none of them (the main number: the lead is a dud). */
export function markOtherPhoneWrong(phones: readonly StoredOtherPhone[], number: string, callId: number): { phones: StoredOtherPhone[]; label: string } | null {
  const index = phones.findIndex((phone) => phone.e164 === number && phone.wrong === undefined);
  if (index < 0) return null;
  return { phones: phones.map((phone, i) => (i === index ? { ...phone, wrong: wrongNumberReason(callId) } : phone)), label: phones[index]!.label };
}
