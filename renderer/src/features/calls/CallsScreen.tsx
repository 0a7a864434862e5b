import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DISPOSITIONS, type Outcome } from '../../../../shared/domain/dispositions';
import { REFETCH_PAGES_AT_MOST } from '../../api/invalidation';
import { CALL_LOG_PAGE, useCallLog, type CallLogFilter } from '../../api/queries';
import { callOutcomeText, callTimesText } from '../../components/CallHistory';
import { displayPhone, plural } from '../../components/format';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { pagedItems, useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { Kbd, KeyHints, useCommands } from '../../keys/keymap';
import type { Command } from '../../keys/registry';
import type { ResponseOf } from '../../../../shared/ipc/contract';

type LoggedCall = ResponseOf<'calls.search'>['calls'][number];

const ROW_HEIGHT = 54;
const callId = (call: LoggedCall) => call.id;

/** The whole call log, newest first, read a page at a time as it scrolls (a million calls browse
 *  as smoothly as ten); searchable by name, company, number, notes or next step, and by outcome. */
export function CallsScreen({ onOpenContact }: { onOpenContact: (contactId: number) => void }) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | 'none' | ''>('');
  const [filter, setFilter] = useState<CallLogFilter>({ text: '', outcome: null });
  const searchRef = useRef<HTMLInputElement>(null);
  const client = useQueryClient();
  const log = useCallLog(filter);

  // Search as the rep types, a moment after the last key.
  useEffect(() => {
    const timer = window.setTimeout(() => setFilter({ text, outcome: outcome || null }), 200);
    return () => window.clearTimeout(timer);
  }, [text, outcome]);

  const pages = log.data?.pages;
  const { count, itemAt } = useMemo(() => pagedItems(pages, (page) => page.calls, CALL_LOG_PAGE), [pages]);
  const filterKey = JSON.stringify(filter);
  const selection = useListSelection(count, itemAt, callId, filterKey);
  const total = pages?.[0]?.total ?? null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);
  const behind = log.isStale && (pages?.length ?? 0) > REFETCH_PAGES_AT_MOST;
  const reload = () => void client.resetQueries({ queryKey: ['calls.search', filter], exact: true });

  const commands: Command[] = [
    { id: 'calls.search', keys: ['/', 'f'], label: 'Search the log', group: 'Calls', run: () => searchRef.current?.focus() },
    ...(behind ? [{ id: 'calls.reload', keys: ['r'], label: 'Reload the log from the newest call', group: 'Calls', run: reload }] : []),
  ];
  useCommands('screen', commands);

  return (
    <section className="calls-screen" aria-labelledby="calls-title">
      <div className="screen-head">
        <h1 id="calls-title">
          Calls <span className="count">{total === null ? '' : plural(total, 'call')}</span>
        </h1>
      </div>
      <div className="filters">
        <label className="field grow">
          <span>
            Search name, company, number, notes or next step <Kbd command="calls.search" />
          </span>
          <input ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-controls="call-log" />
        </label>
        <label className="field inline">
          <span>Outcome</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | 'none' | '')}>
            <option value="">Any outcome</option>
            <option value="none">No disposition yet</option>
            {DISPOSITIONS.map((d) => (
              <option key={d.outcome} value={d.outcome}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.error && (
        <p className="form-error" role="alert">
          Could not load the call log: {log.error.message}
        </p>
      )}
      {behind && (
        <p className="notice">
          New calls were logged since you scrolled down.{' '}
          <button type="button" className="button small" onClick={reload}>
            Reload from the newest <Kbd command="calls.reload" />
          </button>
        </p>
      )}
      {log.data && count === 0 && <p className="panel empty">{filter.text || filter.outcome ? 'No calls match.' : 'No calls yet: they appear here as you work the queue.'}</p>}
      {count > 0 && (
        <div className="list-with-head">
          <div className="calls-head" aria-hidden="true">
            <span>Dialled (your time)</span>
            <span>Contact</span>
            <span>Number</span>
            <span>Outcome</span>
            <span>Duration</span>
          </div>
          <VirtualListbox
            key={filterKey}
            id="call-log"
            label="Call log"
            commands="calls.list"
            className="calls-rows"
            count={count}
            itemAt={itemAt}
            idOf={callId}
            rowHeight={ROW_HEIGHT}
            overscan={12}
            total={total}
            selectedIndex={selection.index}
            onSelect={selection.select}
            onActivate={(call) => onOpenContact(call.contactId)}
            activateLabel="Open the contact’s call screen"
            hasMore={hasNextPage}
            loadingMore={isFetchingNextPage}
            onLoadMore={loadMore}
            steerFrom={(target) => target === searchRef.current}
            rowClassName={() => 'call-row'}
            renderRow={(call) => <CallRow call={call} />}
          />
        </div>
      )}
      <KeyHints
        hints={[
          [['calls.list.up', 'calls.list.down'], 'choose'],
          ['calls.list.pageDown', 'a screen down'],
          ['calls.list.open', 'open the contact'],
          ['calls.search', 'search'],
          ['help.open', 'all keys'],
        ]}
      />
    </section>
  );
}

/** A row of the log: the same call object renders once however far the list scrolls around it. */
const CallRow = memo(function CallRow({ call }: { call: LoggedCall }) {
  const extra = [
    call.override ? 'override: dialled outside hours' : '',
    call.waived ? `rules waived: ${call.waived}` : '',
    call.nextStep ? `next: ${call.nextStep}${call.nextAt ? ` (${yourTime(call.nextAt)})` : ''}` : '',
    call.callbackAt ? `callback ${yourTime(call.callbackAt)}` : '',
    call.reason ? `reason: ${call.reason}` : '',
    call.gatekeeperName ? `gatekeeper: ${call.gatekeeperName}` : '',
    call.objections.length > 0 ? `objections: ${call.objections.join(', ')}` : '',
    call.notes,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <span className="call-when">{yourTime(call.dialedAt)}</span>
      <span className="row-name" title={[call.contactName, call.company].filter(Boolean).join(' · ')}>
        {call.contactName || call.company}
        {call.contactName && call.company && <span className="row-company"> · {call.company}</span>}
      </span>
      <span className="row-phone">{displayPhone(call.number)}</span>
      <span className={`outcome-badge outcome-${call.dialFailure !== null ? 'refused' : (call.outcome ?? 'none')}`}>{callOutcomeText(call)}</span>
      <span className="history-duration">{callTimesText(call)}</span>
      <span className="call-extra" title={extra}>
        {extra}
      </span>
    </>
  );
});
