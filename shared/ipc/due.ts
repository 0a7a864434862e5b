// What falls due: callbacks and tasks now, what was missed while closed, the next 24 hours.
import { z } from 'zod';
import { Id, IsoInstant } from './common';

export const TaskSchema = z.object({
  id: Id,
  contactId: Id,
  kind: z.enum(['email', 'call', 'promise']),
  title: z.string(),
  dueAt: IsoInstant,
  callId: Id.nullable(),
  doneAt: IsoInstant.nullable(),
});

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

export const dueChannels = {
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
} as const;

export const dueEvents = {
  /** What is due now changed (a timer fired, an item was done): the strip and the badge. */
  'due.changed': z.object({ dueNow: z.number().int() }),
} as const;
