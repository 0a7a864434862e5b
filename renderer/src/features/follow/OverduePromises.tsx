// Overdue promises, loud on every screen: in the due strip, in red, with how late.
import { useQuery } from '@tanstack/react-query';
import { channelQuery } from '../../api/queries';

export function OverduePromises({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data } = useQuery(channelQuery('promises.list', { overdue: true, limit: 50 }));
  if (!data || data.length === 0) return null;
  return (
    <div className="promises-overdue" role="alert" aria-label="Overdue promises">
      <strong>{data.length === 1 ? 'Promise overdue' : `${data.length} promises overdue`}:</strong>{' '}
      {data.slice(0, 4).map((p) => (
        <button key={p.id} type="button" className="link-button promise-overdue-item" onClick={() => onOpen(p.contactId)}>
          {p.what} — {p.toWhom} · {p.late}
        </button>
      ))}
      {data.length > 4 && <span> and {data.length - 4} more</span>}
    </div>
  );
}
