import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';
import { useUnsavedChanges } from '../../components/unsaved';
import { SaveRow, useSaveStatus } from '../../components/SaveRow';
import { settingLabel } from '../../../../shared/domain/settingsFields';


/** Do-not-disturb and quiet hours (the rep's own clock). Due items still show in the strip. */
export function NotificationsForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [dnd, setDnd] = useState(settings.notifications.doNotDisturb);
  const [quiet, setQuiet] = useState(settings.notifications.quietFrom !== null);
  const [from, setFrom] = useState(settings.notifications.quietFrom ?? '18:00');
  const [until, setUntil] = useState(settings.notifications.quietUntil ?? '08:00');
  const status = useSaveStatus();
  useUnsavedChanges('Notifications', status.dirty);

  async function save(event: FormEvent) {
    event.preventDefault();
    await status.run(() => update.mutateAsync({ notifications: { doNotDisturb: dnd, quietFrom: quiet ? from : null, quietUntil: quiet ? until : null } }));
  }

  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} aria-labelledby="notifications-title" noValidate>
      <h2 id="notifications-title">Notifications</h2>
      <label className="check">
        <input type="checkbox" name="notifications.doNotDisturb" checked={dnd} onChange={(e) => (setDnd(e.target.checked), status.edited())} /> {settingLabel('notifications.doNotDisturb')}: no notifications (the “due now” strip still shows what is due)
      </label>
      <label className="check">
        <input type="checkbox" checked={quiet} onChange={(e) => (setQuiet(e.target.checked), status.edited())} /> Quiet hours on my clock
      </label>
      {quiet && (
        <div className="vm-window">
          <input type="time" name="notifications.quietFrom" aria-label={settingLabel('notifications.quietFrom')} value={from} onChange={(e) => (setFrom(e.target.value), status.edited())} aria-invalid={status.error?.fields['notifications.quietFrom'] ? true : undefined} /> –
          <input type="time" name="notifications.quietUntil" aria-label={settingLabel('notifications.quietUntil')} value={until} onChange={(e) => (setUntil(e.target.value), status.edited())} aria-invalid={status.error?.fields['notifications.quietUntil'] ? true : undefined} />
          {(['notifications.quietFrom', 'notifications.quietUntil'] as const).map(
            (name) =>
              status.error?.fields[name] && (
                <span key={name} className="field-error" role="alert">
                  {status.error.fields[name]}
                </span>
              ),
          )}
        </div>
      )}
      <SaveRow status={status} label="Save notifications" />
    </form>
  );
}
