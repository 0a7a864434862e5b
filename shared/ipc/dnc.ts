// The do-not-call list: added to, imported, listed; never removed from.
import { z } from 'zod';
import { Base64, IsoInstant, Text } from './common';

export const dncChannels = {
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
} as const;
