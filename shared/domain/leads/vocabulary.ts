// The words a lead is described with, in one place: the contract's enums, the database's values
// and the import's defaults are all these.

/** Where a lead's time zone came from: a time-zone column, the address, the number's area code,
 *  its country as a whole (its place in the country unknown: every zone of it), nothing at all,
 *  or (leads imported before 0.2) the desk's default. */
export const TZ_SOURCES = ['column', 'address', 'phone', 'country', 'unknown', 'default'] as const;
export type TimeZoneSource = (typeof TZ_SOURCES)[number];

/** A dud has no number that can be dialled; it is kept to be returned to whoever supplied it. */
export const CONTACT_STATUSES = ['active', 'dud'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Inbound: the lead asked to be called (speed to lead); outbound: a prospect. */
export const LEAD_KINDS = ['inbound', 'outbound'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

export const LINE_TYPES = ['business', 'residential'] as const;
export type LineType = (typeof LINE_TYPES)[number];

/** What an imported file's leads are when a row does not say: business lines, residential ones,
 *  or a mix (then a row that does not say is residential, the stricter rules). */
export const IMPORT_LINES = ['business', 'residential', 'mixed'] as const;
export type ImportLines = (typeof IMPORT_LINES)[number];
