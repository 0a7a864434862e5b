// Team mode (#17) on the desk: join the team's PostgreSQL with the URL the administrator gave,
// then see whether the last sync reached it, what waits to be sent, the leads this desk holds and
// the calls the team kept without applying them; sync now, claim more, give back the ones not
// called. The minute's sync and the claim when the queue runs low happen in the core by themselves.
import { typedNumber } from '../../../../shared/domain/settingsFields';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Settings, TeamStatus } from '../../../../shared/ipc/contract';
import { outcomeLabel } from '../../../../shared/domain/dispositions';
import { ApiError } from '../../api/client';
import { useCoreMutation, useSettingsUpdate } from '../../api/mutations';
import { queries } from '../../api/queries';
import { useCoreNow } from '../../api/clock';
import { displayPhone, plural } from '../../components/format';
import { SaveRow, useSaveStatus } from '../../components/SaveRow';
import { TextField } from '../../components/TextField';
import { useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';

type Joined = Extract<TeamStatus, { joined: true }>;
type Claim = Joined['claims'][number];

const ROW_HEIGHT = 40;

const CONNECTION_LABEL: ReadonlyMap<Joined['connection'], [text: string, className: string]> = new Map([
  ['connected', ['Connected', 'badge badge-ok']],
  ['offline', ['Offline', 'badge badge-bad']],
  ['never', ['Not synced yet', 'badge']],
] as const);

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export function TeamScreen({ settings, onOpen }: { settings: Settings | undefined; onOpen: (contactId: number) => void }) {
  const status = useQuery(queries.teamStatus());
  return (
    <section className="team-screen" aria-labelledby="team-title">
      <h1 id="team-title">
        Team{' '}
        {status.data?.joined && (
          <span className={CONNECTION_LABEL.get(status.data.connection)![1]} data-testid="team-connection">
            {CONNECTION_LABEL.get(status.data.connection)![0]}
          </span>
        )}
      </h1>
      {status.error && (
        <p className="form-error" role="alert">
          Could not read the team status: {status.error.message}
        </p>
      )}
      {status.data && !status.data.joined && <JoinForm outbox={status.data.outbox} />}
      {status.data?.joined && <JoinedView status={status.data} settings={settings} onOpen={onOpen} />}
    </section>
  );
}

function JoinForm({ outbox }: { outbox: number }) {
  const join = useCoreMutation('team.join');
  const [url, setUrl] = useState('');
  const [rep, setRep] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const joined = await join.mutateAsync({ url, rep });
      setKept(joined.urlKept);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError({ code: 'internal', message: messageOf(failure) }));
    }
  }

  return (
    <form className="panel settings-form team-join" onSubmit={(e) => void submit(e)} aria-labelledby="team-join-title" noValidate>
      <h2 id="team-join-title">Join your team</h2>
      <p className="hint">
        Your administrator runs <code>team add-rep</code> and gives you a URL such as <code>postgres://rep:password@host:5432/team</code>. It holds your
        password: Dialdeck keeps it in the keychain, never in the settings.
      </p>
      <TextField name="team-url" label="Team URL" value={url} onValue={setUrl} autoComplete="off" spellCheck={false} error={error?.fields.url} />
      <TextField name="team-rep" label="Your name, as the team knows you" value={rep} onValue={setRep} autoComplete="off" error={error?.fields.rep} />
      {error && (
        <p className="form-error" role="alert">
          Not joined: {error.message}
        </p>
      )}
      {kept && (
        <p className="form-ok" role="status">
          Joined. The URL is kept in {kept}.
        </p>
      )}
      {outbox > 0 && <p className="hint">{outbox.toLocaleString()} changes wait to be sent.</p>}
      <div className="actions">
        <button type="submit" className="button primary" disabled={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join'}
        </button>
      </div>
    </form>
  );
}

function JoinedView({ status, settings, onOpen }: { status: Joined; settings: Settings | undefined; onOpen: (contactId: number) => void }) {
  const sync = useCoreMutation('team.sync');
  const claim = useCoreMutation('team.claim');
  const release = useCoreMutation('team.release');
  const [count, setCount] = useState(String(settings?.teamAutoClaim.batch ?? 50));
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const countRef = useRef<HTMLInputElement>(null);
  const now = useCoreNow(60_000);
  const busy = status.syncing || sync.isPending || claim.isPending || release.isPending;

  const itemAt = useCallback((i: number) => status.claims[i], [status.claims]);
  const idOf = useCallback((c: Claim) => c.leadId, []);
  const selection = useListSelection(status.claims.length, itemAt, idOf);

  async function run(work: () => Promise<string>) {
    try {
      setMessage({ text: await work(), ok: true });
    } catch (failure) {
      setMessage({ text: messageOf(failure), ok: false });
    }
  }
  const syncNow = () =>
    run(async () => {
      const r = await sync.mutateAsync({});
      const parts = [`sent ${plural(r.pushed, 'change')}`, `${plural(r.pulled.dnc, 'new do-not-call number')}`, `${plural(r.pulled.calls, 'call')} by others`];
      if (r.pulled.leasesLost > 0) parts.push(`${plural(r.pulled.leasesLost, 'lease')} lost`);
      if (r.conflicts > 0) parts.push(plural(r.conflicts, 'conflict'));
      return `Synced: ${parts.join(', ')}.`;
    });
  const claimNow = () =>
    run(async () => {
      const n = Number(count);
      if (count.trim() === '' || !Number.isInteger(n) || n < 1) throw new Error('Claim a whole number of leads, at least 1.');
      const r = await claim.mutateAsync({ count: n });
      return r.claimed === 0 ? 'The team pool has no lead left to claim.' : `Claimed ${r.claimed.toLocaleString()} leads: they are in your queue.`;
    });
  const releaseNow = () =>
    run(async () => {
      const r = await release.mutateAsync({});
      return r.released === 0 ? 'No lead to give back: every lead you hold has been called.' : `Gave back ${r.released.toLocaleString()} leads you had not called.`;
    });

  useCommands('screen', [
    { id: 'team.sync', keys: ['s'], label: 'Sync with the team now', group: 'Team', enabled: !busy, run: () => void syncNow() },
    { id: 'team.claim', keys: ['c'], label: 'Claim leads from the team pool (the count field)', group: 'Team', enabled: !busy, run: () => countRef.current?.focus() },
    { id: 'team.release', keys: ['r'], label: 'Give back the leads not called', group: 'Team', enabled: !busy && status.openClaims > 0, run: () => void releaseNow() },
  ]);

  return (
    <>
      <div className="panel team-status" aria-label="Team status">
        <dl className="team-facts">
          <dt>Rep</dt>
          <dd>
            {status.rep} <span className="hint">(desk #{status.deskId}, team login {status.role})</span>
          </dd>
          <dt>Last sync</dt>
          <dd data-testid="team-last-sync">{status.lastSyncAt ? yourTime(status.lastSyncAt, now) : 'never'}{status.syncing ? ' · syncing now…' : ''}</dd>
          <dt>Waiting to be sent</dt>
          <dd data-testid="team-outbox">{status.outbox === 0 ? 'nothing' : `${status.outbox.toLocaleString()} changes`}</dd>
          <dt>Leads held</dt>
          <dd data-testid="team-held">
            {status.claimed.toLocaleString()} ({status.openClaims.toLocaleString()} still to call) · leases of {status.leaseHours} hours, renewed by each sync
          </dd>
        </dl>
        {status.connection === 'offline' && status.lastSyncError && (
          <p className="form-error" role="alert">
            Offline: {status.lastSyncError} Nothing is lost: it syncs by itself every minute.
          </p>
        )}
        {status.refused.length > 0 && (
          <div className="form-error" role="alert" data-testid="team-refused">
            <p>
              {status.refused.length === 1 ? 'One change' : `${status.refused.length} changes`} the team database will not take (everything else was sent):
            </p>
            <ul>
              {status.refused.map((r, i) => (
                <li key={i}>
                  {r.what}
                  {r.at ? ` (${yourTime(r.at, now)})` : ''}: {r.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => void syncNow()}>
            Sync now <Kbd command="team.sync" />
          </button>
          <form
            className="team-claim"
            onSubmit={(e) => {
              e.preventDefault();
              void claimNow();
            }}
          >
            <label className="field inline">
              <span>
                Claim <Kbd command="team.claim" />
              </span>
              <input ref={countRef} name="team-claim-count" inputMode="numeric" size={5} value={count} onChange={(e) => setCount(e.target.value)} aria-label="How many leads to claim" />
            </label>
            <button type="submit" className="button" disabled={busy}>
              Claim leads
            </button>
          </form>
          <button type="button" className="button" disabled={busy || status.openClaims === 0} onClick={() => void releaseNow()}>
            Give back the ones not called <Kbd command="team.release" />
          </button>
        </div>
        {message && (
          <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </div>

      <h2>Conflicts</h2>
      {status.conflicts.length === 0 ? (
        <p className="hint">None: every call this desk sent moved its lead.</p>
      ) : (
        <table className="backups-table team-conflicts" aria-label="Conflicts">
          <thead>
            <tr>
              <th>Lead</th>
              <th>Call</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {status.conflicts.map((c) => (
              <tr key={c.callId}>
                <td>{c.name}</td>
                <td>
                  {yourTime(c.dialedAt, now)} · {outcomeLabel(c.outcome)}
                </td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Leads you hold</h2>
      {status.claims.length === 0 ? (
        <p className="hint">None yet: claim some from the team pool.</p>
      ) : (
        <VirtualListbox
          id="team-claims"
          label="Leads you hold"
          commands="team.claims"
          className="team-claims"
          count={status.claims.length}
          total={status.claimed}
          itemAt={itemAt}
          idOf={idOf}
          rowHeight={ROW_HEIGHT}
          selectedIndex={selection.index}
          onSelect={selection.select}
          onActivate={(c) => onOpen(c.contactId)}
          activateLabel="Open the lead's call screen"
          rowClassName={() => 'team-claim-row'}
          renderRow={(c) => (
            <>
              <span className="team-claim-name">{c.name}</span>
              <span className="team-claim-number">{c.e164 === null ? 'no number' : displayPhone(c.e164)}</span>
              <span className={c.open ? 'badge' : 'badge badge-ok'}>{c.open ? 'to call' : 'done'}</span>
              <span className="hint">lease until {yourTime(c.leaseUntil, now)}</span>
            </>
          )}
        />
      )}
      {settings && <AutoClaimForm settings={settings} />}
    </>
  );
}

/** The teamAutoClaim setting: claim `batch` more when fewer than `threshold` are left to call. */
function AutoClaimForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [enabled, setEnabled] = useState(settings.teamAutoClaim.enabled);
  const [threshold, setThreshold] = useState(String(settings.teamAutoClaim.threshold));
  const [batch, setBatch] = useState(String(settings.teamAutoClaim.batch));
  const status = useSaveStatus();

  async function save(event: FormEvent) {
    event.preventDefault();
    await status.run(() => update.mutateAsync({ teamAutoClaim: { enabled, threshold: typedNumber(threshold), batch: typedNumber(batch) } }));
  }

  return (
    <form className="panel settings-form team-auto-claim" onSubmit={(e) => void save(e)} aria-labelledby="team-auto-title" noValidate>
      <h2 id="team-auto-title">Claim more by itself</h2>
      <p className="hint">After each sync (every minute), when fewer leads than this are left to call, claim a batch from the team pool.</p>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => (setEnabled(e.target.checked), status.edited())} /> On
      </label>
      <TextField name="team-threshold" label="When fewer than this are left to call" inputMode="numeric" value={threshold} onValue={(v) => (setThreshold(v), status.edited())} error={status.error?.fields['teamAutoClaim.threshold']} />
      <TextField name="team-batch" label="Claim this many" inputMode="numeric" value={batch} onValue={(v) => (setBatch(v), status.edited())} error={status.error?.fields['teamAutoClaim.batch']} />
      <SaveRow status={status} label="Save" primary={false} />
    </form>
  );
}
