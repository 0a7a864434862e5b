// Settings typed but not saved are not dropped by leaving the screen: each form saved with a button
// says whether it holds changes, and leaving (a screen key, a click in the navigation, a clicked
// notification) first asks, naming those forms: stay to save them, or leave without them.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { andList } from '../../components/format';
import { Kbd, useModalCommands } from '../../keys/keymap';

/** The App's leave guard: true stops the leaving; `leave` does it once allowed. */
export type LeaveGuard = (leave: () => void) => boolean;

type Registry = Map<string, boolean>;

const UnsavedForms = createContext<RefObject<Registry> | null>(null);

/** A form saved with a button tells the screen, by its title, whether it holds unsaved changes. */
export function useUnsavedChanges(form: string, dirty: boolean): void {
  const registry = useContext(UnsavedForms);
  // In the screen's order (the order the forms mount), whatever order they were edited in.
  useEffect(() => {
    if (!registry) return undefined;
    const forms = registry.current;
    forms.set(form, false);
    return () => {
      forms.delete(form);
    };
  }, [registry, form]);
  useEffect(() => {
    registry?.current.set(form, dirty);
  }, [registry, form, dirty]);
}

/** Settings' forms, and the question asked when leaving them with changes unsaved. */
export function UnsavedSettingsGuard({ leaveGuardRef, children }: { leaveGuardRef: RefObject<LeaveGuard | null>; children: ReactNode }) {
  const registry = useRef<Registry>(new Map());
  const [asking, setAsking] = useState<{ forms: string[]; leave: () => void } | null>(null);
  const allowed = useRef(false);
  useEffect(() => {
    leaveGuardRef.current = (leave) => {
      if (allowed.current) return false;
      const forms = [...registry.current].filter(([, dirty]) => dirty).map(([form]) => form);
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
        <LeaveQuestion
          forms={asking.forms}
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

function LeaveQuestion({ forms, onStay, onLeave }: { forms: string[]; onStay: () => void; onLeave: () => void }) {
  useModalCommands('settings-unsaved', [
    { id: 'unsaved.stay', keys: ['Escape'], label: 'Stay, to save the changes', where: 'anywhere', run: onStay },
    { id: 'unsaved.leave', keys: ['l'], label: 'Leave without saving them', run: onLeave },
  ]);
  const list = andList(forms.map((form) => `“${form}”`));
  return (
    <div className="toast toast-confirm" role="alertdialog" aria-label="Leave Settings without saving?" aria-describedby="settings-unsaved-text">
      <p id="settings-unsaved-text">
        {list} {forms.length === 1 ? 'has' : 'have'} changes that are not saved. Stay to save them (each form’s Save button), or leave without them.
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={onStay}>
          Stay <Kbd command="unsaved.stay" />
        </button>
        <button type="button" className="button danger" onClick={onLeave}>
          Leave without saving <Kbd command="unsaved.leave" />
        </button>
      </div>
    </div>
  );
}
