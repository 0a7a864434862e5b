import { useQuery } from '@tanstack/react-query';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { LabelPicker } from './LabelPicker';

/** A lead's campaigns and tags, as badges. */
export function LeadLabels({ contactId }: { contactId: number }) {
  const labels = useQuery(queries.labelsOf(contactId));
  if (!labels.data || (labels.data.campaigns.length === 0 && labels.data.tags.length === 0)) return null;
  return (
    <div className="badges lead-labels" aria-label="Campaigns and tags">
      {labels.data.campaigns.map((c) => (
        <span key={`c${c.id}`} className="badge badge-campaign">
          Campaign: {c.name}
        </span>
      ))}
      {labels.data.tags.map((t) => (
        <span key={`t${t.id}`} className="badge badge-tag">
          #{t.name}
        </span>
      ))}
    </div>
  );
}

/** The tag picker for one lead (T on the call screen, "Tag…" on the contact). */
export function TagPicker({ contactId, onClose, onTagged }: { contactId: number; onClose: () => void; onTagged?: (text: string) => void }) {
  const tags = useQuery(queries.tags());
  const add = useCoreMutation('tags.add');
  return (
    <LabelPicker
      name="tag-pick"
      title="Tag this lead"
      what="tag"
      known={tags.data?.map((t) => t.name) ?? []}
      onClose={onClose}
      onPick={async (name) => {
        const reply = await add.mutateAsync({ contactId, tag: name });
        onTagged?.(reply.added ? `Tagged “${reply.tag.name}”.` : `Already tagged “${reply.tag.name}”.`);
        onClose();
      }}
    />
  );
}

/** The campaign picker for one lead (by hand, from the contact). */
export function CampaignPicker({ contactId, onClose, onAdded }: { contactId: number; onClose: () => void; onAdded?: (text: string) => void }) {
  const campaigns = useQuery(queries.campaigns());
  const assign = useCoreMutation('campaigns.assign');
  return (
    <LabelPicker
      name="campaign-pick"
      title="Add this lead to a campaign"
      what="campaign"
      known={campaigns.data?.map((c) => c.name) ?? []}
      onClose={onClose}
      onPick={async (name) => {
        const reply = await assign.mutateAsync({ campaign: { name }, contactIds: [contactId] });
        onAdded?.(reply.added > 0 ? `Added to “${reply.campaign.name}”.` : `Already in “${reply.campaign.name}”.`);
        onClose();
      }}
    />
  );
}
