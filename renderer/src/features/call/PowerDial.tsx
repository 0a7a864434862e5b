import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import { coreNow, useCoreNow } from '../../api/clock';
import { Kbd, useKeyRegistry } from '../../keys/keymap';

/** The countdown's state: what is left, since when it has been running (null: paused), and who
 *  paused it (a dialog opening pauses it, and its closing resumes it; only Space undoes Space). */
interface Countdown {
  leftMs: number;
  since: number | null;
  pausedBy: 'rep' | 'dialog' | null;
}

function pause(c: Countdown, by: 'rep' | 'dialog'): Countdown {
  return c.since === null ? c : { leftMs: c.leftMs - (coreNow() - c.since), since: null, pausedBy: by };
}

function resume(c: Countdown): Countdown {
  return c.since !== null ? c : { leftMs: c.leftMs, since: coreNow(), pausedBy: null };
}

/** Power dialling: after a disposition the next lead is dialled once the countdown has run out,
 *  on the core's clock. Space pauses and resumes; a dialog (a detail form, Ctrl+K, the key list)
 *  pauses it while open. `armed` false: nothing counts and nothing is dialled. */
export function usePowerDial(armed: boolean, seconds: number, onDial: () => void) {
  const registry = useKeyRegistry();
  const [countdown, setCountdown] = useState<Countdown>(() => ({ leftMs: seconds * 1000, since: coreNow(), pausedBy: null }));
  const dialogOpen = useSyncExternalStore(registry.subscribe, () => registry.topModal() !== null);
  // A dialog opening or closing, told by the keymap (not an effect of rendering).
  useEffect(
    () =>
      registry.subscribe(() => {
        const open = registry.topModal() !== null;
        setCountdown((c) => (open ? pause(c, 'dialog') : c.pausedBy === 'dialog' ? resume(c) : c));
      }),
    [registry],
  );
  const now = useCoreNow();
  const running = armed && countdown.since !== null && !dialogOpen;
  const leftMs = countdown.since === null ? countdown.leftMs : countdown.leftMs - (now - countdown.since);
  // Once, when the countdown runs out: the dial is the call screen's own (Enter's), with its
  // checks; the call it places disarms the countdown.
  const dial = useEffectEvent(() => onDial());
  const due = running && leftMs <= 0;
  useEffect(() => {
    if (due) dial();
  }, [due]);
  return {
    leftSeconds: Math.max(0, Math.ceil(leftMs / 1000)),
    paused: countdown.since === null || dialogOpen,
    togglePause: () => setCountdown((c) => (c.since === null ? resume(c) : pause(c, 'rep'))),
  };
}

/** "Dialling Ben Okafor in 3 s — Space pauses, Esc stops". */
export function PowerDialPanel({ name, leftSeconds, paused }: { name: string; leftSeconds: number; paused: boolean }) {
  return (
    <div className="panel power-dial" role="status" aria-live="polite" aria-label="Power dial">
      <div className="power-dial-headline">{paused ? `Power dial paused: ${name} in ${leftSeconds} s` : `Dialling ${name} in ${leftSeconds} s`}</div>
      <div className="hint">
        <Kbd command="call.powerPause" /> {paused ? 'resumes' : 'pauses'} · <Kbd command="call.back" /> stops power dialling for this lead · <Kbd command="call.dial" /> dials now
      </div>
    </div>
  );
}
