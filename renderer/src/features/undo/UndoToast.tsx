import { useEffect, useState, type ReactNode } from 'react';
import { outcomeLabel } from '../../../../shared/domain/dispositions';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { ApiError, invoke } from '../../api/client';
import { coreNow } from '../../api/clock';
import { useCoreMutation } from '../../api/mutations';
import { displayPhone } from '../../components/format';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';
import { QuestionToast } from '../../components/QuestionToast';
import { forgetDisposition, isSettled, useSessionDispositions, type LoggedDisposition } from './session';

/** How long the "Logged: … — Ctrl+Z to undo" toast stays after a disposition. */
const TOAST_MS = 10_000;

type Shown = { kind: 'logged'; entry: LoggedDisposition } | { kind: 'result'; text: string; error: boolean; at: number };

/** A disposition the core can still undo, as it lists them (calls.undoable). */
type Undoable = ResponseOf<'calls.undoable'>[number];

/** After each disposition: "Logged: Do not call — Ctrl+Z to undo" for 10 s. Ctrl+Z (on the call
 *  screen and the queue) undoes the session's last disposition still standing; a do-not-call
 *  asks first. With none logged in this page (the window was reloaded, the app restarted), it
 *  asks the core for the last one it can still undo and offers it, named, to confirm; or says
 *  there is nothing to undo. Whatever the core says (undone, or refused and why) is shown in its
 *  place. */
export function UndoToast() {
  const dispositions = useSessionDispositions();
  const last = dispositions.at(-1) ?? null;
  const [result, setResult] = useState<Extract<Shown, { kind: 'result' }> | null>(null);
  const [confirming, setConfirming] = useState<{ entry: LoggedDisposition; question: string } | null>(null);
  const [offer, setOffer] = useState<Undoable | null>(null);
  const [looking, setLooking] = useState(false);
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

  // Nothing logged in this page: the core's list, less what this page undid or saw refused.
  async function offerLast() {
    setLooking(true);
    try {
      const found = (await invoke('calls.undoable', { limit: 20 })).find((d) => !isSettled(d.callId));
      if (found) setOffer(found);
      else setResult({ kind: 'result', text: 'Nothing to undo: no recent disposition can still be undone.', error: false, at: Date.now() });
    } catch (e) {
      setResult({ kind: 'result', text: `Could not look for a disposition to undo: ${e instanceof Error ? e.message : String(e)}`, error: true, at: Date.now() });
    } finally {
      setLooking(false);
    }
  }

  // The offer said what undoing a do-not-call does (its number back on the calling list): its
  // Y is the confirmation the core asks for.
  function undoOffered(offered: Undoable) {
    setOffer(null);
    void run({ callId: offered.callId, contactId: offered.contactId, outcome: offered.outcome, name: offered.name, loggedAt: Date.now() }, offered.outcome === 'do_not_call');
  }

  useCommands('global', [
    {
      id: 'undo.last',
      keys: ['Ctrl+z'],
      label: last ? `Undo the last disposition (${outcomeLabel(last.outcome)} for ${last.name})` : 'Undo the last disposition (says which first)',
      group: 'Undo',
      enabled: !undo.isPending && !looking,
      run: () => void (last ? run(last, false) : offerLast()),
    },
  ]);

  return (
    <>
      {confirming && <ConfirmUndo question={confirming.question} onConfirm={() => void run(confirming.entry, true)} onCancel={() => setConfirming(null)} />}
      {offer && <OfferUndo offered={offer} onConfirm={() => undoOffered(offer)} onCancel={() => setOffer(null)} />}
      {visible && shown && !confirming && !offer && (
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

/** Ctrl+Z with nothing logged in this page: the last disposition the core can still undo, named
 *  with its time (the rep may not remember it), to confirm with Y; Esc keeps it. */
function OfferUndo({ offered, onConfirm, onCancel }: { offered: Undoable; onConfirm: () => void; onCancel: () => void }) {
  const what =
    offered.outcome === 'do_not_call'
      ? `${displayPhone(offered.number)} comes off the do-not-call list and the lead goes back into the queue.`
      : 'The lead goes back as it was before it.';
  return (
    <UndoQuestion modal="undo-offer" commands="undoOffer" label="Undo the last disposition?" onConfirm={onConfirm} onCancel={onCancel}>
      Undo the last disposition you logged, <strong>{outcomeLabel(offered.outcome)} for {offered.name}</strong> at {yourTime(offered.loggedAt, coreNow())}? {what} The call stays in the log, marked undone.
    </UndoQuestion>
  );
}

/** Undoing a do-not-call puts the number back on the calling list: asked first. */
function ConfirmUndo({ question, onConfirm, onCancel }: { question: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <UndoQuestion modal="undo-confirm" commands="undo" label="Undo do-not-call?" onConfirm={onConfirm} onCancel={onCancel}>
      {question}
    </UndoQuestion>
  );
}

/** An undo to confirm: the question, Y undoes, Esc keeps (commands `<commands>.confirm` and
 *  `<commands>.cancel`, the keyboard held by the dialog `modal` while it is open). */
function UndoQuestion({ modal, commands, label, children, onConfirm, onCancel }: { modal: string; commands: string; label: string; children: ReactNode; onConfirm: () => void; onCancel: () => void }) {
  return (
    <QuestionToast
      modal={modal}
      label={label}
      answers={[
        { id: `${commands}.confirm`, keys: ['y'], label: 'Yes, undo it', button: 'Undo it', tone: 'danger', run: onConfirm },
        { id: `${commands}.cancel`, keys: ['Escape'], label: 'No, keep it', button: 'Keep it', tone: 'plain', fromAnywhere: true, run: onCancel },
      ]}
    >
      {children}
    </QuestionToast>
  );
}
