// The one contract between the renderer and the core. Every channel has a zod schema for its
// request and its response; every event main pushes has a schema for its payload. The handler
// table (electron/core/handlers.ts), the preload, the preview bridge and the renderer's client
// are all typed from here, so a renamed field breaks the build, not a call at run time.
import { z } from 'zod';
import { OUTCOMES, ENABLED_OUTCOMES } from '../domain/dispositions';
import { LEAD_FIELDS } from '../domain/leads/mapping';
import { DELIMITERS, ENCODINGS } from '../domain/leads/decode';

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
});
export type Call = z.infer<typeof CallSchema>;

export const QueueEntrySchema = z.object({ contact: ContactSchema, reason: z.string() });
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

const NameField = Text(100).trim();
const Base64 = z.string().max(200_000_000, 'The file is too large (over 150 MB).').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64.');
const ColumnTarget = z.enum([...LEAD_FIELDS, 'custom', 'ignore']);
const OnDuplicate = z.enum(['merge', 'skip']);
const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US or GB');

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

export const SettingsSchema = z.object({
  defaultCountry: CountryCode,
  defaultTimeZone: z.string().min(1),
  /** False until the rep has confirmed the first-run questions. */
  confirmed: z.boolean(),
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
    response: z.object({ contact: ContactSchema, calls: z.array(CallSchema) }),
  },
  'queue.list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    response: z.array(QueueEntrySchema),
  },
  'calls.dial': {
    request: z.object({ contactId: Id }).strict(),
    response: CallSchema,
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
  'exports.csv': {
    request: z.object({ what: z.enum(['contacts', 'duds']), importId: Id.nullable().default(null) }).strict(),
    response: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
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
    request: z
      .object({ defaultCountry: CountryCode, defaultTimeZone: Text(64).min(1) })
      .strict(),
    response: SettingsSchema,
  },
  'calls.log': {
    request: z
      .object({
        callId: Id,
        outcome: z.enum(ENABLED_OUTCOMES),
        notes: Text(20_000).default(''),
      })
      .strict(),
    response: CallSchema,
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
  'calls.changed': z.object({ callId: Id, contactId: Id }),
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
