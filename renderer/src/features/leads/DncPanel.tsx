import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { fileToBase64 } from '../../components/files';
import { plural } from '../../components/format';
import { TextField } from '../../components/TextField';
import { FilePickButton } from '../../components/FilePickButton';

/** The do-not-call list: how many numbers, add one, or import a file of them. Numbers on it are
 *  never queued or dialled, in whatever format they arrive; nothing here removes one. */
export function DncPanel() {
  const { data: entries } = useQuery(queries.dnc());
  const addNumber = useCoreMutation('dnc.add');
  const importNumbers = useCoreMutation('dnc.import');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    try {
      const result = await addNumber.mutateAsync({ phone });
      setError(undefined);
      setPhone('');
      setStatus(result.added ? `${result.e164} added to the do-not-call list.` : `${result.e164} was already on the list.`);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.phone ?? e.message) : String(e));
    }
  }

  async function importFile(file: File) {
    setStatus(null);
    try {
      const result = await importNumbers.mutateAsync({ fileName: file.name, data: await fileToBase64(file) });
      const rejected = result.rejected.length
        ? ` ${plural(result.rejected.length, 'row was not a number', 'rows were not numbers')}: ${result.rejected
            .slice(0, 5)
            .map((r) => `row ${r.rowNumber} (${r.reason})`)
            .join(', ')}${result.rejected.length > 5 ? '…' : ''}.`
        : '';
      setStatus(`${file.name}: ${plural(result.added, 'number')} added, ${result.alreadyListed} already listed.${rejected}`);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="panel dnc" aria-labelledby="dnc-title">
      <h2 id="dnc-title">
        Do-not-call list <span className="count">{entries ? plural(entries.length, 'number') : ''}</span>
      </h2>
      <form className="dnc-add" onSubmit={(e) => void add(e)} noValidate>
        <TextField name="dnc-phone" label="Add a number" value={phone} error={error} onValue={setPhone} inputMode="tel" placeholder="(415) 555-2671" />
        <button type="submit" className="button">
          Add
        </button>
      </form>
      <FilePickButton label="Do-not-call file" className="button" onFile={importFile}>
        Import a do-not-call file…
      </FilePickButton>
      {status && (
        <p className="form-ok" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
