// Importing lead files: the wizard's preview, the run, and what became of every row.
import { z } from 'zod';
import { DELIMITERS, ENCODINGS } from '../domain/leads/decode';
import { LEAD_FIELDS } from '../domain/leads/mapping';
import { IMPORT_LINES } from '../domain/leads/vocabulary';
import { SETTINGS } from '../domain/settings';
import { Base64, Id, IsoInstant, Text } from './common';

export const ColumnTarget = z.enum([...LEAD_FIELDS, 'custom', 'ignore']);

export const OnDuplicate = z.enum(['merge', 'skip']);

export const CountryCode = SETTINGS.defaultCountry.schema;

export const ImportSummarySchema = z.object({
  importId: Id,
  fileName: z.string(),
  dataRows: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  duds: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  startedAt: IsoInstant,
  finishedAt: IsoInstant.nullable(),
});

export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** An import that stopped before its end (a crash, a full disk) and that the rep has not dealt with. */
export const InterruptedImportSchema = z.object({
  importId: Id,
  fileName: z.string(),
  startedAt: IsoInstant,
  /** Data rows written so far, and what became of them. */
  dataRows: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  /** The last file row written: "import the rest" carries on after it. */
  lastRow: z.number().int(),
  /** Why it stopped, when it stopped with an error; null after a crash. */
  reason: z.string().nullable(),
  /** Whether Dialdeck still holds a copy of the file; if not, the rep chooses it again. */
  fileKept: z.boolean(),
});

export type InterruptedImport = z.infer<typeof InterruptedImportSchema>;

export const ImportPreviewSchema = z.object({
  stageId: z.string(),
  fileName: z.string(),
  encoding: z.enum(ENCODINGS),
  bom: z.boolean(),
  delimiter: z.enum(DELIMITERS),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  dataRowsApprox: z.number().int(),
  /** Rows that cannot be read (an unclosed or a stray quote): how many, the first few with why. */
  unreadable: z.object({ count: z.number().int(), rows: z.array(z.object({ rowNumber: z.number().int(), reason: z.string() })) }),
  mapping: z.array(ColumnTarget),
  mappingSource: z.enum(['remembered', 'suggested']),
  problems: z.array(z.string()),
});

export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportRowSchema = z.object({
  rowNumber: z.number().int(),
  outcome: z.enum(['rejected', 'merged', 'skipped']),
  reason: z.string(),
  raw: z.array(z.string()),
  contactId: Id.nullable(),
});

export const importsChannels = {
  'imports.preview': {
    request: z
      .object({
        fileName: Text(260).min(1, 'The file needs a name'),
        data: Base64.optional(),
        stageId: z.string().max(64).optional(),
        encoding: z.enum(ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
      })
      .strict()
      .refine((r) => r.data !== undefined || r.stageId !== undefined, { message: 'Send the file data or a stageId', path: ['data'] }),
    response: ImportPreviewSchema,
  },
  'imports.run': {
    request: z
      .object({
        stageId: z.string().min(1).max(64),
        mapping: z.array(ColumnTarget).max(5000),
        onDuplicate: OnDuplicate.default('merge'),
        encoding: z.enum(ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
        country: CountryCode.optional(),
        /** Whether the file's leads are business lines, residential, or a mix (a row without a
         *  line type is then residential): which calling rules apply. */
        lines: z.enum(IMPORT_LINES).default('mixed'),
        /** The campaign every lead of the file joins: one chosen by id, or a name (made if new). */
        campaign: z.union([z.object({ id: Id }).strict(), z.object({ name: Text(120) }).strict()]).optional(),
      })
      .strict(),
    response: ImportSummarySchema,
  },
  'imports.list': {
    request: z.object({}).strict(),
    response: z.array(ImportSummarySchema),
  },
  'imports.interrupted': {
    request: z.object({}).strict(),
    response: z.array(InterruptedImportSchema),
  },
  /** "Import the rest": from Dialdeck's copy of the file, or from the file chosen again (data). */
  'imports.resume': {
    request: z.object({ importId: Id, fileName: Text(260).optional(), data: Base64.optional() }).strict(),
    response: ImportSummarySchema,
  },
  /** "Keep what was imported": the interrupted import is finished as it stands. */
  'imports.keep': {
    request: z.object({ importId: Id }).strict(),
    response: ImportSummarySchema,
  },
  'imports.rows': {
    request: z
      .object({
        importId: Id,
        outcome: z.enum(['rejected', 'merged', 'skipped']).nullable().default(null),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.object({ headers: z.array(z.string()), rows: z.array(ImportRowSchema) }),
  },
  /** The rows an import merged into this lead, kept so a wrong merge can be split. */
  'imports.mergedRows': {
    request: z.object({ contactId: Id }).strict(),
    response: z.array(
      z.object({
        id: Id,
        importId: Id,
        fileName: z.string(),
        rowNumber: z.number().int(),
        cells: z.array(z.object({ header: z.string(), value: z.string() })),
        splitContactId: Id.nullable(),
        splitAt: IsoInstant.nullable(),
      }),
    ),
  },
  /** Split a wrong merge: a new lead from the kept row; the calls stay on the original. */
  'imports.split': {
    request: z.object({ importRowId: Id }).strict(),
    /** takenBack: what the merge had filled in on the lead and went with the row (in the rep's
     *  words: "email", "title", "other numbers", "the tag “vip”"); kept: what it filled that the
     *  rep has changed since. */
    response: z.object({ contactId: Id, name: z.string(), takenBack: z.array(z.string()), kept: z.array(z.string()) }),
  },
} as const;

export const importsEvents = {
  'import.progress': z.object({
    stageId: z.string(),
    processed: z.number().int(),
    total: z.number().int(),
    done: z.boolean(),
  }),
} as const;
