import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Contact } from '../../../../shared/ipc/contract';
import { CONTACTS_PAGE, useContactPages, type ContactFilter } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import { contactName } from '../../components/format';
import { CampaignSelect, ImportSelect, KindSelect, TagSelect, ZoneSelect } from '../../components/LeadFilterSelects';
import { AddToCampaign } from '../campaigns/AddToCampaign';
import { pagedItems, useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { Kbd, KeyHints, useCommands } from '../../keys/keymap';
import { ContactDetail } from './ContactDetail';

const ROW_HEIGHT = 48;
const contactId = (c: Contact) => c.id;

/** The phone column's width in characters (`ch`): the longest number loaded, extension and all,
 *  so a number is never cut ("+1 212 555 0100 ext. 12"); at least a plain number's. A dud's raw
 *  text (not a number) does not widen it: it is cut, its title says it whole. A character of a
 *  number is no wider than a digit but for the "+", hence the one spare. */
const PLAIN_NUMBER_CHARS = '+1 212 555 0100'.length;
function phoneColumnChars(pages: readonly { contacts: readonly Contact[] }[] | undefined): number {
  let longest = PLAIN_NUMBER_CHARS;
  for (const page of pages ?? []) for (const contact of page.contacts) if (contact.e164 !== null) longest = Math.max(longest, contact.phoneDisplay.length);
  return longest + 1;
}

export function ContactsScreen(props: { initialImportId: number | null; initialStatus: 'active' | 'dud' | null; onCall: (contactId: number) => void }) {
  const { onCall } = props;
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [status, setStatus] = useState<ContactFilter['status']>(props.initialStatus);
  const [kind, setKind] = useState<ContactFilter['kind']>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [importId, setImportId] = useState<number | null>(props.initialImportId);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [tagId, setTagId] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(text), 150);
    return () => window.clearTimeout(timer);
  }, [text]);

  const filter = useMemo<ContactFilter>(() => ({ text: debounced, status, kind, zone, importId, campaignId, tagId }), [debounced, status, kind, zone, importId, campaignId, tagId]);
  const filterKey = JSON.stringify(filter);
  const list = useContactPages(filter);
  const pages = list.data?.pages;
  const { count, itemAt } = useMemo(() => pagedItems(pages, (page) => page.contacts, CONTACTS_PAGE), [pages]);
  const selection = useListSelection(count, itemAt, contactId, filterKey);
  const total = pages?.[0]?.total ?? null;
  const phoneChars = useMemo(() => phoneColumnChars(pages), [pages]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  useCommands('screen', [{ id: 'contacts.search', keys: ['/'], label: 'Search contacts', group: 'Contacts', run: () => searchRef.current?.focus() }]);

  return (
    <div className="contacts-layout">
      <section className="contacts" aria-labelledby="contacts-title" style={{ '--phone-chars': phoneChars } as CSSProperties}>
        <div className="screen-head">
          <h1 id="contacts-title">
            Contacts <span className="count">{total === null ? '' : total.toLocaleString()}</span>
          </h1>
          <div className="head-actions">
            <ExportButton request={{ what: 'contacts' }} label="Export all contacts (CSV)" />
          </div>
        </div>
        <div className="filters">
          <label className="field grow">
            <span>
              Search name, company, phone or email <Kbd command="contacts.search" />
            </span>
            <input ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Ana, Acme, (415) 555-2671…" aria-controls="contact-list" />
          </label>
          <label className="field">
            <span>Status</span>
            <select value={status ?? ''} onChange={(e) => setStatus((e.target.value || null) as ContactFilter['status'])}>
              <option value="">All</option>
              <option value="active">Callable leads</option>
              <option value="dud">Duds</option>
            </select>
          </label>
          <KindSelect label="Kind" allLabel="All" value={kind} onChange={setKind} />
          <ZoneSelect label="Time zone" allLabel="All" value={zone} onChange={setZone} />
          <ImportSelect label="Import" allLabel="All" value={importId} onChange={setImportId} />
          <CampaignSelect label="Campaign" allLabel="All" value={campaignId} onChange={setCampaignId} />
          <TagSelect label="Tag" allLabel="All" value={tagId} onChange={setTagId} />
        </div>
        {total !== null && total > 0 && <AddToCampaign filter={filter} count={total} />}
        {list.error && (
          <p className="form-error" role="alert">
            {list.error.message}
          </p>
        )}
        {total === 0 ? (
          <p className="panel empty">No contacts match. Clear the search or filters, or import a lead file.</p>
        ) : (
          <VirtualListbox
            key={filterKey}
            id="contact-list"
            label="Contacts"
            commands="contacts.list"
            className="contact-rows"
            count={count}
            itemAt={itemAt}
            idOf={contactId}
            rowHeight={ROW_HEIGHT}
            total={total}
            selectedIndex={selection.index}
            onSelect={selection.select}
            onRowClick={(contact) => setOpenId(contact.id)}
            onActivate={(contact) => setOpenId(contact.id)}
            activateLabel="Open the contact"
            hasMore={hasNextPage}
            loadingMore={isFetchingNextPage}
            onLoadMore={loadMore}
            steerFrom={(target) => target === searchRef.current}
            rowClassName={() => 'contact-row'}
            renderRow={(contact) => (
              <>
                <span className="row-who" title={[contactName(contact), contact.company].filter(Boolean).join(' · ')}>
                  <span className="row-name">{contactName(contact)}</span>
                  {contact.company && contactName(contact) !== contact.company && <span className="row-company">{contact.company}</span>}
                </span>
                <span className="row-phone" title={contact.phoneDisplay}>
                  {contact.phoneDisplay}
                </span>
                <span className="row-zone" title={contact.timeZones.join(', ')}>
                  {contact.timeZones.join(', ')}
                </span>
                <span className={`badge status-${contact.status}${contact.doNotCall ? ' status-dnc' : ''}`} title={contact.status === 'dud' ? `Dud: ${contact.dudReason ?? ''}` : undefined}>
                  {contact.status === 'dud' ? 'Dud' : contact.doNotCall ? 'Do not call' : contact.kind === 'inbound' ? 'Inbound' : 'Outbound'}
                </span>
              </>
            )}
          />
        )}
        <KeyHints
          hints={[
            [['contacts.list.up', 'contacts.list.down'], 'choose'],
            ['contacts.list.open', 'open'],
            ['contacts.search', 'search'],
            ['help.open', 'all keys'],
          ]}
        />
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
