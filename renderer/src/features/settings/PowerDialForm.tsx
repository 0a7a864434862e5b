import { useState } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';

/** Power-dial mode: off by default; on, the next lead is dialled after a countdown. */
export function PowerDialForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [seconds, setSeconds] = useState(String(settings.powerDial.countdownSeconds));
  return (
    <form
      className="panel settings-form"
      aria-labelledby="power-dial-title"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ powerDial: { enabled: settings.powerDial.enabled, countdownSeconds: Number(seconds) } });
      }}
    >
      <h2 id="power-dial-title">Power dial</h2>
      <label className="check">
        <input type="checkbox" checked={settings.powerDial.enabled} onChange={(e) => update.mutate({ powerDial: { ...settings.powerDial, enabled: e.target.checked } })} /> After a disposition, dial the next lead by
        itself after a countdown (never outside its calling hours; Space pauses, Esc stops)
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.tryMobileNext} onChange={(e) => update.mutate({ tryMobileNext: e.target.checked })} /> Try the mobile next: after a no answer on a
        lead’s main number, the next dial offered is that lead’s mobile (only inside their calling hours)
      </label>
      <label className="field with-unit">
        <span>Countdown</span>
        <span>
          <input type="number" min={1} max={30} value={seconds} onChange={(e) => setSeconds(e.target.value)} onBlur={(e) => e.currentTarget.form?.requestSubmit()} /> seconds
        </span>
      </label>
      {update.error && (
        <p className="form-error" role="alert">
          Not saved: {update.error.message}
        </p>
      )}
    </form>
  );
}
