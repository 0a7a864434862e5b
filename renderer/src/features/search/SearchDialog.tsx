import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { contactName } from '../../components/format';
import { KeyHints } from '../../keys/keymap';

/** Ctrl+K, from any screen: the prospect who calls back, found by name, company, email or any of
 *  their numbers in any format; ↑ ↓ choose, Enter opens the lead's call screen. */
export function SearchDialog({ onOpen, onClose }: { onOpen: (contactId: number) => void; onClose: () => void }) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState(0);
  const typed = text.trim();
  const found = useQuery({ ...queries.searchLeads(typed), enabled: typed !== '', placeholderData: keepPreviousData });
  const contacts = typed === '' ? [] : (found.data?.contacts ?? []);
  const at = Math.min(chosen, Math.max(0, contacts.length - 1));
  const open = () => {
    const contact = contacts[at];
    if (contact) onOpen(contact.id);
  };

  return (
    <Dialog
      name="search"
      label="Find a lead"
      onClose={onClose}
      className="search-dialog"
      commands={[
        { id: 'search.down', keys: ['ArrowDown'], label: 'Next lead', where: 'anywhere', run: () => setChosen(Math.min(at + 1, contacts.length - 1)) },
        { id: 'search.up', keys: ['ArrowUp'], label: 'Previous lead', where: 'anywhere', run: () => setChosen(Math.max(at - 1, 0)) },
        { id: 'search.open', keys: ['Enter'], label: 'Open the lead', where: 'anywhere', run: open },
      ]}
    >
      <label className="field">
        <span>Find a lead: name, company, email or a number in any format</span>
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChosen(0);
          }}
          placeholder="Ana Silva · Acme · ana@acme.com · (212) 555-0143"
          role="combobox"
          aria-expanded={contacts.length > 0}
          aria-controls="search-results"
          aria-activedescendant={contacts[at] ? `search-result-${contacts[at].id}` : undefined}
        />
      </label>
      {found.error && (
        <p className="form-error" role="alert">
          Could not search: {found.error.message}
        </p>
      )}
      <ul id="search-results" role="listbox" aria-label="Leads found" className="search-results">
        {contacts.map((contact, i) => (
          <li
            key={contact.id}
            id={`search-result-${contact.id}`}
            role="option"
            aria-selected={i === at}
            className={i === at ? 'search-result selected' : 'search-result'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onOpen(contact.id)}
          >
            <span className="search-name">{contactName(contact)}</span>
            {contact.company && <span className="search-company">{contact.company}</span>}
            <span className="search-phone">{contact.phoneDisplay}</span>
            {contact.email && <span className="search-email">{contact.email}</span>}
            {contact.status !== 'active' && <span className="badge">{contact.status}</span>}
          </li>
        ))}
      </ul>
      {typed !== '' && !found.isFetching && contacts.length === 0 && !found.error && <p className="hint">No lead matches “{typed}”.</p>}
      <KeyHints
        hints={[
          [['search.down', 'search.up'], 'choose'],
          ['search.open', 'open'],
          ['search.close', 'close'],
        ]}
      />
    </Dialog>
  );
}
