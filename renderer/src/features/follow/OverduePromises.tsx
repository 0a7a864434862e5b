// Overdue promises, loud on every screen: in the due strip, in red, with how late.
import { useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';
import { useMediaQuery } from '../../components/useMediaQuery';
import { andMore, SHORT_WINDOW, useOneLine } from '../../components/oneLine';

/** Named at most, the rest counted ("and 3 more"). */
const NAMED = 4;

export function OverduePromises({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data } = useQuery(queries.overduePromises());
  const named = (data ?? []).slice(0, NAMED);
  // In a short window (1024×640) one line, as the due strip's: what fits whole, and how many more.
  const { rowRef, moreRef } = useOneLine(useMediaQuery(SHORT_WINDOW), Math.max(0, (data?.length ?? 0) - NAMED), andMore, named.map((p) => `${p.id}:${p.late}`).join(' '));
  if (!data || data.length === 0) return null;
  return (
    <div className="promises-overdue" role="alert" aria-label="Overdue promises">
      <strong>{data.length === 1 ? 'Promise overdue' : `${data.length} promises overdue`}:</strong>{' '}
      {/* Beside the label, so a first promise too long for the line wraps its own text there. */}
      <div className="promises-overdue-items" ref={rowRef}>
        {named.map((p) => (
          <button key={p.id} type="button" className="link-button promise-overdue-item" onClick={() => onOpen(p.contactId)} data-one-line="item">
            {p.what} — {p.toWhom} · {p.late}
          </button>
        ))}
      </div>
      {/* "and N more": written by useOneLine, which measures with it. */}
      <span className="promises-overdue-more" ref={moreRef} data-one-line="more" hidden />
    </div>
  );
}
