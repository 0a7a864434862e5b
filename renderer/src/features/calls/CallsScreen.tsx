import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { DISPOSITIONS, type Outcome } from '../../../../shared/domain/dispositions';
import { formatDuration } from '../../../../shared/domain/duration';
import { invoke, onEvent } from '../../api/client';
import { callOutcomeText } from '../../components/CallHistory';
import { formatInstant, plural } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';

const ROW_HEIGHT = 58;
const PAGE = 500;

/** The call log: every attempt, newest first, searchable by name, company, number, notes or
 *  next step, and by outcome. */
export function CallsScreen({ onOpenContact }: { onOpenContact: (contactId: number) => void }) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | 'none' | ''>('');
  const [query, setQuery] = useState({ text: '', outcome: '' as Outcome | 'none' | '' });
  const { data, error, reload } = useLoad(() => invoke('calls.search', { text: query.text, outcome: query.outcome || null, limit: PAGE }), [query]);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const calls = data?.calls ?? [];

  useEffect(() => onEvent('calls.changed', reload), [reload]);
  // Search as the rep types, a moment after the last key.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery({ text, outcome }), 200);
    return () => window.clearTimeout(timer);
  }, [text, outcome]);

  const virtualizer = useVirtualizer({ count: calls.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const index = Math.min(selected, Math.max(0, calls.length - 1));
  useEffect(() => {
    if (calls.length > 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, calls.length, virtualizer]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'ArrowDown' || event.key === 'j') setSelected(Math.min(index + 1, calls.length - 1));
      else if (event.key === 'ArrowUp' || event.key === 'k') setSelected(Math.max(index - 1, 0));
      else if (event.key === '/' || event.key === 'f') searchRef.current?.focus();
      else if (event.key === 'Enter' && calls[index]) onOpenContact(calls[index].contactId);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, calls, onOpenContact]);

  return (
    <section className="calls-screen" aria-labelledby="calls-title">
      <h1 id="calls-title">
        Calls <span className="count">{data ? `${plural(data.total ?? calls.length, 'call')}${(data.total ?? 0) > calls.length ? `, newest ${calls.length} shown` : ''}` : ''}</span>
      </h1>
      <div className="filters">
        <label className="field grow">
          <span>
            Search name, company, number, notes or next step <Kbd>/</Kbd>
          </span>
          <input
            ref={searchRef}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur();
            }}
          />
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
      {error && (
        <p className="form-error" role="alert">
          Could not load the call log: {error}
        </p>
      )}
      {data && calls.length === 0 && <p className="panel empty">{query.text || query.outcome ? 'No calls match.' : 'No calls yet: they appear here as you work the queue.'}</p>}
      {calls.length > 0 && (
        <>
          <div className="calls-head" aria-hidden="true">
            <span>Dialled</span>
            <span>Contact</span>
            <span>Number</span>
            <span>Outcome</span>
            <span>Duration</span>
          </div>
          <div className="virtual-list" ref={scrollRef} role="listbox" aria-label="Call log">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const call = calls[item.index]!;
                const extra = [call.override ? 'override: dialled outside hours' : '', call.nextStep ? `next: ${call.nextStep}${call.nextAt ? ` (${formatInstant(call.nextAt)})` : ''}` : '', call.callbackAt ? `callback ${formatInstant(call.callbackAt)}` : '', call.reason ? `reason: ${call.reason}` : '', call.notes]
                  .filter(Boolean)
                  .join(' · ');
                return (
                  <div
                    key={call.id}
                    role="option"
                    aria-selected={item.index === index}
                    className={item.index === index ? 'call-row selected' : 'call-row'}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    onClick={() => setSelected(item.index)}
                    onDoubleClick={() => onOpenContact(call.contactId)}
                  >
                    <span>{formatInstant(call.dialedAt)}</span>
                    <span className="row-name">
                      {call.contactName || call.company}
                      {call.contactName && call.company && <span className="row-company"> · {call.company}</span>}
                    </span>
                    <span className="row-phone">{call.number}</span>
                    <span className={`history-outcome outcome-${call.outcome ?? 'none'}`}>{callOutcomeText(call)}</span>
                    <span className="history-duration">{call.durationMs === null ? '—' : formatDuration(call.durationMs)}</span>
                    <span className="call-extra">{extra}</span>
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
      <p className="hint">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose · <Kbd>Enter</Kbd> open the contact's call screen · <Kbd>/</Kbd> search
      </p>
    </section>
  );
}
