// Measure (#15): the session strip, the dashboard's numbers, the heat map, the learned windows.
// Every number is counted by shared/domain/metrics.ts.
import { z } from 'zod';
import { Id, IsoInstant } from './common';
import { HEATMAP_METRICS } from '../domain/heatmap';
import { DailyGoalsSchema } from '../domain/settings';

const Count = z.number().int().nonnegative();
const Rate = z.number().min(0).max(1).nullable();

export const TotalsSchema = z.object({
  dials: Count,
  /** Of the dials, those the engaged line's redial loop made (shown apart). */
  redials: Count,
  connects: Count,
  conversations: Count,
  advances: Count,
  conversions: Count,
  talkSeconds: Count,
  voicemails: Count,
  voicemailsReturned: Count,
});

export const RatesSchema = z.object({
  conversationRate: Rate,
  connectRate: Rate,
  advanceRate: Rate,
  conversionRate: Rate,
  voicemailReturnRate: Rate,
});

export const STATS_GROUPINGS = ['day', 'hour', 'import'] as const;

export const StatsGroupSchema = z.object({
  /** The rep's date (day), hour of day "09" (hour), or the import's id ("none": added by hand). */
  key: z.string(),
  label: z.string(),
  totals: TotalsSchema,
  rates: RatesSchema,
});

export const GoalsSchema = DailyGoalsSchema;

/** Today's numbers for the session strip (also in each disposition's reply). */
export const SessionStatsSchema = z.object({ day: z.string(), totals: TotalsSchema, rates: RatesSchema, goals: GoalsSchema });

export const HeatmapCellSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  calls: Count,
  hits: Count,
  rate: Rate,
  low: z.number(),
  high: z.number(),
  enough: z.boolean(),
});

const Range = { from: IsoInstant.optional(), to: IsoInstant.optional() };

/** Only the calls of leads in this campaign and/or with this tag (both: leads with both). */
const LeadFilter = { campaignId: Id.optional(), tagId: Id.optional() };

/** While a call log from before the kept counts is still being counted (in the background):
 *  how far it is. The numbers are then summed from the calls; a call not yet placed on its
 *  prospect's clock is missing from the heat map and from voicemails returned. Null: complete. */
export const CountingSchema = z.object({ done: Count, total: Count }).nullable();

export const statsChannels = {
  /** The totals of a range (default: the rep's today) and, with `by`, the same per group. */
  'stats.summary': {
    request: z
      .object({ ...Range, ...LeadFilter, by: z.enum(STATS_GROUPINGS).optional(), /** Instead of from/to: the rep's today or this week (Monday on). */ period: z.enum(['today', 'week']).optional() })
      .strict(),
    response: z.object({ from: IsoInstant, to: IsoInstant, totals: TotalsSchema, rates: RatesSchema, groups: z.array(StatsGroupSchema), counting: CountingSchema }),
  },
  /** The session strip: today on the rep's clock, against the daily goals. */
  'stats.session': {
    request: z.object({}).strict(),
    response: SessionStatsSchema,
  },
  /** The prospect's weekday × hour (06–21) for a rate (default range: the whole log). */
  'stats.heatmap': {
    request: z.object({ ...Range, ...LeadFilter, metric: z.enum(HEATMAP_METRICS) }).strict(),
    response: z.object({ metric: z.enum(HEATMAP_METRICS), minCalls: Count, cells: z.array(HeatmapCellSchema), counting: CountingSchema }),
  },
  /** A voicemail window the rep's own weekday log shows, ≥ 95 % probable and on enough
   *  voicemails, to do better than the weakest configured hour; null when it does not. */
  'stats.windowSuggestion': {
    request: z.object({}).strict(),
    response: z.object({
      suggestion: z
        .object({
          text: z.string(),
          probability: z.number(),
          betterHour: z.number().int(),
          worseHour: z.number().int(),
          windows: z.array(z.object({ start: z.string(), end: z.string() })),
        })
        .nullable(),
    }),
  },
} as const;

export const statsEvents = {
  /** The background count of an older call log moved on (or finished: done = total). */
  'stats.counting': z.object({ done: Count, total: Count }),
} as const;

export type Totals = z.infer<typeof TotalsSchema>;
export type StatsSummary = z.infer<(typeof statsChannels)['stats.summary']['response']>;
export type HeatmapCellView = z.infer<typeof HeatmapCellSchema>;
