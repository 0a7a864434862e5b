import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { Dialog } from '../../components/Dialog';
import { contactName } from '../../components/format';
import { TextField } from '../../components/TextField';
import { Kbd } from '../../keys/keymap';
import type { LineType } from '../../../../shared/domain/leads/vocabulary';

/** LINE_TYPES with labels; residential first: the stricter calling rules, the safe default. */
const LINE_TYPE_CHOICES: readonly (readonly [LineType, string])[] = [
  ['residential', 'Residential (the stricter calling rules)'],
  ['business', 'Business'],
];

const EMPTY = { firstName: '', lastName: '', company: '', phone: '' };
type Fields = typeof EMPTY;

/** A: add a contact by hand. The dialog stays open for the next one (Enter adds, Esc closes). */
export function AddContactDialog({ onClose }: { onClose: () => void }) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields | 'form', string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [lineType, setLineType] = useState<LineType>('residential');
  const firstRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const add = useCoreMutation('contacts.add');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (add.isPending) return;
    setSaved(null);
    try {
      const contact = await add.mutateAsync({ ...fields, lineType });
      setFields(EMPTY);
      setErrors({});
      setSaved(`Added ${contactName(contact)} · ${contact.phoneDisplay}`);
      firstRef.current?.focus();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({ ...error.fields, form: error.message });
        if (error.fields.phone) phoneRef.current?.focus();
      } else setErrors({ form: String(error) });
    }
  }

  const field = (name: keyof Fields, label: string, ref?: React.RefObject<HTMLInputElement | null>, extra?: object) => (
    <TextField name={name} label={label} value={fields[name]} error={errors[name]} onValue={(v) => setFields({ ...fields, [name]: v })} inputRef={ref} autoComplete="off" {...extra} />
  );

  return (
    <Dialog
      name="add-contact"
      label="Add a contact"
      onClose={onClose}
      closeLabel="Close the form"
      className="add-contact"
      commands={[{ id: 'add-contact.add', keys: ['Enter'], label: 'Add the contact', where: 'anywhere', run: () => formRef.current?.requestSubmit() }]}
    >
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <h2>Add a contact</h2>
        <div className="two-col">
          {field('firstName', 'First name', firstRef)}
          {field('lastName', 'Last name')}
        </div>
        {field('company', 'Company')}
        {field('phone', 'Phone', phoneRef, { inputMode: 'tel', placeholder: '+1 415 555 2671' })}
        <label className="field">
          <span>Line</span>
          <select name="lineType" value={lineType} onChange={(e) => setLineType(e.target.value as LineType)}>
            {LINE_TYPE_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {errors.form && !errors.phone && !errors.firstName && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        {saved && (
          <p className="form-ok" role="status">
            {saved}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={add.isPending}>
            Add contact <Kbd command="add-contact.add" />
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close <Kbd command="add-contact.close" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
