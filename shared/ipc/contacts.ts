// Contacts: leads as the screens see them, found, added and edited.
import { z } from 'zod';
import { OUTCOMES } from '../domain/dispositions';
import { CONTACT_STATUSES, LEAD_KINDS, LINE_TYPES, TZ_SOURCES } from '../domain/leads/vocabulary';
import { Id, IsoInstant, NameField, Text } from './common';

export const OtherPhoneSchema = z.object({
  label: z.string(),
  raw: z.string(),
  e164: z.string().nullable(),
  extension: z.string().nullable(),
  /** Reported a wrong number on a call ("wrong number (call #12)", dud.ts): not dialled again. */
  wrong: z.string().optional(),
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
  /** Its country and every state it may be in ("US", "US-FL"): whose calling rules apply. */
  jurisdictions: z.array(z.string()),
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

export const ContactFilterRequest = z
  .object({
    text: Text(200).trim().default(''),
    status: z.enum(CONTACT_STATUSES).nullable().default(null),
    kind: z.enum(LEAD_KINDS).nullable().default(null),
    zone: Text(64).nullable().default(null),
    importId: Id.nullable().default(null),
    campaignId: Id.nullable().default(null),
    tagId: Id.nullable().default(null),
  })
  .strict();

export const contactsChannels = {
  'contacts.add': {
    request: z
      .object({
        firstName: NameField.default(''),
        lastName: NameField.default(''),
        company: Text(200).trim().default(''),
        phone: Text(64).trim().min(1, 'Enter a phone number'),
        /** Which calling rules apply; a lead whose line is not known is residential, the stricter. */
        lineType: z.enum(LINE_TYPES).default('residential'),
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
} as const;

export const contactsEvents = {
  'contacts.changed': z.object({ contactId: Id.nullable() }),
} as const;
