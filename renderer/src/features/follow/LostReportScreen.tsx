// The lost and stalled report (#14): why leads said no and which agreed next steps slipped, over a
// period, by reason and by import, with each call's notes to learn from; exported as a CSV.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { coreNow } from '../../api/clock';
import { queries } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';

const PERIODS = [
  { id: 'week', label: 'Last 7 days', days: 7, key: '1' },
  { id: 'month', label: 'Last 30 days', days: 30, key: '2' },
  { id: 'quarter', label: 'Last 90 days', days: 90, key: '3' },
  { id: 'all', label: 'All time', days: null, key: '4' },
] as const;
type Period = (typeof PERIODS)[number];

/** Lost calls shown on screen; the export holds every one. */
const CALLS_SHOWN = 200;

function rangeOf(period: Period): { from?: string; to?: string } {
  if (period.days === null) return {};
  // Whole minutes, so the report's key does not change on every render.
  const now = Math.floor(coreNow() / 60_000) * 60_000 + 60_000;
  return { from: new Date(now - period.days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

export function LostReportScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const [period, setPeriod] = useState<Period>(PERIODS[1]);
  const [range, setRange] = useState(() => rangeOf(PERIODS[1]));
  const choose = (next: Period) => {
    setPeriod(next);
    setRange(rangeOf(next));
  };
  const report = useQuery(queries.lostReport(range));
  useCommands(
    'screen',
    PERIODS.map((p) => ({ id: `report.period.${p.id}`, keys: [p.key], label: `Show ${p.label.toLowerCase()}`, group: 'Report', run: () => choose(p) })),
  );
  const data = report.data;
  return (
    <section className="lost-report" aria-labelledby="lost-report-title">
      <div className="dashboard-head">
        <h1 id="lost-report-title">Lost and stalled</h1>
        <div className="segmented" role="radiogroup" aria-label="Period">
          {PERIODS.map((p) => (
            <label key={p.id} className={period.id === p.id ? 'active' : undefined}>
              <input type="radio" name="report-period" value={p.id} checked={period.id === p.id} onChange={() => choose(p)} /> {p.label} <Kbd command={`report.period.${p.id}`} />
            </label>
          ))}
        </div>
        <span className="actions">
          <ExportButton request={{ what: 'lost', importId: null, ...range }} label="Export the report" command={{ id: 'report.export', keys: ['e'], label: 'Export the report (CSV)', group: 'Report' }} />
          <span className="hint">
            <Kbd command="report.export" /> exports what is shown
          </span>
        </span>
      </div>
      {report.error && (
        <p className="form-error" role="alert">
          Could not make the report: {report.error.message}
        </p>
      )}
      {data && (
        <>
          <p className="hint">
            {data.lost.total.toLocaleString()} lost {data.lost.total === 1 ? 'call' : 'calls'} (not interested) and {data.stalled.total.toLocaleString()} stalled {data.stalled.total === 1 ? 'lead' : 'leads'}
            {period.days === null ? ' in the whole log' : `, ${period.label.toLowerCase()}`}.
          </p>
          <div className="dashboard-tables">
            <ReasonTable title="Why they said no" rows={data.lost.reasons} empty="No lead said no in this period." />
            <ReasonTable title="Stalled leads closed, by reason" rows={data.stalled.closedReasons} empty="No stalled lead was closed in this period." />
          </div>
          {data.lost.byImport.length > 0 && (
            <table className="group-table" aria-label="Lost by import">
              <caption>Lost by import</caption>
              <thead>
                <tr>
                  <th scope="col">Import</th>
                  <th scope="col">Lost</th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {data.lost.byImport.map((row) => (
                  <tr key={row.import}>
                    <th scope="row">{row.import}</th>
                    <td>{row.total}</td>
                    <td className="reasons">{row.reasons.map((r) => `${r.reason} ${r.count}`).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Stalled now</h2>
          {data.stalled.leads.length === 0 ? (
            <p className="hint">No agreed next step slipped in this period.</p>
          ) : (
            <ul className="report-list" aria-label="Stalled leads">
              {data.stalled.leads.map((lead) => (
                <li key={lead.contactId}>
                  <button type="button" className="link-button" onClick={() => onOpen(lead.contactId)}>
                    {lead.name}
                  </button>{' '}
                  <span>{lead.why}</span> <span className="hint">{lead.import ?? 'added by hand'}</span>
                </li>
              ))}
            </ul>
          )}
          <h2>What they said</h2>
          {data.lost.calls.length === 0 ? (
            <p className="hint">No lost calls in this period.</p>
          ) : (
            <ul className="report-list" aria-label="Lost calls">
              {data.lost.calls.slice(0, CALLS_SHOWN).map((call) => (
                <li key={call.callId}>
                  <button type="button" className="link-button" onClick={() => onOpen(call.contactId)}>
                    {call.name}
                  </button>{' '}
                  <span className="badge">{call.reason}</span> <span className="hint">{yourTime(call.at)}</span>
                  {call.notes && <p className="report-notes">{call.notes}</p>}
                </li>
              ))}
              {data.lost.calls.length > CALLS_SHOWN && <li className="hint">and {data.lost.calls.length - CALLS_SHOWN} more in the export</li>}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ReasonTable({ title, rows, empty }: { title: string; rows: readonly { reason: string; count: number }[]; empty: string }) {
  return (
    <table className="group-table" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Reason</th>
          <th scope="col">Count</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="hint">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.reason}>
              <th scope="row">{r.reason}</th>
              <td>{r.count}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
