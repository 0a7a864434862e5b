// Exports written to a file (contacts, duds to return), with progress.
import { z } from 'zod';
import { Id, IsoInstant } from './common';
import { CALL_EXPORT_FORMATS } from '../domain/callExports';

/** contacts, duds to return, every open task (follow-through), the call log (#15), the lost and stalled report (#14). */
export const EXPORT_KINDS = ['contacts', 'duds', 'tasks', 'calls', 'lost'] as const;

export const exportsChannels = {
  /** Writes the export to a file (Electron asks where with a save dialog; the preview writes
   *  into its data dir's exports folder) and says where; `path` is null if the rep cancelled.
   *  Long exports report `export.progress` as they go. */
  'exports.write': {
    request: z
      .object({
        what: z.enum(EXPORT_KINDS),
        importId: Id.nullable().default(null),
        /** calls: Dialdeck's CSV or a CRM's call-activity import format, over [from, to); lost: the report's range. */
        format: z.enum(CALL_EXPORT_FORMATS).optional(),
        from: IsoInstant.optional(),
        to: IsoInstant.optional(),
      })
      .strict(),
    response: z.object({ path: z.string().nullable(), rows: z.number().int() }),
  },
} as const;

export const exportsEvents = {
  /** An export being written: rows so far of total. */
  'export.progress': z.object({
    what: z.enum(EXPORT_KINDS),
    importId: Id.nullable(),
    path: z.string(),
    rows: z.number().int(),
    total: z.number().int(),
  }),
} as const;
