import type { Call } from '../../../shared/ipc/contract';
import { outcomeLabel } from '../../../shared/domain/dispositions';
import { formatDuration } from '../../../shared/domain/duration';
import { formatInstant } from './format';

/** A contact's calls, newest first: when, outcome, duration and notes. */
export function CallHistory({ calls }: { calls: Call[] }) {
  if (calls.length === 0) return <p className="hint">No calls yet.</p>;
  return (
    <ol className="history-list" aria-label="Call history">
      {calls.map((call) => (
        <li key={call.id} className="history-row">
          <span className="history-when">{formatInstant(call.dialedAt)}</span>
          <span className={`history-outcome outcome-${call.outcome ?? 'none'}`}>{outcomeLabel(call.outcome)}</span>
          <span className="history-duration">{call.durationMs === null ? '—' : formatDuration(call.durationMs)}</span>
          {call.notes && <span className="history-notes">{call.notes}</span>}
        </li>
      ))}
    </ol>
  );
}
