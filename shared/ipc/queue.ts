// The queue: who to call now and why, who not and until when, and the rep's pins and snoozes.
import { z } from 'zod';
import { QUEUE_TIERS, SNOOZE_PRESETS } from '../domain/queueRules';
import { LEAD_KINDS } from '../domain/leads/vocabulary';
import { Id, IsoInstant, Text } from './common';
import { ContactSchema } from './contacts';

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

export const QueueFilterRequest = z
  .object({
    /** Ask about another instant (the CLI's --at); the app leaves it out and gets now. */
    at: IsoInstant.optional(),
    importId: Id.nullable().default(null),
    kind: z.enum(LEAD_KINDS).nullable().default(null),
    zone: Text(64).nullable().default(null),
    campaignId: Id.nullable().default(null),
    tagId: Id.nullable().default(null),
  })
  .strict();

export const queueChannels = {
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
        /** skip: why (the call screen's numbered reasons), kept with the skip. */
        reason: Text(80).trim().min(1).optional(),
      })
      .strict()
      .refine((r) => r.action !== 'snooze' || (r.until === undefined) !== (r.preset === undefined), { message: 'Choose until when to snooze', path: ['until'] }),
    response: z.object({ contactId: Id, message: z.string() }),
  },
} as const;

export const queueEvents = {
  /** The queue's order may have changed (a disposition, a pin, a snooze, an import). */
  'queue.changed': z.object({}),
} as const;
