import { useRef, useState } from 'react';
import { coreNow } from '../../api/clock';
import { Dialog } from '../../components/Dialog';
import { instantFromLocal, localInputValue, myZone, wallClock } from '../../../../shared/domain/timeFormat';
import { SNOOZE_TOMORROW_AT } from '../../../../shared/domain/queueRules';
import { Kbd } from '../../keys/keymap';

type Snooze = { preset: 'hour' | 'tomorrow' } | { until: string };

/** Z: for an hour, until tomorrow morning (SNOOZE_TOMORROW_AT; the core decides when that is, on the rep's clock), or
 *  until a time the rep types on their own clock. */
export function SnoozeDialog({ name, onSnooze, onClose }: { name: string; onSnooze: (snooze: Snooze) => void; onClose: () => void }) {
  const untilRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(() => localInputValue(coreNow() + 2 * 3_600_000, myZone()));
  const [error, setError] = useState<string | null>(null);

  function submitUntil() {
    const iso = instantFromLocal(value, myZone());
    if (!iso) return setError('Enter a date and a time');
    if (Date.parse(iso) <= coreNow()) return setError('Choose a time after now');
    setError(null);
    onSnooze({ until: iso });
  }

  return (
    <Dialog
      name="snooze"
      label="Snooze"
      onClose={onClose}
      closeLabel="Cancel"
      className="snooze-dialog"
      commands={[
        { id: 'snooze.hour', keys: ['1'], label: 'For 1 hour', run: () => onSnooze({ preset: 'hour' }) },
        { id: 'snooze.tomorrow', keys: ['2'], label: `Until tomorrow ${wallClock(SNOOZE_TOMORROW_AT)}`, run: () => onSnooze({ preset: 'tomorrow' }) },
        { id: 'snooze.until', keys: ['3'], label: 'Until a time you choose', run: () => untilRef.current?.focus() },
      ]}
    >
      <h2>Snooze {name}</h2>
      <div className="snooze-choices">
        <button type="button" className="button" onClick={() => onSnooze({ preset: 'hour' })}>
          <Kbd command="snooze.hour" /> For 1 hour
        </button>
        <button type="button" className="button" onClick={() => onSnooze({ preset: 'tomorrow' })}>
          <Kbd command="snooze.tomorrow" /> Until tomorrow {wallClock(SNOOZE_TOMORROW_AT)} (your time)
        </button>
        <label className="field snooze-until">
          <span>
            <Kbd command="snooze.until" /> Until (your time)
          </span>
          <input
            ref={untilRef}
            type="datetime-local"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submitUntil();
              }
            }}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </label>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel <Kbd command="snooze.close" />
        </button>
      </div>
    </Dialog>
  );
}
