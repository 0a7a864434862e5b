// Scripts: stored, edited, and merged for a call.
import { z } from 'zod';
import { SITUATIONS } from '../domain/scripts';
import { Id, IsoInstant, Text } from './common';

export const ScriptSchema = z.object({
  id: Id,
  name: z.string(),
  situation: z.enum(SITUATIONS),
  campaign: z.string(),
  body: z.string(),
  /** Shipped with Dialdeck: editable, restorable, not deletable. */
  starter: z.boolean(),
  updatedAt: IsoInstant,
});

export type ScriptView = z.infer<typeof ScriptSchema>;

/** The script for a call, merged for its lead. */
export const ScriptForCallSchema = z.object({
  situation: z.enum(SITUATIONS),
  autoSituation: z.enum(SITUATIONS),
  /** The campaign whose chosen script this is; null when chosen by situation. */
  campaign: z.string().nullable(),
  script: ScriptSchema.nullable(),
  checklist: z.array(z.string()),
  objections: z.array(z.object({ objection: z.string(), prehandle: z.string(), answer: z.string() })),
  values: z.record(z.string(), z.string()),
});

export type ScriptForCall = z.infer<typeof ScriptForCallSchema>;

export const scriptsChannels = {
  'scripts.list': {
    request: z.object({}).strict(),
    response: z.array(ScriptSchema),
  },
  'scripts.save': {
    request: z
      .object({
        id: Id.optional(),
        name: Text(120).trim().min(1, 'Give the script a name'),
        situation: z.enum(SITUATIONS),
        campaign: Text(200).trim().default(''),
        body: Text(100_000).min(1, 'The script has no text'),
      })
      .strict(),
    response: ScriptSchema,
  },
  'scripts.delete': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ id: Id }),
  },
  'scripts.restore': {
    request: z.object({ id: Id }).strict(),
    response: ScriptSchema,
  },
  'scripts.import': {
    request: z.object({ fileName: Text(260).min(1), text: Text(200_000) }).strict(),
    response: ScriptSchema,
  },
  'scripts.export': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ fileName: z.string(), text: z.string() }),
  },
  'scripts.forCall': {
    request: z
      .object({
        contactId: Id,
        /** The rep's one-key choice; left out, it follows the lead's history. */
        situation: z.enum(SITUATIONS).optional(),
        /** The rep's pick from the numbered script list (G): this script, whatever the situation. */
        scriptId: Id.optional(),
        voicemailMode: z.boolean().default(false),
      })
      .strict(),
    response: ScriptForCallSchema,
  },
} as const;
