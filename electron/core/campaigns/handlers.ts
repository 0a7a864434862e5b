import type { HandlersOf, Services } from '../handlers';
import { addCampaign, addTag, assignToCampaign, campaigns, labelsOfLead, removeLeadFromCampaign, removeTag, setScriptOfCampaign, tags } from './service';

type CampaignChannels = 'campaigns.list' | 'campaigns.create' | 'campaigns.assign' | 'campaigns.removeLead' | 'campaigns.setScript' | 'campaigns.ofLead' | 'tags.list' | 'tags.add' | 'tags.remove';

export function campaignsHandlers({ ctx }: Services): HandlersOf<CampaignChannels> {
  return {
    'campaigns.list': () => campaigns(ctx.db),
    'campaigns.create': ({ name }) => addCampaign(ctx, name),
    'campaigns.assign': (request) => assignToCampaign(ctx, request),
    'campaigns.removeLead': ({ campaignId, contactId }) => removeLeadFromCampaign(ctx, campaignId, contactId),
    'campaigns.setScript': ({ campaignId, scriptId }) => setScriptOfCampaign(ctx, campaignId, scriptId),
    'campaigns.ofLead': ({ contactId }) => labelsOfLead(ctx.db, contactId),
    'tags.list': () => tags(ctx.db),
    'tags.add': ({ contactId, tag }) => addTag(ctx, contactId, tag),
    'tags.remove': ({ contactId, tagId }) => removeTag(ctx, contactId, tagId),
  };
}
