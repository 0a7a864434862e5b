import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Contact, ContactDetail as Detail } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { contactName } from '../../components/format';
import { CallHistory } from '../../components/CallHistory';
import { CampaignPicker, LeadLabels, TagPicker } from '../campaigns/LeadLabels';
import { TextField } from '../../components/TextField';
import { dudText } from '../../../../shared/domain/dud';
import { SharedNumberDnc, SharesNumberNote } from '../call/SharedNumberDnc';

type Form = {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  timeZone: string;
  kind: Contact['kind'];
  lineType: Contact['lineType'];
  notes: string;
};

function formOf(c: Contact): Form {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    title: c.title,
    email: c.email,
    // As every screen shows it ("+1 212 555 0100 ext. 12"), which reads back as the same number.
    phone: c.e164 ? c.phoneDisplay : c.phoneRaw,
    timeZone: c.tzSource === 'column' ? c.timeZones.join('; ') : '',
    kind: c.kind,
    lineType: c.lineType,
    notes: c.notes,
  };
}

const TZ_SOURCE_LABELS: Record<Contact['tzSource'], string> = {
  column: 'set explicitly',
  address: 'from the address',
  phone: 'from the phone number',
  country: 'somewhere in its country: every zone of it (no address or area code says where)',
  unknown: 'unknown: set one',
  default: "the desk's default (an import from before 0.2)",
};

export function ContactDetail({ contactId, onCall, onClose }: { contactId: number; onCall: (id: number) => void; onClose: () => void }) {
  const { data, error } = useQuery(queries.contact(contactId));
  if (error) return <p className="form-error" role="alert">{error.message}</p>;
  if (!data) return <p className="hint">Loading…</p>;
  return <ContactForm data={data} onCall={onCall} onClose={onClose} />;
}

/** The form starts from the contact as loaded; the history under it follows the cache. */
function ContactForm({ data, onCall, onClose }: { data: Detail; onCall: (id: number) => void; onClose: () => void }) {
  const { contact, calls } = data;
  const [form, setForm] = useState<Form>(() => formOf(contact));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [picking, setPicking] = useState<'campaign' | 'tag' | null>(null);
  // A number other leads share: who else the do-not-call stops is said, and asked, first.
  const [confirmingDnc, setConfirmingDnc] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const update = useCoreMutation('contacts.update');
  const addDncNumber = useCoreMutation('dnc.add');
  useEffect(() => firstRef.current?.focus(), []);
  // The lead changed under the form (a split took back what its merge filled in, an edit from the
  // command line): the fields the rep has not touched follow it, so Save never writes back what
  // was taken away; what the rep is typing stays.
  const shownContact = useRef(contact);
  useEffect(() => {
    const was = formOf(shownContact.current);
    const now = formOf(contact);
    shownContact.current = contact;
    setForm((typed) => {
      const next = { ...typed };
      for (const key of Object.keys(now) as (keyof Form)[]) if (was[key] !== now[key] && typed[key] === was[key]) Object.assign(next, { [key]: now[key] });
      return next;
    });
  }, [contact]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    try {
      const saved = await update.mutateAsync({ id: contact.id, ...form });
      setErrors({});
      setStatus(`Saved ${contactName(saved)}.`);
    } catch (e) {
      if (e instanceof ApiError) setErrors({ ...e.fields, form: e.message });
      else setErrors({ form: String(e) });
    }
  }

  async function addDnc() {
    if (!contact.e164) return;
    try {
      await addDncNumber.mutateAsync({ phone: contact.e164, source: `contact #${contact.id}` });
      setStatus(`${contact.phoneDisplay} is on the do-not-call list; it will never be queued.`);
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    }
  }

  const input = (name: Exclude<keyof Form, 'kind' | 'lineType'>, label: string, extra: object = {}) => (
    <TextField
      name={name}
      label={label}
      value={form[name]}
      error={errors[name]}
      onValue={(v) => setForm({ ...form, [name]: v })}
      inputRef={name === 'firstName' ? firstRef : undefined}
      {...extra}
    />
  );
  const fieldErrorShown = ['firstName', 'lastName', 'company', 'title', 'email', 'phone', 'timeZone'].some((f) => errors[f]);

  return (
    <section className="panel contact-detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <h2 id="detail-title">{contactName(contact)}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="badges">
        {contact.status === 'dud' && <span className="badge status-dud">Dud: {contact.dudReason}</span>}
        {contact.doNotCall && <span className="badge status-dnc">Do not call</span>}
        <span className="badge">
          {contact.timeZones.join(', ') || 'no zone'} · {TZ_SOURCE_LABELS[contact.tzSource]}
        </span>
        {contact.sourceRow !== null && <span className="badge">Import #{contact.importId}, row {contact.sourceRow}</span>}
      </div>
      <LeadLabels contactId={contact.id} />
      <div className="actions">
        <button type="button" className="button small" onClick={() => setPicking('campaign')}>
          Add to campaign…
        </button>
        <button type="button" className="button small" onClick={() => setPicking('tag')}>
          Tag…
        </button>
      </div>
      {picking === 'campaign' && <CampaignPicker contactId={contact.id} onClose={() => setPicking(null)} onAdded={setStatus} />}
      {picking === 'tag' && <TagPicker contactId={contact.id} onClose={() => setPicking(null)} onTagged={setStatus} />}
      <form onSubmit={(e) => void save(e)} noValidate className="detail-form">
        <div className="two-col">
          {input('firstName', 'First name')}
          {input('lastName', 'Last name')}
        </div>
        {input('company', 'Company')}
        {input('title', 'Title')}
        {input('email', 'Email', { type: 'email' })}
        {input('phone', 'Phone', { inputMode: 'tel' })}
        {input('timeZone', 'Time zone (empty: work it out)', { placeholder: 'America/Chicago, CET, UTC-5…' })}
        <div className="two-col">
          <label className="field">
            <span>Kind</span>
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Contact['kind'] })}>
              <option value="outbound">Outbound</option>
              <option value="inbound">Inbound enquiry</option>
            </select>
          </label>
          <label className="field">
            <span>Line</span>
            <select value={form.lineType} onChange={(e) => setForm({ ...form, lineType: e.target.value as Contact['lineType'] })}>
              <option value="business">Business</option>
              <option value="residential">Residential</option>
            </select>
          </label>
        </div>
        <label className="field">
          <span>Notes</span>
          <textarea value={form.notes} rows={3} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
        </label>
        {errors.form && !fieldErrorShown && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        {status && (
          <p className="form-ok" role="status">
            {status}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary">
            Save
          </button>
          <button type="button" className="button" onClick={() => onCall(contact.id)} disabled={contact.status === 'dud' || contact.doNotCall}>
            Call screen
          </button>
          <button type="button" className="button" onClick={() => (data.sharesNumberWith.length > 0 ? setConfirmingDnc(true) : void addDnc())} disabled={!contact.e164 || contact.doNotCall}>
            Add to do-not-call
          </button>
        </div>
        {confirmingDnc && contact.e164 && (
          <SharedNumberDnc
            lead={data}
            number={contact.e164}
            onConfirm={() => {
              setConfirmingDnc(false);
              void addDnc();
            }}
            onCancel={() => setConfirmingDnc(false)}
          />
        )}
      </form>
      {(contact.otherPhones.length > 0 || Object.keys(contact.customFields).length > 0) && (
        <dl className="extra-fields">
          {contact.otherPhones.map((p, i) => (
            <div key={`p${i}`}>
              <dt>{p.label}</dt>
              <dd>
                {p.raw}
                {p.wrong !== undefined ? ` (${dudText(p.wrong, () => null)})` : p.e164 ? '' : ' (not a valid number)'}
              </dd>
            </div>
          ))}
          {Object.entries(contact.customFields).map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <SharesNumberNote lead={data} />
      <MergedRows contactId={contact.id} onStatus={setStatus} />
      <h3>Call history</h3>
      <CallHistory calls={calls} zone={data.now.zone || undefined} />
    </section>
  );
}

/** The import rows merged into this lead, each with Split: a wrong merge (another person on the
 *  number) becomes a lead of its own; the calls stay here. */
function MergedRows({ contactId, onStatus }: { contactId: number; onStatus: (text: string) => void }) {
  const { data } = useQuery(queries.mergedRows(contactId));
  const split = useCoreMutation('imports.split');
  if (!data || data.length === 0) return null;
  async function splitRow(id: number) {
    try {
      const made = await split.mutateAsync({ importRowId: id });
      const back = made.takenBack.length > 0 ? ` What the merge filled in here went with them: ${made.takenBack.join(', ')}.` : '';
      const kept = made.kept.length > 0 ? ` Kept as you changed it since: ${made.kept.join(', ')}.` : '';
      const who = made.name ? `${made.name} is a lead of their own` : 'the row is a lead of its own';
      onStatus(`Split: ${who} (contact #${made.contactId}); the calls stay here.${back}${kept}`);
    } catch (e) {
      onStatus(`Not split: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return (
    <>
      <h3>Rows merged into this lead</h3>
      <ul className="merged-rows" aria-label="Rows merged into this lead">
        {data.map((row) => (
          <li key={row.id}>
            <span>
              {row.fileName}, row {row.rowNumber}:{' '}
              {row.cells
                .filter((c) => c.value !== '')
                .map((c) => `${c.header} ${c.value}`)
                .join(' · ')}
            </span>
            {row.splitContactId === null ? (
              <button type="button" className="button" onClick={() => void splitRow(row.id)} disabled={split.isPending}>
                Split into its own lead
              </button>
            ) : (
              <span className="badge">split into contact #{row.splitContactId}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
