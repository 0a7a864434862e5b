// Who is the same person, for an import's duplicate check. A number alone does not say: the
// colleagues behind one switchboard (different extensions) or two people sharing an office line
// (different names or emails) are different leads, linked by their number, never merged.

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
