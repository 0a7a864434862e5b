import { useEffect, useState } from 'react';
import { Kbd } from '../../keys/keymap';

const TARGET_S = 20;
const WARN_S = 15;

/** Voicemail mode: a stopwatch from the moment it opens, with a 20-second target (amber at 15 s,
 *  red at 20 s). It measures the rep speaking, so it runs on the wall clock of this screen. */
export function VoicemailStopwatch({ firstName }: { firstName: string }) {
  const [started] = useState(() => performance.now());
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setElapsed((performance.now() - started) / 1000), 100);
    return () => window.clearInterval(timer);
  }, [started]);
  const seconds = Math.floor(elapsed);
  const level = elapsed >= TARGET_S ? 'over' : elapsed >= WARN_S ? 'warn' : 'ok';
  return (
    <div className={`panel voicemail voicemail-${level}`} role="timer" aria-label="Voicemail stopwatch" data-state={level}>
      <div className="voicemail-time">
        0:{String(seconds).padStart(2, '0')} <span className="voicemail-target">/ 0:{TARGET_S}</span>
      </div>
      <div className="voicemail-bar" aria-hidden="true">
        <div style={{ width: `${Math.min(100, (elapsed / TARGET_S) * 100)}%` }} />
      </div>
      <div className="hint">
        {level === 'over' ? 'Over 20 seconds: wrap up with your number, twice.' : level === 'warn' ? 'Five seconds left: say your number again and close.' : `Keep it under 20 s: ${firstName || 'their name'} twice, your number twice.`}{' '}
        <Kbd command="call.outcome.voicemail_left" /> logs the voicemail · <Kbd command="call.voicemail" /> closes
      </div>
    </div>
  );
}
