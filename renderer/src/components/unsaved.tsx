// What was typed and not saved (Settings' forms, a script or an email template) is not dropped by
// leaving the screen: each form saved with a button or Ctrl+S says whether it holds changes, and
// leaving (a screen key, a click in the navigation, a clicked notification) first asks, naming
// those forms: stay to save them, or leave without them.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { andList } from './format';
import { QuestionToast } from './QuestionToast';

/** The App's leave guard: true stops the leaving; `leave` does it once allowed. */
export type LeaveGuard = (leave: () => void) => boolean;

/** Per form: whether it holds changes, how the question names it, and, for a form that can be
 *  kept off screen (the email templates behind the call scripts), whether it is on show and what
 *  brings it back. */
type Registry = Map<string, { dirty: boolean; shownAs: string; onShow: OnShow | null }>;

/** A form kept mounted while off screen: whether it is on show, and what shows it. */
export interface OnShow {
  shown: boolean;
  show: () => void;
}

/** A question about changes not saved: what it says, and what going on without them does. */
export interface UnsavedQuestionOf {
  label: string;
  text: string;
  leaveLabel: string;
  leave: () => void;
}

/** A screen's forms and its one question: asked again, it replaces the one on show. */
const Unsaved = createContext<{ forms: RefObject<Registry>; ask: (question: UnsavedQuestionOf) => void } | null>(null);

/** A form saved with a button tells the screen, by its title, whether it holds unsaved changes;
 *  the question names it `shownAs` (its title in quotes when left out). `onShow`: for a form that
 *  can be off screen, so that staying to save it brings it back. */
export function useUnsavedChanges(form: string, dirty: boolean, shownAs = `“${form}”`, onShow: OnShow | null = null): void {
  const registry = useContext(Unsaved)?.forms;
  // In the screen's order (the order the forms mount), whatever order they were edited in.
  useEffect(() => {
    if (!registry) return undefined;
    const forms = registry.current;
    // How it is named is set with its state, just below.
    forms.set(form, { dirty: false, shownAs: form, onShow: null });
    return () => {
      forms.delete(form);
    };
  }, [registry, form]);
  useEffect(() => {
    registry?.current.set(form, { dirty, shownAs, onShow });
  }, [registry, form, dirty, shownAs, onShow]);
}

/** Ask the screen's question from inside it (another template opened over one with changes). */
export function useUnsavedQuestion(): (question: UnsavedQuestionOf) => void {
  const context = useContext(Unsaved);
  if (!context) throw new Error('useUnsavedQuestion outside <UnsavedChangesGuard>');
  return context.ask;
}

/** A screen's forms, and the question asked when leaving it with changes unsaved. `howToSave`:
 *  what saves them, as the question says it ("each form’s Save button", "Ctrl+S"). One question
 *  at a time: a leave asked while another question is on show replaces it. */
export function UnsavedChangesGuard({ screen, howToSave, leaveGuardRef, children }: { screen: string; howToSave: string; leaveGuardRef: RefObject<LeaveGuard | null>; children: ReactNode }) {
  const registry = useRef<Registry>(new Map());
  const [asking, setAsking] = useState<UnsavedQuestionOf | null>(null);
  const allowed = useRef(false);
  useEffect(() => {
    leaveGuardRef.current = (leave) => {
      if (allowed.current) return false;
      const forms = [...registry.current.values()].filter((form) => form.dirty).map((form) => form.shownAs);
      if (forms.length === 0) return false;
      setAsking({
        label: `Leave ${screen} without saving?`,
        text: `${changesNotSaved(forms)} Stay to save them (${howToSave}), or leave without them.`,
        leaveLabel: 'Leave without saving',
        leave: () => {
          allowed.current = true;
          leave();
        },
      });
      return true;
    };
    return () => {
      leaveGuardRef.current = null;
    };
  }, [leaveGuardRef, screen, howToSave]);
  const context = useMemo(() => ({ forms: registry, ask: setAsking }), []);
  return (
    <Unsaved.Provider value={context}>
      {asking && (
        <UnsavedQuestion
          question={asking}
          onStay={() => {
            setAsking(null);
            showFormToSave(registry.current);
          }}
          onLeave={() => {
            setAsking(null);
            asking.leave();
          }}
        />
      )}
      {children}
    </Unsaved.Provider>
  );
}

/** Staying to save: when no form with changes is on show (the email template's changes, asked
 *  about from the call scripts), the first of them is brought back, so Ctrl+S saves it. */
function showFormToSave(forms: Registry): void {
  const dirty = [...forms.values()].filter((form) => form.dirty);
  if (dirty.length === 0 || dirty.some((form) => form.onShow === null || form.onShow.shown)) return;
  dirty[0]!.onShow!.show();
}

/** "“Queue rules” has changes that are not saved." */
export function changesNotSaved(forms: readonly string[]): string {
  const named = andList(forms);
  return `${named.charAt(0).toUpperCase()}${named.slice(1)} ${forms.length === 1 ? 'has' : 'have'} changes that are not saved.`;
}

/** Stay with the changes (Esc), or go on without them (L). */
function UnsavedQuestion({ question, onStay, onLeave }: { question: UnsavedQuestionOf; onStay: () => void; onLeave: () => void }) {
  return (
    <QuestionToast
      modal="unsaved"
      label={question.label}
      answers={[
        { id: 'unsaved.stay', keys: ['Escape'], label: 'Stay, to save the changes', button: 'Stay', tone: 'primary', fromAnywhere: true, run: onStay },
        { id: 'unsaved.leave', keys: ['l'], label: question.leaveLabel, button: question.leaveLabel, tone: 'danger', run: onLeave },
      ]}
    >
      {question.text}
    </QuestionToast>
  );
}
