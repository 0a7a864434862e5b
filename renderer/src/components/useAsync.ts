import { useCallback, useEffect, useRef, useState } from 'react';

/** Load data for a screen, with reload; errors are kept to show, never thrown into React. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(load, deps);
  // Only the newest load may land: an older answer arriving late must not overwrite a newer one.
  const latestLoad = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latestLoad.current;
    run().then(
      (value) => {
        if (ticket !== latestLoad.current) return;
        setData(value);
        setError(null);
      },
      (e: unknown) => {
        if (ticket === latestLoad.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** True when a key press is typing into a field, so screen shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
