// The one editor of the texts a rep writes with merge fields: the call scripts and the email
// templates (#14). A list to pick from (starters restorable), a form checked as it is typed (an
// unknown field is said at once; a field's error goes with the edit that fixes it), a refused save
// that keeps every word typed, Markdown import and export, and a preview with sample values. What
// differs between the two kinds (their situations, extra fields, labels, checks and preview) is
// passed in; the store says how each is read and written.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { unknownFields } from '../../../../shared/domain/scripts';
import { ApiError } from '../../api/client';
import { refusalText } from '../../api/refusal';
import { FilePickButton } from '../../components/FilePickButton';
import { downloadText } from '../../components/files';
import { Kbd, useCommands } from '../../keys/keymap';
import { changesNotSaved, useUnsavedChanges, useUnsavedQuestion } from '../../components/unsaved';

/** A template as the editor holds it: the kind's extra text fields (F) beside name, situation, body. */
export type TemplateDraft<S extends string, F extends string> = { id?: number; name: string; situation: S; body: string } & Record<F, string>;

/** A saved template as the list shows it. */
export interface TemplateView<S extends string> {
  id: number;
  name: string;
  situation: S;
  starter: boolean;
}

/** How a kind of template is read and written; each write leaves the list up to date. */
export interface TemplateStore<S extends string, F extends string, V extends TemplateView<S>> {
  list: { data: V[] | undefined; error: Error | null };
  save(draft: TemplateDraft<S, F>): Promise<V>;
  restore(id: number): Promise<V>;
  remove(id: number): Promise<unknown>;
  importFile(file: { fileName: string; text: string }): Promise<V>;
  exportFile(id: number): Promise<{ fileName: string; text: string }>;
}

export interface TemplateKind<S extends string, F extends string, V extends TemplateView<S>> {
  /** What one is called, in lower case ("script", "email template"): the list's heading, the
   *  form's name, the buttons and the messages say it. */
  noun: string;
  draftOf(view: V): TemplateDraft<S, F>;
  empty: TemplateDraft<S, F>;
  situations: readonly S[];
  situationLabels: Readonly<Record<S, string>>;
  situationLabel: string;
  /** The hint after a name in the list, besides "starter". */
  listHint(view: V): string;
  /** The kind's own text fields, in the order shown, between the situation and the body. */
  textFields: readonly { key: F; label: string }[];
  bodyLabel: string;
  bodyRows: number;
  /** The fields whose merge fields are checked, in that order. */
  merged: readonly (F | 'body')[];
  /** After "Unknown fields: …": what becomes of them. */
  unknownNote: string;
  saveLabel: ReactNode;
  /** Shown under the form's fields (the voicemail rules of a script). */
  checks?: (draft: TemplateDraft<S, F>) => ReactNode;
  previewLabel: string;
  preview(draft: TemplateDraft<S, F>): ReactNode;
  /** Shown under the list (the campaigns' chosen scripts). */
  listFooter?: ReactNode;
}

/** Ctrl+S saves what the editor on show holds; mounted only with that editor, so the two kinds
 *  (both kept mounted, so a switch loses no draft) never both claim the key. */
function SaveKey({ enabled, save }: { enabled: boolean; save: () => Promise<void> }) {
  useCommands('screen', [{ id: 'scripts.save', keys: ['Ctrl+s', 'Meta+s'], label: 'Save the script or email template', group: 'Scripts', where: 'anywhere', enabled, run: () => void save() }]);
  return null;
}

/** `shown`: false keeps the editor (and the draft in it) while the other kind is on screen. */
export function TemplateEditor<S extends string, F extends string, V extends TemplateView<S>>({ kind, store, shown = true, show: bringBack }: { kind: TemplateKind<S, F, V>; store: TemplateStore<S, F, V>; shown?: boolean; show?: () => void }) {
  type Draft = TemplateDraft<S, F>;
  const Noun = kind.noun[0]!.toUpperCase() + kind.noun.slice(1);
  const title = `${Noun}s`;
  const titleId = `${kind.noun.replaceAll(' ', '-')}s-title`;
  const items = store.list.data;
  // The template being edited; until the rep opens one, the first in the list. `null` after a
  // delete: the first again.
  const [edited, setDraft] = useState<Draft | null>(null);
  const first = items?.[0];
  const draft = edited ?? (first ? kind.draftOf(first) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // Each refused save: the editor is taller than a small window, so what says why is brought into view.
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (refusals === 0 || !form) return;
    // The cursor in the first field refused and its message in view; with no field named, the
    // "Not saved" line in view and the cursor where it was.
    const said = form.querySelector<HTMLElement>('.field-error');
    said?.closest('label')?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
    (said ?? statusRef.current)?.scrollIntoView({ block: 'nearest' });
  }, [refusals]);
  const selected = items?.find((t) => t.id === draft?.id) ?? null;
  // The draft as it was opened (saved, new or imported), to tell what was typed since.
  const [opened, setOpened] = useState<Draft | null>(null);
  const base = opened ?? (first ? kind.draftOf(first) : null);
  const fieldsOf = (d: Draft) => JSON.stringify([d.id ?? null, d.name, d.situation, d.body, ...kind.textFields.map((f) => d[f.key])]);
  const dirty = draft !== null && base !== null && fieldsOf(draft) !== fieldsOf(base);
  // Named as the list names it (its saved name), so the rep knows which one.
  const shownAs = draft?.id === undefined ? `the new ${kind.noun}` : `“${base?.name ?? draft.name}”`;
  // Kept off screen, staying to save its changes brings it back.
  const onShow = useMemo(() => (bringBack ? { shown, show: bringBack } : null), [bringBack, shown]);
  useUnsavedChanges(kind.noun, dirty, shownAs, onShow);
  const ask = useUnsavedQuestion();

  /** An edit: the error of the field edited goes, so no message outlives its cause. */
  function edit(patch: Partial<Draft>) {
    if (!draft) return;
    setDraft({ ...draft, ...patch });
    const fixed = Object.keys(patch);
    if (fixed.some((field) => errors[field])) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([field]) => !fixed.includes(field))));
      setStatus(null);
    }
  }

  // A save on its way: opening another template waits for its answer, so a refusal is said on
  // the draft it refused (kept as typed), not on the one opened meanwhile.
  const savePending = useRef<Promise<boolean> | null>(null);

  function show(next: Draft | null) {
    setDraft(next);
    setOpened(next);
    setErrors({});
    setStatus(null);
  }

  /** Open a template (or a new or imported one); after a refused save on its way, stay. */
  function open(next: Draft | null) {
    const pending = savePending.current;
    if (!pending) return show(next);
    void pending.then((saved) => {
      if (saved) show(next);
    });
  }

  /** The rep asks for another template (`opens` names it): with changes not saved here, asked
   *  first. A save on its way is waited for instead (it leaves nothing unsaved, or is refused). */
  function choose(next: Draft, opens: string) {
    if (!dirty || savePending.current) return open(next);
    ask({
      label: `Open another ${kind.noun} without saving?`,
      text: `${changesNotSaved([shownAs])} Stay to save them (Ctrl+S), or open ${opens} without them.`,
      leaveLabel: 'Open without saving',
      leave: () => open(next),
    });
  }

  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      setStatus({ ok: true, text: done });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!draft || savePending.current) return;
    const saving = (async () => {
      try {
        const saved = await store.save(draft);
        show(kind.draftOf(saved));
        setStatus({ ok: true, text: `Saved “${saved.name}”.` });
        return true;
      } catch (e) {
        // The draft stays as typed: only the message changes.
        setErrors(e instanceof ApiError ? e.fields : {});
        setStatus({ ok: false, text: `Not saved: ${refusalText(e)}` });
        setRefusals((n) => n + 1);
        return false;
      } finally {
        savePending.current = null;
      }
    })();
    savePending.current = saving;
    await saving;
  }

  const unknown = useMemo(() => (draft ? [...new Set(kind.merged.flatMap((field) => unknownFields(draft[field])))] : []), [draft, kind.merged]);

  const fieldError = (field: string) =>
    errors[field] && (
      <span className="field-error" role="alert">
        {errors[field]}
      </span>
    );

  return (
    <div className="scripts-layout" style={shown ? undefined : { display: 'none' }}>
      {shown && <SaveKey enabled={draft !== null} save={save} />}
      <aside className="panel scripts-list" aria-labelledby={titleId}>
        <h1 id={titleId}>{title}</h1>
        {store.list.error && (
          <p className="form-error" role="alert">
            Could not read the {kind.noun}s: {store.list.error.message}
          </p>
        )}
        <ul>
          {items?.map((t) => (
            <li key={t.id}>
              <button type="button" className={t.id === draft?.id ? 'link-button active' : 'link-button'} aria-current={t.id === draft?.id ? 'true' : undefined} onClick={() => choose(kind.draftOf(t), `“${t.name}”`)}>
                {t.name}
              </button>
              <span className="hint">
                {' '}
                {kind.listHint(t)}
                {t.starter ? ' · starter' : ''}
              </span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="button" onClick={() => choose({ ...kind.empty }, `a new ${kind.noun}`)}>
            New {kind.noun}
          </button>
          <FilePickButton
            label={`${Noun} file to import`}
            className="button"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            onFile={async (file) => {
              const text = await file.text();
              await act(async () => {
                const imported = await store.importFile({ fileName: file.name, text });
                choose(kind.draftOf(imported), `“${imported.name}”, imported`);
              }, `Imported ${file.name}.`);
            }}
          >
            Import .md
          </FilePickButton>
        </div>
        {kind.listFooter}
      </aside>

      {draft && (
        <form ref={formRef} className="panel script-editor" onSubmit={(e) => void save(e)} aria-label={`Edit ${kind.noun}`} noValidate>
          <div className="two-col">
            <label className="field">
              <span>Name</span>
              <input value={draft.name} onChange={(e) => edit({ name: e.target.value } as Partial<Draft>)} aria-invalid={errors.name ? true : undefined} />
              {fieldError('name')}
            </label>
            <label className="field">
              <span>{kind.situationLabel}</span>
              <select value={draft.situation} onChange={(e) => edit({ situation: e.target.value as S } as Partial<Draft>)}>
                {kind.situations.map((s) => (
                  <option key={s} value={s}>
                    {kind.situationLabels[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {kind.textFields.map(({ key, label }) => (
            <label className="field" key={key}>
              <span>{label}</span>
              <input value={draft[key]} onChange={(e) => edit({ [key]: e.target.value } as Partial<Draft>)} aria-invalid={errors[key] ? true : undefined} />
              {fieldError(key)}
            </label>
          ))}
          <label className="field">
            <span>{kind.bodyLabel}</span>
            <textarea className="script-source" rows={kind.bodyRows} value={draft.body} onChange={(e) => edit({ body: e.target.value } as Partial<Draft>)} aria-invalid={errors.body || unknown.length ? true : undefined} spellCheck />
            {fieldError('body')}
          </label>
          {unknown.length > 0 && (
            <p className="form-error" role="alert">
              Unknown fields: {unknown.map((f) => `{{${f}}}`).join(', ')}. {kind.unknownNote}
            </p>
          )}
          {kind.checks?.(draft)}
          {status && (
            <p ref={statusRef} className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
              {status.text}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary">
              {kind.saveLabel} <Kbd command="scripts.save" first />
            </button>
            {selected?.starter && (
              <button type="button" className="button" onClick={() => void act(async () => open(kind.draftOf(await store.restore(selected.id))), `Restored “${selected.name}” to the text it shipped with.`)}>
                Restore starter text
              </button>
            )}
            {selected && (
              <button
                type="button"
                className="button"
                onClick={() =>
                  void act(async () => {
                    const file = await store.exportFile(selected.id);
                    downloadText(file.fileName, file.text, 'text/markdown;charset=utf-8');
                  }, `Exported “${selected.name}” as a Markdown file.`)
                }
              >
                Export .md
              </button>
            )}
            {selected && !selected.starter && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  if (window.confirm(`Delete the ${kind.noun} “${selected.name}”? This cannot be undone (export it first to keep a copy).`))
                    void act(async () => (await store.remove(selected.id), open(null)), `Deleted “${selected.name}”.`);
                }}
              >
                Delete
              </button>
            )}
          </div>
        </form>
      )}

      {draft && (
        <section className="panel script-preview" aria-label={kind.previewLabel}>
          <h2>Preview with sample values</h2>
          {kind.preview(draft)}
        </section>
      )}
    </div>
  );
}
