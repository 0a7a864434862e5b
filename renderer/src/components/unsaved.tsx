// What was typed and not saved (Settings' forms, a script or an email template) is not dropped by
// leaving the screen: each form saved with a button or Ctrl+S says whether it holds changes, and
// leaving (a screen key, a click in the navigation, a clicked notification) first asks, naming
// those forms: stay to save them, or leave without them.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { andList } from './format';
import { Kbd, useModalCommands } from '../keys/keymap';

/** The App's leave guard: true stops the leaving; `leave` does it once allowed. */
export type LeaveGuard = (leave: () => void) => boolean;

/** Per form: whether it holds changes, and how the question names it. */
type Registry = Map<string, { dirty: boolean; shownAs: string }>;

const UnsavedForms = createContext<RefObject<Registry> | null>(null);

/** A form saved with a button tells the screen, by its title, whether it holds unsaved changes;
 *  the question names it `shownAs` (its title in quotes when left out). */
export function useUnsavedChanges(form: string, dirty: boolean, shownAs = `“${form}”`): void {
  const registry = useContext(UnsavedForms);
  // In the screen's order (the order the forms mount), whatever order they were edited in.
  useEffect(() => {
    if (!registry) return undefined;
    const forms = registry.current;
    // How it is named is set with its state, just below.
    forms.set(form, { dirty: false, shownAs: form });
    return () => {
      forms.delete(form);
    };
  }, [registry, form]);
  useEffect(() => {
    registry?.current.set(form, { dirty, shownAs });
  }, [registry, form, dirty, shownAs]);
}

/** A screen's forms, and the question asked when leaving it with changes unsaved. `howToSave`:
 *  what saves them, as the question says it ("each form’s Save button", "Ctrl+S"). */
export function UnsavedChangesGuard({ screen, howToSave, leaveGuardRef, children }: { screen: string; howToSave: string; leaveGuardRef: RefObject<LeaveGuard | null>; children: ReactNode }) {
  const registry = useRef<Registry>(new Map());
  const [asking, setAsking] = useState<{ forms: string[]; leave: () => void } | null>(null);
  const allowed = useRef(false);
  useEffect(() => {
    leaveGuardRef.current = (leave) => {
      if (allowed.current) return false;
      const forms = [...registry.current.values()].filter((form) => form.dirty).map((form) => form.shownAs);
      if (forms.length === 0) return false;
      setAsking({ forms, leave });
      return true;
    };
    return () => {
      leaveGuardRef.current = null;
    };
  }, [leaveGuardRef]);
  return (
    <UnsavedForms.Provider value={registry}>
      {asking && (
        <UnsavedQuestion
          label={`Leave ${screen} without saving?`}
          text={`${changesNotSaved(asking.forms)} Stay to save them (${howToSave}), or leave without them.`}
          leaveLabel="Leave without saving"
          onStay={() => setAsking(null)}
          onLeave={() => {
            allowed.current = true;
            setAsking(null);
            asking.leave();
          }}
        />
      )}
      {children}
    </UnsavedForms.Provider>
  );
}

/** "“Queue rules” has changes that are not saved." */
export function changesNotSaved(forms: readonly string[]): string {
  const named = andList(forms);
  return `${named.charAt(0).toUpperCase()}${named.slice(1)} ${forms.length === 1 ? 'has' : 'have'} changes that are not saved.`;
}

/** Stay with the changes (Esc), or go on without them (L). */
export function UnsavedQuestion({ label, text, leaveLabel, onStay, onLeave }: { label: string; text: string; leaveLabel: string; onStay: () => void; onLeave: () => void }) {
  useModalCommands('unsaved', [
    { id: 'unsaved.stay', keys: ['Escape'], label: 'Stay, to save the changes', where: 'anywhere', run: onStay },
    { id: 'unsaved.leave', keys: ['l'], label: leaveLabel, run: onLeave },
  ]);
  return (
    <div className="toast toast-confirm" role="alertdialog" aria-label={label} aria-describedby="unsaved-text">
      <p id="unsaved-text">{text}</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={onStay}>
          Stay <Kbd command="unsaved.stay" />
        </button>
        <button type="button" className="button danger" onClick={onLeave}>
          {leaveLabel} <Kbd command="unsaved.leave" />
        </button>
      </div>
    </div>
  );
}
