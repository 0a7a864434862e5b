// What a merge filled in on a lead, and how splitting that merge takes it back. A merged row fills
// the lead's empty fields (its title, email, a number it had none of), adds the row's other
// numbers and extra columns; the split makes the row a lead of its own, so what the row brought
// goes with it. What the rep changed since on the lead stays as the rep left it.
import type { StoredOtherPhone } from '../dud';

/** The lead's stored fields a merge can change (contacts columns), all text or null. */
export const MERGE_FILLABLE = [
  'first_name', 'last_name', 'company', 'title', 'email', 'email_key', 'phone_raw', 'e164', 'extension', 'time_zones', 'tz_source', 'jurisdictions',
  'status', 'dud_reason', 'country', 'region', 'city', 'postcode', 'notes', 'owner', 'custom_fields', 'other_phones',
] as const;
export type MergeFillable = (typeof MERGE_FILLABLE)[number];
export type MergeFillableFields = Record<MergeFillable, string | null>;

/** Each field the merge changed: [as it was, as the merge left it]. */
export type MergeFilled = Partial<Record<MergeFillable, [string | null, string | null]>>;

/** What the merge changed, field by field; null when it changed nothing. */
export function mergeFilled(before: MergeFillableFields, after: MergeFillableFields): MergeFilled | null {
  const filled: MergeFilled = {};
  let any = false;
  for (const field of MERGE_FILLABLE) {
    if (before[field] === after[field]) continue;
    filled[field] = [before[field], after[field]];
    any = true;
  }
  return any ? filled : null;
}

/** The lead's fields with what the merge filled taken back: a field still as the merge left it
 *  goes back to how it was; the numbers and extra columns the row added go (one by one, so those
 *  added since stay); a field the rep changed since is kept, and named in `kept`. */
export function takeBackFilled(current: MergeFillableFields, filled: MergeFilled): { fields: MergeFillableFields; takenBack: MergeFillable[]; kept: MergeFillable[] } {
  const fields = { ...current };
  const takenBack: MergeFillable[] = [];
  const kept: MergeFillable[] = [];
  for (const field of MERGE_FILLABLE) {
    const change = filled[field];
    if (!change) continue;
    const [before, after] = change;
    let next: string | null;
    if (field === 'other_phones') next = withoutAddedPhones(current[field], before, after);
    else if (field === 'custom_fields') next = withoutAddedColumns(current[field], before, after);
    else next = current[field] === after ? before : current[field];
    if (next === current[field]) {
      kept.push(field);
    } else {
      fields[field] = next;
      takenBack.push(field);
    }
  }
  return { fields, takenBack, kept };
}

const phoneKey = (phone: StoredOtherPhone) => `${phone.e164 ?? phone.raw}\u0000${phone.extension ?? ''}`;

function withoutAddedPhones(current: string | null, before: string | null, after: string | null): string | null {
  const had = new Set(parsePhones(before).map(phoneKey));
  const added = new Set(parsePhones(after).map(phoneKey).filter((key) => !had.has(key)));
  const now = parsePhones(current);
  const left = now.filter((phone) => !added.has(phoneKey(phone)));
  return left.length === now.length ? current : JSON.stringify(left);
}

function withoutAddedColumns(current: string | null, before: string | null, after: string | null): string | null {
  const had = parseColumns(before);
  const merged = parseColumns(after);
  const now = parseColumns(current);
  let changed = false;
  for (const [name, value] of merged) {
    if (had.has(name) || now.get(name) !== value) continue;
    now.delete(name);
    changed = true;
  }
  return changed ? JSON.stringify(Object.fromEntries(now)) : current;
}

function parsePhones(text: string | null): StoredOtherPhone[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? (value as StoredOtherPhone[]) : [];
  } catch {
    return [];
  }
}

// A Map, so an extra column called "constructor" is a column like any other.
function parseColumns(text: string | null): Map<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? new Map(Object.entries(value)) : new Map();
  } catch {
    return new Map();
  }
}

// What the rep reads for a field: the number's columns (and its zones and place) are "number".
const FIELD_WORDS = new Map<MergeFillable, string>([
  ['first_name', 'first name'], ['last_name', 'last name'], ['company', 'company'], ['title', 'title'], ['email', 'email'], ['email_key', 'email'],
  ['phone_raw', 'number'], ['e164', 'number'], ['extension', 'extension'], ['time_zones', 'number'], ['tz_source', 'number'], ['jurisdictions', 'number'],
  ['status', 'number'], ['dud_reason', 'number'], ['country', 'country'], ['region', 'region'], ['city', 'city'], ['postcode', 'postcode'], ['notes', 'notes'],
  ['owner', 'owner'], ['custom_fields', 'extra columns'], ['other_phones', 'other numbers'],
]);

/** The fields in the rep's words, each once, in the lead's order. */
export function fieldWords(fields: readonly MergeFillable[]): string[] {
  return [...new Set(fields.map((field) => FIELD_WORDS.get(field) ?? field))];
}
