import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { NotNowEntry, QueueEntry } from '../../../../shared/ipc/contract';
import { ApiError, invoke, onEvent } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';
import { useNow } from '../../components/now';
import { dateTimeIn, instantFromLocal, localInputValue, myZone } from '../../components/zoneTime';
import { AddContactForm } from './AddContactForm';
import { ImportSelect, KindSelect, ZoneSelect } from '../../components/LeadFilterSelects';

const TIER_LABEL: Record<QueueEntry['tier'], string> = {
  callback: 'Callback',
  inbound: 'Inbound',
  voicemail: 'Voicemail window',
  retry: 'Retry',
  fresh: 'New',
};

const ROW_HEIGHT = 46;

interface Filters {
  importId: number | null;
  kind: 'inbound' | 'outbound' | null;
  zone: string | null;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function QueueScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const [filters, setFilters] = useState<Filters>({ importId: null, kind: null, zone: null });
  const [view, setView] = useState<'queue' | 'notNow'>('queue');
  const queue = useLoad(() => invoke('queue.list', { limit: 1000, ...filters }), [filters]);
  const notNow = useLoad(() => (view === 'notNow' ? invoke('queue.notNow', { limit: 500, ...filters }) : Promise.resolve([] as NotNowEntry[])), [filters, view]);
  // The selection follows the lead (a pin moves it to the top); when the lead leaves the list
  // (snoozed, skipped), the one that took its place is selected.
  const [selection, setSelection] = useState<{ id: number | null; index: number }>({ id: null, index: 0 });
  const [snoozing, setSnoozing] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const filterRef = useRef<HTMLSelectElement>(null);
  const snoozeTimeRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();

  const reloadQueue = queue.reload;
  const reloadNotNow = notNow.reload;
  useEffect(() => {
    const reload = () => {
      reloadQueue();
      reloadNotNow();
    };
    const offs = [onEvent('contacts.changed', reload), onEvent('calls.changed', reload), onEvent('queue.changed', reload)];
    return () => offs.forEach((off) => off());
  }, [reloadQueue, reloadNotNow]);

  // Time moves leads in and out (callbacks fall due, zones open): look again every minute.
  const minute = Math.floor(now / 60_000);
  useEffect(() => {
    reloadQueue();
    reloadNotNow();
  }, [minute, reloadQueue, reloadNotNow]);

  const entries = queue.data?.entries ?? [];
  const waiting = notNow.data ?? [];
  const rows: (QueueEntry | NotNowEntry)[] = view === 'queue' ? entries : waiting;
  const count = rows.length;
  const found = selection.id === null ? -1 : rows.findIndex((r) => r.contact.id === selection.id);
  const index = found >= 0 ? found : Math.min(selection.index, Math.max(0, count - 1));
  const current = rows[index];
  const setSelected = (i: number) => setSelection({ id: rows[i]?.contact.id ?? null, index: i });

  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, count, virtualizer]);

  async function act(action: 'pin' | 'unpin' | 'snooze' | 'skip' | 'remove' | 'restore', until?: string) {
    if (!current) return;
    try {
      const result = await invoke('queue.act', { contactId: current.contact.id, action, until });
      setStatus({ kind: 'ok', text: `${contactName(current.contact)}: ${result.message}` });
      setSnoozing(false);
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
  }

  // R brings back what was taken out of the queue (removed, or closed by an outcome), as the
  // button does; a snoozed, do-not-call or dud lead is not restored, and the rep is told why.
  function restore(entry: NotNowEntry) {
    if (entry.code === 'closed') return void act('restore');
    setStatus({ kind: 'error', text: `${contactName(entry.contact)}: ${entry.reason}. R restores a lead that was taken out of the queue.` });
  }

  function snoozeFor(choice: '1h' | 'tomorrow') {
    if (choice === '1h') return void act('snooze', new Date(now + 3_600_000).toISOString());
    // Tomorrow at 08:00 on the rep's clock; calling hours still decide when the lead is offered.
    const tomorrow = new Date(now);
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(8, 0, 0, 0);
    return void act('snooze', tomorrow.toISOString());
  }

  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (snoozing) {
        if (key === '1') snoozeFor('1h');
        else if (key === '2') snoozeFor('tomorrow');
        else if (key === '3') snoozeTimeRef.current?.focus();
        else if (key === 'Escape') setSnoozing(false);
        else return;
        event.preventDefault();
        return;
      }
      if (key === 'ArrowDown' || key === 'j') setSelected(Math.min(index + 1, Math.max(0, count - 1)));
      else if (key === 'ArrowUp' || key === 'k') setSelected(Math.max(index - 1, 0));
      else if (key === 'Enter' && current) onOpen(current.contact.id);
      else if (key === 'a') firstFieldRef.current?.focus();
      else if (key === 'f') filterRef.current?.focus();
      else if (key === 'v') {
        setView(view === 'queue' ? 'notNow' : 'queue');
        setSelection({ id: null, index: 0 });
      } else if (view === 'queue' && key === 'p' && current) void act((current as QueueEntry).pinned ? 'unpin' : 'pin');
      else if (view === 'queue' && key === 'z' && current) setSnoozing(true);
      else if (view === 'queue' && key === 's' && current) void act('skip');
      else if (view === 'queue' && key === 'x' && current) void act('remove');
      else if (view === 'notNow' && key === 'r' && current) restore(current as NotNowEntry);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const error = queue.error ?? notNow.error;
  return (
    <div className="queue-layout">
      <section className="queue" aria-labelledby="queue-title">
        <div className="queue-head">
          <h1 id="queue-title">
            {view === 'queue' ? 'Queue' : 'Not callable now'}{' '}
            <span className="count">
              {view === 'queue' ? `${entries.length} offered now · ${queue.data?.queued ?? 0} in the queue` : `${waiting.length} waiting`}
            </span>
          </h1>
          <button type="button" className="button" onClick={() => (setView(view === 'queue' ? 'notNow' : 'queue'), setSelection({ id: null, index: 0 }))}>
            {view === 'queue' ? 'Not callable now' : 'Back to the queue'} <Kbd>V</Kbd>
          </button>
        </div>
        <div className="filters" role="group" aria-label="Filters">
          <ImportSelect
            className="field inline"
            label={
              <>
                Campaign / import <Kbd>F</Kbd>
              </>
            }
            allLabel="All leads"
            selectRef={filterRef}
            value={filters.importId}
            onChange={(importId) => setFilters({ ...filters, importId })}
          />
          <KindSelect className="field inline" label="Kind" allLabel="Inbound and outbound" value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} />
          <ZoneSelect className="field inline" label="Time zone" allLabel="All zones" value={filters.zone} onChange={(zone) => setFilters({ ...filters, zone })} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            Could not load the queue: {error}
          </p>
        )}
        {status && (
          <p className={status.kind === 'ok' ? 'form-ok' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
            {status.text}
          </p>
        )}
        {current && view === 'queue' && <NextUp entry={current as QueueEntry} first={index === 0} now={now} onOpen={onOpen} />}
        {current && view === 'notNow' && <Waiting entry={current as NotNowEntry} onOpen={onOpen} onRestore={() => void act('restore')} />}
        {snoozing && current && (
          <div className="panel snooze-menu" role="dialog" aria-label="Snooze">
            <strong>Snooze {contactName(current.contact)}</strong>
            <div className="actions">
              <button type="button" className="button" onClick={() => snoozeFor('1h')}>
                <Kbd>1</Kbd> For 1 hour
              </button>
              <button type="button" className="button" onClick={() => snoozeFor('tomorrow')}>
                <Kbd>2</Kbd> Until tomorrow 08:00
              </button>
              <SnoozeUntil inputRef={snoozeTimeRef} now={now} onSnooze={(iso) => void act('snooze', iso)} />
              <button type="button" className="button" onClick={() => setSnoozing(false)}>
                Cancel <Kbd>Esc</Kbd>
              </button>
            </div>
          </div>
        )}
        {!current && queue.data && (
          <div className="panel empty">
            {view === 'queue' ? (
              <>
                <p>Nobody to call right now.</p>
                <p>
                  See who is waiting and why with <Kbd>V</Kbd>, import leads (<Kbd>Alt+I</Kbd>) or add a contact (<Kbd>A</Kbd>).
                </p>
              </>
            ) : (
              <p>Every lead in the queue can be called now.</p>
            )}
          </div>
        )}
        {count > 0 && (
          <div className="virtual-list queue-scroll" ref={scrollRef} role="listbox" aria-label={view === 'queue' ? 'Queue' : 'Not callable now'}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.contact.id}
                    role="option"
                    aria-selected={item.index === index}
                    className={item.index === index ? 'queue-row selected' : 'queue-row'}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    onClick={() => setSelected(item.index)}
                    onDoubleClick={() => onOpen(row.contact.id)}
                  >
                    <span className="row-name">
                      {'pinned' in row && row.pinned && <span aria-label="pinned">📌 </span>}
                      {contactName(row.contact)}
                    </span>
                    <span className="row-company">{row.contact.company}</span>
                    {'tier' in row ? <span className={`tier tier-${row.tier}`}>{TIER_LABEL[row.tier]}</span> : <span className={`tier why-${row.code}`}>{row.code.replace('_', ' ')}</span>}
                    <span className="row-reason">{row.reason}</span>
                    <span className="row-local" title="Their local time">
                      {row.localTime}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        )}
        <p className="hint">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose · <Kbd>Enter</Kbd> call screen ·{' '}
          {view === 'queue' ? (
            <>
              <Kbd>P</Kbd> pin · <Kbd>Z</Kbd> snooze · <Kbd>S</Kbd> skip · <Kbd>X</Kbd> remove ·{' '}
            </>
          ) : (
            <>
              <Kbd>R</Kbd> restore a removed lead ·{' '}
            </>
          )}
          <Kbd>V</Kbd> {view === 'queue' ? 'not callable now' : 'queue'} · <Kbd>A</Kbd> add a contact
        </p>
      </section>
      <aside>
        <AddContactForm firstFieldRef={firstFieldRef} />
      </aside>
    </div>
  );
}

function NextUp({ entry, first, now, onOpen }: { entry: QueueEntry; first: boolean; now: number; onOpen: (id: number) => void }) {
  const { contact } = entry;
  return (
    <div className={`next-up panel tier-border-${entry.tier}`} aria-label="Selected lead">
      <div className="next-up-label">
        {first ? 'Next up' : 'Selected'} · <span className={`tier tier-${entry.tier}`}>{TIER_LABEL[entry.tier]}</span>
        {entry.pinned && <span className="tier tier-pinned">Pinned</span>}
      </div>
      <div className="next-up-name">{contactName(contact)}</div>
      <div className="next-up-company">{[contact.title, contact.company].filter(Boolean).join(' · ')}</div>
      <div className="next-up-phone">{contact.phoneDisplay}</div>
      <div className="reason">{entry.reason}</div>
      <div className="next-up-clock">
        <strong>{entry.localTime}</strong> their time ({entry.zone}) · {dateTimeIn(now)} yours
      </div>
      <button type="button" className="button primary big" onClick={() => onOpen(contact.id)}>
        Open call screen <Kbd>Enter</Kbd>
      </button>
    </div>
  );
}

function Waiting({ entry, onOpen, onRestore }: { entry: NotNowEntry; onOpen: (id: number) => void; onRestore: () => void }) {
  return (
    <div className="next-up panel waiting" aria-label="Selected lead">
      <div className="next-up-label">Not offered now</div>
      <div className="next-up-name">{contactName(entry.contact)}</div>
      <div className="next-up-company">{entry.contact.company}</div>
      <div className="reason">
        {entry.reason}
        {entry.nextAt && entry.code !== 'outside_hours' && ` · back in the queue ${dateTimeIn(entry.nextAt)} your time`}
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => onOpen(entry.contact.id)}>
          Open call screen <Kbd>Enter</Kbd>
        </button>
        {entry.code === 'closed' && (
          <button type="button" className="button" onClick={onRestore}>
            Restore to the queue <Kbd>R</Kbd>
          </button>
        )}
      </div>
    </div>
  );
}

function SnoozeUntil({ inputRef, now, onSnooze }: { inputRef: React.RefObject<HTMLInputElement | null>; now: number; onSnooze: (iso: string) => void }) {
  const [value, setValue] = useState(() => localInputValue(now + 2 * 3_600_000, myZone()));
  const [error, setError] = useState<string | null>(null);
  function submit() {
    const iso = instantFromLocal(value, myZone());
    if (!iso) return setError('Enter a date and a time');
    if (Date.parse(iso) <= now) return setError('Choose a time after now');
    setError(null);
    onSnooze(iso);
  }
  return (
    <label className="field inline snooze-until">
      <span>
        <Kbd>3</Kbd> Until (your time)
      </span>
      <input
        ref={inputRef}
        type="datetime-local"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape') e.currentTarget.blur();
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
