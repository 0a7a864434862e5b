import { useEffect, useRef } from 'react';
import type { ImportSummary } from '../../../../shared/ipc/contract';
import { invoke } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { useLoad } from '../../components/useAsync';

const TITLES: Record<'rejected' | 'merged' | 'skipped', string> = { rejected: 'Rejected rows', merged: 'Rows merged into existing contacts', skipped: 'Rows skipped as duplicates' };

export function ImportRows(props: {
  summary: ImportSummary;
  outcome: 'rejected' | 'merged' | 'skipped';
  onBack: () => void;
}) {
  const { summary, outcome } = props;
  const { data, error } = useLoad(() => invoke('imports.rows', { importId: summary.importId, outcome, limit: 1000 }), [summary.importId, outcome]);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);

  return (
    <section className="panel" aria-labelledby="rows-title">
      <div className="actions">
        <button ref={back} type="button" className="button" onClick={props.onBack}>
          ← Back to the result
        </button>
        {outcome === 'rejected' && (
          <ExportButton request={{ what: 'duds', importId: summary.importId }} label="Export these rows (duds to return)" primary />
        )}
      </div>
      <h2 id="rows-title">
        {TITLES[outcome]} · {summary.fileName}
      </h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <div className="table-scroll">
          <table className="preview-table rows-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Reason</th>
                {data.headers.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.rowNumber}>
                  <td>{row.rowNumber}</td>
                  <td className="reason-cell">{row.reason}</td>
                  {data.headers.map((_, i) => (
                    <td key={i}>{row.raw[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
