import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { invoke, onEvent } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';
import { AddContactForm } from './AddContactForm';

export function QueueScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data: entries, error, reload } = useLoad(() => invoke('queue.list', {}), []);
  const [selected, setSelected] = useState(0);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const offContacts = onEvent('contacts.changed', reload);
    const offCalls = onEvent('calls.changed', reload);
    return () => {
      offContacts();
      offCalls();
    };
  }, [reload]);

  const count = entries?.length ?? 0;
  const current = entries?.[Math.min(selected, Math.max(0, count - 1))];

  // A layout effect, so the listener always sees what is on screen: a passive effect would leave a
  // moment after a render in which a key press reaches the previous render's handler.
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // A focused button answers Enter itself.
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      if (event.key === 'ArrowDown' || event.key === 'j') setSelected((s) => Math.min(s + 1, Math.max(0, count - 1)));
      else if (event.key === 'ArrowUp' || event.key === 'k') setSelected((s) => Math.max(s - 1, 0));
      else if (event.key === 'Enter' && current) onOpen(current.contact.id);
      else if (event.key === 'a' || event.key === 'A') firstFieldRef.current?.focus();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, current, onOpen]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <div className="queue-layout">
      <section className="queue" aria-labelledby="queue-title">
        <h1 id="queue-title">
          Queue <span className="count">{count}</span>
        </h1>
        {error && (
          <p className="form-error" role="alert">
            Could not load the queue: {error}
          </p>
        )}
        {current ? (
          <div className="next-up panel" aria-label="Selected lead">
            <div className="next-up-label">{selected === 0 ? 'Next up' : 'Selected'}</div>
            <div className="next-up-name">{contactName(current.contact)}</div>
            <div className="next-up-company">{current.contact.company}</div>
            <div className="next-up-phone">{current.contact.phoneDisplay}</div>
            <div className="reason">{current.reason}</div>
            <button type="button" className="button primary big" onClick={() => onOpen(current.contact.id)}>
              Open call screen <Kbd>Enter</Kbd>
            </button>
          </div>
        ) : (
          entries && (
            <div className="panel empty">
              <p>The queue is empty.</p>
              <p>
                Add a contact on the right (<Kbd>A</Kbd>) to start calling.
              </p>
            </div>
          )
        )}
        {count > 0 && (
          <ol className="queue-list" role="listbox" aria-label="Queue" ref={listRef}>
            {entries?.map((entry, index) => (
              <li
                key={entry.contact.id}
                role="option"
                aria-selected={index === selected}
                className={index === selected ? 'queue-row selected' : 'queue-row'}
                onClick={() => setSelected(index)}
                onDoubleClick={() => onOpen(entry.contact.id)}
              >
                <span className="row-name">{contactName(entry.contact)}</span>
                <span className="row-company">{entry.contact.company}</span>
                <span className="row-phone">{entry.contact.phoneDisplay}</span>
                <span className="row-reason">{entry.reason}</span>
              </li>
            ))}
          </ol>
        )}
        <p className="hint">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose · <Kbd>Enter</Kbd> open the call screen · <Kbd>A</Kbd> add a contact
        </p>
      </section>
      <aside>
        <AddContactForm firstFieldRef={firstFieldRef} />
      </aside>
    </div>
  );
}
