import type { HandlersOf, Services } from '../handlers';
import { LATEST_INSTANT, snoozeInstant } from '../instants';

type FollowChannels =
  | 'emailTemplates.list'
  | 'emailTemplates.save'
  | 'emailTemplates.delete'
  | 'emailTemplates.restore'
  | 'emailTemplates.import'
  | 'emailTemplates.export'
  | 'email.draft'
  | 'email.open'
  | 'email.markSent'
  | 'tasks.list'
  | 'tasks.snooze'
  | 'promises.add'
  | 'promises.list'
  | 'promises.keep'
  | 'promises.break'
  | 'follow.lead'
  | 'follow.timeline'
  | 'complaints.open'
  | 'complaints.ofLead'
  | 'complaints.facts'
  | 'complaints.addStep'
  | 'complaints.addFollowUp'
  | 'stalled.list'
  | 'stalled.close'
  | 'follow.lostReport';

export function followHandlers({ ctx, follow }: Services): HandlersOf<FollowChannels> {
  return {
    'emailTemplates.list': () => follow.templates(),
    'emailTemplates.save': ({ id, ...draft }) => follow.saveTemplate(id, draft),
    'emailTemplates.delete': ({ id }) => follow.deleteTemplate(id),
    'emailTemplates.restore': ({ id }) => follow.restoreTemplate(id),
    'emailTemplates.import': ({ fileName, text }) => follow.importTemplate(fileName, text),
    'emailTemplates.export': ({ id }) => follow.exportTemplate(id),
    'email.draft': (request) => follow.draft(request),
    'email.open': (request) => follow.open(request),
    'email.markSent': (request) => follow.markSent(request),
    'tasks.list': ({ due, kind, limit, after }) => follow.tasks({ due, kind, limit, after: after ? { dueAt: Date.parse(after.dueAt), id: after.id } : null }),
    // As a lead's snooze: a preset on the rep's clock; the wire schema makes sure exactly one is given.
    'tasks.snooze': ({ id, until, preset }) => follow.snooze(id, snoozeInstant(ctx, { preset, until })),
    'promises.add': ({ dueAt, ...rest }) => follow.addPromise({ ...rest, dueAt: Date.parse(dueAt) }),
    'promises.list': ({ overdue, state, limit }) => follow.promises({ overdue, limit, ...(state !== undefined ? { state } : {}) }),
    'promises.keep': ({ id, note }) => follow.keep(id, note),
    'promises.break': ({ id }) => follow.breakPromise(id),
    'follow.lead': ({ contactId }) => follow.lead(contactId),
    'follow.timeline': ({ contactId, limit }) => follow.timeline(contactId, limit),
    'complaints.open': (request) => follow.complaints.open(request),
    'complaints.ofLead': ({ contactId }) => follow.complaints.ofLead(contactId),
    'complaints.facts': ({ id, facts }) => follow.complaints.documentFacts(id, facts),
    'complaints.addStep': ({ id, what, dueAt }) => follow.complaints.addStep(id, what, Date.parse(dueAt)),
    'complaints.addFollowUp': ({ id, kind, dueAt }) => follow.complaints.addFollowUp(id, kind, Date.parse(dueAt)),
    'stalled.list': () => follow.stalledLeads(),
    'follow.lostReport': ({ from, to }) => follow.lostReport(from === undefined ? 0 : Date.parse(from), to === undefined ? LATEST_INSTANT : Date.parse(to)),
    'stalled.close': ({ contactId, reason, nextStep, nextAt }) =>
      follow.closeStalled(contactId, { ...(reason !== undefined ? { reason } : {}), ...(nextStep !== undefined ? { nextStep } : {}), ...(nextAt !== undefined ? { nextAt: Date.parse(nextAt) } : {}) }),
  };
}
