import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import uPlot from 'uplot';
import { dayTicks } from './trendTicks';
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import { formatDuration } from '../../../../shared/domain/duration';
import { queries } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import { CALL_EXPORT_FORMATS, type CallExportFormat } from '../../../../shared/domain/callExports';
import { CampaignSelect, TagSelect } from '../../components/LeadFilterSelects';
import { Kbd, useCommands } from '../../keys/keymap';
import { HeatmapView } from './HeatmapView';
import { WindowSuggestion } from './WindowSuggestion';

type Period = 'today' | 'week' | 'range';
type Summary = ResponseOf<'stats.summary'>;
type Totals = Summary['totals'];
type Rates = Summary['rates'];

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

/** Today, this week or a range: what counts first (conversations, advances, conversions and
 *  their rates), talk time, voicemails returned; dials last and small. By day (a small trend),
 *  by import and by the rep's hour; the heat map below. Filtered by campaign and tag. Prints as
 *  one page.
 *
 *  First paint asks for one thing, the numbers by day; the tables by import and by hour, the heat
 *  map and the learned window are asked for once those are in (the core answers one request at a
 *  time, so asked together the numbers waited behind the heat map and the window). */
export function DashboardScreen() {
  const [period, setPeriod] = useState<Period>('week');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [tagId, setTagId] = useState<number | null>(null);
  const campaignRef = useRef<HTMLSelectElement>(null);
  const tagRef = useRef<HTMLSelectElement>(null);
  useCommands('screen', [
    { id: 'dashboard.campaign', keys: ['f'], label: 'Numbers of one campaign (choose with the arrow keys)', group: 'Numbers', run: () => campaignRef.current?.focus() },
    { id: 'dashboard.tag', keys: ['t'], label: 'Numbers of the leads with a tag (choose with the arrow keys)', group: 'Numbers', run: () => tagRef.current?.focus() },
  ]);
  const filter = { ...(campaignId !== null ? { campaignId } : {}), ...(tagId !== null ? { tagId } : {}) };
  const rangeRequest = (): RequestOf<'stats.summary'> | null => {
    if (period !== 'range') return { period: period === 'week' ? 'week' : undefined };
    if (!from || !to || to < from) return null;
    return { from: new Date(`${from}T00:00:00`).toISOString(), to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString() };
  };
  const request = rangeRequest();
  const summary = useQuery({ ...queries.statsSummary({ ...request, ...filter, by: 'day' }), enabled: request !== null });
  const data = summary.data;
  // Set in the frame after the first numbers are painted, and kept: from then on everything is
  // asked for at once.
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted || data === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted, data]);
  const afterFirstPaint = request !== null && painted;
  const byImport = useQuery({ ...queries.statsSummary({ ...request, ...filter, by: 'import' }), enabled: afterFirstPaint });
  const byHour = useQuery({ ...queries.statsSummary({ ...request, ...filter, by: 'hour' }), enabled: afterFirstPaint });
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 id="dashboard-title">Numbers</h1>
        <div className="segmented" role="radiogroup" aria-label="Period">
          {(['today', 'week', 'range'] as const).map((p) => (
            <label key={p} className={period === p ? 'active' : undefined}>
              <input type="radio" name="period" value={p} checked={period === p} onChange={() => setPeriod(p)} /> {p === 'today' ? 'Today' : p === 'week' ? 'This week' : 'Range'}
            </label>
          ))}
        </div>
        {period === 'range' && (
          <span className="dashboard-range">
            <label>
              From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            {request === null && <span className="hint">Choose both days (the end on or after the start).</span>}
          </span>
        )}
        <div className="filters dashboard-filters" role="group" aria-label="Whose calls">
          <CampaignSelect
            className="field inline"
            label={
              <>
                Campaign <Kbd command="dashboard.campaign" />
              </>
            }
            allLabel="All campaigns"
            selectRef={campaignRef}
            value={campaignId}
            onChange={setCampaignId}
          />
          <TagSelect
            className="field inline"
            label={
              <>
                Tag <Kbd command="dashboard.tag" />
              </>
            }
            allLabel="Any tag"
            selectRef={tagRef}
            value={tagId}
            onChange={setTagId}
          />
        </div>
      </div>
      {data?.counting && (
        <p className="panel hint" role="status" data-testid="dashboard-counting">
          Counting your call log from before this version: {Math.round((data.counting.done / Math.max(1, data.counting.total)) * 100)} %. Until it is done the numbers are summed
          from the calls, and calls not yet placed on their prospect&rsquo;s clock are missing from the heat map and from voicemails returned.
        </p>
      )}
      {summary.error && (
        <p className="form-error" role="alert">
          Could not count the calls: {summary.error.message}
        </p>
      )}
      {data && (
        <>
          <Headline totals={data.totals} rates={data.rates} />
          {data.groups.length > 1 && <Trend groups={data.groups} draw={painted} />}
          <div className="dashboard-tables">
            <GroupTable title="By import" groups={byImport.data?.groups ?? []} />
            <GroupTable title="By your hour" groups={(byHour.data?.groups ?? []).filter((g) => g.totals.dials > 0 || g.totals.conversations > 0)} />
          </div>
        </>
      )}
      {data && <CallsExport from={data.from} to={data.to} />}
      <WindowSuggestion ready={afterFirstPaint} />
      <HeatmapView request={!afterFirstPaint || request === null ? null : { ...(period === 'range' ? { from: request.from, to: request.to } : {}), ...filter }} />
    </section>
  );
}

const FORMAT_LABEL = new Map<CallExportFormat, string>([
  ['csv', 'CSV (Excel-safe)'],
  ['hubspot', 'HubSpot calls import'],
  ['salesforce', 'Salesforce tasks import'],
  ['pipedrive', 'Pipedrive activities import'],
]);

/** The calls of the period shown, as a file: Dialdeck's CSV or a CRM's call-activity import. */
function CallsExport({ from, to }: { from: string; to: string }) {
  const [format, setFormat] = useState<CallExportFormat>('csv');
  return (
    <div className="actions calls-export">
      <label>
        Export the calls as{' '}
        <select value={format} onChange={(e) => setFormat(e.target.value as CallExportFormat)}>
          {CALL_EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABEL.get(f)}
            </option>
          ))}
        </select>
      </label>
      <ExportButton
        request={{ what: 'calls', format, from, to }}
        label="Export calls"
        command={{ id: 'dashboard.exportCalls', keys: ['e'], label: 'Export the calls of the period shown', group: 'Numbers' }}
      />
    </div>
  );
}

function Headline({ totals, rates }: { totals: Totals; rates: Rates }) {
  return (
    <div className="headline" data-testid="dashboard-headline">
      <Big label="conversations" value={totals.conversations} rate={`${percent(rates.conversationRate)} of dials`} />
      <Big label="advances" value={totals.advances} rate={`${percent(rates.advanceRate)} of conversations`} />
      <Big label="conversions" value={totals.conversions} rate={`${percent(rates.conversionRate)} of conversations`} />
      <div className="headline-small">
        <div>
          Talk time <strong>{formatDuration(totals.talkSeconds * 1000)}</strong>
        </div>
        <div>
          Voicemails returned <strong>{totals.voicemailsReturned}</strong> of {totals.voicemails} ({percent(rates.voicemailReturnRate)})
        </div>
        <div className="dials-small">
          {totals.connects} connects ({percent(rates.connectRate)}) · {totals.dials} dials{totals.redials > 0 ? `, ${totals.redials} of them redials` : ''}
        </div>
      </div>
    </div>
  );
}

function Big({ label, value, rate }: { label: string; value: number; rate: string }) {
  return (
    <div className="big" data-testid={`dashboard-${label}`}>
      <strong className="big-number">{value}</strong>
      <span className="big-label">{label}</span>
      <span className="big-rate">{rate}</span>
    </div>
  );
}

/** Conversations, advances and conversions per day: a small uPlot line chart (canvas, 50 kB),
 *  with the same numbers in the by-day table for screen readers and print. */
function Trend({ groups, draw }: { groups: Summary['groups']; draw: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    // The chart's set-up waits for the first numbers to be painted (its room is kept).
    if (!element || !draw) return;
    // One point a day, at its place in the list: the axis and the legend name the day ("Wed 4
    // Mar"), never a time of day it does not have.
    const xs = groups.map((_, day) => day);
    const dayOf = (day: number | null | undefined) => (day === null || day === undefined ? '--' : (groups[Math.round(day)]?.label ?? '--'));
    // The theme's tokens are light-dark() pairs; the canvas needs the resolved colour.
    const probe = document.createElement('span');
    element.append(probe);
    const colour = (name: string) => {
      probe.style.color = `var(${name})`;
      return getComputedStyle(probe).color;
    };
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 140,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        // Room on the right for the last day's label, centred on the last point.
        padding: [null, 40, null, null],
        scales: { x: { time: false } },
        axes: [
          {
            stroke: colour('--muted'),
            grid: { stroke: colour('--line-soft') },
            splits: (u) => dayTicks(groups.length, u.bbox.width / devicePixelRatio),
            values: (_u, splits) => splits.map(dayOf),
          },
          { stroke: colour('--muted'), grid: { stroke: colour('--line-soft') } },
        ],
        series: [
          { label: 'Day', value: (_u, day) => dayOf(day) },
          { label: 'Conversations', stroke: colour('--accent'), width: 2 },
          { label: 'Advances', stroke: colour('--ok'), width: 2 },
          { label: 'Conversions', stroke: colour('--vm'), width: 2 },
        ],
      },
      [xs, groups.map((g) => g.totals.conversations), groups.map((g) => g.totals.advances), groups.map((g) => g.totals.conversions)],
      element,
    );
    probe.remove();
    // The window resized (or a narrower layout): the canvas follows its box.
    const resized = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height: 140 }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      chart.destroy();
    };
  }, [groups, draw]);
  return (
    <figure className="trend">
      <div ref={box} className="trend-chart" aria-hidden="true" />
      <figcaption className="visually-hidden">
        By day: {groups.map((g) => `${g.label} ${g.totals.conversations} conversations, ${g.totals.advances} advances, ${g.totals.conversions} conversions`).join('; ')}
      </figcaption>
    </figure>
  );
}

function GroupTable({ title, groups }: { title: string; groups: Summary['groups'] }) {
  return (
    <table className="group-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">Conversations</th>
          <th scope="col">Advances</th>
          <th scope="col">Conversions</th>
          <th scope="col">Talk</th>
          <th scope="col" className="dials-small">
            Dials
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.length === 0 && (
          <tr>
            <td colSpan={6} className="hint">
              No calls.
            </td>
          </tr>
        )}
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{g.label}</th>
            <td>
              {g.totals.conversations} <span className="rate">{percent(g.rates.conversationRate)}</span>
            </td>
            <td>{g.totals.advances}</td>
            <td>{g.totals.conversions}</td>
            <td>{formatDuration(g.totals.talkSeconds * 1000)}</td>
            <td className="dials-small">{g.totals.dials}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
