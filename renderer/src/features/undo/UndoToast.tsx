import { useEffect, useState } from 'react';
import { outcomeLabel } from '../../../../shared/domain/dispositions';
import { ApiError } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { Kbd, useCommands, useModal } from '../../keys/keymap';
import { forgetDisposition, useSessionDispositions, type LoggedDisposition } from './session';

/** How long the "Logged: … — Ctrl+Z to undo" toast stays after a disposition. */
const TOAST_MS = 10_000;

type Shown = { kind: 'logged'; entry: LoggedDisposition } | { kind: 'result'; text: string; error: boolean; at: number };

/** After each disposition: "Logged: Do not call — Ctrl+Z to undo" for 10 s. Ctrl+Z (on the call
 *  screen and the queue) undoes the session's last disposition still standing; a do-not-call
 *  asks first. Whatever the core says (undone, or refused and why) is shown in its place. */
export function UndoToast() {
  const dispositions = useSessionDispositions();
  const last = dispositions.at(-1) ?? null;
  const [result, setResult] = useState<Extract<Shown, { kind: 'result' }> | null>(null);
  const [confirming, setConfirming] = useState<{ entry: LoggedDisposition; question: string } | null>(null);
  const [pageNow, setPageNow] = useState(() => Date.now());
  const undo = useCoreMutation('calls.undo');

  // The newest of the two (a disposition, or what the last undo said) is shown for its 10 s.
  const shown: Shown | null = result && (!last || result.at >= last.loggedAt) ? result : last ? { kind: 'logged', entry: last } : null;
  const shownAt = shown === null ? null : shown.kind === 'logged' ? shown.entry.loggedAt : shown.at;
  const visible = shownAt !== null && pageNow - shownAt < TOAST_MS;
  useEffect(() => {
    if (shownAt === null) return;
    // Re-read the page clock when the toast is due to go (and at once, for one just shown).
    const wake = window.setTimeout(() => setPageNow(Date.now()), Math.max(0, shownAt + TOAST_MS - Date.now()));
    const now = window.setTimeout(() => setPageNow(Date.now()), 0);
    return () => {
      window.clearTimeout(wake);
      window.clearTimeout(now);
    };
  }, [shownAt]);

  async function run(entry: LoggedDisposition, confirm: boolean) {
    setConfirming(null);
    try {
      const reply = await undo.mutateAsync({ callId: entry.callId, confirm });
      if (reply.status === 'confirm') {
        setConfirming({ entry, question: reply.message });
        return;
      }
      forgetDisposition(entry.callId);
      setResult({ kind: 'result', text: reply.message, error: false, at: Date.now() });
    } catch (e) {
      // Refused (the window passed, the lead changed since): said why; it stays refused.
      if (e instanceof ApiError && e.code === 'conflict') forgetDisposition(entry.callId);
      setResult({ kind: 'result', text: `Not undone: ${e instanceof Error ? e.message : String(e)}`, error: true, at: Date.now() });
    }
  }

  useCommands('global', [
    {
      id: 'undo.last',
      keys: ['Ctrl+z'],
      label: last ? `Undo the last disposition (${outcomeLabel(last.outcome)} for ${last.name})` : 'Undo the last disposition',
      group: 'Undo',
      enabled: last !== null && !undo.isPending,
      run: () => void (last && run(last, false)),
    },
  ]);

  return (
    <>
      {confirming && <ConfirmUndo question={confirming.question} onConfirm={() => void run(confirming.entry, true)} onCancel={() => setConfirming(null)} />}
      {visible && shown && (
        // Announced politely (not a second "status" beside the screen's own); a refusal is an alert.
        <div className={`toast${shown.kind === 'result' && shown.error ? ' toast-error' : ''}`} role={shown.kind === 'result' && shown.error ? 'alert' : undefined} aria-live="polite" aria-label="Undo">
          {shown.kind === 'logged' ? (
            <>
              Logged: {outcomeLabel(shown.entry.outcome)} — <Kbd command="undo.last" /> to undo
            </>
          ) : (
            shown.text
          )}
        </div>
      )}
    </>
  );
}

/** Undoing a do-not-call puts the number back on the calling list: asked first. */
function ConfirmUndo({ question, onConfirm, onCancel }: { question: string; onConfirm: () => void; onCancel: () => void }) {
  useModal('undo-confirm');
  useCommands(
    'modal',
    [
      { id: 'undo.confirm', keys: ['y'], label: 'Yes, undo it', run: onConfirm },
      { id: 'undo.cancel', keys: ['Escape'], label: 'No, keep it', where: 'anywhere', run: onCancel },
    ],
    'undo-confirm',
  );
  return (
    <div className="toast toast-confirm" role="alertdialog" aria-label="Undo do-not-call?">
      <p>{question}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>
          Undo it <Kbd command="undo.confirm" />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Keep it <Kbd command="undo.cancel" />
        </button>
      </div>
    </div>
  );
}
