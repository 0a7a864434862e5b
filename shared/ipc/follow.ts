// Follow-through: email templates, sending through mailto:, tasks across leads, promises, and a
// lead's follow-up step and timeline.
import { z } from 'zod';
import { EMAIL_SITUATIONS } from '../domain/cadence';
import { COMPLAINT_CASE_STATES } from '../domain/complaintCase';
import { PROMISE_STATES } from '../domain/promises';
import { SNOOZE_PRESETS } from '../domain/queueRules';
import { Id, IsoInstant, Text } from './common';

export const EmailTemplateSchema = z.object({
  id: Id,
  name: z.string(),
  situation: z.enum(EMAIL_SITUATIONS),
  subject: z.string(),
  body: z.string(),
  /** Shipped with Dialdeck: editable, restorable, not deletable. */
  starter: z.boolean(),
  updatedAt: IsoInstant,
});
export type EmailTemplateView = z.infer<typeof EmailTemplateSchema>;

/** An email for a lead, filled from its template, and the link that opens it as a draft. */
export const EmailDraftSchema = z.object({
  contactId: Id,
  taskId: Id.nullable(),
  situation: z.enum(EMAIL_SITUATIONS),
  templateId: Id.nullable(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** The whole email as text, for "copy as text". */
  text: z.string(),
  /** The mailto: link (null when the lead's address cannot make one: `problem` says why). */
  uri: z.string().nullable(),
  problem: z.string().nullable(),
  /** The body did not fit in the link: it goes on the clipboard, and `note` says so. */
  bodyOnClipboard: z.boolean(),
  note: z.string().nullable(),
});
export type EmailDraft = z.infer<typeof EmailDraftSchema>;

const DraftRequest = z
  .object({ contactId: Id, taskId: Id.optional(), situation: z.enum(EMAIL_SITUATIONS).optional(), templateId: Id.optional() })
  .strict();

export const OpenTaskSchema = z.object({
  id: Id,
  contactId: Id,
  kind: z.enum(['email', 'call', 'promise']),
  title: z.string(),
  dueAt: IsoInstant,
  /** When it first fell due, if a snooze has moved it since. */
  firstDueAt: IsoInstant.nullable(),
  name: z.string(),
  company: z.string(),
  email: z.string(),
  /** "09:00 Thu" on the lead's clock, and the zone it is read in. */
  theirTime: z.string(),
  zone: z.string(),
  emailSituation: z.enum(EMAIL_SITUATIONS).nullable(),
  /** "2 h 5 min late" when past due; null otherwise. */
  late: z.string().nullable(),
});
export type OpenTask = z.infer<typeof OpenTaskSchema>;

export const PromiseSchema = z.object({
  id: Id,
  contactId: Id,
  callId: Id.nullable(),
  name: z.string(),
  company: z.string(),
  what: z.string(),
  toWhom: z.string(),
  owner: z.string(),
  dueAt: IsoInstant,
  /** "Wed 4 Mar 13:00" on the lead's clock (the command line's), and the zone it is read in. */
  theirTime: z.string(),
  zone: z.string(),
  /** The task that falls due (and notifies) at its time: the due strip names an overdue promise
   *  once, in its own red row, not again as this task. */
  reminderTaskId: Id,
  state: z.enum(PROMISE_STATES),
  overdue: z.boolean(),
  late: z.string().nullable(),
  keptAt: IsoInstant.nullable(),
  keptNote: z.string().nullable(),
  brokenAt: IsoInstant.nullable(),
  createdAt: IsoInstant,
});
export type PromiseView = z.infer<typeof PromiseSchema>;

/** The Promises screen's filters, named by the states (shared/domain/promises): every open one
 *  (overdue too), only the overdue, kept, broken. */
export const PROMISE_LIST_STATES = PROMISE_STATES;
export type PromiseListState = (typeof PROMISE_LIST_STATES)[number];

export const SentEmailSchema = z.object({ id: Id, situation: z.enum(EMAIL_SITUATIONS), to: z.string(), subject: z.string(), sentAt: IsoInstant });

/** One line of a lead's timeline: calls, emails, tasks and promises in time order. */
export const TimelineEntrySchema = z.object({
  at: IsoInstant,
  kind: z.enum(['call', 'email', 'task', 'task_done', 'promise', 'promise_kept', 'promise_broken', 'case_opened', 'case_facts', 'case_closed', 'stalled_closed']),
  ref: Id,
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;


/** A complaint case and everything in it, in the order it happened. */
export const ComplaintCaseSchema = z.object({
  id: Id,
  contactId: Id,
  state: z.enum(COMPLAINT_CASE_STATES),
  /** What the rep does next, in words. */
  next: z.string(),
  openedAt: IsoInstant,
  openedCallId: Id.nullable(),
  facts: z.string(),
  factsAt: IsoInstant.nullable(),
  steps: z.array(
    z.object({ promiseId: Id, what: z.string(), dueAt: IsoInstant, state: z.enum(PROMISE_STATES), late: z.string().nullable(), keptAt: IsoInstant.nullable(), keptNote: z.string().nullable() }),
  ),
  followUps: z.array(z.object({ taskId: Id, kind: z.enum(['email', 'call', 'promise']), title: z.string(), dueAt: IsoInstant, doneAt: IsoInstant.nullable() })),
  closeLoop: z.object({ taskId: Id, dueAt: IsoInstant, doneAt: IsoInstant.nullable() }).nullable(),
  closedAt: IsoInstant.nullable(),
  closedCallId: Id.nullable(),
  overdueSteps: z.number().int(),
});
export type ComplaintCaseView = z.infer<typeof ComplaintCaseSchema>;

export const FollowUpSchema = z.object({
  /** "email sent 1 Dec · call due Thu 09:00 their time"; empty when the lead has no step open. */
  step: z.string(),
  emails: z.array(SentEmailSchema),
  promises: z.array(PromiseSchema),
  tasks: z.array(OpenTaskSchema),
  /** The lead's open complaint case, else its latest (null: none). */
  complaint: ComplaintCaseSchema.nullable(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

const ReasonCountSchema = z.object({ reason: z.string(), count: z.number().int() });

/** Lost (not interested) and stalled leads over a range: reasons by count and by import, each
 *  call's notes to learn from. */
export const LostReportSchema = z.object({
  from: IsoInstant,
  to: IsoInstant,
  lost: z.object({
    total: z.number().int(),
    reasons: z.array(ReasonCountSchema),
    byImport: z.array(z.object({ import: z.string(), total: z.number().int(), reasons: z.array(ReasonCountSchema) })),
    calls: z.array(z.object({ callId: Id, contactId: Id, name: z.string(), import: z.string().nullable(), at: IsoInstant, reason: z.string(), notes: z.string() })),
  }),
  stalled: z.object({
    total: z.number().int(),
    leads: z.array(z.object({ contactId: Id, name: z.string(), import: z.string().nullable(), callId: Id, why: z.string(), nextAt: IsoInstant })),
    closedReasons: z.array(ReasonCountSchema),
  }),
});

export const followChannels = {
  'emailTemplates.list': { request: z.object({}).strict(), response: z.array(EmailTemplateSchema) },
  'emailTemplates.save': {
    request: z
      .object({
        id: Id.optional(),
        name: Text(120).trim().min(1, 'Give the template a name'),
        situation: z.enum(EMAIL_SITUATIONS),
        subject: Text(300).trim().min(1, 'Give the email a subject'),
        body: Text(20_000).min(1, 'The email needs some text'),
      })
      .strict(),
    response: EmailTemplateSchema,
  },
  'emailTemplates.delete': { request: z.object({ id: Id }).strict(), response: z.object({ id: Id }) },
  'emailTemplates.restore': { request: z.object({ id: Id }).strict(), response: EmailTemplateSchema },
  'emailTemplates.import': { request: z.object({ fileName: Text(260), text: Text(200_000) }).strict(), response: EmailTemplateSchema },
  'emailTemplates.export': { request: z.object({ id: Id }).strict(), response: z.object({ fileName: z.string(), text: z.string() }) },
  /** The email for a lead (its open email task's situation, or the one asked for), not opened. */
  'email.draft': { request: DraftRequest, response: EmailDraftSchema },
  /** The same, handed to the desk's mail client as a mailto: link. */
  'email.open': { request: DraftRequest, response: EmailDraftSchema },
  /** The rep sent it: logged on the lead, its email task done, the follow-up call due. */
  'email.markSent': {
    request: z.object({ contactId: Id, taskId: Id.optional(), situation: z.enum(EMAIL_SITUATIONS).optional(), templateId: Id.optional() }).strict(),
    response: z.object({ emailId: Id, followUpTaskId: Id.nullable(), callDueAt: IsoInstant.nullable(), step: z.string() }),
  },
  /** Open tasks in due order, a page at a time (keyset: the page after `after`); `total` counts
   *  every open task matching the filters. */
  'tasks.list': {
    request: z
      .object({
        due: z.boolean().default(false),
        kind: z.enum(['email', 'call', 'promise']).nullable().default(null),
        limit: z.number().int().min(1).max(50_000).default(500),
        after: z.object({ dueAt: IsoInstant, id: Id }).strict().nullable().default(null),
      })
      .strict(),
    response: z.object({ total: z.number().int(), tasks: z.array(OpenTaskSchema), next: z.object({ dueAt: IsoInstant, id: Id }).nullable() }),
  },
  'tasks.snooze': {
    // Until this instant, or for an hour or until tomorrow morning on the rep's clock: a preset is
    // the core's to decide, as a lead's snooze is (queue.act), never the screen's own clock.
    request: z
      .object({ id: Id, until: IsoInstant.optional(), preset: z.enum(SNOOZE_PRESETS).optional() })
      .strict()
      .refine((r) => (r.until === undefined) !== (r.preset === undefined), { message: 'Choose until when to snooze', path: ['until'] }),
    response: z.object({ id: Id, dueAt: IsoInstant }),
  },
  'promises.add': {
    request: z
      .object({
        contactId: Id,
        callId: Id.optional(),
        what: Text(500).trim().min(1, 'Say what you promised'),
        toWhom: Text(120).trim().default(''),
        owner: Text(120).trim().default(''),
        dueAt: IsoInstant,
      })
      .strict(),
    response: PromiseSchema,
  },
  /** Open promises in due order (`overdue`: only those past due); with `state`, the open, overdue,
   *  kept or broken ones (kept and broken: the most recently settled first). */
  'promises.list': {
    request: z.object({ overdue: z.boolean().default(false), state: z.enum(PROMISE_LIST_STATES).optional(), limit: z.number().int().min(1).max(50_000).default(5_000) }).strict(),
    response: z.array(PromiseSchema),
  },
  'promises.keep': { request: z.object({ id: Id, note: Text(2_000).trim().default('') }).strict(), response: PromiseSchema },
  /** Past due and not kept: a call task "call them first and say so" is due now. */
  'promises.break': { request: z.object({ id: Id }).strict(), response: PromiseSchema.extend({ taskId: Id }) },
  'follow.lead': { request: z.object({ contactId: Id }).strict(), response: FollowUpSchema },
  /** The newest `limit` entries of a lead's timeline, newest first. */
  'follow.timeline': { request: z.object({ contactId: Id, limit: z.number().int().min(1).max(10_000).default(200) }).strict(), response: z.array(TimelineEntrySchema) },
  /** A complaint call opens a case (or shows the one already open for the lead). */
  'complaints.open': { request: z.object({ contactId: Id, callId: Id.optional(), facts: Text(10_000).default('') }).strict(), response: ComplaintCaseSchema },
  /** The lead's open case, else its latest (null: none), and how many it has had. */
  'complaints.ofLead': { request: z.object({ contactId: Id }).strict(), response: z.object({ current: ComplaintCaseSchema.nullable(), total: z.number().int() }) },
  'complaints.facts': { request: z.object({ id: Id, facts: Text(10_000).trim().min(1, 'Write down the facts: what, when, who, what it cost them') }).strict(), response: ComplaintCaseSchema },
  /** A step we will take: a promise with a date, part of the case. */
  'complaints.addStep': { request: z.object({ id: Id, what: Text(500).trim().min(1, 'Say the step you will take'), dueAt: IsoInstant }).strict(), response: ComplaintCaseSchema },
  /** A follow-up time agreed, by phone or by email: a task of the case. */
  'complaints.addFollowUp': { request: z.object({ id: Id, kind: z.enum(['call', 'email']), dueAt: IsoInstant }).strict(), response: ComplaintCaseSchema },
  /** Leads whose agreed next step slipped (N days, no call since) and nobody dealt with yet. */
  'stalled.list': {
    request: z.object({}).strict(),
    response: z.array(z.object({ contactId: Id, name: z.string(), callId: Id, why: z.string(), nextAt: IsoInstant })),
  },
  /** The lost and stalled report over [from, to) (default: all time). */
  'follow.lostReport': {
    request: z
      .object({ from: IsoInstant.optional(), to: IsoInstant.optional() })
      .strict()
      .refine((r) => r.from === undefined || r.to === undefined || Date.parse(r.from) < Date.parse(r.to), { message: "The report's start must be before its end", path: ['to'] }),
    response: LostReportSchema,
  },
  /** Close a stalled lead with a reason (its number in the list, or its name), or give it a new next step. */
  'stalled.close': {
    request: z.object({ contactId: Id, reason: Text(80).optional(), nextStep: Text(500).optional(), nextAt: IsoInstant.optional() }).strict(),
    response: z.object({ contactId: Id, closed: z.string().nullable(), taskId: Id.nullable() }),
  },
} as const;

export const followEvents = {
  /** A lead's emails, tasks or promises changed (null: several leads). */
  'follow.changed': z.object({ contactId: Id.nullable() }),
} as const;
