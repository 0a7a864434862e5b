import { memo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queries, useSettings } from '../../api/queries';
import { formatDuration } from '../../../../shared/domain/duration';

/** Today's session on every screen: what counts (conversations, advances, conversions) large,
 *  against the daily goals set in Settings; talk time; dials last and small. It moves with each
 *  disposition (calls.changed makes it stale). Drawn again when its numbers or goals change, not
 *  with every render of the app around it. */
export const SessionStrip = memo(function SessionStrip() {
  const { data } = useQuery(queries.session());
  const goals = useSettings().data?.dailyGoals;
  if (!data || !goals) return null;
  const t = data.totals;
  return (
    <section className="session-strip" aria-label="Today's session">
      <Goal label="conversations" value={t.conversations} goal={goals.conversations} />
      <Goal label="advances" value={t.advances} goal={goals.advances} />
      <Goal label="conversions" value={t.conversions} goal={goals.conversions} />
      <span className="session-talk" data-testid="session-talk">
        <span className="session-small-label">talk</span> {formatDuration(t.talkSeconds * 1000)}
      </span>
      <span className="session-dials" data-testid="session-dials">
        {t.dials} dials{t.redials > 0 ? ` (${t.redials} redials)` : ''}
      </span>
    </section>
  );
});

function Goal({ label, value, goal }: { label: string; value: number; goal: number }) {
  const reached = goal > 0 && value >= goal;
  return (
    <span className={`session-goal${reached ? ' reached' : ''}`} data-testid={`session-${label}`}>
      <strong className="session-number">{value}</strong>
      <span className="session-label">
        {label}
        {goal > 0 && <span className="session-of"> of {goal}</span>}
      </span>
      {goal > 0 && <progress className="session-progress" max={goal} value={Math.min(value, goal)} aria-label={`${label}: ${value} of today's goal of ${goal}`} />}
    </span>
  );
}
