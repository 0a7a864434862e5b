import { useRef, useState, type FormEvent } from 'react';
import { ApiError, invoke } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { TextField } from '../../components/TextField';

const EMPTY = { firstName: '', lastName: '', company: '', phone: '' };
type Fields = typeof EMPTY;

export function AddContactForm({ firstFieldRef }: { firstFieldRef: React.RefObject<HTMLInputElement | null> }) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields | 'form', string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    try {
      const contact = await invoke('contacts.add', fields);
      setFields(EMPTY);
      setErrors({});
      setSaved(`Added ${contactName(contact)} · ${contact.phoneDisplay}`);
      firstFieldRef.current?.focus();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({ ...error.fields, form: error.message });
        if (error.fields.phone) phoneRef.current?.focus();
      } else setErrors({ form: String(error) });
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof Fields, label: string, ref?: React.RefObject<HTMLInputElement | null>, extra?: object) => (
    <TextField name={name} label={label} value={fields[name]} error={errors[name]} onValue={(v) => setFields({ ...fields, [name]: v })} inputRef={ref} {...extra} />
  );

  return (
    <form className="panel add-contact" onSubmit={(e) => void submit(e)} aria-labelledby="add-contact-title" noValidate>
      <h2 id="add-contact-title">
        Add a contact <Kbd>A</Kbd>
      </h2>
      {field('firstName', 'First name', firstFieldRef, { autoComplete: 'off' })}
      {field('lastName', 'Last name', undefined, { autoComplete: 'off' })}
      {field('company', 'Company', undefined, { autoComplete: 'off' })}
      {field('phone', 'Phone', phoneRef, { inputMode: 'tel', autoComplete: 'off', placeholder: '+1 415 555 2671' })}
      {errors.form && !errors.phone && !errors.firstName && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        Add contact <Kbd>Enter</Kbd>
      </button>
      {saved && (
        <p className="form-ok" role="status">
          {saved}
        </p>
      )}
      <p className="hint">
        <Kbd>Esc</Kbd> leaves the form
      </p>
    </form>
  );
}
