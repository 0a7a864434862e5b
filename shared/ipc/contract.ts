// The one contract between the renderer and the core. Every channel has a zod schema for its
// request and its response; every event main pushes has a schema for its payload. The handler
// table (electron/core/handlers.ts), the preload, the preview bridge and the renderer's client
// are all typed from here, so a renamed field breaks the build, not a call at run time.
import { z } from 'zod';
import { OUTCOMES } from '../domain/dispositions';
import { QUEUE_TIERS, SNOOZE_PRESETS } from '../domain/queueRules';
import { SITUATIONS } from '../domain/scripts';
import { LEAD_FIELDS } from '../domain/leads/mapping';
import { DELIMITERS, ENCODINGS } from '../domain/leads/decode';
import { SETTINGS } from '../domain/settings';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const IsoInstant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const TZ_SOURCES = ['column', 'address', 'phone', 'default'] as const;
export const CONTACT_STATUSES = ['active', 'dud'] as const;
export const LEAD_KINDS = ['inbound', 'outbound'] as const;
export const LINE_TYPES = ['business', 'residential'] as const;

export const OtherPhoneSchema = z.object({
  label: z.string(),
  raw: z.string(),
  e164: z.string().nullable(),
  extension: z.string().nullable(),
});

export const ContactSchema = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  company: z.string(),
  title: z.string(),
  email: z.string(),
  phoneRaw: z.string(),
  /** Null for a dud that has no valid number. */
  e164: z.string().nullable(),
  extension: z.string().nullable(),
  phoneDisplay: z.string(),
  otherPhones: z.array(OtherPhoneSchema),
  timeZones: z.array(z.string()),
  tzSource: z.enum(TZ_SOURCES),
  country: z.string(),
  region: z.string(),
  city: z.string(),
  postcode: z.string(),
  kind: z.enum(LEAD_KINDS),
  lineType: z.enum(LINE_TYPES),
  notes: z.string(),
  owner: z.string(),
  customFields: z.record(z.string(), z.string()),
  status: z.enum(CONTACT_STATUSES),
  dudReason: z.string().nullable(),
  doNotCall: z.boolean(),
  importId: Id.nullable(),
  sourceRow: z.number().int().nullable(),
  createdAt: IsoInstant,
  lastCalledAt: IsoInstant.nullable(),
  lastOutcome: z.enum(OUTCOMES).nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

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
});
export type Call = z.infer<typeof CallSchema>;


export const QueueEntrySchema = z.object({
  contact: ContactSchema,
  tier: z.enum(QUEUE_TIERS),
  pinned: z.boolean(),
  reason: z.string(),
  /** Since when it has waited in its tier. */
  waitingSince: IsoInstant,
  /** The lead's wall clock now ("14:05") and the zone it is read in. */
  localTime: z.string(),
  zone: z.string(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

export const NotNowEntrySchema = z.object({
  contact: ContactSchema,
  code: z.enum(['offered', 'dnc', 'dud', 'closed', 'no_zone', 'hidden', 'cap', 'gap', 'not_due', 'outside_hours']),
  reason: z.string(),
  nextAt: IsoInstant.nullable(),
  localTime: z.string(),
});
export type NotNowEntry = z.infer<typeof NotNowEntrySchema>;

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
});
export type RedialLoop = z.infer<typeof RedialLoopSchema>;

export const TaskSchema = z.object({
  id: Id,
  contactId: Id,
  kind: z.enum(['email', 'call', 'promise']),
  title: z.string(),
  dueAt: IsoInstant,
  callId: Id.nullable(),
  doneAt: IsoInstant.nullable(),
});

export const ScriptSchema = z.object({
  id: Id,
  name: z.string(),
  situation: z.enum(SITUATIONS),
  campaign: z.string(),
  body: z.string(),
  /** Shipped with Dialdeck: editable, restorable, not deletable. */
  starter: z.boolean(),
  updatedAt: IsoInstant,
});
export type ScriptView = z.infer<typeof ScriptSchema>;

export const DueItemSchema = z.object({
  kind: z.enum(['callback', 'task']),
  /** The lead's id for a callback, the task's id for a task. */
  ref: Id,
  contactId: Id,
  name: z.string(),
  company: z.string(),
  title: z.string(),
  dueAt: IsoInstant,
  /** "08:00" on the lead's clock, and the zone it is read in. */
  theirTime: z.string(),
  zone: z.string(),
  /** It fell due while Dialdeck was closed. */
  missed: z.boolean(),
});
export type DueItem = z.infer<typeof DueItemSchema>;

export const UpcomingEntrySchema = z.discriminatedUnion('kind', [
  DueItemSchema.extend({ kind: z.literal('callback') }),
  DueItemSchema.extend({ kind: z.literal('task') }),
  z.object({
    kind: z.literal('voicemail_window'),
    zone: z.string(),
    startsAt: IsoInstant,
    endsAt: IsoInstant,
    theirStart: z.string(),
    theirEnd: z.string(),
    queuedLeads: z.number().int(),
  }),
]);
export type UpcomingEntry = z.infer<typeof UpcomingEntrySchema>;

/** What the call screen shows about "now" for a lead: hours, voicemail window, why not offered. */
export const LeadNowSchema = z.object({
  localTime: z.string(),
  zone: z.string(),
  callable: z.boolean(),
  callingHoursReason: z.string(),
  voicemailWindowOpen: z.boolean(),
  voicemailWindowUntil: z.string().nullable(),
  queueReason: z.string(),
});

const NameField = Text(100).trim();
const Base64 = z.string().max(200_000_000, 'The file is too large (over 150 MB).').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64.');
const ColumnTarget = z.enum([...LEAD_FIELDS, 'custom', 'ignore']);
const OnDuplicate = z.enum(['merge', 'skip']);
const CountryCode = SETTINGS.defaultCountry.schema;

/** A contact with what the call screen shows beside it. */
export const ContactDetailSchema = z.object({
  contact: ContactSchema,
  calls: z.array(CallSchema),
  tasks: z.array(TaskSchema),
  draft: z.string(),
  now: LeadNowSchema,
  redial: RedialLoopSchema.nullable(),
});
export type ContactDetail = z.infer<typeof ContactDetailSchema>;

/** The script for a call, merged for its lead. */
export const ScriptForCallSchema = z.object({
  situation: z.enum(SITUATIONS),
  autoSituation: z.enum(SITUATIONS),
  script: ScriptSchema.nullable(),
  checklist: z.array(z.string()),
  objections: z.array(z.object({ objection: z.string(), prehandle: z.string(), answer: z.string() })),
  values: z.record(z.string(), z.string()),
});
export type ScriptForCall = z.infer<typeof ScriptForCallSchema>;

export const CoreClockSchema = z.object({
  now: IsoInstant,
  /** 1: the core's clock runs with real time; 0: it stands still until moved (a test clock). */
  rate: z.union([z.literal(0), z.literal(1)]),
});
export type CoreClock = z.infer<typeof CoreClockSchema>;

export const CallCursorSchema = z.object({ dialedAt: IsoInstant, id: Id }).strict();

export const ImportSummarySchema = z.object({
  importId: Id,
  fileName: z.string(),
  dataRows: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  duds: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  startedAt: IsoInstant,
  finishedAt: IsoInstant.nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** An import that stopped before its end (a crash, a full disk) and that the rep has not dealt with. */
export const InterruptedImportSchema = z.object({
  importId: Id,
  fileName: z.string(),
  startedAt: IsoInstant,
  /** Data rows written so far, and what became of them. */
  dataRows: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  /** The last file row written: "import the rest" carries on after it. */
  lastRow: z.number().int(),
  /** Why it stopped, when it stopped with an error; null after a crash. */
  reason: z.string().nullable(),
  /** Whether Dialdeck still holds a copy of the file; if not, the rep chooses it again. */
  fileKept: z.boolean(),
});
export type InterruptedImport = z.infer<typeof InterruptedImportSchema>;

export const ImportPreviewSchema = z.object({
  stageId: z.string(),
  fileName: z.string(),
  encoding: z.enum(ENCODINGS),
  bom: z.boolean(),
  delimiter: z.enum(DELIMITERS),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  dataRowsApprox: z.number().int(),
  mapping: z.array(ColumnTarget),
  mappingSource: z.enum(['remembered', 'suggested']),
  problems: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportRowSchema = z.object({
  rowNumber: z.number().int(),
  outcome: z.enum(['rejected', 'merged', 'skipped']),
  reason: z.string(),
  raw: z.array(z.string()),
  contactId: Id.nullable(),
});

const ContactFilterRequest = z
  .object({
    text: Text(200).trim().default(''),
    status: z.enum(CONTACT_STATUSES).nullable().default(null),
    kind: z.enum(LEAD_KINDS).nullable().default(null),
    zone: Text(64).nullable().default(null),
    importId: Id.nullable().default(null),
  })
  .strict();

const QueueFilterRequest = z
  .object({
    /** Ask about another instant (the CLI's --at); the app leaves it out and gets now. */
    at: IsoInstant.optional(),
    importId: Id.nullable().default(null),
    kind: z.enum(LEAD_KINDS).nullable().default(null),
    zone: Text(64).nullable().default(null),
  })
  .strict();

/** Every setting the screens read, from the registry (shared/domain/settings.ts). */
export const SettingsSchema = z.object({
  defaultCountry: SETTINGS.defaultCountry.schema,
  defaultTimeZone: SETTINGS.defaultTimeZone.schema,
  /** False until the rep has confirmed the first-run questions. */
  confirmed: SETTINGS.confirmed.schema,
  queue: SETTINGS.queue.schema,
  notInterestedReasons: SETTINGS.notInterestedReasons.schema,
  notifications: SETTINGS.notifications.schema,
  repName: SETTINGS.repName.schema,
  repPhone: SETTINGS.repPhone.schema,
  theme: SETTINGS.theme.schema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const channels = {
  'app.info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dataDir: z.string(),
      defaultCountry: z.string(),
    }),
  },
  'contacts.add': {
    request: z
      .object({
        firstName: NameField.default(''),
        lastName: NameField.default(''),
        company: Text(200).trim().default(''),
        phone: Text(64).trim().min(1, 'Enter a phone number'),
      })
      .strict()
      .refine((c) => c.firstName !== '' || c.lastName !== '' || c.company !== '', {
        message: 'Enter a name or a company',
        path: ['firstName'],
      }),
    response: ContactSchema,
  },
  'contacts.search': {
    request: ContactFilterRequest.extend({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    response: z.object({ total: z.number().int(), contacts: z.array(ContactSchema) }),
  },
  'contacts.zones': {
    request: z.object({}).strict(),
    response: z.array(z.string()),
  },
  'contacts.update': {
    request: z
      .object({
        id: Id,
        firstName: NameField,
        lastName: NameField,
        company: Text(200).trim(),
        title: Text(200).trim(),
        email: Text(254).trim(),
        phone: Text(64).trim(),
        timeZone: Text(64).trim(),
        kind: z.enum(LEAD_KINDS),
        lineType: z.enum(LINE_TYPES),
        notes: Text(20_000),
      })
      .strict(),
    response: ContactSchema,
  },
  'contacts.get': {
    request: z.object({ id: Id }).strict(),
    response: ContactDetailSchema,
  },
  /** The core's clock: the renderer keeps an offset to it rather than asking every second. */
  'app.now': {
    request: z.object({}).strict(),
    response: CoreClockSchema,
  },
  'queue.list': {
    request: QueueFilterRequest.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.object({ entries: z.array(QueueEntrySchema), queued: z.number().int() }),
  },
  'queue.notNow': {
    request: QueueFilterRequest.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.array(NotNowEntrySchema),
  },
  'queue.act': {
    request: z
      .object({
        contactId: Id,
        action: z.enum(['pin', 'unpin', 'snooze', 'skip', 'remove', 'restore']),
        /** snooze: until this instant… */
        until: IsoInstant.optional(),
        /** …or for an hour, or until 08:00 tomorrow on the rep's clock (the core decides when). */
        preset: z.enum(SNOOZE_PRESETS).optional(),
      })
      .strict()
      .refine((r) => r.action !== 'snooze' || (r.until === undefined) !== (r.preset === undefined), { message: 'Choose until when to snooze', path: ['until'] }),
    response: z.object({ contactId: Id, message: z.string() }),
  },
  'calls.dial': {
    request: z.object({ contactId: Id, override: z.boolean().default(false) }).strict(),
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
  'scripts.list': {
    request: z.object({}).strict(),
    response: z.array(ScriptSchema),
  },
  'scripts.save': {
    request: z
      .object({
        id: Id.optional(),
        name: Text(120).trim().min(1, 'Give the script a name'),
        situation: z.enum(SITUATIONS),
        campaign: Text(200).trim().default(''),
        body: Text(100_000).min(1, 'The script has no text'),
      })
      .strict(),
    response: ScriptSchema,
  },
  'scripts.delete': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ id: Id }),
  },
  'scripts.restore': {
    request: z.object({ id: Id }).strict(),
    response: ScriptSchema,
  },
  'scripts.import': {
    request: z.object({ fileName: Text(260).min(1), text: Text(200_000) }).strict(),
    response: ScriptSchema,
  },
  'scripts.export': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ fileName: z.string(), text: z.string() }),
  },
  'scripts.forCall': {
    request: z
      .object({
        contactId: Id,
        /** The rep's one-key choice; left out, it follows the lead's history. */
        situation: z.enum(SITUATIONS).optional(),
        voicemailMode: z.boolean().default(false),
      })
      .strict(),
    response: ScriptForCallSchema,
  },
  'due.list': {
    request: z.object({}).strict(),
    response: z.object({
      dueNow: z.array(DueItemSchema),
      /** What fell due while the app was closed, until the rep has seen it. */
      missed: z.object({ id: Id, summary: z.string(), items: z.array(DueItemSchema) }).nullable(),
      nextWakeAt: IsoInstant.nullable(),
    }),
  },
  'due.ackMissed': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ id: Id }),
  },
  'due.upcoming': {
    request: z.object({ hours: z.number().int().min(1).max(168).default(24) }).strict(),
    response: z.array(UpcomingEntrySchema),
  },
  'tasks.complete': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ id: Id, completed: z.boolean() }),
  },
  'redial.get': {
    request: z.object({ contactId: Id }).strict(),
    response: RedialLoopSchema.nullable(),
  },
  'redial.act': {
    request: z.object({ contactId: Id, action: z.enum(['dial_now', 'connected', 'stop']) }).strict(),
    response: RedialLoopSchema.nullable(),
  },
  'imports.preview': {
    request: z
      .object({
        fileName: Text(260).min(1, 'The file needs a name'),
        data: Base64.optional(),
        stageId: z.string().max(64).optional(),
        encoding: z.enum(ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
      })
      .strict()
      .refine((r) => r.data !== undefined || r.stageId !== undefined, { message: 'Send the file data or a stageId', path: ['data'] }),
    response: ImportPreviewSchema,
  },
  'imports.run': {
    request: z
      .object({
        stageId: z.string().min(1).max(64),
        mapping: z.array(ColumnTarget).max(5000),
        onDuplicate: OnDuplicate.default('merge'),
        encoding: z.enum(ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
        country: CountryCode.optional(),
      })
      .strict(),
    response: ImportSummarySchema,
  },
  'imports.list': {
    request: z.object({}).strict(),
    response: z.array(ImportSummarySchema),
  },
  'imports.interrupted': {
    request: z.object({}).strict(),
    response: z.array(InterruptedImportSchema),
  },
  /** "Import the rest": from Dialdeck's copy of the file, or from the file chosen again (data). */
  'imports.resume': {
    request: z.object({ importId: Id, fileName: Text(260).optional(), data: Base64.optional() }).strict(),
    response: ImportSummarySchema,
  },
  /** "Keep what was imported": the interrupted import is finished as it stands. */
  'imports.keep': {
    request: z.object({ importId: Id }).strict(),
    response: ImportSummarySchema,
  },
  'imports.rows': {
    request: z
      .object({
        importId: Id,
        outcome: z.enum(['rejected', 'merged', 'skipped']).nullable().default(null),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.object({ headers: z.array(z.string()), rows: z.array(ImportRowSchema) }),
  },
  /** Writes the export to a file (Electron asks where with a save dialog; the preview writes
   *  into its data dir's exports folder) and says where; `path` is null if the rep cancelled.
   *  Long exports report `export.progress` as they go. */
  'exports.write': {
    request: z.object({ what: z.enum(['contacts', 'duds']), importId: Id.nullable().default(null) }).strict(),
    response: z.object({ path: z.string().nullable(), rows: z.number().int() }),
  },
  'dnc.add': {
    request: z.object({ phone: Text(64).trim().min(1, 'Enter a phone number'), source: Text(100).default('manual') }).strict(),
    response: z.object({ e164: z.string(), added: z.boolean() }),
  },
  'dnc.list': {
    request: z.object({}).strict(),
    response: z.array(z.object({ e164: z.string(), addedAt: IsoInstant, source: z.string() })),
  },
  'dnc.import': {
    request: z.object({ fileName: Text(260).min(1), data: Base64 }).strict(),
    response: z.object({
      added: z.number().int(),
      alreadyListed: z.number().int(),
      rejected: z.array(z.object({ rowNumber: z.number().int(), value: z.string(), reason: z.string() })),
    }),
  },
  'settings.get': {
    request: z.object({}).strict(),
    response: SettingsSchema,
  },
  'settings.update': {
    /** Only the settings given change; each is checked by its own schema. */
    request: z
      .object({
        defaultCountry: SETTINGS.defaultCountry.schema.optional(),
        defaultTimeZone: SETTINGS.defaultTimeZone.schema.optional(),
        queue: SETTINGS.queue.schema.optional(),
        notInterestedReasons: SETTINGS.notInterestedReasons.schema.optional(),
        notifications: SETTINGS.notifications.schema.optional(),
        repName: SETTINGS.repName.schema.optional(),
        repPhone: SETTINGS.repPhone.schema.optional(),
        theme: SETTINGS.theme.schema.optional(),
      })
      .strict(),
    response: SettingsSchema,
  },
  /** The rep has checked the first-run questions (country, zone). */
  'settings.confirm': {
    request: z.object({}).strict(),
    response: SettingsSchema,
  },
  'calls.log': {
    request: z
      .object({
        callId: Id,
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
      })
      .strict()
      .superRefine((r, ctx) => {
        if (r.outcome === 'advance') {
          if (!r.nextStep) ctx.addIssue({ code: 'custom', path: ['nextStep'], message: 'An advance needs the next step you agreed' });
          if (!r.nextAt) ctx.addIssue({ code: 'custom', path: ['nextAt'], message: 'An advance needs the date and time of the next step' });
        }
        if (r.outcome === 'callback_requested' && !r.callbackAt) ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'A callback needs the time you promised' });
        if (r.outcome === 'not_interested' && !r.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose why they are not interested' });
      }),
    response: z.object({
      call: CallSchema,
      next: QueueEntrySchema.nullable(),
      /** What the call screen shows next, so it needs no further request: the same lead while
       *  its redial loop runs, else the next lead; null when nobody can be called now. */
      show: z.object({ detail: ContactDetailSchema, script: ScriptForCallSchema }).nullable(),
    }),
  },
} as const;

export const events = {
  'contacts.changed': z.object({ contactId: Id.nullable() }),
  'import.progress': z.object({
    stageId: z.string(),
    processed: z.number().int(),
    total: z.number().int(),
    done: z.boolean(),
  }),
  /** An export being written: rows so far of total. */
  'export.progress': z.object({
    what: z.enum(['contacts', 'duds']),
    importId: Id.nullable(),
    path: z.string(),
    rows: z.number().int(),
    total: z.number().int(),
  }),
  'calls.changed': z.object({ callId: Id, contactId: Id }),
  /** The queue's order may have changed (a disposition, a pin, a snooze, an import). */
  'queue.changed': z.object({}),
  'redial.changed': z.object({ contactId: Id }),
  /** What is due now changed (a timer fired, an item was done): the strip and the badge. */
  'due.changed': z.object({ dueNow: z.number().int() }),
  /** The core's clock jumped (sleep, a clock change; a test clock moved): take a new offset. */
  'clock.changed': CoreClockSchema,
  /** Open this lead on the call screen (a notification was clicked). */
  'app.openContact': z.object({ contactId: Id }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** What a handler receives, after parsing. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const ERROR_CODES = [
  'invalid_request',
  'unknown_channel',
  'invalid_phone',
  'not_found',
  'dial_refused',
  'outside_hours',
  'conflict',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field name → message, for forms. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The one object the preload (and the preview's bridge) puts on `window.dialdeck`. */
export interface DialdeckApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const IPC_INVOKE = 'dialdeck:invoke';
export const IPC_EVENT = 'dialdeck:event';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
