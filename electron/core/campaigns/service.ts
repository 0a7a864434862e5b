// Campaigns and tags: names checked and compared in one form (labelKey), leads added from an
// import, a filtered list or by hand, each write committed before the reply and the screens told.
import type { Database } from 'better-sqlite3';
import type { Campaign, LabelRef, Tag } from '../../../shared/ipc/contract';
import { checkLabelName, labelKey, type MembershipSource } from '../../../shared/domain/campaigns';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { contactFilter, requireContact, type ContactQuery } from '../contacts/service';
import { contactIdsMatching } from '../contacts/repo';
import { getScript } from '../scripts/repo';
import {
  addImportLeadsToCampaign,
  addToCampaign,
  campaignsOf,
  createCampaign,
  createTag,
  findCampaignByKey,
  findTagByKey,
  getCampaign,
  getTag,
  listCampaigns,
  listTags,
  removeFromCampaign,
  setCampaignScript,
  tagLead,
  tagsOf,
  untagLead,
  untagLeadAddedAt,
  type CampaignRow,
} from './repo';

const toCampaign = (row: CampaignRow): Campaign => ({ id: row.id, name: row.name, scriptId: row.script_id, leads: row.leads });

export function campaigns(db: Database): Campaign[] {
  return listCampaigns(db).map(toCampaign);
}

export function tags(db: Database): Tag[] {
  return listTags(db).map((t) => ({ id: t.id, name: t.name, leads: t.leads }));
}

function campaignView(db: Database, id: number): Campaign {
  const row = listCampaigns(db).find((c) => c.id === id);
  if (!row) throw new CoreError('not_found', `There is no campaign #${id}.`);
  return toCampaign(row);
}

function checkedName(kind: 'campaign' | 'tag', name: string): string {
  const checked = checkLabelName(kind, name);
  if (!checked.ok) throw new CoreError('invalid_request', checked.reason, { name: checked.reason });
  return checked.name;
}

/** A new campaign; a name already used (in any case or spacing) is refused, saying which. */
export function addCampaign(ctx: CoreContext, name: string): Campaign {
  const { db } = ctx;
  const clean = checkedName('campaign', name);
  const id = db
    .transaction(() => {
      const existing = findCampaignByKey(db, labelKey(clean));
      if (existing) throw new CoreError('conflict', `There is a campaign named "${existing.name}" already.`, { name: `There is a campaign named "${existing.name}" already.` });
      return createCampaign(db, clean, labelKey(clean), ctx.clock.now().getTime());
    })
    .immediate();
  ctx.effects.emit('campaigns.changed', { contactId: null });
  return campaignView(db, id);
}

/** The campaign by id, or by name: the one of that name, or a new one. Inside a transaction. */
function campaignFor(ctx: CoreContext, choice: { id: number } | { name: string }): number {
  const { db } = ctx;
  if ('id' in choice) {
    if (!getCampaign(db, choice.id)) throw new CoreError('not_found', `There is no campaign #${choice.id}.`);
    return choice.id;
  }
  const clean = checkedName('campaign', choice.name);
  return findCampaignByKey(db, labelKey(clean))?.id ?? createCampaign(db, clean, labelKey(clean), ctx.clock.now().getTime());
}

/** Leads into a campaign: a list (by hand) or every lead a contacts filter finds. */
export function assignToCampaign(
  ctx: CoreContext,
  request: { campaign: { id: number } | { name: string }; contactIds?: readonly number[]; filter?: ContactQuery },
): { campaign: Campaign; added: number; already: number } {
  const { db } = ctx;
  const source: MembershipSource = request.filter ? 'filter' : 'hand';
  const result = db
    .transaction(() => {
      const campaignId = campaignFor(ctx, request.campaign);
      const ids = request.filter ? contactIdsMatching(db, contactFilter(ctx, request.filter)) : [...new Set(request.contactIds ?? [])];
      if (!request.filter) for (const id of ids) requireContact(db, id);
      const added = addToCampaign(db, campaignId, ids, source, ctx.clock.now().getTime());
      return { campaignId, added, already: ids.length - added };
    })
    .immediate();
  emitChanged(ctx, request.contactIds?.length === 1 ? request.contactIds[0]! : null);
  return { campaign: campaignView(db, result.campaignId), added: result.added, already: result.already };
}

/** An import's leads (new, and those its rows were merged into) into the campaign chosen in the
 *  import wizard. Returns how many joined it. */
export function addImportToCampaign(ctx: CoreContext, campaign: { id: number } | { name: string }, importId: number): number {
  const { db } = ctx;
  const added = db.transaction(() => addImportLeadsToCampaign(db, campaignFor(ctx, campaign), importId, ctx.clock.now().getTime())).immediate();
  emitChanged(ctx, null);
  return added;
}

export function removeLeadFromCampaign(ctx: CoreContext, campaignId: number, contactId: number): { removed: boolean } {
  const removed = removeFromCampaign(ctx.db, campaignId, contactId);
  if (removed) emitChanged(ctx, contactId);
  return { removed };
}

/** The script the call screen shows the campaign's leads (null: chosen by situation again). */
export function setScriptOfCampaign(ctx: CoreContext, campaignId: number, scriptId: number | null): Campaign {
  const { db } = ctx;
  if (!getCampaign(db, campaignId)) throw new CoreError('not_found', `There is no campaign #${campaignId}.`);
  if (scriptId !== null && !getScript(db, scriptId)) throw new CoreError('not_found', `There is no script #${scriptId}.`, { scriptId: `There is no script #${scriptId}.` });
  setCampaignScript(db, campaignId, scriptId);
  // Every call screen's script may change.
  ctx.effects.emit('campaigns.changed', { contactId: null });
  return campaignView(db, campaignId);
}

export function labelsOfLead(db: Database, contactId: number): { campaigns: LabelRef[]; tags: LabelRef[] } {
  requireContact(db, contactId);
  return labelsWith(db, contactId, campaignsOf(db, contactId));
}

/** The same for a lead whose campaigns the caller has already read. */
export function labelsWith(db: Database, contactId: number, campaigns: readonly { id: number; name: string }[]): { campaigns: LabelRef[]; tags: LabelRef[] } {
  return { campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })), tags: tagsOf(db, contactId) };
}

/** Tags the lead, creating the tag when no tag has that name (in any case or spacing). */
export function addTag(ctx: CoreContext, contactId: number, name: string): { tag: LabelRef; added: boolean } {
  const { db } = ctx;
  const clean = checkedName('tag', name);
  const result = db
    .transaction(() => {
      requireContact(db, contactId);
      const at = ctx.clock.now().getTime();
      const tag = findTagByKey(db, labelKey(clean)) ?? { id: createTag(db, clean, labelKey(clean), at), name: clean };
      return { tag, added: tagLead(db, tag.id, contactId, at) };
    })
    .immediate();
  emitChanged(ctx, contactId);
  return result;
}

/** Tags an import's leads from its tags column, inside the import's batch transaction: the
 *  names (already split and checked by splitTags) are looked up once each per import. Returns
 *  the ids of the tags the lead did not have yet (a merged row keeps them, for a split). */
export function prepareImportTagger(db: Database, at: number): (contactId: number, names: readonly string[]) => number[] {
  const known = new Map<string, number>();
  return (contactId, names) => {
    const added: number[] = [];
    for (const name of names) {
      const key = labelKey(name);
      let id = known.get(key) ?? findTagByKey(db, key)?.id;
      if (id === undefined) id = createTag(db, name, key, at);
      known.set(key, id);
      if (tagLead(db, id, contactId, at)) added.push(id);
    }
    return added;
  };
}

/** Splitting a wrong merge, inside its transaction: the new lead (`to`) gets the row's tags, and
 *  each tag the merge added to the original lead (`from`) comes off it, unless the rep has put it
 *  on again since (the link is then of another time) or another row still merged into the lead
 *  brings it too (`stillBrought`, tag keys). Returns the names of the tags taken off. */
export function moveMergedRowTags(
  db: Database,
  at: number,
  move: { from: number; to: number; rowTags: readonly string[]; added: readonly (readonly [number, number])[]; stillBrought: ReadonlySet<string> },
): string[] {
  prepareImportTagger(db, at)(move.to, move.rowTags);
  const takenOff: string[] = [];
  for (const [tagId, addedAt] of move.added) {
    const tag = getTag(db, tagId);
    if (!tag || move.stillBrought.has(labelKey(tag.name))) continue;
    if (untagLeadAddedAt(db, tagId, move.from, addedAt)) takenOff.push(tag.name);
  }
  return takenOff;
}

/** The campaign chosen in the import wizard, checked before the file is read. */
export function checkCampaignChoice(db: Database, choice: { id: number } | { name: string }): void {
  if ('id' in choice) {
    if (!getCampaign(db, choice.id)) throw new CoreError('not_found', `There is no campaign #${choice.id}.`, { campaign: `There is no campaign #${choice.id}.` });
  } else checkedName('campaign', choice.name);
}

/** After an import: its campaign and tags lists changed. */
export function importLabelled(ctx: CoreContext): void {
  emitChanged(ctx, null);
}

export function removeTag(ctx: CoreContext, contactId: number, tagId: number): { removed: boolean } {
  if (!getTag(ctx.db, tagId)) throw new CoreError('not_found', `There is no tag #${tagId}.`);
  const removed = untagLead(ctx.db, tagId, contactId);
  if (removed) emitChanged(ctx, contactId);
  return { removed };
}

/** Memberships changed: the labels' lists and counts, and the queue and lists they filter. */
function emitChanged(ctx: CoreContext, contactId: number | null): void {
  ctx.effects.emit('campaigns.changed', { contactId });
  ctx.effects.emit('queue.changed', {});
}
