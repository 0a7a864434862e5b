// Who is the same person, for an import's duplicate check. A number alone does not say: the
// colleagues behind one switchboard (different extensions) or two people sharing an office line
// (different names or emails) are different leads, linked by their number, never merged.
import type { StoredOtherPhone } from '../dud';

/** What the check knows of a person on a number. */
export interface PersonOnNumber {
  extension: string | null;
  /** personName(first, last). */
  name: PersonName;
  /** The email key (lower-cased), or null. */
  email: string | null;
}

/** A name as compared: case, accents, punctuation and spacing left out ("José  O'Neil" is
 *  "jose oneil"). */
export interface PersonName {
  first: string;
  last: string;
}

function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function personName(first: string, last: string): PersonName {
  return { first: comparable(first), last: comparable(last) };
}

/** The same name, or one missing: a missing or initial-only part matches, and a first name may
 *  carry a middle name ("Ana" and "Ana S.", "Ana Maria Silva" and "Ana Silva" are the same
 *  person; "Ana Silva" and "Ana Souza", or "Ana" and "Maria", are not). */
export function sameOrMissingName(a: PersonName, b: PersonName): boolean {
  if ((a.first === '' && a.last === '') || (b.first === '' && b.last === '')) return true;
  return (samePart(a.first, b.first) || firstWords(a.first, b.first)) && samePart(a.last, b.last);
}

/** Two people with the same email are one person unless their names say otherwise: the same
 *  (or a missing) last name, and first names that agree or where one is the start of the other,
 *  as a short form is ("Gus" and "Gustav Hale"). An address several people read (info@, sales@)
 *  under two different names is two people: they are never merged. */
export function sameNameForEmail(a: PersonName, b: PersonName): boolean {
  if (sameOrMissingName(a, b)) return true;
  if (!samePart(a.last, b.last)) return false;
  const [first, second] = [a.first.split(' ')[0] ?? '', b.first.split(' ')[0] ?? ''];
  return first !== '' && second !== '' && (first.startsWith(second) || second.startsWith(first));
}

/** "ana maria" and "ana": one's words begin the other's. */
function firstWords(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return longer.startsWith(`${shorter} `);
}

function samePart(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return true;
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/** Two people on the same number are one person when they have the same extension (or both
 *  none), the same name or one of them none, and no two different emails. */
export function isSamePerson(a: PersonOnNumber, b: PersonOnNumber): boolean {
  if ((a.extension ?? '') !== (b.extension ?? '')) return false;
  if (!sameOrMissingName(a.name, b.name)) return false;
  if (a.email !== null && b.email !== null && a.email !== b.email) return false;
  return true;
}

/** The other phones a lead keeps when a row merges into it: its own, then the row's number and
 *  other phones that are new to it. A merge fills only what is empty, and a lead with a number
 *  has none empty: without this a second number for the same person (matched by e-mail) was
 *  dropped. Null: nothing new. */
export function otherPhonesAfterMerge(lead: { e164: string | null; otherPhones: readonly StoredOtherPhone[] }, row: { e164: string | null; raw: string; extension: string | null; otherPhones: readonly StoredOtherPhone[] }): StoredOtherPhone[] | null {
  const known = new Set<string>();
  if (lead.e164 !== null) known.add(lead.e164);
  for (const phone of lead.otherPhones) if (phone.e164 !== null) known.add(phone.e164);
  const added: StoredOtherPhone[] = [];
  const offered: StoredOtherPhone[] = [...(row.e164 === null ? [] : [{ label: 'phone', raw: row.raw, e164: row.e164, extension: row.extension }]), ...row.otherPhones];
  for (const phone of offered) {
    if (phone.e164 === null || known.has(phone.e164)) continue;
    known.add(phone.e164);
    added.push(phone);
  }
  return added.length === 0 ? null : [...lead.otherPhones, ...added];
}
