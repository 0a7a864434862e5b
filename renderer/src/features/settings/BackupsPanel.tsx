import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { BackupReason } from '../../../../shared/domain/backups';
import type { Settings } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { useCoreMutation, useSettingsUpdate } from '../../api/mutations';
import { queries } from '../../api/queries';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';
import { settingLabel, typedNumber } from '../../../../shared/domain/settingsFields';

const REASONS: Record<BackupReason, string> = { start: 'at start', daily: 'daily', manual: 'by hand', 'before-migration': 'before a migration', 'before-restore': 'before a restore' };

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

/** The backups beside the call log, newest first; "Back up now"; how many are kept. */
export function BackupsPanel({ settings }: { settings: Settings }) {
  const list = useQuery(queries.backups());
  const create = useCoreMutation('backups.create', { onReply: (client) => void client.invalidateQueries({ queryKey: queries.backups().queryKey }) });
  const update = useSettingsUpdate();
  const [kept, setKept] = useState(String(settings.backupsKept));
  const [keptError, setKeptError] = useState<string | null>(null);
  const [keptSaved, setKeptSaved] = useState(false);

  useCommands('screen', [{ id: 'settings.backupNow', keys: ['b'], label: 'Back up now', group: 'Settings', enabled: !create.isPending, run: () => create.mutate({}) }]);

  async function saveKept(event: FormEvent) {
    event.preventDefault();
    try {
      await update.mutateAsync({ backupsKept: typedNumber(kept) });
      setKeptError(null);
      setKeptSaved(true);
    } catch (e) {
      setKeptSaved(false);
      setKeptError(e instanceof ApiError ? (e.fields.backupsKept ?? e.message) : String(e));
    }
  }

  return (
    <section className="panel backups-panel" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      {list.data && (
        <p className="hint">
          In <code>{list.data.folder}</code>
          {list.data.nextAt && <> · next by itself {yourTime(list.data.nextAt)}</>}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button primary" disabled={create.isPending} onClick={() => create.mutate({})}>
          {create.isPending ? 'Backing up…' : 'Back up now'} <Kbd command="settings.backupNow" />
        </button>
        {create.data && (
          <span className="form-ok" role="status">
            Backed up: {create.data.name}
          </span>
        )}
      </div>
      {create.error && (
        <p className="form-error" role="alert">
          Not backed up: {create.error.message}
        </p>
      )}
      <form className="keep-form" onSubmit={(e) => void saveKept(e)} noValidate>
        <label className="keep-field">
          <span>Keep the newest</span>
          <input name="backupsKept" inputMode="numeric" value={kept} onChange={(e) => (setKept(e.target.value), setKeptSaved(false))} aria-invalid={keptError ? true : undefined} aria-label={settingLabel('backupsKept')} />
          <span>backups</span>
        </label>
        <button type="submit" className="button">
          Save
        </button>
        {keptSaved && (
          <span className="form-ok" role="status">
            Saved.
          </span>
        )}
        {keptError && (
          <span className="field-error" role="alert">
            {keptError}
          </span>
        )}
      </form>
      {list.error && (
        <p className="form-error" role="alert">
          Could not list the backups: {list.error.message}
        </p>
      )}
      {list.data &&
        (list.data.backups.length === 0 ? (
          <p className="hint">No backup yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="backups-table" aria-label="Backups">
              <thead>
                <tr>
                  <th scope="col">Taken</th>
                  <th scope="col">Why</th>
                  <th scope="col">Size</th>
                  <th scope="col">Schema</th>
                  <th scope="col">Calls</th>
                </tr>
              </thead>
              <tbody>
                {list.data.backups.map((backup) => (
                  <tr key={backup.file} title={backup.name}>
                    <td>{yourTime(backup.createdAt)}</td>
                    <td>{REASONS[backup.reason]}</td>
                    <td className="numeric">{size(backup.bytes)}</td>
                    <td className="numeric">{backup.schemaVersion ?? '—'}</td>
                    <td className="numeric">{backup.problem ? <span className="field-error">{backup.problem}</span> : (backup.calls ?? 0).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
