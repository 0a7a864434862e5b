// The call: a contact as the call screen shows it, dialling, dispositions, the redial loop and the log.
import { z } from 'zod';
import { OUTCOMES } from '../domain/dispositions';
import { Id, IsoInstant, Text } from './common';
import { ContactSchema } from './contacts';
import { TaskSchema } from './due';
import { FollowUpSchema } from './follow';
import { LeadLabelsSchema } from './campaigns';
import { QueueEntrySchema, QueueFilterRequest } from './queue';
import { ScriptForCallSchema } from './scripts';
import { SessionStatsSchema } from './stats';

export const CallSchema = z.object({
  id: Id,
  contactId: Id,
  dialUri: z.string(),
  number: z.string(),
  dialedAt: IsoInstant,
  endedAt: IsoInstant.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  notes: z.string(),
  /** Dialled outside calling hours on the rep's explicit say-so. */
  override: z.boolean(),
  /** The calling rules this call broke and why it was made anyway: a rule the desk switched off
   *  (with the reason given) or the rep's override, by name and citation; null when none. */
  waived: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextAt: IsoInstant.nullable(),
  callbackAt: IsoInstant.nullable(),
  /** not_interested: the reason picked. */
  reason: z.string().nullable(),
  redialLoopId: Id.nullable(),
  /** The objections that came up, as marked on the script. */
  objections: z.array(z.string()),
  /** Set when the desk's phone did not take the number (the system refused the link), with its
   *  reason: the attempt reached nobody, needs no disposition and counts as no attempt. */
  dialFailure: z.string().nullable(),
  /** What the desk's softphone reported about this call (Dialdeck --call-event): when it
   *  connected and ended, and the talk time it counted; null when it reported nothing. */
  softphone: z
    .object({ connectedAt: IsoInstant.nullable(), endedAt: IsoInstant.nullable(), talkSeconds: z.number().int().nonnegative().nullable() })
    .nullable(),
  /** When its disposition was undone: the call stays in the log as an audit row, marked
   *  "undone", and counts in no metric. */
  undoneAt: IsoInstant.nullable(),
  /** Who made the call: the rep (outbound) or the prospect (inbound, logged with I). */
  direction: z.enum(['outbound', 'inbound']),
  /** When the rep marked the line hung up (H): talk ends, wrap-up starts. */
  hungUpAt: IsoInstant.nullable(),
  /** Talk (dial to hang-up, or to the disposition when H was not pressed; an inbound call's
   *  length as given) and wrap-up (hang-up to disposition), in ms; null where not known. */
  talkMs: z.number().int().nonnegative().nullable(),
  wrapUpMs: z.number().int().nonnegative().nullable(),
  /** The gatekeeper's name, given with a gatekeeper outcome. */
  gatekeeperName: z.string().nullable(),
});

export type Call = z.infer<typeof CallSchema>;

export const RedialLoopSchema = z.object({
  id: Id,
  contactId: Id,
  status: z.enum(['running', 'connected', 'stopped', 'ended', 'dispositioned']),
  attempts: z.number().int(),
  startedAt: IsoInstant,
  endsAt: IsoInstant,
  nextDialAt: IsoInstant.nullable(),
  auto: z.boolean(),
  lastCallId: Id.nullable(),
  /** When it ended (null while it runs). */
  endedAt: IsoInstant.nullable(),
  /** Why it ended by itself — its limit, the lead's calling hours, the do-not-call list — in the
   *  rep's words; null while it runs or when the rep ended it. */
  endReason: z.string().nullable(),
  /** The last attempt was dialled and the rep has not said how it went: the loop dials nothing
   *  until they press 2 (still engaged) or C (connected). */
  awaitingConfirmation: z.boolean(),
  /** While awaiting confirmation: from this instant (the ring time on) the screen asks
   *  "Connected (C) or still engaged (2)?". */
  askAt: IsoInstant.nullable(),
});

export type RedialLoop = z.infer<typeof RedialLoopSchema>;

/** What the call screen shows about "now" for a lead: hours, voicemail window, why not offered. */
export const LeadNowSchema = z.object({
  localTime: z.string(),
  zone: z.string(),
  callable: z.boolean(),
  callingHoursReason: z.string(),
  voicemailWindowOpen: z.boolean(),
  /** When the open window closes: a time token (timeText.ts), drawn where it is read. */
  voicemailWindowUntil: z.string().nullable(),
  queueReason: z.string(),
  /** The lead's zones and when it may be called over the coming fortnight (epoch ms): the
   *  callback and next-step forms place their quick picks and warnings with it. */
  hours: z.object({
    zones: z.array(z.string()),
    callable: z.array(z.object({ start: z.number(), end: z.number() })),
    knownUntil: z.number(),
  }),
});

export type LeadNow = z.infer<typeof LeadNowSchema>;

/** A contact with what the call screen shows beside it. */
export const ContactDetailSchema = z.object({
  contact: ContactSchema,
  calls: z.array(CallSchema),
  tasks: z.array(TaskSchema),
  draft: z.string(),
  now: LeadNowSchema,
  redial: RedialLoopSchema.nullable(),
  /** Other leads on the same number, kept apart because they are other people (another
   *  extension, name or email): "shares a number with Ana Silva". */
  /** The number's other leads, the first 20 by name; sharesNumberCount is how many in all. */
  sharesNumberWith: z.array(z.object({ id: Id, name: z.string(), extension: z.string().nullable() })),
  sharesNumberCount: z.number().int().nonnegative(),
  /** "Try the mobile next": the other phone (its index) the next dial of this lead is, after a
   *  no answer on the main number; null: the main number. */
  nextDial: z.object({ otherPhone: z.number().int().min(0) }).nullable(),
});

export type ContactDetail = z.infer<typeof ContactDetailSchema>;

export const CallCursorSchema = z.object({ dialedAt: IsoInstant, id: Id }).strict();

/** What a disposition carries, as the call screen and the command line send it. */
const DISPOSITION_FIELDS = {
  outcome: z.enum(OUTCOMES),
  notes: Text(20_000).default(''),
  /** advance: the next step (the next up-front contract) and when. */
  nextStep: Text(500).trim().optional(),
  nextAt: IsoInstant.optional(),
  /** callback_requested: the promised minute. */
  callbackAt: IsoInstant.optional(),
  /** not_interested: one of the reasons in settings. */
  reason: Text(80).trim().optional(),
  /** The objections that came up (their card titles). */
  objections: z.array(Text(200)).max(50).default([]),
  /** The script's checklist as ticked during the call. */
  checklist: z.array(z.object({ item: Text(300), done: z.boolean() }).strict()).max(50).default([]),
  /** gatekeeper: their name, when the rep got it. */
  gatekeeperName: Text(120).trim().optional(),
};

/** The detail each outcome needs (shared/domain/dispositions has the rule; this says it by field). */
function refineDisposition(r: { outcome: string; nextStep?: string; nextAt?: string; callbackAt?: string; reason?: string }, ctx: z.RefinementCtx): void {
  if (r.outcome === 'advance') {
    if (!r.nextStep) ctx.addIssue({ code: 'custom', path: ['nextStep'], message: 'An advance needs the next step you agreed' });
    if (!r.nextAt) ctx.addIssue({ code: 'custom', path: ['nextAt'], message: 'An advance needs the date and time of the next step' });
  }
  if (r.outcome === 'callback_requested' && !r.callbackAt) ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'A callback needs the time you promised' });
  if (r.outcome === 'not_interested' && !r.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose why they are not interested' });
}

const LoggedCallSchema = z.object({
  call: CallSchema,
  next: QueueEntrySchema.nullable(),
  /** What the call screen shows next, so it needs no further request: the same lead while
   *  its redial loop runs, else the next lead; null when nobody can be called now. */
  show: z.object({ detail: ContactDetailSchema, script: ScriptForCallSchema, follow: FollowUpSchema, labels: LeadLabelsSchema }).nullable(),
  /** Today's numbers with this call in them (the session strip). */
  session: SessionStatsSchema,
});

export const callsChannels = {
  'contacts.get': {
    request: z.object({ id: Id }).strict(),
    response: ContactDetailSchema,
  },
  'calls.dial': {
    request: z
      .object({
        contactId: Id,
        override: z.boolean().default(false),
        /** Dial one of the lead's other phones (its index in otherPhones) instead of the main one. */
        otherPhone: z.number().int().min(0).max(50).optional(),
      })
      .strict(),
    response: CallSchema,
  },
  'calls.draft': {
    request: z.object({ contactId: Id, text: Text(20_000) }).strict(),
    response: z.object({ savedAt: IsoInstant }),
  },
  'calls.search': {
    request: z
      .object({
        text: Text(200).trim().default(''),
        outcome: z.enum([...OUTCOMES, 'none']).nullable().default(null),
        contactId: Id.nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
        /** The page after this call (newest first): the log is read by keyset, never by offset. */
        after: CallCursorSchema.nullable().default(null),
        /** Count the matches (the first page); later pages leave it out. */
        withTotal: z.boolean().default(true),
      })
      .strict(),
    response: z.object({
      total: z.number().int().nullable(),
      calls: z.array(CallSchema.extend({ contactName: z.string(), company: z.string() })),
      /** Where the next page starts; null on the last page. */
      next: CallCursorSchema.nullable(),
    }),
  },
  'calls.log': {
    request: z
      .object({
        callId: Id,
        ...DISPOSITION_FIELDS,
        /** The queue's filter the rep is calling through (a campaign, a tag…): the next lead comes from it. */
        queueFilter: QueueFilterRequest.omit({ at: true }).optional(),
      })
      .strict()
      .superRefine(refineDisposition),
    response: LoggedCallSchema,
  },
  /** A call the prospect made (I on a lead): logged with its outcome in one go, direction inbound. */
  'calls.logInbound': {
    request: z
      .object({
        contactId: Id,
        ...DISPOSITION_FIELDS,
        /** How long it lasted, when the rep says so. */
        durationSeconds: z.number().int().min(0).max(86_400).optional(),
      })
      .strict()
      .superRefine(refineDisposition),
    response: LoggedCallSchema,
  },
  /** The rep marked the line hung up (H): talk time ends, wrap-up begins. */
  'calls.hangUp': {
    request: z.object({ callId: Id }).strict(),
    response: CallSchema,
  },
  'calls.undo': {
    request: z
      .object({
        callId: Id,
        /** Undoing a do-not-call must be confirmed: without this the reply asks. */
        confirm: z.boolean().default(false),
      })
      .strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('undone'), call: CallSchema, message: z.string() }),
      /** Nothing was changed: the rep is asked to confirm first (a do-not-call). */
      z.object({ status: z.literal('confirm'), message: z.string() }),
    ]),
  },
  /** The dispositions this desk logged that Ctrl+Z may still undo, newest first: for a page that
   *  no longer holds its own list (reloaded, or the app restarted). Left out: those undone, older
   *  than undo keeps them, on a lead called again since, and a do-not-call past its window. The
   *  undo itself may still refuse one (the lead changed since) and says why. */
  'calls.undoable': {
    request: z.object({ limit: z.number().int().min(1).max(50).default(10) }).strict(),
    response: z.array(
      z.object({
        callId: Id,
        contactId: Id,
        outcome: z.enum(OUTCOMES),
        /** The lead's name (or company), for "Undo Callback requested for Ana Silva?". */
        name: z.string(),
        /** The number the call was made to (E.164). */
        number: z.string(),
        loggedAt: IsoInstant,
      }),
    ),
  },
  'redial.get': {
    request: z.object({ contactId: Id }).strict(),
    response: RedialLoopSchema.nullable(),
  },
  'redial.act': {
    request: z.object({ contactId: Id, action: z.enum(['dial_now', 'connected', 'stop']) }).strict(),
    response: RedialLoopSchema.nullable(),
  },
} as const;

export const callsEvents = {
  'calls.changed': z.object({ callId: Id, contactId: Id }),
  'redial.changed': z.object({ contactId: Id }),
} as const;
