import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Contact, RequestOf } from '../../../../shared/ipc/contract';
import { invoke, onEvent } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { ImportSelect, KindSelect, ZoneSelect } from '../../components/LeadFilterSelects';
import { isTypingTarget } from '../../components/useAsync';
import { ExportButton } from '../../components/ExportButton';
import { ContactDetail } from './ContactDetail';

const PAGE = 200;
const ROW_HEIGHT = 46;

type Filter = Required<Omit<RequestOf<'contacts.search'>, 'limit' | 'offset'>>;

/** Pages of search results fetched as the list scrolls, so 100,000 leads never load at once. */
function useContactPages(filter: Filter) {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, Contact[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);

  const reset = useCallback(() => {
    const mine = ++generation.current;
    requested.current = new Set([0]);
    invoke('contacts.search', { ...filter, limit: PAGE, offset: 0 }).then(
      (result) => {
        if (mine !== generation.current) return;
        setTotal(result.total);
        setPages(new Map([[0, result.contacts]]));
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [filter]);

  useEffect(reset, [reset]);

  const ensure = useCallback(
    (index: number) => {
      const page = Math.floor(index / PAGE);
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const mine = generation.current;
      void invoke('contacts.search', { ...filter, limit: PAGE, offset: page * PAGE }).then((result) => {
        if (mine !== generation.current) return;
        setPages((current) => new Map(current).set(page, result.contacts));
      });
    },
    [filter],
  );

  const at = (index: number): Contact | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  return { total, at, ensure, error, reload: reset };
}

export function ContactsScreen(props: {
  initialImportId: number | null;
  initialStatus: 'active' | 'dud' | null;
  onCall: (contactId: number) => void;
}) {
  const { initialImportId, onCall } = props;
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [status, setStatus] = useState<Filter['status']>(props.initialStatus);
  const [kind, setKind] = useState<Filter['kind']>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [importId, setImportId] = useState<number | null>(initialImportId);
  const [selected, setSelected] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 150);
    return () => clearTimeout(timer);
  }, [text]);

  const filter = useMemo<Filter>(() => ({ text: debounced, status, kind, zone, importId }), [debounced, status, kind, zone, importId]);
  const { total, at, ensure, error, reload } = useContactPages(filter);

  useEffect(() => onEvent('contacts.changed', reload), [reload]);
  useEffect(() => setSelected(0), [filter]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) ensure(item.index);
  }, [items, ensure]);

  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !isTypingTarget(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      // Arrows move through the list from the search box too; typing stays typing.
      const inSearch = event.target === searchRef.current;
      if (isTypingTarget(event.target) && !inSearch) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = Math.max(0, Math.min((total ?? 1) - 1, selected + (event.key === 'ArrowDown' ? 1 : -1)));
        setSelected(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLSelectElement)) {
        const contact = at(selected);
        if (contact) {
          event.preventDefault();
          setOpenId(contact.id);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const activeId = at(selected) ? `contact-row-${selected}` : undefined;

  return (
    <div className="contacts-layout">
      <section className="contacts" aria-labelledby="contacts-title">
        <h1 id="contacts-title">
          Contacts <span className="count">{total === null ? '' : total.toLocaleString()}</span>
        </h1>
        <div className="filters">
          <label className="field grow">
            <span>
              Search name, company, phone or email <Kbd>/</Kbd>
            </span>
            <input
              ref={searchRef}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Ana, Acme, (415) 555-2671…"
              aria-controls="contact-list"
              aria-activedescendant={activeId}
            />
          </label>
          <label className="field">
            <span>Status</span>
            <select value={status ?? ''} onChange={(e) => setStatus((e.target.value || null) as Filter['status'])}>
              <option value="">All</option>
              <option value="active">Callable leads</option>
              <option value="dud">Duds</option>
            </select>
          </label>
          <KindSelect label="Kind" allLabel="All" value={kind} onChange={setKind} />
          <ZoneSelect label="Time zone" allLabel="All" value={zone} onChange={setZone} />
          <ImportSelect label="Import" allLabel="All" value={importId} onChange={setImportId} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div id="contact-list" className="virtual-list" ref={listRef} role="listbox" aria-label="Contacts" tabIndex={0} aria-activedescendant={activeId}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const contact = at(item.index);
              return (
                <div
                  key={item.key}
                  id={`contact-row-${item.index}`}
                  role="option"
                  aria-selected={item.index === selected}
                  className={item.index === selected ? 'contact-row selected' : 'contact-row'}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setSelected(item.index);
                    if (contact) setOpenId(contact.id);
                  }}
                >
                  {contact ? (
                    <>
                      <span className="row-name">{contactName(contact)}</span>
                      <span className="row-company">{contact.company}</span>
                      <span className="row-phone">{contact.phoneDisplay}</span>
                      <span className="row-zone">{contact.timeZones.join(', ')}</span>
                      <span className={`badge status-${contact.status}`}>{contact.status === 'dud' ? `Dud: ${contact.dudReason ?? ''}` : contact.doNotCall ? 'Do not call' : contact.kind}</span>
                    </>
                  ) : (
                    <span className="hint">Loading…</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {total === 0 && <p className="hint">No contacts match. Clear the search or filters, or import a lead file.</p>}
        <div className="actions">
          <p className="hint">
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose · <Kbd>Enter</Kbd> open · <Kbd>/</Kbd> search
          </p>
          <ExportButton request={{ what: 'contacts' }} label="Export all contacts (CSV)" />
        </div>
      </section>
      <aside className="contact-detail-pane">
        {openId === null ? (
          <div className="panel hint">Open a contact to see and edit it, with its call history.</div>
        ) : (
          <ContactDetail key={openId} contactId={openId} onCall={onCall} onClose={() => setOpenId(null)} />
        )}
      </aside>
    </div>
  );
}
