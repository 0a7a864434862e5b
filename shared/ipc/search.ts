// Ctrl+K: find a lead from any screen.
import { z } from 'zod';
import { ContactSchema } from './contacts';
import { Text } from './common';

export const searchChannels = {
  'search.leads': {
    request: z
      .object({
        /** A name, company, email or a number in any format. */
        text: Text(200).trim(),
        limit: z.number().int().min(1).max(50).default(12),
      })
      .strict(),
    response: z.object({ contacts: z.array(ContactSchema) }),
  },
} as const;
