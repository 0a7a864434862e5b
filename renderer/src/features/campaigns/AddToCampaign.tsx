import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useCoreMutation } from '../../api/mutations';
import { queries, type ContactFilter } from '../../api/queries';
import { LabelPicker } from './LabelPicker';

/** "Add these N to campaign…": every lead the contacts filter finds (not only the rows loaded). */
export function AddToCampaign({ filter, count }: { filter: ContactFilter; count: number }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const campaigns = useQuery(queries.campaigns());
  const assign = useCoreMutation('campaigns.assign');
  return (
    <div className="add-to-campaign">
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Add these {count.toLocaleString()} to campaign…
      </button>
      {done && (
        <span className="status status-ok" role="status">
          {done}
        </span>
      )}
      {open && (
        <LabelPicker
          name="campaign-add"
          title={`Add ${count.toLocaleString()} leads to a campaign`}
          what="campaign"
          known={campaigns.data?.map((c) => c.name) ?? []}
          onClose={() => setOpen(false)}
          onPick={async (name) => {
            const reply = await assign.mutateAsync({ campaign: { name }, filter });
            setDone(`${reply.added.toLocaleString()} added to “${reply.campaign.name}”${reply.already > 0 ? ` (${reply.already.toLocaleString()} were in it already)` : ''}.`);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}
