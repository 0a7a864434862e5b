import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { invoke, onEvent } from '../api/client';

// The core's clock, not the renderer's: call timers, the lead's local time and the redial
// countdown all read the same "now" the rules use (a fake one in test mode).
const NowContext = createContext<number>(Date.now());

export function NowProvider({ children }: { children: ReactNode }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let alive = true;
    const sync = () =>
      invoke('app.now', {}).then(
        (r) => alive && setNow(Date.parse(r.now)),
        () => undefined,
      );
    void sync();
    const timer = window.setInterval(() => void sync(), 1000);
    const offs = [onEvent('redial.changed', () => void sync()), onEvent('calls.changed', () => void sync())];
    return () => {
      alive = false;
      window.clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

export function useNow(): number {
  return useContext(NowContext);
}
