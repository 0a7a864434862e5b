// Email templates (#14), edited beside the scripts with the same editor: one per situation (after
// a voicemail, confirming a conversation, after a complaint, following up a proposal), with the
// scripts' merge fields in the subject and the body, previewed with sample values.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailTemplateView } from '../../../../shared/ipc/contract';
import { EMAIL_SITUATIONS, EMAIL_SITUATION_LABELS, type EmailSituation } from '../../../../shared/domain/cadence';
import { mergeText } from '../../../../shared/domain/scripts';
import { invoke } from '../../api/client';
import { queries } from '../../api/queries';
import { TemplateEditor, type TemplateKind, type TemplateStore } from './TemplateEditor';

type Kind = TemplateKind<EmailSituation, 'subject', EmailTemplateView>;

const kindFor = (sample: Record<string, string>): Kind => ({
  noun: 'email template',
  draftOf: (t) => ({ id: t.id, name: t.name, situation: t.situation, subject: t.subject, body: t.body }),
  empty: { name: '', situation: 'after_voicemail', subject: '', body: 'Hi {{contact.firstName}},\n\n\n\n{{me.name}}\n{{me.phone}}\n' },
  situations: EMAIL_SITUATIONS,
  situationLabels: EMAIL_SITUATION_LABELS,
  situationLabel: 'Sent when',
  listHint: (t) => EMAIL_SITUATION_LABELS[t.situation],
  textFields: [{ key: 'subject', label: 'Subject' }],
  bodyLabel: 'Email (plain text or Markdown, with the scripts’ fields: {{contact.firstName}}, {{me.name}}…)',
  bodyRows: 14,
  merged: ['subject', 'body'],
  unknownNote: 'They would be left blank in the email.',
  saveLabel: 'Save template',
  previewLabel: 'Email preview',
  preview: (draft) => (
    <>
      <p>
        <strong>Subject:</strong> <span data-testid="email-preview-subject">{mergeText(draft.subject, sample)}</span>
      </p>
      <pre className="email-preview-body" data-testid="email-preview-body">
        {mergeText(draft.body, sample)}
      </pre>
    </>
  ),
});

/** The email templates through the core; each write reads the list again (no event says it changed). */
function useEmailTemplateStore(): TemplateStore<EmailSituation, 'subject', EmailTemplateView> {
  const client = useQueryClient();
  const list = useQuery(queries.emailTemplates());
  const reread = async <T,>(reply: Promise<T>): Promise<T> => {
    const value = await reply;
    await client.invalidateQueries({ queryKey: queries.emailTemplates().queryKey });
    return value;
  };
  return {
    list,
    save: (draft) => reread(invoke('emailTemplates.save', draft)),
    restore: (id) => reread(invoke('emailTemplates.restore', { id })),
    remove: (id) => reread(invoke('emailTemplates.delete', { id })),
    importFile: (file) => reread(invoke('emailTemplates.import', file)),
    exportFile: (id) => invoke('emailTemplates.export', { id }),
  };
}

export function EmailTemplates({ sample, shown, show }: { sample: Record<string, string>; shown: boolean; show: () => void }) {
  const store = useEmailTemplateStore();
  return <TemplateEditor kind={kindFor(sample)} store={store} shown={shown} show={show} />;
}
