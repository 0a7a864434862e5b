import type { RedialLoop } from '../../../../shared/ipc/contract';
import { formatDuration } from '../../../../shared/domain/duration';
import { Kbd } from '../../components/Kbd';

/** Engaged: "Redialling in 30 s — attempt 7, 3:20 elapsed", until connected, stopped or the limit. */
export function RedialPanel({ loop, now, onConnected, onStop }: { loop: RedialLoop; now: number; onConnected: () => void; onStop: () => void }) {
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
      <div className="redial-headline">
        {headline} — attempt {loop.attempts + 1}, {elapsed} elapsed
      </div>
      <div className="hint">
        The line was engaged. <Kbd>Enter</Kbd> redials now. The loop stops when you mark connected or pick another disposition, and ends by itself in {left}. Every attempt is in the log.
      </div>
      <div className="actions">
        <button type="button" className="button primary" onClick={onConnected}>
          Connected <Kbd>C</Kbd>
        </button>
        <button type="button" className="button" onClick={onStop}>
          Stop redialling <Kbd>S</Kbd>
        </button>
      </div>
    </div>
  );
}
