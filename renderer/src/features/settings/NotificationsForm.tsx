import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { useSettingsUpdate } from '../../api/mutations';

/** Do-not-disturb and quiet hours (the rep's own clock). Due items still show in the strip. */
export function NotificationsForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [dnd, setDnd] = useState(settings.notifications.doNotDisturb);
  const [quiet, setQuiet] = useState(settings.notifications.quietFrom !== null);
  const [from, setFrom] = useState(settings.notifications.quietFrom ?? '18:00');
  const [until, setUntil] = useState(settings.notifications.quietUntil ?? '08:00');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await update.mutateAsync({
        notifications: { doNotDisturb: dnd, quietFrom: quiet ? from : null, quietUntil: quiet ? until : null },
      });
      setError(null);
      setSaved(true);
    } catch (e) {
      setSaved(false);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} aria-labelledby="notifications-title" noValidate>
      <h2 id="notifications-title">Notifications</h2>
      <label className="check">
        <input type="checkbox" checked={dnd} onChange={(e) => (setDnd(e.target.checked), setSaved(false))} /> Do not disturb: no notifications (the “due now” strip still shows what is due)
      </label>
      <label className="check">
        <input type="checkbox" checked={quiet} onChange={(e) => (setQuiet(e.target.checked), setSaved(false))} /> Quiet hours on my clock
      </label>
      {quiet && (
        <div className="vm-window">
          <input type="time" aria-label="Quiet from" value={from} onChange={(e) => setFrom(e.target.value)} /> –
          <input type="time" aria-label="Quiet until" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          Not saved: {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary">
          Save notifications
        </button>
        {saved && (
          <span className="form-ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
