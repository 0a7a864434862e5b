import { useState } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';
import { settingLabel, typedNumber } from '../../../../shared/domain/settingsFields';
import { useUnsavedChanges } from '../../components/unsaved';


/** Power-dial mode: off by default; on, the next lead is dialled after a countdown. */
export function PowerDialForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [seconds, setSeconds] = useState(String(settings.powerDial.countdownSeconds));
  useUnsavedChanges('Power dial', seconds !== String(settings.powerDial.countdownSeconds));
  return (
    <form
      className="panel settings-form"
      aria-labelledby="power-dial-title"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ powerDial: { enabled: settings.powerDial.enabled, countdownSeconds: typedNumber(seconds) } });
      }}
    >
      <h2 id="power-dial-title">Power dial</h2>
      <label className="check">
        <input type="checkbox" name="powerDial.enabled" checked={settings.powerDial.enabled} onChange={(e) => update.mutate({ powerDial: { ...settings.powerDial, enabled: e.target.checked } })} /> {settingLabel('powerDial.enabled')}: after a
        disposition, dial the next lead by itself after a countdown (never outside its calling hours; Space pauses, Esc stops)
      </label>
      <label className="check">
        <input type="checkbox" name="tryMobileNext" checked={settings.tryMobileNext} onChange={(e) => update.mutate({ tryMobileNext: e.target.checked })} /> {settingLabel('tryMobileNext')}: after a no answer on a
        lead’s main number, the next dial offered is that lead’s mobile (only inside their calling hours)
      </label>
      <label className="field with-unit">
        <span>{settingLabel('powerDial.countdownSeconds')}</span>
        <span>
          <input
            name="powerDial.countdownSeconds"
            inputMode="numeric"
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
            onBlur={(e) => e.currentTarget.form?.requestSubmit()}
            aria-invalid={update.error?.fields['powerDial.countdownSeconds'] ? true : undefined}
          />{' '}
          seconds
        </span>
        {update.error?.fields['powerDial.countdownSeconds'] && (
          <span className="field-error" role="alert">
            {update.error.fields['powerDial.countdownSeconds']}
          </span>
        )}
      </label>
      {update.error && !update.error.fields['powerDial.countdownSeconds'] && (
        <p className="form-error" role="alert">
          Not saved: {update.error.message}
        </p>
      )}
    </form>
  );
}
