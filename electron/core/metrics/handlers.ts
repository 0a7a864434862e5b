import type { HandlersOf, Services } from '../handlers';
import { CoreError } from '../errors';
import { todayRange, weekRange } from '../../../shared/domain/metrics';
import { heatmap, session, summary, windowSuggestion } from './service';

type StatsChannels = 'stats.summary' | 'stats.session' | 'stats.heatmap' | 'stats.windowSuggestion';

/** The whole log, for a heat map asked for with no range. */
const ALL_TIME = { from: 0, to: 8.64e15 };

function range(from: string | undefined, to: string | undefined, fallback: { from: number; to: number }): { from: number; to: number } {
  const r = { from: from === undefined ? fallback.from : Date.parse(from), to: to === undefined ? fallback.to : Date.parse(to) };
  if (r.to <= r.from) throw new CoreError('invalid_request', `The range must end after it starts (from ${from ?? 'the default'} to ${to ?? 'the default'}).`, { to: 'before from' });
  return r;
}

export function metricsHandlers({ ctx }: Services): HandlersOf<StatsChannels> {
  const today = () => todayRange(ctx.clock.now().getTime(), ctx.repTimeZone);
  return {
    'stats.summary': ({ from, to, by, period, campaignId, tagId }) => {
      const r = period === 'week' ? weekRange(ctx.clock.now().getTime(), ctx.repTimeZone) : range(from, to, today());
      return summary(ctx, r.from, r.to, by, { campaignId: campaignId ?? null, tagId: tagId ?? null });
    },
    'stats.session': () => session(ctx),
    'stats.windowSuggestion': () => windowSuggestion(ctx),
    'stats.heatmap': ({ metric, from, to, campaignId, tagId }) => {
      const r = range(from, to, ALL_TIME);
      return heatmap(ctx, metric, r.from, r.to, { campaignId: campaignId ?? null, tagId: tagId ?? null });
    },
  };
}
