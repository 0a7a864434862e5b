// The calling rules (shared/domain/law): which exist, with their sources, which are on, and the
// desk's choices. Switching a verified rule off needs a reason, which is recorded.
import { z } from 'zod';
import { Id, IsoInstant, Text } from './common';

export const RuleDaySchema = z.object({ start: z.string(), end: z.string() }).nullable();

export const CallingRuleViewSchema = z.object({
  id: z.string(),
  place: z.string(),
  /** "Florida" */
  name: z.string(),
  law: z.string(),
  citation: z.string(),
  source: z.string(),
  /** Local date it took effect, when known. */
  effective: z.string().nullable(),
  /** Read in the statute or on the regulator's page; unverified rules ship off. */
  verified: z.boolean(),
  lines: z.enum(['residential', 'all']),
  /** Monday first: the hours allowed each weekday (null: no calls that day). */
  days: z.array(RuleDaySchema).length(7),
  holidays: z.enum(['none', 'public', 'national']),
  extraHolidays: z.string().nullable(),
  cap: z.object({ calls: z.number().int(), hours: z.number() }).nullable(),
  note: z.string().nullable(),
  /** One line for the list: "08:00–20:00 every day · 3 calls in 24 h · no public holidays". */
  summary: z.string(),
  on: z.boolean(),
  defaultOn: z.boolean(),
  /** The desk's reason, when it changed the default, and when. */
  reason: z.string().nullable(),
  changedAt: IsoInstant.nullable(),
  /** Active leads this rule applies to (by place and line type). */
  leads: z.number().int().nonnegative(),
});
export type CallingRuleView = z.infer<typeof CallingRuleViewSchema>;

export const RuleChangeSchema = z.object({
  id: Id,
  rule: z.string(),
  on: z.boolean(),
  reason: z.string(),
  at: IsoInstant,
});
export type RuleChange = z.infer<typeof RuleChangeSchema>;

/** Why a lead is or is not callable at an instant, rule by rule (the CLI's `why`). */
export const LeadWhySchema = z.object({
  contactId: Id,
  at: IsoInstant,
  callable: z.boolean(),
  /** The lead's local time in each of its zones. */
  zones: z.array(z.object({ zone: z.string(), localTime: z.string() })),
  jurisdictions: z.array(z.string()),
  lineType: z.enum(['business', 'residential']),
  /** What the queue says (offered, or why not, and when it will be). */
  queue: z.object({ code: z.string(), reason: z.string(), nextAt: IsoInstant.nullable() }),
  /** Every rule that applies to the lead, on or off, and whether it allows a call now. */
  rules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      citation: z.string(),
      source: z.string(),
      on: z.boolean(),
      allows: z.boolean(),
      /** What it forbids now ("calls 08:00–20:00 their time"); null when it allows. */
      why: z.string().nullable(),
    }),
  ),
  nextOpen: IsoInstant.nullable(),
});
export type LeadWhy = z.infer<typeof LeadWhySchema>;

export const lawChannels = {
  'law.rules': {
    request: z.object({}).strict(),
    response: z.object({ rules: z.array(CallingRuleViewSchema), changes: z.array(RuleChangeSchema) }),
  },
  /** Switch a rule on or off; a verified rule goes off only with a reason. */
  'law.set': {
    request: z
      .object({
        rule: z.string().min(1).max(40),
        on: z.boolean(),
        reason: Text(500).trim().default(''),
      })
      .strict(),
    response: z.object({ rules: z.array(CallingRuleViewSchema), changes: z.array(RuleChangeSchema) }),
  },
  'law.why': {
    request: z.object({ contactId: Id, at: IsoInstant.optional() }).strict(),
    response: LeadWhySchema,
  },
} as const;
