// Campaigns, tags and which leads are in them: every SQL statement of the feature.
import type { Database } from 'better-sqlite3';
import { scalar, statement } from '../db/sql';
import type { MembershipSource } from '../../../shared/domain/campaigns';

export interface CampaignRow {
  id: number;
  name: string;
  script_id: number | null;
  created_at: number;
  leads: number;
}

export interface TagRow {
  id: number;
  name: string;
  created_at: number;
  leads: number;
}

const allCampaigns = statement<CampaignRow>(
  'SELECT c.id, c.name, c.script_id, c.created_at, (SELECT count(*) FROM campaign_leads l WHERE l.campaign_id = c.id) AS leads FROM campaigns c ORDER BY c.name_key, c.id',
);
const campaignByKey = statement<{ id: number; name: string }, [key: string]>('SELECT id, name FROM campaigns WHERE name_key = ?');
const campaignById = statement<{ id: number; name: string; script_id: number | null }, [id: number]>('SELECT id, name, script_id FROM campaigns WHERE id = ?');
const insertCampaign = statement<never, [name: string, key: string, at: number]>('INSERT INTO campaigns (name, name_key, created_at) VALUES (?, ?, ?)');
const writeCampaignScript = statement<never, [scriptId: number | null, id: number]>('UPDATE campaigns SET script_id = ? WHERE id = ?');
const addLeadsToCampaign = statement<never, [campaignId: number, source: MembershipSource, at: number, idsJson: string]>(
  'INSERT OR IGNORE INTO campaign_leads (campaign_id, contact_id, source, added_at) SELECT ?, c.id, ?, ? FROM json_each(?) j JOIN contacts c ON c.id = j.value',
);
// The rows merged into (or skipped as duplicates of) a lead already there are that lead's too.
const addImportToCampaign = statement<never, { campaignId: number; at: number; importId: number }>(
  `INSERT OR IGNORE INTO campaign_leads (campaign_id, contact_id, source, added_at)
   SELECT @campaignId, id, 'import', @at FROM contacts WHERE import_id = @importId
   UNION SELECT @campaignId, contact_id, 'import', @at FROM import_rows
     WHERE import_id = @importId AND outcome IN ('merged', 'skipped') AND contact_id IS NOT NULL`,
);
const removeLeadFromCampaign = statement<never, [campaignId: number, contactId: number]>('DELETE FROM campaign_leads WHERE campaign_id = ? AND contact_id = ?');
const campaignsOfLead = statement<{ id: number; name: string; script_id: number | null }, [contactId: number]>(
  'SELECT c.id, c.name, c.script_id FROM campaign_leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.contact_id = ? ORDER BY l.added_at, c.id',
);
const campaignIdsOfLead = scalar<number, [contactId: number]>('SELECT campaign_id FROM campaign_leads WHERE contact_id = ?');

const allTags = statement<TagRow>('SELECT t.id, t.name, t.created_at, (SELECT count(*) FROM lead_tags l WHERE l.tag_id = t.id) AS leads FROM tags t ORDER BY t.name_key, t.id');
const tagByKey = statement<{ id: number; name: string }, [key: string]>('SELECT id, name FROM tags WHERE name_key = ?');
const tagById = statement<{ id: number; name: string }, [id: number]>('SELECT id, name FROM tags WHERE id = ?');
const insertTag = statement<never, [name: string, key: string, at: number]>('INSERT INTO tags (name, name_key, created_at) VALUES (?, ?, ?)');
const insertLeadTag = statement<never, [tagId: number, contactId: number, at: number]>('INSERT OR IGNORE INTO lead_tags (tag_id, contact_id, added_at) VALUES (?, ?, ?)');
const deleteLeadTag = statement<never, [tagId: number, contactId: number]>('DELETE FROM lead_tags WHERE tag_id = ? AND contact_id = ?');
const deleteLeadTagAddedAt = statement<never, [tagId: number, contactId: number, at: number]>('DELETE FROM lead_tags WHERE tag_id = ? AND contact_id = ? AND added_at = ?');
const tagsOfLead = statement<{ id: number; name: string }, [contactId: number]>(
  'SELECT t.id, t.name FROM lead_tags l JOIN tags t ON t.id = l.tag_id WHERE l.contact_id = ? ORDER BY t.name_key, t.id',
);
const tagIdsOfLead = scalar<number, [contactId: number]>('SELECT tag_id FROM lead_tags WHERE contact_id = ?');

export function listCampaigns(db: Database): CampaignRow[] {
  return allCampaigns(db).all();
}

export function findCampaignByKey(db: Database, key: string): { id: number; name: string } | undefined {
  return campaignByKey(db).get(key);
}

export function getCampaign(db: Database, id: number): { id: number; name: string; script_id: number | null } | undefined {
  return campaignById(db).get(id);
}

export function createCampaign(db: Database, name: string, key: string, at: number): number {
  return Number(insertCampaign(db).run(name, key, at).lastInsertRowid);
}

export function setCampaignScript(db: Database, campaignId: number, scriptId: number | null): void {
  writeCampaignScript(db).run(scriptId, campaignId);
}

/** Adds the leads (those that exist) to the campaign; returns how many were not in it yet. */
export function addToCampaign(db: Database, campaignId: number, contactIds: readonly number[], source: MembershipSource, at: number): number {
  return addLeadsToCampaign(db).run(campaignId, source, at, JSON.stringify(contactIds)).changes;
}

/** Every lead an import brought: its new leads and those its rows were merged into. */
export function addImportLeadsToCampaign(db: Database, campaignId: number, importId: number, at: number): number {
  return addImportToCampaign(db).run({ campaignId, at, importId }).changes;
}

export function removeFromCampaign(db: Database, campaignId: number, contactId: number): boolean {
  return removeLeadFromCampaign(db).run(campaignId, contactId).changes > 0;
}

/** The lead's campaigns, in the order it joined them. */
export function campaignsOf(db: Database, contactId: number): { id: number; name: string; script_id: number | null }[] {
  return campaignsOfLead(db).all(contactId);
}

export function campaignIdsOf(db: Database, contactId: number): Set<number> {
  return new Set(campaignIdsOfLead(db).all(contactId));
}

export function listTags(db: Database): TagRow[] {
  return allTags(db).all();
}

export function findTagByKey(db: Database, key: string): { id: number; name: string } | undefined {
  return tagByKey(db).get(key);
}

export function getTag(db: Database, id: number): { id: number; name: string } | undefined {
  return tagById(db).get(id);
}

export function createTag(db: Database, name: string, key: string, at: number): number {
  return Number(insertTag(db).run(name, key, at).lastInsertRowid);
}

/** Returns whether the lead did not have the tag yet. */
export function tagLead(db: Database, tagId: number, contactId: number, at: number): boolean {
  return insertLeadTag(db).run(tagId, contactId, at).changes > 0;
}

export function untagLead(db: Database, tagId: number, contactId: number): boolean {
  return deleteLeadTag(db).run(tagId, contactId).changes > 0;
}

/** Untag only while the link is the one made at `at` (not one the rep removed and put back since). */
export function untagLeadAddedAt(db: Database, tagId: number, contactId: number, at: number): boolean {
  return deleteLeadTagAddedAt(db).run(tagId, contactId, at).changes > 0;
}

export function tagsOf(db: Database, contactId: number): { id: number; name: string }[] {
  return tagsOfLead(db).all(contactId);
}

export function tagIdsOf(db: Database, contactId: number): Set<number> {
  return new Set(tagIdsOfLead(db).all(contactId));
}
