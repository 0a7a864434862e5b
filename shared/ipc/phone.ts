// "Your phone": the test dial. The presets themselves are in shared/domain/dialPresets.ts.
import { z } from 'zod';

export const phoneChannels = {
  /** Dial the rep's own number (Settings, "Your number") with the phone setting now saved. */
  'phone.testDial': {
    request: z.object({}).strict(),
    response: z.object({ uri: z.string(), number: z.string() }),
  },
} as const;
