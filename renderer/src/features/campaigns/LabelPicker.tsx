import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { checkLabelName, labelKey } from '../../../../shared/domain/campaigns';

/** A small picker for a campaign or a tag: type (the names there are offered as you type), Enter
 *  adds, Esc closes. A new name makes a new campaign or tag; the core says why a name is refused. */
export function LabelPicker(props: { name: string; title: string; what: 'campaign' | 'tag'; known: readonly string[]; onPick: (name: string) => Promise<void>; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  // Compared as the core compares names: a look-alike ("ＶＩＰ", a pasted zero-width space) adds to the one there.
  const exact = props.known.find((k) => labelKey(k) === labelKey(text));
  const checked = checkLabelName(props.what, text);
  async function submit() {
    if (busy) return;
    setBusy(true);
    try {
      await props.onPick(text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog name={props.name} label={props.title} onClose={props.onClose} className="label-picker">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{props.title}</h2>
        <label className="field">
          <span>
            A {props.what} (type a new name to make one) · Enter adds · Esc closes
          </span>
          <input
            value={text}
            list={listId}
            autoComplete="off"
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            aria-invalid={error !== null}
          />
          <datalist id={listId}>
            {props.known.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </label>
        {text.trim() !== '' && <p className="hint">{!checked.ok ? checked.reason : exact ? `Adds to “${exact}”.` : `Makes a new ${props.what}: “${checked.name}”.`}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            Add
          </button>
        </div>
      </form>
    </Dialog>
  );
}
