// The one contract between the renderer and the core. Every channel has a zod schema for its
// request and its response; every event main pushes has a schema for its payload. The handler
// table (electron/core/handlers.ts), the preload, the preview bridge and the renderer's client
// are all typed from here, so a renamed field breaks the build, not a call at run time.
import { z } from 'zod';
import { OUTCOMES, ENABLED_OUTCOMES } from '../domain/dispositions';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const IsoInstant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const ContactSchema = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  company: z.string(),
  phoneRaw: z.string(),
  e164: z.string(),
  extension: z.string().nullable(),
  phoneDisplay: z.string(),
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
  'contacts.changed': z.object({ contactId: Id }),
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

export const BRIDGE_GLOBAL = 'dialdeck';
export const IPC_INVOKE = 'dialdeck:invoke';
export const IPC_EVENT = 'dialdeck:event';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
