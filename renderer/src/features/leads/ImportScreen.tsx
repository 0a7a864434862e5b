import { dudsKept, importedTitle, rows } from '../../../../shared/domain/leads/importWords';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventPayload, ImportPreview, ImportSummary, InterruptedImport } from '../../../../shared/ipc/contract';
import { FIELD_LABELS, LEAD_FIELDS, mappingProblems, type ColumnTarget } from '../../../../shared/domain/leads/mapping';
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from '../../../../shared/domain/leads/decode';
import type { ImportLines } from '../../../../shared/domain/leads/vocabulary';
import { invoke } from '../../api/client';
import { useCoreMutation, useImportResume, useImportRun } from '../../api/mutations';
import { progressKey, queries, useProgress } from '../../api/queries';
import { fileToBase64 } from '../../components/files';
import { ExportButton } from '../../components/ExportButton';
import { ImportRows } from './ImportRows';
import { FilePickButton } from '../../components/FilePickButton';
import { DncPanel } from './DncPanel';
import { InterruptedImports } from './InterruptedImports';

type RowOutcome = 'rejected' | 'merged' | 'skipped';
type Step =
  | { name: 'pick' }
  | { name: 'map'; preview: ImportPreview }
  /** `progressId`: the stage id the core reports progress under; `total` until it says. */
  | { name: 'importing'; fileName: string; progressId: string; processed: number; total: number }
  | { name: 'done'; summary: ImportSummary }
  | { name: 'rows'; summary: ImportSummary; outcome: RowOutcome };

const DELIMITER_LABELS: Record<Delimiter, string> = { ',': 'Comma ,', ';': 'Semicolon ;', '\t': 'Tab', '|': 'Pipe |' };
const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE (Excel “Unicode Text”)',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Excel CSV, Western)',
};

const SAMPLE_ROWS = 3;
/** The choices of IMPORT_LINES (shared/domain/leads/vocabulary.ts), each with its label. */
const LINE_CHOICES: readonly (readonly [ImportLines, string])[] = [
  ['business', 'Business lines'],
  ['residential', 'Residential'],
  ['mixed', 'Mixed (a row that does not say is residential)'],
];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ImportScreen({ onShowImported }: { onShowImported: (importId: number) => void }) {
  const [step, setStep] = useState<Step>({ name: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  const interrupted = useQuery(queries.interruptedImports());
  const resumeImport = useImportResume();
  const keepImport = useCoreMutation('imports.keep');
  const client = useQueryClient();

  /** "Import the rest" of an interrupted import: progress, then its result like any import. */
  async function resume(item: InterruptedImport, file?: File) {
    setError(null);
    setKept(null);
    const progressId = `resume-${item.importId}`;
    client.setQueryData(progressKey.import(progressId), null);
    setStep({ name: 'importing', fileName: item.fileName, progressId, processed: item.dataRows, total: item.dataRows });
    try {
      const summary = await resumeImport.mutateAsync(file ? { importId: item.importId, fileName: file.name, data: await fileToBase64(file) } : { importId: item.importId });
      setStep({ name: 'done', summary });
    } catch (e) {
      setError(message(e));
      setStep({ name: 'pick' });
    }
  }

  async function keep(item: InterruptedImport) {
    setError(null);
    try {
      const summary = await keepImport.mutateAsync({ importId: item.importId });
      setKept(`Kept what was imported from ${summary.fileName}: ${rows(summary.dataRows)} (${summary.imported.toLocaleString()} imported).`);
    } catch (e) {
      setError(message(e));
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      const preview = await invoke('imports.preview', { fileName: file.name, data: await fileToBase64(file) });
      setStep({ name: 'map', preview });
    } catch (e) {
      setError(message(e));
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void pick(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={dragging ? 'import-screen dragging' : 'import-screen'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h1>Import leads</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {kept && (
        <p className="form-ok" role="status">
          {kept}
        </p>
      )}
      {(step.name === 'pick' || step.name === 'map') && interrupted.data && (
        <InterruptedImports items={interrupted.data} onResume={resume} onKeep={keep} />
      )}
      {step.name === 'pick' && (
        <div className="panel drop-zone">
          <p className="drop-title">Drop a CSV or tab-separated file here</p>
          <p className="hint">Exports from HubSpot, Salesforce, Pipedrive or Excel: UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab.</p>
          <FilePickButton label="Lead file" className="button primary big" autoFocus onFile={pick}>
            Choose file…
          </FilePickButton>
        </div>
      )}
      {step.name === 'pick' && <DncPanel />}
      {step.name === 'map' && (
        <MappingStep
          preview={step.preview}
          onPreview={(preview) => setStep({ name: 'map', preview })}
          onError={setError}
          onStart={(total) => setStep({ name: 'importing', fileName: step.preview.fileName, progressId: step.preview.stageId, processed: 0, total })}
          onDone={(summary) => setStep({ name: 'done', summary })}
          onCancel={() => setStep({ name: 'pick' })}
        />
      )}
      {step.name === 'importing' && <Progress progressId={step.progressId} processed={step.processed} total={step.total} fileName={step.fileName} />}
      {step.name === 'done' && (
        <ResultStep
          summary={step.summary}
          onRows={(outcome) => setStep({ name: 'rows', summary: step.summary, outcome })}
          onShowImported={() => onShowImported(step.summary.importId)}
          onAnother={() => setStep({ name: 'pick' })}
        />
      )}
      {step.name === 'rows' && (
        <ImportRows summary={step.summary} outcome={step.outcome} onBack={() => setStep({ name: 'done', summary: step.summary })} />
      )}
    </div>
  );
}

/** The import's progress as the core reports it (events.ts records it), from where it started. */
function Progress(props: { progressId: string; processed: number; total: number; fileName: string }) {
  const { fileName } = props;
  const reported = useProgress<EventPayload<'import.progress'>>(progressKey.import(props.progressId)).data;
  const processed = reported?.processed ?? props.processed;
  const total = reported?.total ?? props.total;
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return (
    <div className="panel">
      <p>
        Importing <strong>{fileName}</strong>… {processed.toLocaleString()} of {total.toLocaleString()} rows
      </p>
      <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function MappingStep(props: {
  preview: ImportPreview;
  onPreview: (preview: ImportPreview) => void;
  onError: (message: string | null) => void;
  onStart: (total: number) => void;
  onDone: (summary: ImportSummary) => void;
  onCancel: () => void;
}) {
  const { preview } = props;
  // The mapping as the rep left it, for the file read as it is now (another encoding or
  // delimiter reads it again and starts from that reading's mapping).
  const [edited, setEdited] = useState<{ preview: ImportPreview; mapping: ColumnTarget[] } | null>(null);
  const mapping = edited?.preview === preview ? edited.mapping : preview.mapping;
  const setMapping = (next: ColumnTarget[]) => setEdited({ preview, mapping: next });
  const [onDuplicate, setOnDuplicate] = useState<'merge' | 'skip'>('merge');
  // What the file's leads are where a row does not say: their calling rules follow (residential
  // lines get the stricter hours, so an unknown line is residential).
  const [lines, setLines] = useState<ImportLines>('mixed');
  // The campaign every lead of the file joins: one there is, or a new name ('' for none).
  const [campaign, setCampaign] = useState('');
  const campaigns = useQuery(queries.campaigns());
  const run = useImportRun();
  const client = useQueryClient();
  const busy = run.isPending;
  const problems = mappingProblems(mapping, preview.headers.length);
  /** The first rows of the file, shown beside each column. */
  const samples = preview.sample.slice(0, SAMPLE_ROWS);

  async function repreview(change: { encoding?: Encoding; delimiter?: Delimiter }) {
    props.onError(null);
    try {
      props.onPreview(
        await invoke('imports.preview', {
          fileName: preview.fileName,
          stageId: preview.stageId,
          encoding: change.encoding ?? preview.encoding,
          delimiter: change.delimiter ?? preview.delimiter,
        }),
      );
    } catch (e) {
      props.onError(message(e));
    }
  }

  async function start() {
    if (problems.length > 0 || busy) return;
    props.onError(null);
    client.setQueryData(progressKey.import(preview.stageId), null);
    props.onStart(preview.dataRowsApprox);
    try {
      const summary = await run.mutateAsync({
        stageId: preview.stageId,
        mapping,
        onDuplicate,
        lines,
        ...(campaign.trim() ? { campaign: { name: campaign } } : {}),
        encoding: preview.encoding,
        delimiter: preview.delimiter,
      });
      props.onDone(summary);
    } catch (e) {
      props.onError(message(e));
      props.onPreview(preview);
    }
  }

  return (
    <section className="panel mapping" aria-labelledby="mapping-title">
      <h2 id="mapping-title">
        {preview.fileName} · {preview.dataRowsApprox.toLocaleString()} data rows
      </h2>
      <div className="mapping-options">
        <label className="field inline">
          <span>Encoding</span>
          <select value={preview.encoding} onChange={(e) => void repreview({ encoding: e.target.value as Encoding })}>
            {ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {ENCODING_LABELS[enc]}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Delimiter</span>
          <select value={preview.delimiter} onChange={(e) => void repreview({ delimiter: e.target.value as Delimiter })}>
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="radio-group">
          <legend>Duplicates (same phone or email)</legend>
          <label>
            <input type="radio" name="dup" checked={onDuplicate === 'merge'} onChange={() => setOnDuplicate('merge')} /> Merge (fill empty fields)
          </label>
          <label>
            <input type="radio" name="dup" checked={onDuplicate === 'skip'} onChange={() => setOnDuplicate('skip')} /> Skip
          </label>
        </fieldset>
        <label className="field inline">
          <span>Campaign (choose, or type a new name; empty: none)</span>
          <input value={campaign} list="import-campaigns" onChange={(e) => setCampaign(e.target.value)} autoComplete="off" />
          <datalist id="import-campaigns">
            {campaigns.data?.map((c) => (
              <option key={c.id} value={c.name} />
            ))}
          </datalist>
        </label>
        <fieldset className="radio-group">
          <legend>These leads are (unknown = residential)</legend>
          {LINE_CHOICES.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="lines" checked={lines === value} onChange={() => setLines(value)} /> {label}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="hint">
        {preview.mappingSource === 'remembered'
          ? 'Column mapping remembered from your last import of a file with these columns.'
          : 'Column mapping suggested from the header names. Check it, then import.'}
      </p>
      {preview.unreadable.count > 0 && (
        <div className="notice" role="status" aria-label="Rows that cannot be read">
          <p>
            {rows(preview.unreadable.count)} cannot be read and will be rejected (fix the file and import it again, or export the rejected rows afterwards):
          </p>
          <ul>
            {preview.unreadable.rows.map((r) => (
              <li key={r.rowNumber}>
                Row {r.rowNumber}: {r.reason}
              </li>
            ))}
            {preview.unreadable.count > preview.unreadable.rows.length && <li>and {rows(preview.unreadable.count - preview.unreadable.rows.length, 'more row')}</li>}
          </ul>
        </div>
      )}
      {/* One row per column of the file, with its first values: however many columns a file
          has, the mapping reads down the screen, never sideways. */}
      <table className="preview-table mapping-table">
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            {samples.map((_, r) => (
              <th key={r} scope="col" className="sample-head">
                Row {r + 1}
              </th>
            ))}
            <th scope="col">Import as</th>
          </tr>
        </thead>
        <tbody>
          {preview.headers.map((header, i) => (
            <tr key={i}>
              <th scope="row" className="header-name">
                {header}
              </th>
              {samples.map((row, r) => (
                <td key={r} className={`sample sample-row-${r + 1}`} title={row[i] ?? ''}>
                  <div className="sample-text">{row[i] ?? ''}</div>
                </td>
              ))}
              <td>
                <select aria-label={`Map column “${header}”`} value={mapping[i]} onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? (e.target.value as ColumnTarget) : m)))}>
                  {LEAD_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {FIELD_LABELS[field]}
                    </option>
                  ))}
                  <option value="custom">Keep as custom field</option>
                  <option value="ignore">Ignore</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul className="form-error" role="alert" aria-label="Mapping problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button primary big" disabled={problems.length > 0 || busy} onClick={() => void start()}>
          Import {preview.dataRowsApprox.toLocaleString()} rows
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Choose another file
        </button>
      </div>
    </section>
  );
}

function ResultStep(props: {
  summary: ImportSummary;
  onRows: (outcome: RowOutcome) => void;
  onShowImported: () => void;
  onAnother: () => void;
}) {
  const { summary } = props;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  const card = (outcome: RowOutcome, count: number, label: string, tone = '') => (
    <button type="button" className={`count-card ${tone}`} onClick={() => props.onRows(outcome)} disabled={count === 0}>
      <span className="count-number">{count.toLocaleString()}</span> {label}
    </button>
  );

  return (
    <section className="panel result" aria-labelledby="result-title">
      <h2 id="result-title">
        {importedTitle(summary.fileName, summary.dataRows)}
      </h2>
      <div className="result-counts">
        <button ref={first} type="button" className="count-card ok" onClick={props.onShowImported} disabled={summary.imported === 0}>
          <span className="count-number">{summary.imported.toLocaleString()}</span> imported
        </button>
        {card('merged', summary.merged, 'merged')}
        {card('skipped', summary.skipped, 'skipped as duplicate')}
        {card('rejected', summary.rejected, 'rejected', 'bad')}
      </div>
      {summary.reasons.length > 0 && (
        <>
          <h3>Why rows were rejected</h3>
          <ul className="reasons">
            {summary.reasons.map((r) => (
              <li key={r.reason}>
                <strong>{r.count}</strong> × {r.reason}
              </li>
            ))}
          </ul>
          {summary.duds > 0 && (
            <p className="hint">{dudsKept(summary.duds)}, each with its reason, to be fixed or returned.</p>
          )}
        </>
      )}
      <div className="actions">
        <ExportButton request={{ what: 'duds', importId: summary.importId }} label="Export rejected rows (duds to return)" disabled={summary.rejected === 0} />
        <button type="button" className="button" onClick={props.onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}
