import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HeatmapCellView, RequestOf } from '../../../../shared/ipc/contract';
import { HEATMAP_END_HOUR, HEATMAP_FIRST_HOUR } from '../../../../shared/domain/metrics';
import { wallClock, wallRange } from '../../../../shared/domain/timeFormat';
import { queries } from '../../api/queries';
import { useCommands } from '../../keys/keymap';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: HEATMAP_END_HOUR - HEATMAP_FIRST_HOUR }, (_, i) => HEATMAP_FIRST_HOUR + i);
const pct = (x: number) => `${Math.round(x * 100)} %`;

type Metric = RequestOf<'stats.heatmap'>['metric'];

/** What one cell says in words: the detail line on focus, the cell's title on hover. */
export function cellSentence(metric: Metric, cell: HeatmapCellView): string {
  const when = `${DAYS[cell.weekday - 1]} ${wallRange(cell.hour * 60, cell.hour * 60 + 60)} their time`;
  const what = metric === 'connect' ? `${cell.hits} of ${cell.calls} dials connected` : `${cell.hits} of ${cell.calls} voicemails returned`;
  if (cell.calls === 0) return `${when}: no ${metric === 'connect' ? 'dials' : 'voicemails'} yet.`;
  const interval = `90 % credible interval ${pct(cell.low)}–${pct(cell.high)}`;
  return `${when}: ${what} (${pct(cell.rate ?? 0)}); ${interval}${cell.enough ? '' : ' — too few to say'}.`;
}

/** The prospect's local weekday × hour, 06:00–21:00: a table (so a screen reader reads it as
 *  one, row and column headers included), each cell a focusable button; the arrow keys move
 *  between cells; grey where too few calls say anything. Plain HTML rather than a chart
 *  library: a table is accessible and prints as it is. */
export function HeatmapView({ request }: { request: { from?: string; to?: string; campaignId?: number; tagId?: number } | null }) {
  const [metric, setMetric] = useState<Metric>('connect');
  const { data, error } = useQuery({ ...queries.heatmap({ ...request, metric }), enabled: request !== null });
  const [focused, setFocused] = useState<{ weekday: number; hour: number } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const cells = new Map((data?.cells ?? []).map((c) => [`${c.weekday}/${c.hour}`, c]));
  const best = Math.max(0.0001, ...(data?.cells ?? []).filter((c) => c.enough).map((c) => c.rate ?? 0));

  const move = (dWeekday: number, dHour: number) => {
    const from = focused ?? { weekday: 1, hour: HEATMAP_FIRST_HOUR };
    const weekday = focused ? Math.min(7, Math.max(1, from.weekday + dWeekday)) : 1;
    const hour = focused ? Math.min(HEATMAP_END_HOUR - 1, Math.max(HEATMAP_FIRST_HOUR, from.hour + dHour)) : HEATMAP_FIRST_HOUR;
    table.current?.querySelector<HTMLButtonElement>(`button[data-cell="${weekday}/${hour}"]`)?.focus();
  };
  useCommands('screen', [
    { id: 'heatmap.left', keys: ['ArrowLeft'], label: 'Heat map: the day before', group: 'Heat map', run: () => move(-1, 0) },
    { id: 'heatmap.right', keys: ['ArrowRight'], label: 'Heat map: the day after', group: 'Heat map', run: () => move(1, 0) },
    { id: 'heatmap.up', keys: ['ArrowUp'], label: 'Heat map: the hour before', group: 'Heat map', run: () => move(0, -1) },
    { id: 'heatmap.down', keys: ['ArrowDown'], label: 'Heat map: the hour after', group: 'Heat map', run: () => move(0, 1) },
  ]);

  const detail = focused ? cells.get(`${focused.weekday}/${focused.hour}`) : undefined;
  return (
    <section className="heatmap" aria-labelledby="heatmap-title">
      <div className="dashboard-head">
        <h2 id="heatmap-title">By their weekday and hour</h2>
        <div className="segmented" role="radiogroup" aria-label="Heat map metric">
          {(['connect', 'voicemail-return'] as const).map((m) => (
            <label key={m} className={metric === m ? 'active' : undefined}>
              <input type="radio" name="heatmap-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} /> {m === 'connect' ? 'Connect rate' : 'Voicemails returned'}
            </label>
          ))}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          Could not read the heat map: {error.message}
        </p>
      )}
      <p className="hint">
        On the prospect’s clock. Grey: fewer than {data?.minCalls ?? 20} {metric === 'connect' ? 'dials' : 'voicemails'}, too few to say anything. Arrow keys move between cells.
      </p>
      <table className="heatmap-table" ref={table} aria-describedby="heatmap-detail">
        <caption className="visually-hidden">{metric === 'connect' ? 'Connect rate' : 'Voicemail return rate'} by the prospect’s weekday (columns) and hour (rows)</caption>
        <thead>
          <tr>
            <th scope="col">Their hour</th>
            {DAYS.map((d) => (
              <th key={d} scope="col" abbr={d}>
                {d.slice(0, 3)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {HOURS.map((hour) => (
            <tr key={hour}>
              <th scope="row">{wallClock(hour * 60)}</th>
              {DAYS.map((_, i) => {
                const cell = cells.get(`${i + 1}/${hour}`);
                const strength = cell?.enough && cell.rate !== null ? Math.round((cell.rate / best) * 85) : 0;
                return (
                  <td key={i} className={cell?.enough ? 'heat' : 'heat thin'}>
                    {cell && (
                      <button
                        type="button"
                        data-cell={`${cell.weekday}/${cell.hour}`}
                        className={strength > 50 ? 'heat-cell strong' : 'heat-cell'}
                        style={cell.enough ? { backgroundColor: `color-mix(in srgb, var(--accent) ${strength}%, var(--surface))` } : undefined}
                        title={cellSentence(metric, cell)}
                        aria-label={cellSentence(metric, cell)}
                        onFocus={() => setFocused({ weekday: cell.weekday, hour: cell.hour })}
                      >
                        {cell.calls === 0 ? '·' : `${Math.round((cell.rate ?? 0) * 100)}%`}
                        <span className="heat-count">{cell.calls}</span>
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p id="heatmap-detail" className="heatmap-detail" role="status" data-testid="heatmap-detail">
        {detail ? cellSentence(metric, detail) : 'Focus a cell for its counts and credible interval.'}
      </p>
    </section>
  );
}
