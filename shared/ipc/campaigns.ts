// Campaigns and tags: named by the rep, leads added from an import, a filtered list or by hand,
// a script chosen per campaign.
import { z } from 'zod';
import { LABEL_NAME_MAX } from '../domain/campaigns';
import { Id, Text } from './common';
import { ContactFilterRequest } from './contacts';

export const CampaignSchema = z.object({
  id: Id,
  name: z.string(),
  /** The script the call screen shows this campaign's leads; null: chosen by situation. */
  scriptId: Id.nullable(),
  leads: z.number().int(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const TagSchema = z.object({ id: Id, name: z.string(), leads: z.number().int() });
export type Tag = z.infer<typeof TagSchema>;

export const LabelRefSchema = z.object({ id: Id, name: z.string() });
export type LabelRef = z.infer<typeof LabelRefSchema>;

/** A campaign or tag by its id, or by name (created when there is none of that name yet). */
const LabelName = Text(LABEL_NAME_MAX * 2);
const CampaignChoice = z.union([z.object({ id: Id }).strict(), z.object({ name: LabelName }).strict()]);

/** A lead's campaigns and tags (its badges). */
export const LeadLabelsSchema = z.object({ campaigns: z.array(LabelRefSchema), tags: z.array(LabelRefSchema) });

export const campaignsChannels = {
  'campaigns.list': {
    request: z.object({}).strict(),
    response: z.array(CampaignSchema),
  },
  'campaigns.create': {
    request: z.object({ name: LabelName }).strict(),
    response: CampaignSchema,
  },
  'campaigns.assign': {
    request: z
      .object({
        campaign: CampaignChoice,
        /** These leads (by hand)… */
        contactIds: z.array(Id).max(100_000).optional(),
        /** …or every lead the contacts list's filter finds. */
        filter: ContactFilterRequest.optional(),
      })
      .strict()
      .refine((r) => (r.contactIds === undefined) !== (r.filter === undefined), { message: 'Say which leads: a list or a filter', path: ['contactIds'] }),
    response: z.object({ campaign: CampaignSchema, added: z.number().int(), already: z.number().int() }),
  },
  'campaigns.removeLead': {
    request: z.object({ campaignId: Id, contactId: Id }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'campaigns.setScript': {
    request: z.object({ campaignId: Id, scriptId: Id.nullable() }).strict(),
    response: CampaignSchema,
  },
  /** A lead's campaigns (in the order it joined them) and tags. */
  'campaigns.ofLead': {
    request: z.object({ contactId: Id }).strict(),
    response: LeadLabelsSchema,
  },
  'tags.list': {
    request: z.object({}).strict(),
    response: z.array(TagSchema),
  },
  'tags.add': {
    request: z.object({ contactId: Id, tag: LabelName }).strict(),
    response: z.object({ tag: LabelRefSchema, added: z.boolean() }),
  },
  'tags.remove': {
    request: z.object({ contactId: Id, tagId: Id }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
} as const;

export const campaignsEvents = {
  /** Campaigns, tags or a lead's memberships changed (contactId: whose; null: many). */
  'campaigns.changed': z.object({ contactId: Id.nullable() }),
} as const;
