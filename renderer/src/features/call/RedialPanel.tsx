import type { RedialLoop } from '../../../../shared/ipc/contract';
import { formatDuration } from '../../../../shared/domain/duration';
import { useCoreNow } from '../../api/clock';
import { Kbd } from '../../keys/keymap';

/** Engaged: "Redialling in 30 s — attempt 7, 3:20 elapsed", until connected, stopped or the
 *  limit. One elapsed time, the loop's (the call timer is hidden while the loop runs). */
export function RedialPanel({ loop, onConnected, onStop }: { loop: RedialLoop; onConnected: () => void; onStop: () => void }) {
  const now = useCoreNow();
  const elapsed = formatDuration(Math.max(0, now - Date.parse(loop.startedAt)));
  const left = formatDuration(Math.max(0, Date.parse(loop.endsAt) - now));
  const next = loop.nextDialAt === null ? null : Math.max(0, Math.ceil((Date.parse(loop.nextDialAt) - now) / 1000));
  const headline = !loop.auto
    ? next !== null && next > 0
      ? `Redial in ${next} s — press Enter`
      : 'Redial now — press Enter'
    : next !== null && next > 0
      ? `Redialling in ${next} s`
      : 'Redialling…';
  return (
    <div className="panel redial" role="status" aria-live="polite" aria-label="Redial loop">
      <div className="redial-top">
        <div className="redial-headline">
          {headline} — attempt {loop.attempts + 1}, {elapsed} elapsed
        </div>
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
        Engaged: <Kbd command="call.dial" /> redials now; the loop ends by itself in {left}, every attempt logged.
      </div>
    </div>
  );
}
