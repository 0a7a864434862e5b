// The app itself: its version and folder, and the core's clock.
import { z } from 'zod';
import { Id, IsoInstant } from './common';

export const CoreClockSchema = z.object({
  now: IsoInstant,
  /** 1: the core's clock runs with real time; 0: it stands still until moved (a test clock). */
  rate: z.union([z.literal(0), z.literal(1)]),
});

export type CoreClock = z.infer<typeof CoreClockSchema>;

export const appChannels = {
  'app.info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dataDir: z.string(),
      defaultCountry: z.string(),
    }),
  },
  /** The core's clock: the renderer keeps an offset to it rather than asking every second. */
  'app.now': {
    request: z.object({}).strict(),
    response: CoreClockSchema,
  },
} as const;

export const appEvents = {
  /** The core's clock jumped (sleep, a clock change; a test clock moved): take a new offset. */
  'clock.changed': CoreClockSchema,
  /** Midnight passed on the rep's clock with the app open and nothing else said so: what is
   *  "today" (the session strip, what is due, times drawn without their date) is stale. */
  'day.changed': z.object({ day: z.iso.date() }),
  /** Open this lead on the call screen (a notification was clicked). */
  'app.openContact': z.object({ contactId: Id }),
} as const;
