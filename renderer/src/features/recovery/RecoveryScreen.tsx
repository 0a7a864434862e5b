import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { RecoveryStatus, ResponseOf } from '../../../../shared/ipc/contract';
import { invoke, type ApiError } from '../../api/client';
import { channelQuery, progressKey, useProgress } from '../../api/queries';
import { plural } from '../../components/format';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { KeyHints, Kbd, useCommands } from '../../keys/keymap';
import type { Command } from '../../keys/registry';

type Damaged = Extract<RecoveryStatus, { state: 'damaged' }>;

/** How long to wait between asks while the app starts on the restored file. */
const STARTED_POLL_MS = 250;

/** Before anything else: a damaged call log shows only the recovery screen; a file that opened
 *  (or a core that cannot say) shows the app. */
export function RecoveryGate({ children }: { children: React.ReactNode }) {
  const status = useQuery(channelQuery('recovery.status', {}));
  if (status.isPending) return <p className="hint recovery-wait">Opening the call log…</p>;
  if (status.data?.state === 'damaged') return <RecoveryScreen status={status.data} />;
  return <>{children}</>;
}

function lossText(status: Damaged): string {
  const after = status.callsAfterBackup;
  if (after === null) return 'The calls logged after it cannot be counted: the damaged file cannot be read.';
  if (after.count === 0) return after.complete ? 'No call logged after it would be lost.' : 'No call logged after it could be read; part of the file cannot be read, so there may be some.';
  const calls = plural(after.count, 'call');
  return after.complete ? `${calls} logged after it would be lost.` : `${calls}, and perhaps more, logged after it would be lost: part of the file cannot be read.`;
}

/** "The call log file is damaged": restore the latest good backup, save what can still be read, or
 *  quit. Nothing here changes the damaged file. */
export function RecoveryScreen({ status }: { status: Damaged }) {
  const backup = status.latestBackup;
  const [phase, setPhase] = useState<'choose' | 'starting' | 'quit'>('choose');
  const progress = useProgress<{ table: string; rows: number }>(progressKey.recovery());
  const restore = useMutation<ResponseOf<'recovery.restore'>, ApiError, void>({
    mutationFn: () => invoke('recovery.restore', backup ? { name: backup.name } : {}),
    onSuccess: () => {
      setPhase('starting');
      // The app starts on the restored file after this answer: the page loads afresh once it has.
      const poll = () =>
        invoke('recovery.status', {}).then(
          (next) => (next.state === 'ok' ? window.location.reload() : window.setTimeout(poll, STARTED_POLL_MS)),
          () => window.setTimeout(poll, STARTED_POLL_MS),
        );
      window.setTimeout(poll, STARTED_POLL_MS);
    },
  });
  const salvage = useMutation<ResponseOf<'recovery.saveReadable'>, ApiError, void>({ mutationFn: () => invoke('recovery.saveReadable', {}) });
  const quit = useMutation<ResponseOf<'recovery.quit'>, ApiError, void>({ mutationFn: () => invoke('recovery.quit', {}), onSuccess: () => setPhase('quit') });
  const busy = restore.isPending || salvage.isPending || quit.isPending || phase !== 'choose';

  const commands: Command[] = [
    { id: 'recovery.restore', keys: ['r'], label: 'Restore the latest good backup', group: 'Recovery', enabled: backup !== null && !busy, run: () => restore.mutate() },
    { id: 'recovery.save', keys: ['s'], label: 'Save what can still be read', group: 'Recovery', enabled: status.canSaveReadable && !busy, run: () => salvage.mutate() },
    { id: 'recovery.quit', keys: ['q'], label: 'Quit Dialdeck', group: 'Recovery', enabled: !busy, run: () => quit.mutate() },
  ];
  useCommands('screen', commands);

  if (phase === 'quit') {
    return (
      <main className="recovery-screen">
        <section className="panel recovery-panel" aria-labelledby="recovery-title">
          <h1 id="recovery-title">Dialdeck has closed</h1>
          <p>The damaged file was left as it is. You can close this window.</p>
        </section>
      </main>
    );
  }

  return (
    <main className="recovery-screen">
      <section className="panel recovery-panel" aria-labelledby="recovery-title">
        <h1 id="recovery-title">The call log file is damaged</h1>
        <p>{status.message}</p>
        <p className="hint">
          File: <code>{status.file}</code>
          {status.keptAs && (
            <>
              {' '}
              · kept as <code>{status.keptAs}</code>
            </>
          )}
        </p>

        <section className="recovery-choice" aria-labelledby="recovery-restore-title">
          <h2 id="recovery-restore-title">Restore the latest good backup</h2>
          {backup ? (
            <>
              <p>
                Backup taken <strong>{yourTime(backup.createdAt)}</strong>, holding {plural(backup.calls ?? 0, 'call')} <span className="hint">({backup.name})</span>.
              </p>
              <p className="recovery-loss">{lossText(status)}</p>
              <p className="hint">The damaged file is kept aside whole; Dialdeck then starts on the backup.</p>
            </>
          ) : (
            <p>There is no good backup to restore.</p>
          )}
          <div className="actions">
            <button type="button" className="button primary" disabled={!backup || busy} onClick={() => restore.mutate()}>
              Restore this backup <Kbd command="recovery.restore" />
            </button>
          </div>
          {restore.error && (
            <p className="form-error" role="alert">
              Not restored: {restore.error.message}
            </p>
          )}
          {restore.data && (
            <p className="form-ok" role="status">
              Restored from {restore.data.restoredFrom} ({plural(restore.data.calls, 'call')}).
              {restore.data.damagedKeptAs && ` The damaged file is kept as ${restore.data.damagedKeptAs}.`} Starting Dialdeck…
            </p>
          )}
        </section>

        <section className="recovery-choice" aria-labelledby="recovery-save-title">
          <h2 id="recovery-save-title">Save what can still be read</h2>
          <p className="hint">Every readable row of every table, to CSV files and a fresh database, in a new folder beside the call log. The damaged file is not changed.</p>
          <div className="actions">
            <button type="button" className="button" disabled={!status.canSaveReadable || busy} onClick={() => salvage.mutate()}>
              Save what can be read <Kbd command="recovery.save" />
            </button>
            {!status.canSaveReadable && <span className="hint">The damaged file is no longer there to be read.</span>}
          </div>
          {salvage.isPending && (
            <div className="recovery-progress">
              <progress aria-label="Saving what can be read" />
              <span className="hint" role="status">
                {progress.data ? `Reading ${progress.data.table}: ${progress.data.rows.toLocaleString()} rows so far` : 'Reading…'}
              </span>
            </div>
          )}
          {salvage.error && (
            <p className="form-error" role="alert">
              Not saved: {salvage.error.message}
            </p>
          )}
          {salvage.data && (
            <div role="status" aria-label="What was saved">
              <p className="form-ok">
                Saved in <code>{salvage.data.folder}</code>
                {salvage.data.database && (
                  <>
                    {' '}
                    (database <code>{salvage.data.database}</code>)
                  </>
                )}
              </p>
              {salvage.data.problem && <p className="form-error">{salvage.data.problem}</p>}
              <ul className="recovery-tables">
                {salvage.data.tables.map((table) => (
                  <li key={table.name}>
                    {table.name}: {plural(table.rows, 'row')}
                    {table.notStored > 0 && `, ${table.notStored} not stored in the database`}
                    {table.unreadable.length > 0 && <span className="hint"> · could not read {table.unreadable.join(', ')}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <section className="recovery-choice" aria-labelledby="recovery-quit-title">
          <h2 id="recovery-quit-title">Quit</h2>
          <p className="hint">Close Dialdeck and leave the file as it is.</p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => quit.mutate()}>
              Quit <Kbd command="recovery.quit" />
            </button>
          </div>
          {quit.error && (
            <p className="form-error" role="alert">
              {quit.error.message}
            </p>
          )}
        </section>
        <KeyHints
          hints={[
            ['recovery.restore', 'restore'],
            ['recovery.save', 'save what can be read'],
            ['recovery.quit', 'quit'],
          ]}
        />
      </section>
    </main>
  );
}
