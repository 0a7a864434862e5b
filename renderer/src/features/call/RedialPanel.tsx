import type { RedialLoop } from '../../../../shared/ipc/contract';
import { formatDuration } from '../../../../shared/domain/duration';
import { useCoreNow } from '../../api/clock';
import { Kbd } from '../../keys/keymap';

/** Engaged: "Redialling in 30 s — attempt 7, 3:20 elapsed"; once that attempt is dialled the loop
 *  waits for the rep ("2 still engaged · C connected") and, after the ring time, pauses and asks.
 *  One elapsed time, the loop's (the call timer is hidden while the loop runs). */
export function RedialPanel({ loop, onConnected, onStop }: { loop: RedialLoop; onConnected: () => void; onStop: () => void }) {
  const now = useCoreNow();
  const elapsed = formatDuration(Math.max(0, now - Date.parse(loop.startedAt)));
  const left = formatDuration(Math.max(0, Date.parse(loop.endsAt) - now));
  const next = loop.nextDialAt === null ? null : Math.max(0, Math.ceil((Date.parse(loop.nextDialAt) - now) / 1000));
  const asking = loop.awaitingConfirmation && loop.askAt !== null && now >= Date.parse(loop.askAt);
  let headline: string;
  if (loop.awaitingConfirmation) {
    headline = asking ? `Paused: Connected (C) or still engaged (2)? — attempt ${loop.attempts}, ${elapsed} elapsed` : `Attempt ${loop.attempts} dialled — ${elapsed} elapsed`;
  } else {
    const countdown = !loop.auto
      ? next !== null && next > 0
        ? `Redial in ${next} s — press Enter`
        : 'Redial now — press Enter'
      : next !== null && next > 0
        ? `Redialling in ${next} s`
        : 'Redialling…';
    headline = `${countdown} — attempt ${loop.attempts + 1}, ${elapsed} elapsed`;
  }
  return (
    <div className={`panel redial${asking ? ' redial-asking' : ''}`} role="status" aria-live="polite" aria-label="Redial loop">
      <div className="redial-top">
        <div className="redial-headline">{headline}</div>
        <div className="redial-actions">
          <button type="button" className="button primary" onClick={onConnected}>
            Connected <Kbd command="call.connected" />
          </button>
          <button type="button" className="button" onClick={onStop}>
            Stop <Kbd command="call.stopRedial" />
          </button>
        </div>
      </div>
      <div className="hint">
        {loop.awaitingConfirmation ? (
          <>
            Nothing is dialled until you say how this attempt went: <Kbd command="call.outcome.engaged" /> or <Kbd command="call.dial" /> still engaged (the next redial
            follows its countdown), <Kbd command="call.connected" /> connected.
          </>
        ) : (
          <>
            Engaged: <Kbd command="call.dial" /> redials now; the loop ends by itself in {left}, every attempt logged.
          </>
        )}
      </div>
    </div>
  );
}

/** How long after a loop ended by itself the call screen still says why. */
const ENDED_SHOWN_MS = 15 * 60_000;

/** A loop that ended by itself (its limit, the lead's hours, the do-not-call list) says why, for a
 *  while after: otherwise its panel just went, and the rep could not tell it from their own S. */
export function RedialEnded({ loop }: { loop: RedialLoop | null }) {
  const now = useCoreNow(60_000);
  if (!loop || loop.status === 'running' || loop.endReason === null || loop.endedAt === null || now - Date.parse(loop.endedAt) > ENDED_SHOWN_MS) return null;
  const after = formatDuration(Math.max(0, Date.parse(loop.endedAt) - Date.parse(loop.startedAt)));
  return (
    <p className="status status-info" role="status" aria-label="Redial loop ended">
      The redial loop ended after {loop.attempts} {loop.attempts === 1 ? 'attempt' : 'attempts'} ({after}): {loop.endReason}
    </p>
  );
}
