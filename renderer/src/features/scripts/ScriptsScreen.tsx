import { useCallback, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ScriptView } from '../../../../shared/ipc/contract';
import { SITUATIONS, SITUATION_LABELS, checkVoicemail, mergeText, objectionCards, type Situation } from '../../../../shared/domain/scripts';
import { invoke } from '../../api/client';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { renderScript } from './render';
import { spokenDate, wallClock } from '../../../../shared/domain/timeFormat';
import { CampaignScripts } from '../campaigns/CampaignScripts';
import { VoicemailChecks } from './VoicemailChecks';
import { EmailTemplates } from './EmailTemplates';
import { UnsavedChangesGuard, type LeaveGuard } from '../../components/unsaved';
import { TemplateEditor, type TemplateKind, type TemplateStore } from './TemplateEditor';

/** What the preview and the checker fill the fields with. */
const SAMPLE = {
  'contact.firstName': 'Ana',
  'contact.lastName': 'Silva',
  'contact.company': 'Acme',
  'contact.title': 'Head of Sales',
  'contact.localTime': wallClock('09:15'),
  'me.name': 'Sam Reed',
  'me.phone': '2 1 2, 5 5 5, 0 1 4 3',
  'lastCall.nextStep': 'a demo with the CFO',
  'lastCall.date': spokenDate(Date.UTC(2026, 2, 3, 12), 'UTC'),
};

const SCRIPT: TemplateKind<Situation, 'campaign', ScriptView> = {
  noun: 'script',
  draftOf: (script) => ({ id: script.id, name: script.name, situation: script.situation, campaign: script.campaign, body: script.body }),
  empty: { name: '', situation: 'first_call', campaign: '', body: '## Opening\n\n## Discovery\n\n## Objections\n### \nPre-handle: \nAnswer: \n\n## Close\n' },
  situations: SITUATIONS,
  situationLabels: SITUATION_LABELS,
  situationLabel: 'Situation',
  listHint: (s) => `${SITUATION_LABELS[s.situation]}${s.campaign ? ` · ${s.campaign}` : ''}`,
  textFields: [{ key: 'campaign', label: 'Campaign (an import’s file name; empty: every lead)' }],
  bodyLabel: 'Script (Markdown: ## starts a section; ### under “## Objections” is a card with “Pre-handle:” and “Answer:”; “- [ ] …” is a checklist item)',
  bodyRows: 16,
  merged: ['body'],
  unknownNote:
    'Known: contact.firstName, contact.lastName, contact.company, contact.title, contact.localTime, me.name, me.phone, lastCall.nextStep, lastCall.date, and contact.custom.<column>. At call time an unknown field shows as a blank to fill.',
  saveLabel: 'Save',
  checks: (draft) => <VoicemailChecks checks={draft.situation === 'voicemail' ? checkVoicemail(draft.body) : []} />,
  previewLabel: 'Preview',
  preview: (draft) => {
    const cards = objectionCards(draft.body);
    return (
      <>
        <div className="script-body" dangerouslySetInnerHTML={{ __html: renderScript(draft.body, SAMPLE) }} />
        {cards.length > 0 && <p className="hint">{cards.length} objection cards: {cards.map((c) => mergeText(c.objection, SAMPLE)).join(', ')}</p>}
      </>
    );
  },
  listFooter: <CampaignScripts />,
};

/** The scripts through the core; the writes say what they make stale (api/mutations). */
function useScriptStore(): TemplateStore<Situation, 'campaign', ScriptView> {
  const list = useQuery(queries.scripts());
  const save = useCoreMutation('scripts.save');
  const restore = useCoreMutation('scripts.restore');
  const remove = useCoreMutation('scripts.delete');
  const importFile = useCoreMutation('scripts.import');
  return {
    list,
    save: save.mutateAsync,
    restore: (id) => restore.mutateAsync({ id }),
    remove: (id) => remove.mutateAsync({ id }),
    importFile: importFile.mutateAsync,
    exportFile: (id) => invoke('scripts.export', { id }),
  };
}

/** Scripts: list, edit with a live check (unknown fields, the voicemail rules) and preview,
 *  restore a starter, import and export Markdown files; the email templates beside them (#14).
 *  Leaving with either editor's changes not saved asks first. */
export function ScriptsScreen({ leaveGuardRef }: { leaveGuardRef: RefObject<LeaveGuard | null> }) {
  const [kind, setKind] = useState<'scripts' | 'emails'>('scripts');
  // The email templates are read when first asked for, then kept with their draft.
  const [emailsOpened, setEmailsOpened] = useState(false);
  const scripts = useScriptStore();
  const showScripts = useCallback(() => setKind('scripts'), []);
  const showEmails = useCallback(() => setKind('emails'), []);
  return (
    <UnsavedChangesGuard screen="Scripts" howToSave="Ctrl+S" leaveGuardRef={leaveGuardRef}>
      <div className="scripts-screen">
        <div className="segmented scripts-kind" role="radiogroup" aria-label="Edit">
          {(['scripts', 'emails'] as const).map((k) => (
            <label key={k} className={kind === k ? 'active' : undefined}>
              <input type="radio" name="scripts-kind" value={k} checked={kind === k} onChange={() => (setKind(k), k === 'emails' && setEmailsOpened(true))} /> {k === 'scripts' ? 'Call scripts' : 'Email templates'}
            </label>
          ))}
        </div>
        <TemplateEditor kind={SCRIPT} store={scripts} shown={kind === 'scripts'} show={showScripts} />
        {emailsOpened && <EmailTemplates sample={SAMPLE} shown={kind === 'emails'} show={showEmails} />}
      </div>
    </UnsavedChangesGuard>
  );
}
