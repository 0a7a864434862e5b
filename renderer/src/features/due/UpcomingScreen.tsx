import { useQuery } from '@tanstack/react-query';
import type { UpcomingEntry } from '../../../../shared/ipc/contract';
import { useCoreNow } from '../../api/clock';
import { queries } from '../../api/queries';
import { timeIn, yourTime } from '../../../../shared/domain/timeFormat';

/** The next 24 hours on the rep's clock: callbacks, tasks and voicemail windows, with the
 *  prospects' own times beside. */
export function UpcomingScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data, error } = useQuery(queries.upcoming());
  return (
    <section className="upcoming" aria-labelledby="upcoming-title">
      <h1 id="upcoming-title">
        Next 24 hours <span className="count">{data ? `${data.length} ${data.length === 1 ? 'item' : 'items'}` : ''}</span>
      </h1>
      <p className="hint">On your clock, with the prospects’ own times beside.</p>
      {error && (
        <p className="form-error" role="alert">
          Could not load what is coming: {error.message}
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
  const now = useCoreNow(60_000);
  if (entry.kind === 'voicemail_window') {
    return (
      <>
        <span className="timeline-when">{yourTime(entry.startsAt, now)}</span>
        <span className="timeline-what">
          Voicemail window in {entry.zone}: {timeIn(entry.startsAt, entry.zone, now)} – {timeIn(entry.endsAt, entry.zone, Date.parse(entry.startsAt))} their time, {entry.queuedLeads} queued {entry.queuedLeads === 1 ? 'lead' : 'leads'}
        </span>
      </>
    );
  }
  const theirs = timeIn(entry.dueAt, entry.zone, now);
  // A callback's title is its reason, which names the time already, drawn with the lead's zone
  // ("callback promised for 2:30 PM EST · 8:30 PM GMT+1 yours"): the time is not said twice.
  const titleSaysWhen = entry.title.includes(theirs);
  return (
    <>
      <span className="timeline-when">{yourTime(entry.dueAt, now)}</span>
      <span className="timeline-what">
        <button type="button" className="link-button" onClick={() => onOpen(entry.contactId)}>
          {entry.kind === 'callback' ? 'Callback' : 'Task'}: {entry.name}
          {entry.company && entry.company !== entry.name ? ` at ${entry.company}` : ''}
        </button>
        {titleSaysWhen ? '' : ` · ${theirs} their time (${entry.zone})`}
        {entry.title ? ` · ${entry.title}` : ''}
      </span>
    </>
  );
}
