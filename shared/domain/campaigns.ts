// Campaigns and tags: the names the rep gives them, the tags an import cell carries, and the one
// rule for whether a lead is in the queue's (or the contacts list's) filter.
import type { LeadKind } from './leads/vocabulary';

export const LABEL_NAME_MAX = 60;

/** How a campaign or tag is added to a lead: by an import, from a filtered list, or by hand. */
export const MEMBERSHIP_SOURCES = ['import', 'filter', 'hand'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

/** Characters that show nothing and mean nothing in a name (zero-width space, word joiner,
 *  byte-order mark, soft hyphen, direction marks and overrides): pasted from a web page or a
 *  spreadsheet, they made a second "VIP" that looks like the first. The joiners that shape
 *  scripts and emoji (U+200C, U+200D) are not among them. */
const INVISIBLE = /[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The form two names are compared in: trimmed, inner spaces collapsed, case folded (in any
 *  script, not only ASCII), invisible characters dropped, and compatibility forms folded
 *  (full-width "ＶＩＰ" and a ligature "ﬁ" are "vip" and "fi"), so names that look alike are one. */
export function labelKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

/** A campaign or tag name as kept (trimmed, inner spaces collapsed, invisible characters
 *  dropped), or why it cannot be one. */
export function checkLabelName(kind: 'campaign' | 'tag', name: string): { ok: true; name: string } | { ok: false; reason: string } {
  const clean = name.normalize('NFC').replace(INVISIBLE, '').trim().replace(/\s+/g, ' ');
  if (clean === '') return { ok: false, reason: `Give the ${kind} a name.` };
  if (clean.length > LABEL_NAME_MAX) return { ok: false, reason: `A ${kind} name can be at most ${LABEL_NAME_MAX} characters; "${clean.slice(0, 20)}…" has ${clean.length}.` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean)) return { ok: false, reason: `A ${kind} name cannot contain control characters.` };
  if (kind === 'tag' && /[,;]/.test(clean)) return { ok: false, reason: `A tag cannot contain "," or ";" (they separate tags in an import's tags column): "${clean}".` };
  return { ok: true, name: clean };
}

/** The tags in an import's tags cell: split on "," or ";", trimmed, empty ones dropped, each
 *  name once (compared as labelKey compares them; the first spelling is kept). */
export function splitTags(cell: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of cell.split(/[,;]/)) {
    const checked = checkLabelName('tag', part);
    if (!checked.ok) continue;
    const key = labelKey(checked.name);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(checked.name);
  }
  return tags;
}

/** What the queue and the contacts list can be narrowed to; null: any. */
export interface LeadFilter {
  importId: number | null;
  kind: LeadKind | null;
  zone: string | null;
  campaignId: number | null;
  tagId: number | null;
}

/** What the filter reads of a lead. */
export interface FilteredLead {
  importId: number | null;
  kind: LeadKind;
  timeZones: readonly string[];
  campaignIds: ReadonlySet<number>;
  tagIds: ReadonlySet<number>;
}

export const NO_LEAD_FILTER: LeadFilter = { importId: null, kind: null, zone: null, campaignId: null, tagId: null };

/** Whether the lead is in the filter: every condition set must hold (a campaign AND a tag). */
export function leadMatchesFilter(lead: FilteredLead, filter: LeadFilter): boolean {
  if (filter.importId !== null && lead.importId !== filter.importId) return false;
  if (filter.kind !== null && lead.kind !== filter.kind) return false;
  if (filter.zone !== null && !lead.timeZones.includes(filter.zone)) return false;
  if (filter.campaignId !== null && !lead.campaignIds.has(filter.campaignId)) return false;
  if (filter.tagId !== null && !lead.tagIds.has(filter.tagId)) return false;
  return true;
}

/** Whether the filter asks about campaigns or tags (the queue reads memberships only then). */
export function filtersByLabels(filter: LeadFilter): boolean {
  return filter.campaignId !== null || filter.tagId !== null;
}
