import { useEffect, useState } from 'react';
import { formatDuration } from '../../../../shared/domain/duration';

/** Ticks once a second from the moment of dialling. */
export function CallTimer({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span className="call-timer" role="timer" aria-label="Call time">
      {formatDuration(now - new Date(since).getTime())}
    </span>
  );
}
