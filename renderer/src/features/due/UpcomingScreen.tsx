import { useEffect } from 'react';
import type { UpcomingEntry } from '../../../../shared/ipc/contract';
import { invoke, onEvent } from '../../api/client';
import { useLoad } from '../../components/useAsync';
import { dateTimeIn } from '../../components/zoneTime';

/** The next 24 hours on the rep's clock: callbacks, tasks and voicemail windows, with the
 *  prospects' own times beside. */
export function UpcomingScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data, error, reload } = useLoad(() => invoke('due.upcoming', { hours: 24 }), []);
  useEffect(() => {
    const offs = [onEvent('due.changed', reload), onEvent('queue.changed', reload)];
    return () => offs.forEach((off) => off());
  }, [reload]);
  return (
    <section className="upcoming" aria-labelledby="upcoming-title">
      <h1 id="upcoming-title">
        Next 24 hours <span className="count">{data ? `${data.length} ${data.length === 1 ? 'item' : 'items'}` : ''}</span>
      </h1>
      <p className="hint">On your clock, with the prospects’ own times beside.</p>
      {error && (
        <p className="form-error" role="alert">
          Could not load what is coming: {error}
        </p>
      )}
      {data && data.length === 0 && <p className="panel empty">Nothing promised or planned in the next 24 hours.</p>}
      <ol className="timeline" aria-label="Upcoming">
        {data?.map((entry, i) => (
          <li key={i} className={`timeline-row timeline-${entry.kind}`}>
            <TimelineRow entry={entry} onOpen={onOpen} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function TimelineRow({ entry, onOpen }: { entry: UpcomingEntry; onOpen: (contactId: number) => void }) {
  if (entry.kind === 'voicemail_window') {
    return (
      <>
        <span className="timeline-when">{dateTimeIn(entry.startsAt)}</span>
        <span className="timeline-what">
          Voicemail window in {entry.zone}: {entry.theirStart}–{entry.theirEnd} their time, {entry.queuedLeads} queued {entry.queuedLeads === 1 ? 'lead' : 'leads'}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="timeline-when">{dateTimeIn(entry.dueAt)}</span>
      <span className="timeline-what">
        <button type="button" className="link-button" onClick={() => onOpen(entry.contactId)}>
          {entry.kind === 'callback' ? 'Callback' : 'Task'}: {entry.name}
          {entry.company && entry.company !== entry.name ? ` at ${entry.company}` : ''}
        </button>{' '}
        · {entry.theirTime} their time ({entry.zone}){entry.title ? ` · ${entry.title}` : ''}
      </span>
    </>
  );
}
