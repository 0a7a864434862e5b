// A form saved with one button: beside it "Saved." or, above it, "Not saved: " and why. "Saved."
// goes with the next edit, so it never speaks of a text that has changed since.
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export interface SaveStatus {
  /** The last refusal (its fields say which input, where the core named one). */
  error: ApiError | null;
  saved: boolean;
  /** Edited since the form was shown or last saved: leaving would drop it (settings/unsaved.tsx). */
  dirty: boolean;
  /** An edit since the last save. */
  edited(): void;
  /** Refused by the form's own check, before anything was sent. */
  refuse(message: string): void;
  /** Back as the form was first shown: no refusal, nothing saved (the rep undid the changes). */
  reset(): void;
  /** Save through `work`; what came of it is shown. */
  run(work: () => Promise<unknown>): Promise<void>;
}

export function useSaveStatus(): SaveStatus {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [dirty, setDirty] = useState(false);
  const failed = (failure: ApiError) => {
    setSaved(false);
    setError(failure);
  };
  return {
    error,
    saved,
    dirty,
    edited: () => {
      setSaved(false);
      setDirty(true);
    },
    refuse: (message) => failed(new ApiError({ code: 'invalid_request', message })),
    reset: () => {
      setError(null);
      setSaved(false);
      setDirty(false);
    },
    run: async (work) => {
      setSaved(false);
      try {
        await work();
        setError(null);
        setSaved(true);
        setDirty(false);
      } catch (failure) {
        failed(failure instanceof ApiError ? failure : new ApiError({ code: 'internal', message: failure instanceof Error ? failure.message : String(failure) }));
      }
    },
  };
}

/** The refusal, then the submit button and "Saved." beside it. */
export function SaveRow({ status, label, primary = true }: { status: SaveStatus; label: ReactNode; primary?: boolean }) {
  return (
    <>
      {status.error && (
        <p className="form-error" role="alert">
          Not saved: {status.error.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className={primary ? 'button primary' : 'button'}>
          {label}
        </button>
        {status.saved && (
          <span className="form-ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </>
  );
}
