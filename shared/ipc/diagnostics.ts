// Diagnostics: the renderer's errors into the local log, and "Copy diagnostics" in Settings.
import { z } from 'zod';
import { Text } from './common';

export const diagnosticsChannels = {
  /** An error the page caught (window.onerror, an unhandled rejection, a render error). */
  'diagnostics.reportError': {
    request: z.object({ message: Text(4000), stack: Text(20_000).optional() }).strict(),
    response: z.object({}),
  },
  /** Versions, schema, counts and the last errors, as text for the clipboard (no lead data). */
  'diagnostics.summary': {
    request: z.object({}).strict(),
    response: z.object({ text: z.string() }),
  },
} as const;
