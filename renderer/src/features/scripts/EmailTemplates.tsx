// Email templates (#14), edited beside the scripts: one per situation (after a voicemail,
// confirming a conversation, after a complaint, following up a proposal), with the scripts' merge
// fields, checked as they are typed and previewed with sample values; starters restorable;
// imported and exported as Markdown files. Nothing typed is lost on a refused save.
import { useEffect, useMemo, useState, type FormEvent, type MutableRefObject } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailTemplateView } from '../../../../shared/ipc/contract';
import { EMAIL_SITUATIONS, EMAIL_SITUATION_LABELS, type EmailSituation } from '../../../../shared/domain/cadence';
import { mergeText, unknownFields } from '../../../../shared/domain/scripts';
import { ApiError, invoke } from '../../api/client';
import { queries } from '../../api/queries';
import { FilePickButton } from '../../components/FilePickButton';
import { downloadText } from '../../components/files';

type Draft = { id?: number; name: string; situation: EmailSituation; subject: string; body: string };
const draftOf = (t: EmailTemplateView): Draft => ({ id: t.id, name: t.name, situation: t.situation, subject: t.subject, body: t.body });
const EMPTY: Draft = { name: '', situation: 'after_voicemail', subject: '', body: 'Hi {{contact.firstName}},\n\n\n\n{{me.name}}\n{{me.phone}}\n' };

/** Save the template being edited; the screen's Ctrl+S calls it. */
export type SaveEmailTemplate = () => Promise<void>;

export function EmailTemplates({ sample, saveRef }: { sample: Record<string, string>; saveRef: MutableRefObject<SaveEmailTemplate | null> }) {
  const client = useQueryClient();
  const { data: templates, error: listError } = useQuery(queries.emailTemplates());
  const [edited, setDraft] = useState<Draft | null>(null);
  const first = templates?.[0];
  const draft = edited ?? (first ? draftOf(first) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const selected = templates?.find((t) => t.id === draft?.id) ?? null;
  const refresh = () => client.invalidateQueries({ queryKey: queries.emailTemplates().queryKey });

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

  function open(template: EmailTemplateView) {
    setDraft(draftOf(template));
    setErrors({});
    setStatus(null);
  }

  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      await refresh();
      setStatus({ ok: true, text: done });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!draft) return;
    try {
      const saved = await invoke('emailTemplates.save', draft);
      await refresh();
      setDraft(draftOf(saved));
      setErrors({});
      setStatus({ ok: true, text: `Saved “${saved.name}”.` });
    } catch (e) {
      // The draft stays as typed: only the message changes.
      setErrors(e instanceof ApiError ? e.fields : {});
      setStatus({ ok: false, text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  useEffect(() => {
    saveRef.current = draft ? save : null;
  });

  const unknown = useMemo(() => (draft ? [...new Set([...unknownFields(draft.subject), ...unknownFields(draft.body)])] : []), [draft]);

  return (
    <div className="scripts-layout">
      <aside className="panel scripts-list" aria-labelledby="email-templates-title">
        <h1 id="email-templates-title">Email templates</h1>
        {listError && (
          <p className="form-error" role="alert">
            Could not read the templates: {listError.message}
          </p>
        )}
        <ul>
          {templates?.map((t) => (
            <li key={t.id}>
              <button type="button" className={t.id === draft?.id ? 'link-button active' : 'link-button'} aria-current={t.id === draft?.id ? 'true' : undefined} onClick={() => open(t)}>
                {t.name}
              </button>
              <span className="hint">
                {' '}
                {EMAIL_SITUATION_LABELS[t.situation]}
                {t.starter ? ' · starter' : ''}
              </span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="button" onClick={() => (setDraft({ ...EMPTY }), setErrors({}), setStatus(null))}>
            New template
          </button>
          <FilePickButton
            label="Email template file to import"
            className="button"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            onFile={async (file) => {
              const text = await file.text();
              await act(async () => open(await invoke('emailTemplates.import', { fileName: file.name, text })), `Imported ${file.name}.`);
            }}
          >
            Import .md
          </FilePickButton>
        </div>
      </aside>

      {draft && (
        <form className="panel script-editor" onSubmit={(e) => void save(e)} aria-label="Edit email template" noValidate>
          <div className="two-col">
            <label className="field">
              <span>Name</span>
              <input value={draft.name} onChange={(e) => edit({ name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
              {errors.name && (
                <span className="field-error" role="alert">
                  {errors.name}
                </span>
              )}
            </label>
            <label className="field">
              <span>Sent when</span>
              <select value={draft.situation} onChange={(e) => edit({ situation: e.target.value as EmailSituation })}>
                {EMAIL_SITUATIONS.map((s) => (
                  <option key={s} value={s}>
                    {EMAIL_SITUATION_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>Subject</span>
            <input value={draft.subject} onChange={(e) => edit({ subject: e.target.value })} aria-invalid={errors.subject ? true : undefined} />
            {errors.subject && (
              <span className="field-error" role="alert">
                {errors.subject}
              </span>
            )}
          </label>
          <label className="field">
            <span>Email (plain text or Markdown, with the scripts’ fields: {'{{contact.firstName}}'}, {'{{me.name}}'}…)</span>
            <textarea className="script-source" rows={14} value={draft.body} onChange={(e) => edit({ body: e.target.value })} aria-invalid={errors.body || unknown.length ? true : undefined} spellCheck />
            {errors.body && (
              <span className="field-error" role="alert">
                {errors.body}
              </span>
            )}
          </label>
          {unknown.length > 0 && (
            <p className="form-error" role="alert">
              Unknown fields: {unknown.map((f) => `{{${f}}}`).join(', ')}. They would be left blank in the email.
            </p>
          )}
          {status && (
            <p className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
              {status.text}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary">
              Save template
            </button>
            {selected?.starter && (
              <button type="button" className="button" onClick={() => void act(async () => open(await invoke('emailTemplates.restore', { id: selected.id })), `Restored “${selected.name}” to the text it shipped with.`)}>
                Restore starter text
              </button>
            )}
            {selected && (
              <button
                type="button"
                className="button"
                onClick={() =>
                  void act(async () => {
                    const file = await invoke('emailTemplates.export', { id: selected.id });
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
                  if (window.confirm(`Delete the email template “${selected.name}”? This cannot be undone (export it first to keep a copy).`))
                    void act(async () => (await invoke('emailTemplates.delete', { id: selected.id }), setDraft(null)), `Deleted “${selected.name}”.`);
                }}
              >
                Delete
              </button>
            )}
          </div>
        </form>
      )}

      {draft && (
        <section className="panel script-preview" aria-label="Email preview">
          <h2>Preview with sample values</h2>
          <p>
            <strong>Subject:</strong> <span data-testid="email-preview-subject">{mergeText(draft.subject, sample)}</span>
          </p>
          <pre className="email-preview-body" data-testid="email-preview-body">
            {mergeText(draft.body, sample)}
          </pre>
        </section>
      )}
    </div>
  );
}
