// Team mode (#17) in the app: the desk's link to the team's PostgreSQL, what waits to be sent,
// the leads it holds and the calls the team kept without applying them (a lease lost meanwhile).
// Only join, sync, claim and release talk to the server; the status is read from the desk's file.
import { z } from 'zod';
import { Id, IsoInstant, Text } from './common';
import { MAX_CLAIM } from '../domain/team';
import { OUTCOMES } from '../domain/dispositions';

const Count = z.number().int().nonnegative();

export const TeamConflictSchema = z.object({
  callId: Id,
  contactId: Id,
  leadId: z.number().int().nullable(),
  name: z.string(),
  outcome: z.enum(OUTCOMES).nullable(),
  dialedAt: IsoInstant,
  /** What happened, said to the rep. */
  reason: z.string(),
});

export const TeamClaimSchema = z.object({
  leadId: z.number().int(),
  contactId: Id,
  name: z.string(),
  e164: z.string().nullable(),
  leaseUntil: IsoInstant,
  /** Still to be called here (not closed, not blocked). */
  open: z.boolean(),
});

/** A change the team database will not take as it is (its lead was removed, a value it refuses):
 *  kept in the outbox and tried again at each sync; the rest of the outbox is sent. */
export const TeamRefusedSchema = z.object({
  kind: z.enum(['call', 'dnc', 'lead_status', 'task', 'promise']),
  /** Which change, in the rep's words. */
  what: z.string(),
  /** When it was (a call's dial), or null. */
  at: IsoInstant.nullable(),
  reason: z.string(),
});

export const TeamStatusSchema = z.discriminatedUnion('joined', [
  z.object({ joined: z.literal(false), outbox: Count }),
  z.object({
    joined: z.literal(true),
    rep: z.string(),
    role: z.string(),
    deskId: z.number().int(),
    leaseHours: z.number(),
    /** connected: the last sync reached the server; offline: it did not (lastSyncError says
     *  why); never: no sync has run since joining. */
    connection: z.enum(['connected', 'offline', 'never']),
    lastSyncAt: IsoInstant.nullable(),
    lastSyncError: z.string().nullable(),
    /** A sync is running now (the minute's, after a do-not-call, or asked for). */
    syncing: z.boolean(),
    outbox: Count,
    claimed: Count,
    /** Claimed leads still to be called here. */
    openClaims: Count,
    claims: z.array(TeamClaimSchema),
    conflicts: z.array(TeamConflictSchema),
    /** What the last sync could not send (empty: everything went). */
    refused: z.array(TeamRefusedSchema),
    /** Where the connection URL is kept (never the URL: it holds the password). */
    urlKept: z.string(),
  }),
]);
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export const TeamSyncResultSchema = z.object({
  pushed: Count,
  pulled: z.object({ dnc: Count, calls: Count, leasesLost: Count, leasesHeld: Count, leadsAdopted: Count }),
  conflicts: Count,
});

export const teamChannels = {
  'team.status': { request: z.object({}).strict(), response: TeamStatusSchema },
  /** Join with the URL the team's administrator gave (team add-rep); kept by the secrets store. */
  'team.join': {
    request: z
      .object({
        url: Text(2000).trim().min(1, 'Paste the team URL your administrator gave you'),
        rep: Text(100).trim().min(1, 'Your name as the team knows you'),
      })
      .strict(),
    response: z.object({ rep: z.string(), role: z.string(), deskId: z.number().int(), urlKept: z.string() }),
  },
  'team.sync': { request: z.object({}).strict(), response: TeamSyncResultSchema },
  'team.claim': {
    request: z.object({ count: z.number().int().min(1, 'Claim at least 1 lead').max(MAX_CLAIM, `At most ${MAX_CLAIM} leads at a time`) }).strict(),
    response: z.object({ claimed: Count }),
  },
  /** Give back to the pool the claimed leads this desk has not called (after sending the outbox). */
  'team.release': { request: z.object({}).strict(), response: z.object({ released: Count }) },
} as const;

export const teamEvents = {
  /** A sync ran (or failed), leads were claimed or released: the Team screen reads its status again. */
  'team.changed': z.object({}),
} as const;
