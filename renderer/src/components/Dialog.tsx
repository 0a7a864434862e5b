import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useCommands, useModal } from '../keys/keymap';
import type { Command } from '../keys/registry';

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A dialog that has the keyboard while open: only its own keys work (Esc closes it, from any
 *  field), Tab stays inside, focus goes in on opening and back where it was on closing. */
export function Dialog(props: {
  /** The keymap scope: "snooze", "add-contact". */
  name: string;
  label: string;
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  /** Its own keys, besides Esc. */
  commands?: readonly Command[];
  closeLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  const { name, onClose } = props;
  useModal(name);
  useCommands('modal', [{ id: `${name}.close`, keys: ['Escape'], label: props.closeLabel ?? 'Close', where: 'anywhere', run: () => onClose() }, ...(props.commands ?? [])], name);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.contains(document.activeElement)) (dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog).focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  function trapTab(event: KeyboardEvent) {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section ref={ref} role={props.role ?? 'dialog'} aria-modal="true" aria-label={props.label} tabIndex={-1} className={`dialog panel ${props.className ?? ''}`} onKeyDown={trapTab}>
        {props.children}
      </section>
    </div>
  );
}
