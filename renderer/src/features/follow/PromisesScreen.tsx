// Every promise the desk made (#14): the open ones by due time on the rep's clock and the lead's,
// the overdue ones in red with how late, and the kept and broken ones; K keeps one (with a note of
// how), B marks an overdue one broken (a call task "call them first and say so" is due now).
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PromiseListState, PromiseView } from '../../../../shared/ipc/contract';
import { invoke } from '../../api/client';
import { useCoreNow } from '../../api/clock';
import { channelQuery } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { dateTimeIn, theirTimeBeside, yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';

const ROW_HEIGHT = 44;
/** Promises are counted in tens or hundreds; a list this long says so rather than paging. */
const SHOWN = 2_000;

const FILTERS: { state: PromiseListState; label: string; key: string; empty: string }[] = [
  { state: 'open', label: 'Open', key: '1', empty: 'No open promises.' },
  { state: 'overdue', label: 'Overdue', key: '2', empty: 'No promise is overdue.' },
  { state: 'kept', label: 'Kept', key: '3', empty: 'No promise kept yet.' },
  { state: 'broken', label: 'Broken', key: '4', empty: 'No promise marked broken.' },
];

function settled(p: PromiseView): boolean {
  return p.state === 'kept' || p.state === 'broken';
}

export function PromisesScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const [filter, setFilter] = useState<PromiseListState>('open');
  const [keeping, setKeeping] = useState<PromiseView | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const { data, error } = useQuery(channelQuery('promises.list', { state: filter, limit: SHOWN }));
  const rows = useMemo(() => data ?? [], [data]);
  const itemAt = useCallback((i: number) => rows[i], [rows]);
  const idOf = useCallback((p: PromiseView) => p.id, []);
  const selection = useListSelection(rows.length, itemAt, idOf, filter);
  const now = useCoreNow(60_000);
  const selected = selection.item;
  const actionable = selected !== undefined && !settled(selected);

  async function keep(promise: PromiseView, note: string) {
    try {
      await invoke('promises.keep', { id: promise.id, note });
      setKeeping(null);
      setMessage({ text: `Kept: ${promise.what} (${promise.toWhom})${note.trim() ? ` — ${note.trim()}` : ''}.`, failed: false });
    } catch (failure) {
      setKeeping(null);
      setMessage({ text: failure instanceof Error ? failure.message : String(failure), failed: true });
    }
  }

  async function markBroken(promise: PromiseView) {
    try {
      await invoke('promises.break', { id: promise.id });
      setMessage({ text: `Marked broken: ${promise.what}. Call ${promise.toWhom} first and say so — the call task is due now.`, failed: false });
    } catch (failure) {
      setMessage({ text: failure instanceof Error ? failure.message : String(failure), failed: true });
    }
  }

  useCommands('screen', [
    { id: 'promises.keep', keys: ['k'], label: 'Mark the promise kept (and say how)', group: 'Promises', enabled: actionable, run: () => setKeeping(selected ?? null) },
    { id: 'promises.break', keys: ['b'], label: 'Mark the promise broken: a call task "call them first and say so" is due now', group: 'Promises', enabled: actionable, run: () => void (selected && markBroken(selected)) },
    ...FILTERS.map((f) => ({ id: `promises.show.${f.state}`, keys: [f.key], label: `Show the ${f.label.toLowerCase()} promises`, group: 'Promises', run: () => setFilter(f.state) })),
  ]);

  const shown = FILTERS.find((f) => f.state === filter)!;
  return (
    <section className="tasks-screen promises-screen" aria-labelledby="promises-title">
      <h1 id="promises-title">
        Promises{' '}
        <span className="count">
          {data ? `${data.length >= SHOWN ? `the first ${SHOWN.toLocaleString()}` : data.length.toLocaleString()} ${shown.label.toLowerCase()}` : ''}
        </span>
      </h1>
      <div className="tasks-filters">
        <div className="segmented" role="radiogroup" aria-label="Show">
          {FILTERS.map((f) => (
            <label key={f.state} className={filter === f.state ? 'active' : undefined}>
              <input type="radio" name="promise-filter" value={f.state} checked={filter === f.state} onChange={() => setFilter(f.state)} /> {f.label} <Kbd command={`promises.show.${f.state}`} />
            </label>
          ))}
        </div>
        <span className="hint">
          <Kbd command="promises.keep" /> kept · <Kbd command="promises.break" /> broken · Enter opens the lead
        </span>
      </div>
      {message && (
        <p className={message.failed ? 'form-error' : 'flash'} role={message.failed ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          Could not load the promises: {error.message}
        </p>
      )}
      {data && rows.length === 0 && <p className="panel empty">{shown.empty}</p>}
      {rows.length > 0 && (
        <VirtualListbox
          // A new filter starts at the top.
          key={filter}
          id="promise-list"
          label="Promises"
          commands="promises.list"
          className="promise-rows"
          count={rows.length}
          itemAt={itemAt}
          idOf={idOf}
          rowHeight={ROW_HEIGHT}
          selectedIndex={selection.index}
          onSelect={selection.select}
          onActivate={(p) => onOpen(p.contactId)}
          activateLabel="Open the lead's call screen"
          screenKeys={['k']}
          rowClassName={(p) => (p.overdue ? 'promise-row promise-row-late' : 'promise-row')}
          renderRow={(p) => (
            <>
              <span className="task-when">{yourTime(p.dueAt, now)}</span>
              <span className="task-their" title={`${dateTimeIn(p.dueAt, p.zone, now)} their time (${p.zone})`}>
                {theirTimeBeside(p.dueAt, p.zone)} theirs
              </span>
              <span className={`badge promise-state-${p.state}`}>{p.state}</span>
              <span className="task-title" title={`${p.what} · to ${p.toWhom}${p.company && p.company !== p.toWhom ? ` at ${p.company}` : ''}`}>
                {p.what} · to {p.toWhom}
                {p.company && p.company !== p.toWhom ? ` at ${p.company}` : ''}
              </span>
              <span className="promise-owner" title={`whose promise: ${p.owner}`}>
                {p.owner}
              </span>
              {p.late ? (
                <span className="late">{p.late}</span>
              ) : p.state === 'kept' ? (
                <span className="promise-settled" title={p.keptNote ?? ''}>
                  kept {p.keptAt ? yourTime(p.keptAt, now) : ''}
                  {p.keptNote ? `: ${p.keptNote}` : ''}
                </span>
              ) : p.state === 'broken' ? (
                <span className="promise-settled">broken {p.brokenAt ? yourTime(p.brokenAt, now) : ''}</span>
              ) : (
                <span />
              )}
            </>
          )}
        />
      )}
      {keeping && <KeepDialog promise={keeping} onClose={() => setKeeping(null)} onKeep={(note) => void keep(keeping, note)} />}
    </section>
  );
}

/** K: the promise kept, and a note of how ("emailed the PDF"): it goes on the lead's timeline. */
function KeepDialog({ promise, onClose, onKeep }: { promise: PromiseView; onClose: () => void; onKeep: (note: string) => void }) {
  const [note, setNote] = useState('');
  return (
    <Dialog name="promise-keep" label="Promise kept" onClose={onClose} closeLabel="Not kept yet" className="promise-dialog">
      <h2>Kept: {promise.what}</h2>
      <p className="hint">
        To {promise.toWhom}
        {promise.company && promise.company !== promise.toWhom ? ` at ${promise.company}` : ''}, due {yourTime(promise.dueAt)}.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onKeep(note);
        }}
      >
        <label className="field">
          <span>How it was kept</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="emailed the price list PDF" />
        </label>
        <div className="actions">
          <button type="submit" className="button primary">
            Mark kept
          </button>
          <button type="button" className="button" onClick={onClose}>
            Not kept yet <Kbd command="promise-keep.close" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
