import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EventPayload, RequestOf } from '../../../shared/ipc/contract';
import { invoke } from '../api/client';
import { progressKey, useProgress } from '../api/queries';
import { useCommands } from '../keys/keymap';
import type { Command } from '../keys/registry';

type ExportState = { name: 'idle' } | { name: 'running' } | { name: 'saved'; path: string; rows: number } | { name: 'failed'; message: string };

/** An export button: the core asks where to save and a worker thread writes the file, so the
 *  page never holds it; meanwhile a progress bar, then where it went ("Saved 1,234 rows to …").
 *  Rendered as siblings for an `.actions` row: the button, then a full-width line under it. */
export function ExportButton(props: {
  request: RequestOf<'exports.write'>;
  label: string;
  primary?: boolean;
  disabled?: boolean;
  /** A key that starts it too (registered on the screen's scope). */
  command?: Pick<Command, 'id' | 'keys' | 'label' | 'group'>;
}) {
  const { what, importId = null } = props.request;
  const [state, setState] = useState<ExportState>({ name: 'idle' });
  const client = useQueryClient();
  const key = progressKey.export(what, importId);
  const progress = useProgress<EventPayload<'export.progress'>>(key).data;
  // The line under the buttons may be below the fold (the contacts list fills a short window).
  const statusLine = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block body: scrollIntoView returns a promise in newer Chromium, not a cleanup function.
    statusLine.current?.scrollIntoView({ block: 'nearest' });
  }, [state.name]);

  async function start() {
    if (state.name === 'running') return;
    client.setQueryData(key, null);
    setState({ name: 'running' });
    try {
      const result = await invoke('exports.write', { ...props.request, what, importId });
      setState(result.path === null ? { name: 'idle' } : { name: 'saved', path: result.path, rows: result.rows });
    } catch (e) {
      setState({ name: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  useCommands('screen', props.command ? [{ ...props.command, enabled: !props.disabled, run: () => void start() }] : []);

  const rows = progress?.rows ?? 0;
  const total = progress?.total ?? 0;
  const percent = state.name === 'running' && total > 0 ? Math.min(100, Math.round((rows / total) * 100)) : 0;
  // While it runs the button is aria-disabled, not disabled, so it keeps the keyboard's focus.
  return (
    <>
      <button
        type="button"
        className={props.primary ? 'button primary' : 'button'}
        onClick={() => void start()}
        disabled={props.disabled}
        aria-disabled={state.name === 'running' || undefined}
      >
        {props.label}
      </button>
      {state.name === 'running' && (
        <div ref={statusLine} className="export-status">
          <span>
            Exporting… {rows.toLocaleString()}
            {total > 0 ? ` of ${total.toLocaleString()}` : ''} rows
          </span>
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {state.name === 'saved' && (
        <div ref={statusLine} className="export-status form-ok" role="status">
          Saved {state.rows.toLocaleString()} {state.rows === 1 ? 'row' : 'rows'} to <span className="export-path">{state.path}</span>
        </div>
      )}
      {state.name === 'failed' && (
        <div ref={statusLine} className="export-status form-error" role="alert">
          {state.message}
        </div>
      )}
    </>
  );
}
