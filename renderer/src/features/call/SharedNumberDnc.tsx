import { useEffect, useRef } from 'react';
import { Kbd, useModalCommands } from '../../keys/keymap';
import { sharersText, type NumberSharer } from './sharers';

/** Before a do-not-call on a number other leads share: says who else it stops, by name, and
 *  asks. Y logs it, Esc goes back to the disposition keys (nothing is logged). */
export function SharedNumberDnc({ name, others, total, number, onConfirm, onCancel }: { name: string; others: readonly NumberSharer[]; total: number; number: string; onConfirm: () => void; onCancel: () => void }) {
  // Opened below the button that asked (the contact screen's pane scrolls): its scrolling box
  // brought down to show it, and nothing else moved.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    let pane = el?.parentElement ?? null;
    while (pane && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
    if (!el || !pane) return;
    const below = el.getBoundingClientRect().bottom - pane.getBoundingClientRect().bottom;
    if (below > 0) pane.scrollTop += below + 8;
  }, []);
  useModalCommands('dnc-shared', [
    { id: 'dncShared.confirm', keys: ['y'], label: 'Yes: do not call this number (every lead on it)', run: onConfirm },
    { id: 'dncShared.cancel', keys: ['Escape'], label: 'No: back to the disposition keys', where: 'anywhere', run: onCancel },
  ]);
  return (
    <div ref={box} className="dnc-shared" role="alertdialog" aria-label="Do not call a shared number?" aria-describedby="dnc-shared-text">
      <p id="dnc-shared-text">
        <strong>Do not call {name}?</strong> This also stops calls to {sharersText(others, total)} — they share <span className="nowrap">{number}</span>.
      </p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>
          Do not call any of them <Kbd command="dncShared.confirm" />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Back <Kbd command="dncShared.cancel" />
        </button>
      </div>
    </div>
  );
}
