// A question over the screen that waits for its answer (undo a disposition? leave without
// saving?): its text, and a button per answer, each with its key, the keyboard held while it is
// open. One place for its look and its keys, so each question only says what it asks.
import type { ReactNode } from 'react';
import { Kbd, useModalCommands } from '../keys/keymap';

/** An answer: its button, its key (a command of the question's modal scope) and what it does. */
export interface QuestionAnswer {
  /** The command: "undo.confirm". */
  id: string;
  keys: readonly string[];
  /** For the keys overlay: "Yes, undo it". */
  label: string;
  /** The button: "Undo it". */
  button: ReactNode;
  tone: 'primary' | 'danger' | 'plain';
  /** Esc answers from anywhere, a field included. */
  fromAnywhere?: boolean;
  run: () => void;
}

/** `modal`: the name of the keyboard scope held while it is open (and its text's id). */
export function QuestionToast({ modal, label, children, answers }: { modal: string; label: string; children: ReactNode; answers: readonly QuestionAnswer[] }) {
  useModalCommands(
    modal,
    answers.map(({ id, keys, label: says, fromAnywhere, run }) => ({ id, keys, label: says, run, ...(fromAnywhere ? { where: 'anywhere' as const } : {}) })),
  );
  const textId = `${modal}-text`;
  return (
    <div className="toast toast-confirm" role="alertdialog" aria-label={label} aria-describedby={textId}>
      <p id={textId}>{children}</p>
      <div className="actions">
        {answers.map((answer) => (
          <button key={answer.id} type="button" className={answer.tone === 'plain' ? 'button' : `button ${answer.tone}`} onClick={answer.run}>
            {answer.button} <Kbd command={answer.id} />
          </button>
        ))}
      </div>
    </div>
  );
}
