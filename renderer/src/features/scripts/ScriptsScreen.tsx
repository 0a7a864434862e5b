import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ScriptView } from '../../../../shared/ipc/contract';
import { SITUATIONS, SITUATION_LABELS, checkVoicemail, mergeText, objectionCards, unknownFields, type Situation } from '../../../../shared/domain/scripts';
import { ApiError, invoke } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { FilePickButton } from '../../components/FilePickButton';
import { downloadText } from '../../components/files';
import { Kbd, useCommands } from '../../keys/keymap';
import { renderScript } from './render';
import { CampaignScripts } from '../campaigns/CampaignScripts';
import { VoicemailChecks } from './VoicemailChecks';
import { EmailTemplates, type SaveEmailTemplate } from './EmailTemplates';

/** What the preview and the checker fill the fields with. */
const SAMPLE = {
  'contact.firstName': 'Ana',
  'contact.lastName': 'Silva',
  'contact.company': 'Acme',
  'contact.title': 'Head of Sales',
  'contact.localTime': '09:15',
  'me.name': 'Sam Reed',
  'me.phone': '2 1 2, 5 5 5, 0 1 4 3',
  'lastCall.nextStep': 'a demo with the CFO',
  'lastCall.date': 'Tuesday 3 March',
};

type Draft = { id?: number; name: string; situation: Situation; campaign: string; body: string };
const draftOf = (script: ScriptView): Draft => ({ id: script.id, name: script.name, situation: script.situation, campaign: script.campaign, body: script.body });
const EMPTY: Draft = { name: '', situation: 'first_call', campaign: '', body: '## Opening\n\n## Discovery\n\n## Objections\n### \nPre-handle: \nAnswer: \n\n## Close\n' };

/** Scripts: list, edit with a live check (unknown fields, the voicemail rules) and preview,
 *  restore a starter, import and export Markdown files. */
export function ScriptsScreen() {
  // Call scripts, or the email templates beside them (#14).
  const [kind, setKind] = useState<'scripts' | 'emails'>('scripts');
  const saveEmailTemplate = useRef<SaveEmailTemplate | null>(null);
  const { data: scripts } = useQuery(queries.scripts());
  // The script being edited; until the rep opens one, the first in the list. `null` after a
  // delete: the first again.
  const [edited, setDraft] = useState<Draft | null>(null);
  const first = scripts?.[0];
  const draft = edited ?? (first ? draftOf(first) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const saveScript = useCoreMutation('scripts.save');
  const restoreScript = useCoreMutation('scripts.restore');
  const deleteScript = useCoreMutation('scripts.delete');
  const importScript = useCoreMutation('scripts.import');

  const selected = scripts?.find((s) => s.id === draft?.id) ?? null;

  function open(script: ScriptView) {
    setDraft(draftOf(script));
    setErrors({});
    setStatus(null);
  }

  useCommands('screen', [
    {
      id: 'scripts.save',
      keys: ['Ctrl+s', 'Meta+s'],
      label: 'Save the script or email template',
      group: 'Scripts',
      where: 'anywhere',
      enabled: kind === 'emails' || draft !== null,
      run: () => void (kind === 'emails' ? saveEmailTemplate.current?.() : save()),
    },
  ]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!draft) return;
    try {
      const saved = await saveScript.mutateAsync(draft);
      setDraft(draftOf(saved));
      setErrors({});
      setStatus({ ok: true, text: `Saved “${saved.name}”.` });
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fields : {});
      setStatus({ ok: false, text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      setStatus({ ok: true, text: done });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  const unknown = useMemo(() => (draft ? unknownFields(draft.body) : []), [draft]);
  const checks = draft?.situation === 'voicemail' ? checkVoicemail(draft.body) : [];
  const cards = draft ? objectionCards(draft.body) : [];

  const tabs = (
    <div className="segmented scripts-kind" role="radiogroup" aria-label="Edit">
      {(['scripts', 'emails'] as const).map((k) => (
        <label key={k} className={kind === k ? 'active' : undefined}>
          <input type="radio" name="scripts-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {k === 'scripts' ? 'Call scripts' : 'Email templates'}
        </label>
      ))}
    </div>
  );
  if (kind === 'emails') {
    return (
      <div className="scripts-screen">
        {tabs}
        <EmailTemplates sample={SAMPLE} saveRef={saveEmailTemplate} />
      </div>
    );
  }
  return (
    <div className="scripts-screen">
    {tabs}
    <div className="scripts-layout">
      <aside className="panel scripts-list" aria-labelledby="scripts-title">
        <h1 id="scripts-title">Scripts</h1>
        <ul>
          {scripts?.map((s) => (
            <li key={s.id}>
              <button type="button" className={s.id === draft?.id ? 'link-button active' : 'link-button'} aria-current={s.id === draft?.id ? 'true' : undefined} onClick={() => open(s)}>
                {s.name}
              </button>
              <span className="hint">
                {' '}
                {SITUATION_LABELS[s.situation]}
                {s.campaign ? ` · ${s.campaign}` : ''}
                {s.starter ? ' · starter' : ''}
              </span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="button" onClick={() => (setDraft({ ...EMPTY }), setErrors({}), setStatus(null))}>
            New script
          </button>
          <FilePickButton
            label="Script file to import"
            className="button"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            onFile={async (file) => {
              const text = await file.text();
              await act(async () => open(await importScript.mutateAsync({ fileName: file.name, text })), `Imported ${file.name}.`);
            }}
          >
            Import .md
          </FilePickButton>
        </div>
        <CampaignScripts />
      </aside>

      {draft && (
        <form
          className="panel script-editor"
          onSubmit={(e) => void save(e)}
          aria-label="Edit script"
          noValidate
        >
          <div className="two-col">
            <label className="field">
              <span>Name</span>
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
              {errors.name && (
                <span className="field-error" role="alert">
                  {errors.name}
                </span>
              )}
            </label>
            <label className="field">
              <span>Situation</span>
              <select value={draft.situation} onChange={(e) => setDraft({ ...draft, situation: e.target.value as Situation })}>
                {SITUATIONS.map((s) => (
                  <option key={s} value={s}>
                    {SITUATION_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>Campaign (an import’s file name; empty: every lead)</span>
            <input value={draft.campaign} onChange={(e) => setDraft({ ...draft, campaign: e.target.value })} />
          </label>
          <label className="field">
            <span>Script (Markdown: ## starts a section; ### under “## Objections” is a card with “Pre-handle:” and “Answer:”; “- [ ] …” is a checklist item)</span>
            <textarea className="script-source" rows={16} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} aria-invalid={errors.body || unknown.length ? true : undefined} spellCheck />
            {errors.body && (
              <span className="field-error" role="alert">
                {errors.body}
              </span>
            )}
          </label>
          {unknown.length > 0 && (
            <p className="form-error" role="alert">
              Unknown fields: {unknown.map((f) => `{{${f}}}`).join(', ')}. Known: contact.firstName, contact.lastName, contact.company, contact.title, contact.localTime, me.name, me.phone, lastCall.nextStep, lastCall.date, and contact.custom.&lt;column&gt;. At call time an unknown field shows as a blank to fill.
            </p>
          )}
          <VoicemailChecks checks={checks} />
          {status && (
            <p className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
              {status.text}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary">
              Save <Kbd command="scripts.save" first />
            </button>
            {selected?.starter && (
              <button type="button" className="button" onClick={() => void act(async () => open(await restoreScript.mutateAsync({ id: selected.id })), `Restored “${selected.name}” to the text it shipped with.`)}>
                Restore starter text
              </button>
            )}
            {selected && (
              <button
                type="button"
                className="button"
                onClick={() =>
                  void act(async () => {
                    const file = await invoke('scripts.export', { id: selected.id });
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
                  if (window.confirm(`Delete the script “${selected.name}”? This cannot be undone (export it first to keep a copy).`)) void act(async () => (await deleteScript.mutateAsync({ id: selected.id }), setDraft(null)), `Deleted “${selected.name}”.`);
                }}
              >
                Delete
              </button>
            )}
          </div>
        </form>
      )}

      {draft && (
        <section className="panel script-preview" aria-label="Preview">
          <h2>Preview with sample values</h2>
          <div className="script-body" dangerouslySetInnerHTML={{ __html: renderScript(draft.body, SAMPLE) }} />
          {cards.length > 0 && <p className="hint">{cards.length} objection cards: {cards.map((c) => mergeText(c.objection, SAMPLE)).join(', ')}</p>}
        </section>
      )}
    </div>
    </div>
  );
}
