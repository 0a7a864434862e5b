import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotNowEntry, QueueEntry } from '../../../../shared/ipc/contract';
import { useCoreNow } from '../../api/clock';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { useQueueFilter } from '../../api/queueFilter';
import { contactName } from '../../components/format';
import { CampaignSelect, ImportSelect, KindSelect, TagSelect, ZoneSelect } from '../../components/LeadFilterSelects';
import { leadTime, timeIn, wallClock, yourTime } from '../../../../shared/domain/timeFormat';
import { SNOOZE_TOMORROW_AT } from '../../../../shared/domain/queueRules';
import { useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { KeyHints, Kbd, useCommands } from '../../keys/keymap';
import { StalledLeads } from '../follow/StalledLeads';
import type { Command } from '../../keys/registry';
import { AddContactDialog } from './AddContactDialog';
import { SnoozeDialog } from './SnoozeDialog';

const TIER_LABEL: Record<QueueEntry['tier'], string> = {
  callback: 'Callback',
  inbound: 'Inbound',
  voicemail: 'Voicemail window',
  retry: 'Retry',
  fresh: 'New',
};

const WHY_LABEL: Record<NotNowEntry['code'], string> = {
  offered: 'offered',
  dnc: 'do not call',
  dud: 'dud',
  closed: 'taken out',
  no_zone: 'no zone',
  hidden: 'snoozed',
  cap: 'day’s cap',
  gap: 'too soon',
  not_due: 'not due',
  outside_hours: 'outside hours',
};

const ROW_HEIGHT = 50;
type Row = QueueEntry | NotNowEntry;
type Status = { kind: 'ok' | 'error'; text: string } | null;
type QueueAction = 'pin' | 'unpin' | 'snooze' | 'skip' | 'remove' | 'restore';

const rowId = (row: Row) => row.contact.id;
const isQueued = (row: Row): row is QueueEntry => 'tier' in row;
/** The zone a row's times are read in: the queue says; a waiting lead's first candidate zone. */
const zoneOf = (row: Row) => (isQueued(row) ? row.zone : (row.contact.timeZones[0] ?? ''));

export function QueueScreen({ flash, onOpen, onInbound }: { flash: string | null; onOpen: (contactId: number) => void; onInbound?: (contactId: number) => void }) {
  const [filters, setFilters] = useQueueFilter();
  const [view, setView] = useState<'queue' | 'notNow'>('queue');
  const queue = useQuery(queries.queue(filters));
  const notNow = useQuery({ ...queries.notNow(filters), enabled: view === 'notNow' });
  const [dialog, setDialog] = useState<'snooze' | 'add' | null>(null);
  const [status, setStatus] = useState<Status>(flash ? { kind: 'ok', text: flash } : null);
  const filterRef = useRef<HTMLSelectElement>(null);
  const act = useCoreMutation('queue.act');

  const shown = view === 'queue' ? queue.data?.entries : notNow.data;
  const rows: readonly Row[] = useMemo(() => shown ?? [], [shown]);
  const itemAt = useCallback((i: number) => rows[i], [rows]);
  const selection = useListSelection(rows.length, itemAt, rowId, view);
  const current = selection.item;

  // The lead the selection rests on is fetched ahead, so Enter opens its call screen at once.
  const client = useQueryClient();
  const restingOn = current?.contact.id;
  useEffect(() => {
    if (restingOn === undefined) return;
    const timer = window.setTimeout(() => {
      void client.prefetchQuery(queries.contact(restingOn));
      void client.prefetchQuery(queries.scriptForCall(restingOn, false, null));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [client, restingOn]);

  async function run(action: QueueAction, snooze: { preset?: 'hour' | 'tomorrow'; until?: string } = {}) {
    if (!current) return;
    try {
      const result = await act.mutateAsync({ contactId: current.contact.id, action, ...snooze });
      setStatus({ kind: 'ok', text: `${contactName(current.contact)}: ${result.message}` });
      setDialog(null);
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  // R brings back what was taken out of the queue (removed, or closed by an outcome), as the
  // button does; a snoozed, do-not-call or dud lead is not restored, and the rep is told why.
  function restore(entry: NotNowEntry) {
    if (entry.code === 'closed') return void run('restore');
    setStatus({ kind: 'error', text: `${contactName(entry.contact)}: ${entry.reason}. R restores a lead that was taken out of the queue.` });
  }

  const toggleView = () => setView((v) => (v === 'queue' ? 'notNow' : 'queue'));
  const entry = current && isQueued(current) ? current : undefined;
  const waiting = current && !isQueued(current) ? current : undefined;
  const commands: Command[] = [
    { id: 'queue.add', keys: ['a'], label: 'Add a contact', group: 'Queue', run: () => setDialog('add') },
    { id: 'queue.filter', keys: ['f'], label: 'Filter by campaign (Tab: tag, import, kind, zone)', group: 'Queue', run: () => filterRef.current?.focus() },
    { id: 'queue.view', keys: ['v'], label: view === 'queue' ? 'Leads not callable now, and why' : 'Back to the queue', group: 'Queue', run: toggleView },
    // The prospect who rings in: their call screen, ready to log the call they made.
    { id: 'queue.inbound', keys: ['i'], label: 'Log a call the selected lead made (inbound)', group: 'Queue', enabled: current !== undefined && onInbound !== undefined, run: () => (current && onInbound ? onInbound(current.contact.id) : false) },
    // The view's own keys: the queue's actions, or restoring from the not-callable view.
    ...(view === 'queue'
      ? [
          { id: 'queue.pin', keys: ['p'], label: 'Pin to the top, or unpin', group: 'Queue', enabled: entry !== undefined, run: () => void run(entry?.pinned ? 'unpin' : 'pin') },
          { id: 'queue.snooze', keys: ['z'], label: `Snooze: an hour, tomorrow ${wallClock(SNOOZE_TOMORROW_AT)} or a time`, group: 'Queue', enabled: entry !== undefined, run: () => setDialog('snooze') },
          { id: 'queue.skip', keys: ['s'], label: 'Skip for now', group: 'Queue', enabled: entry !== undefined, run: () => void run('skip') },
          { id: 'queue.remove', keys: ['x'], label: 'Remove from the queue', group: 'Queue', enabled: entry !== undefined, run: () => void run('remove') },
        ]
      : [{ id: 'queue.restore', keys: ['r'], label: 'Restore a lead taken out of the queue', group: 'Queue', enabled: waiting !== undefined, run: () => waiting && restore(waiting) }]),
  ];
  useCommands('screen', commands);

  const error = queue.error ?? notNow.error;
  const loaded = view === 'queue' ? queue.data !== undefined : notNow.data !== undefined;
  return (
    <div className="queue-screen">
      <div className="screen-head">
        <h1 id="queue-title">
          {view === 'queue' ? 'Queue' : 'Not callable now'}{' '}
          <span className="count">{view === 'queue' ? `${queue.data?.entries.length ?? 0} offered now · ${queue.data?.queued ?? 0} in the queue` : `${notNow.data?.length ?? 0} waiting`}</span>
        </h1>
        <div className="head-actions">
          <button type="button" className="button" onClick={toggleView}>
            {view === 'queue' ? 'Not callable now' : 'Back to the queue'} <Kbd command="queue.view" />
          </button>
          <button type="button" className="button" onClick={() => setDialog('add')}>
            Add a contact <Kbd command="queue.add" />
          </button>
        </div>
      </div>
      {view === 'queue' && <StalledLeads onOpen={onOpen} />}
      <div className="filters" role="group" aria-label="Filters">
        <CampaignSelect
          className="field inline"
          label={
            <>
              Campaign <Kbd command="queue.filter" />
            </>
          }
          allLabel="All campaigns"
          selectRef={filterRef}
          value={filters.campaignId}
          onChange={(campaignId) => setFilters({ ...filters, campaignId })}
        />
        <TagSelect className="field inline" label="Tag" allLabel="Any tag" value={filters.tagId} onChange={(tagId) => setFilters({ ...filters, tagId })} />
        <ImportSelect
          className="field inline"
          label="Import"
          allLabel="All imports"
          value={filters.importId}
          onChange={(importId) => setFilters({ ...filters, importId })}
        />
        <KindSelect className="field inline" label="Kind" allLabel="Inbound and outbound" value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} />
        <ZoneSelect className="field inline" label="Time zone" allLabel="All zones" value={filters.zone} onChange={(zone) => setFilters({ ...filters, zone })} />
      </div>
      {error && (
        <p className="form-error" role="alert">
          Could not load the queue: {error.message}
        </p>
      )}
      {status && (
        <p className={status.kind === 'ok' ? 'form-ok' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      <div className="queue-body">
        <div className="queue-list">
          {rows.length > 0 ? (
            <VirtualListbox
              key={view}
              id="queue-list"
              label={view === 'queue' ? 'Queue' : 'Not callable now'}
              commands="queue.list"
              className="queue-rows"
              count={rows.length}
              itemAt={itemAt}
              idOf={rowId}
              rowHeight={ROW_HEIGHT}
              selectedIndex={selection.index}
              onSelect={selection.select}
              onActivate={(row) => onOpen(row.contact.id)}
              activateLabel="Open the call screen"
              rowClassName={(row) => (isQueued(row) ? `queue-row tier-row-${row.tier}` : `queue-row why-row-${row.code}`)}
              renderRow={(row) => <QueueRow row={row} />}
            />
          ) : (
            loaded && (
              <div className="panel empty">
                {view === 'queue' ? (
                  <>
                    <p>Nobody to call right now.</p>
                    <p className="hint">
                      See who is waiting and why with <Kbd command="queue.view" />, import leads (<Kbd command="nav.import" />) or add a contact (<Kbd command="queue.add" />).
                    </p>
                  </>
                ) : (
                  <p>Every lead in the queue can be called now.</p>
                )}
              </div>
            )
          )}
        </div>
        {current && (
          <SelectedLead
            row={current}
            onOpen={() => onOpen(current.contact.id)}
            onAct={(action) => (action === 'snooze' ? setDialog('snooze') : action === 'restore' && !isQueued(current) ? restore(current) : void run(action))}
          />
        )}
      </div>
      <KeyHints
        hints={
          view === 'queue'
            ? [
                [['queue.list.up', 'queue.list.down'], 'choose'],
                ['queue.list.open', 'call screen'],
                ['queue.pin', 'pin'],
                ['queue.snooze', 'snooze'],
                ['queue.skip', 'skip'],
                ['queue.remove', 'remove'],
                ['queue.view', 'not callable now'],
                ['help.open', 'all keys'],
              ]
            : [
                [['queue.list.up', 'queue.list.down'], 'choose'],
                ['queue.list.open', 'call screen'],
                ['queue.restore', 'restore a removed lead'],
                ['queue.view', 'queue'],
                ['help.open', 'all keys'],
              ]
        }
      />
      {dialog === 'snooze' && current && <SnoozeDialog name={contactName(current.contact)} onSnooze={(snooze) => void run('snooze', snooze)} onClose={() => setDialog(null)} />}
      {dialog === 'add' && <AddContactDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Two lines: who (and their company), the tier and their time; then why they are here. */
function QueueRow({ row }: { row: Row }) {
  const now = useCoreNow(60_000);
  const zone = zoneOf(row);
  return (
    <>
      <span className="row-name" title={[contactName(row.contact), row.contact.company].filter(Boolean).join(' · ')}>
        {isQueued(row) && row.pinned && <span className="pin" aria-label="pinned" title="Pinned" />}
        {contactName(row.contact)}
        {row.contact.company && contactName(row.contact) !== row.contact.company && <span className="row-company"> · {row.contact.company}</span>}
      </span>
      {isQueued(row) ? <span className={`tier tier-${row.tier}`}>{TIER_LABEL[row.tier]}</span> : <span className={`tier why-${row.code}`}>{WHY_LABEL[row.code]}</span>}
      <span className="row-local" title="Their local time">
        {zone ? timeIn(now, zone, now) : row.localTime}
      </span>
      <span className="row-reason" title={row.reason}>
        {row.reason}
      </span>
    </>
  );
}

/** The lead the selection is on, in full: who, why, their time and yours, and what the keys do. */
function SelectedLead({ row, onOpen, onAct }: { row: Row; onOpen: () => void; onAct: (action: QueueAction) => void }) {
  const now = useCoreNow(60_000);
  const { contact } = row;
  const zone = zoneOf(row);
  return (
    <aside className={`panel selected-lead ${isQueued(row) ? `tier-border-${row.tier}` : 'waiting'}`} aria-label="Selected lead">
      <div className="selected-kind">
        {isQueued(row) ? (
          <>
            <span className={`tier tier-${row.tier}`}>{TIER_LABEL[row.tier]}</span>
            {row.pinned && <span className="tier tier-pinned">Pinned</span>}
          </>
        ) : (
          <span className={`tier why-${row.code}`}>Not offered now</span>
        )}
      </div>
      <h2 className="selected-name">{contactName(contact)}</h2>
      {(contact.title || contact.company) && <div className="selected-company">{[contact.title, contact.company].filter(Boolean).join(' · ')}</div>}
      <div className="selected-phone">{contact.phoneDisplay}</div>
      <p className="selected-reason">
        {row.reason}
        {!isQueued(row) && row.nextAt && row.code !== 'outside_hours' && ` · back in the queue ${yourTime(row.nextAt)} your time`}
      </p>
      {zone && (
        <p className="selected-clock">
          {/* The zone before the times: after "… yours" it read as the rep's own. */}
          Now <span className="hint">in {zone}</span>: <strong>{leadTime(now, zone, now)}</strong>
        </p>
      )}
      <div className="actions">
        <button type="button" className="button primary" onClick={onOpen}>
          Open call screen <Kbd command="queue.list.open" />
        </button>
        {isQueued(row) ? (
          <>
            <button type="button" className="button" onClick={() => onAct(row.pinned ? 'unpin' : 'pin')}>
              {row.pinned ? 'Unpin' : 'Pin'} <Kbd command="queue.pin" />
            </button>
            <button type="button" className="button" onClick={() => onAct('snooze')}>
              Snooze <Kbd command="queue.snooze" />
            </button>
            <button type="button" className="button" onClick={() => onAct('skip')}>
              Skip <Kbd command="queue.skip" />
            </button>
            <button type="button" className="button" onClick={() => onAct('remove')}>
              Remove <Kbd command="queue.remove" />
            </button>
          </>
        ) : (
          row.code === 'closed' && (
            <button type="button" className="button" onClick={() => onAct('restore')}>
              Restore to the queue <Kbd command="queue.restore" />
            </button>
          )
        )}
      </div>
    </aside>
  );
}
