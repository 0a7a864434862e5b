import { useCallback, useEffect, useState } from 'react';

/** Load data for a screen, with reload; errors are kept to show, never thrown into React. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    run().then(
      (value) => {
        setData(value);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
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
