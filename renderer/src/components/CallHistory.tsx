import type { Call } from '../../../shared/ipc/contract';
import { outcomeLabel } from '../../../shared/domain/dispositions';
import { formatDuration } from '../../../shared/domain/duration';
import { leadTime, yourTime } from '../../../shared/domain/timeFormat';

/** A call's outcome as the log shows it: a dial the phone did not take is marked so, not left
 *  looking like a call waiting for its disposition. */
export function callOutcomeText(call: Pick<Call, 'outcome' | 'dialFailure' | 'undoneAt' | 'direction'>): string {
  if (call.dialFailure !== null) return 'The phone did not take the number';
  // An undone disposition stays in the log as an audit row, said so; a call they made says so.
  const outcome = call.undoneAt !== null ? `${outcomeLabel(call.outcome)} (undone)` : outcomeLabel(call.outcome);
  return call.direction === 'inbound' ? `Inbound · ${outcome}` : outcome;
}

/** How long: the talk and, where the rep marked the hang-up (H), the wrap-up apart ("talk 0:42 ·
 *  wrap-up 0:20"); a call with neither known shows its duration or a dash. */
export function callTimesText(call: Pick<Call, 'durationMs' | 'talkMs' | 'wrapUpMs' | 'direction'>): string {
  if (call.wrapUpMs !== null && call.talkMs !== null) return `talk ${formatDuration(call.talkMs)} · wrap-up ${formatDuration(call.wrapUpMs)}`;
  if (call.talkMs !== null) return formatDuration(call.talkMs);
  // A call they made lasted what the rep said; nothing said, nothing shown.
  return call.durationMs === null || call.direction === 'inbound' ? '—' : formatDuration(call.durationMs);
}

/** A contact's calls, newest first: when (your time), outcome, duration, notes and what was
 *  agreed (their time, with yours beside). */
export function CallHistory({ calls, zone }: { calls: Call[]; zone?: string }) {
  if (calls.length === 0) return <p className="hint">No calls yet.</p>;
  return (
    <ol className="history-list" aria-label="Call history">
      {calls.map((call) => (
        <li key={call.id} className="history-row">
          <span className="history-when">{yourTime(call.dialedAt)}</span>
          <span className={`history-outcome outcome-${call.outcome ?? 'none'}`}>{callOutcomeText(call)}</span>
          <span className="history-duration">{callTimesText(call)}</span>
          {(call.override || call.redialLoopId !== null || call.undoneAt !== null) && (
            <span className="history-flags">
              {call.undoneAt !== null && <span className="badge">undone {yourTime(call.undoneAt)}</span>}
              {call.override && <span className="badge badge-bad">dialled outside hours (override)</span>}
              {call.redialLoopId !== null && <span className="badge">redial loop</span>}
            </span>
          )}
          {call.nextStep && call.nextAt && (
            <span className="history-notes">
              Next step: {call.nextStep} · {zone ? leadTime(call.nextAt, zone) : yourTime(call.nextAt)}
            </span>
          )}
          {call.waived && <span className="history-notes history-waived">Rules waived: {call.waived}</span>}
          {call.dialFailure && <span className="history-notes">The system said: {call.dialFailure}</span>}
          {call.callbackAt && <span className="history-notes">Callback promised for {zone ? leadTime(call.callbackAt, zone) : yourTime(call.callbackAt)}</span>}
          {call.reason && <span className="history-notes">Reason: {call.reason}</span>}
          {call.gatekeeperName && <span className="history-notes">Gatekeeper: {call.gatekeeperName}</span>}
          {call.objections.length > 0 && <span className="history-notes">Objections that came up: {call.objections.join(', ')}</span>}
          {call.notes && <span className="history-notes">{call.notes}</span>}
        </li>
      ))}
    </ol>
  );
}
