import { useEffect, useRef } from 'react';
import type { ContactDetail } from '../../../../shared/ipc/contract';
import { contactName, displayPhone } from '../../components/format';
import { Kbd, useModalCommands } from '../../keys/keymap';
import { sharersText } from './sharers';

/** The lead as the call and contact screens have it: who it is and who shares its number. */
type LeadOnNumber = Pick<ContactDetail, 'contact' | 'sharesNumberWith' | 'sharesNumberCount'>;

/** Who else is on the lead's number, under its badges (call screen) or fields (contact screen);
 *  nothing when nobody is. `withExtension` adds the lead's own extension, for the caller. */
export function SharesNumberNote({ lead, withExtension = false }: { lead: LeadOnNumber; withExtension?: boolean }) {
  if (lead.sharesNumberWith.length === 0) return null;
  const extension = withExtension ? lead.contact.extension : null;
  return (
    <p className="shares-number" aria-label="Shares a number">
      Shares a number with {sharersText(lead.sharesNumberWith, lead.sharesNumberCount)}
      {extension ? ` · this lead is ext. ${extension}` : ''}: another person, not a duplicate.
    </p>
  );
}

/** Before a do-not-call on a number other leads share: says who else it stops, by name, and
 *  asks. Y logs it, Esc goes back to the disposition keys (nothing is logged). */
export function SharedNumberDnc({ lead, number, onConfirm, onCancel }: { lead: LeadOnNumber; number: string; onConfirm: () => void; onCancel: () => void }) {
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
        <strong>Do not call {contactName(lead.contact)}?</strong> This also stops calls to {sharersText(lead.sharesNumberWith, lead.sharesNumberCount)} — they share{' '}
        <span className="nowrap">{displayPhone(number)}</span>.
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
