import type { InterruptedImport } from '../../../../shared/ipc/contract';
import { FilePickButton } from '../../components/FilePickButton';

function written(item: InterruptedImport): string {
  const parts = [`${item.imported.toLocaleString()} imported`];
  if (item.merged > 0) parts.push(`${item.merged.toLocaleString()} merged`);
  if (item.skipped > 0) parts.push(`${item.skipped.toLocaleString()} skipped`);
  if (item.rejected > 0) parts.push(`${item.rejected.toLocaleString()} rejected`);
  return `${item.dataRows.toLocaleString()} ${item.dataRows === 1 ? 'row' : 'rows'} written (${parts.join(', ')})`;
}

/** Imports that stopped part-way (Dialdeck closed or crashed, the disk filled up): how far each
 *  got, why, and the two ways out. "Import the rest" carries on after the last row written, from
 *  Dialdeck's copy of the file, or from the file chosen again when the copy is gone. */
export function InterruptedImports(props: {
  items: InterruptedImport[];
  onResume: (item: InterruptedImport, file?: File) => Promise<void>;
  onKeep: (item: InterruptedImport) => Promise<void>;
}) {
  if (props.items.length === 0) return null;
  return (
    <section className="panel interrupted" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">{props.items.length === 1 ? 'An import did not finish' : `${props.items.length} imports did not finish`}</h2>
      <ul className="interrupted-list">
        {props.items.map((item) => (
          <li key={item.importId} aria-label={`Interrupted import of ${item.fileName}`}>
            <p>
              <strong>{item.fileName}</strong> stopped after {written(item)}
              {item.reason ? <>: {item.reason}.</> : <>: Dialdeck closed before it finished.</>}
            </p>
            {!item.fileKept && <p className="hint">Dialdeck no longer has a copy of this file: choose it again to import the rest.</p>}
            <div className="actions">
              {item.fileKept ? (
                <button type="button" className="button primary" onClick={() => void props.onResume(item)}>
                  Import the rest
                </button>
              ) : (
                <FilePickButton label={`File for the rest of ${item.fileName}`} className="button primary" onFile={(file) => props.onResume(item, file)}>
                  Choose {item.fileName} to import the rest…
                </FilePickButton>
              )}
              <button type="button" className="button" onClick={() => void props.onKeep(item)}>
                Keep what was imported
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Shown once on any screen at start while an import is unfinished: the Import screen deals with it. */
export function InterruptedImportsNotice(props: { items: InterruptedImport[]; onOpen: () => void }) {
  if (props.items.length === 0) return null;
  const [first] = props.items;
  return (
    <div className="interrupted-notice" role="region" aria-label="Unfinished import">
      <span>
        {props.items.length === 1 ? (
          <>
            The import of <strong>{first!.fileName}</strong> did not finish: {written(first!)}.
          </>
        ) : (
          <>{props.items.length} imports did not finish.</>
        )}
      </span>
      <button type="button" className="button small" onClick={props.onOpen}>
        Import the rest or keep it…
      </button>
    </div>
  );
}
