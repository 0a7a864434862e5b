import { useQuery } from '@tanstack/react-query';
import type { DueItem } from '../../../../shared/ipc/contract';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';
import { useCoreNow } from '../../api/clock';
import { leadTime, timeIn, yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';
import { useMediaQuery } from '../../components/useMediaQuery';
import { andMore, SHORT_WINDOW, useOneLine } from '../../components/oneLine';
import { OverduePromises } from '../follow/OverduePromises';
import { dueWhen, firstDue, withoutOverduePromiseTasks, type DueKind } from '../../../../shared/domain/dueOrder';
import { lateness } from '../../../../shared/domain/promises';

/** "Due now" across the top of every screen: promised callbacks and tasks that are due, and once,
 *  what fell due while Dialdeck was closed. Alt+D opens the first. It changes when the core says
 *  (a timer fired, an item was done), never on a timer of its own. */
export function DueStrip({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data } = useQuery(queries.due());
  const ack = useCoreMutation('due.ackMissed');
  const now = useCoreNow(60_000);
  const promises = useQuery(queries.overduePromises());
  const overduePromises = promises.data ?? [];
  // An overdue promise is named once, in its red row: its reminder task is not in "Due now" too.
  const dueNow = withoutOverduePromiseTasks(data?.dueNow ?? [], overduePromises);
  // Callbacks first, then promises, then tasks, each by time (shared/domain/dueOrder).
  const first = firstDue<{ kind: DueKind; dueAt: number; contactId: number }>([
    ...dueNow.map((item) => ({ kind: item.kind, dueAt: Date.parse(item.dueAt), contactId: item.contactId })),
    ...overduePromises.map((p) => ({ kind: 'promise' as const, dueAt: Date.parse(p.dueAt), contactId: p.contactId })),
  ]);
  // In a short window (a laptop at 1024×640) the strip keeps to one line, so the screen below
  // keeps its room: the first items that fit whole on it, and how many more (Alt+D works through
  // them; Upcoming lists them all).
  const short = useMediaQuery(SHORT_WINDOW);
  const shown = short ? 2 : 6;
  const { rowRef, moreRef } = useOneLine(short, Math.max(0, dueNow.length - shown), andMore, dueNow.slice(0, shown).map((i) => `${i.kind}-${i.ref}`).join(' '));
  useCommands('global', [
    { id: 'due.open', keys: ['Alt+d'], label: 'Open the first lead due now (callbacks, then promises, then tasks)', group: 'Screens', where: 'anywhere', enabled: first !== undefined, run: () => (first ? onOpen(first.contactId) : false) },
  ]);

  if (!data || (dueNow.length === 0 && !data.missed && overduePromises.length === 0)) return null;
  const missed = data.missed;
  return (
    <div className="due-strip" role="region" aria-label="Due now">
      <OverduePromises onOpen={onOpen} />
      {missed && (
        <div className="missed" role="alert">
          <strong>{missed.summary}.</strong> {missed.items.map((i) => `${i.name} (${leadTime(i.dueAt, i.zone, now)})`).join(', ')}. They are at the top of the queue.{' '}
          <button type="button" className="button small" onClick={() => ack.mutate({ id: missed.id })}>
            Got it
          </button>
        </div>
      )}
      {dueNow.length > 0 && (
        <div className="due-now">
          <span className="due-label">
            Due now <span className="due-count">{dueNow.length}</span> <Kbd command="due.open" />
          </span>
          {/* Beside the label, so a first item too long for the line wraps its own text there
              rather than leaving the label alone on a line of its own. */}
          <div className="due-items" ref={rowRef}>
            {dueNow.slice(0, shown).map((item) => (
              <DueButton key={`${item.kind}-${item.ref}`} item={item} onOpen={onOpen} />
            ))}
          </div>
          {/* "and N more", on the label's line: written by useOneLine, which measures with it. */}
          <span className="hint due-more" ref={moreRef} data-one-line="more" hidden />
        </div>
      )}
    </div>
  );
}

/** Narrower than this, an item keeps to what it is, whose, when and how late (dueLine). */
const COMPACT_ITEMS = '(max-width: 1279px)';

/** An item as the strip shows it: in full ("Task: Jo Tremblay · due 12:00 PM EST · 5:00 PM UTC
 *  yours, 2 h late"), or compact in a narrow window ("Task · Jo Tremblay · 12:00 PM EST · 2 h
 *  late": the lead's time, labelled with its zone; the rep's and the full line in the tooltip and
 *  the accessible name). */
export function dueLine(item: Pick<DueItem, 'kind' | 'title' | 'name' | 'dueAt' | 'zone'>, now: number): { full: string; compact: string } {
  const kind = item.kind === 'callback' ? 'Callback' : item.title || 'Task';
  const dueAt = Date.parse(item.dueAt);
  const full = `${kind}: ${item.name} · ${dueWhen(item.kind, dueAt, leadTime(item.dueAt, item.zone, now), now)}`;
  const compact = [kind, item.name, timeIn(dueAt, item.zone, now), lateness(dueAt, now)].filter(Boolean).join(' · ');
  return { full, compact };
}

function DueButton({ item, onOpen }: { item: DueItem; onOpen: (contactId: number) => void }) {
  const complete = useCoreMutation('tasks.complete');
  const now = useCoreNow(60_000);
  const compact = useMediaQuery(COMPACT_ITEMS);
  const line = dueLine(item, now);
  return (
    <span className={`due-item due-${item.kind}${item.missed ? ' due-missed' : ''}`} data-one-line="item">
      <button
        type="button"
        className="link-button"
        onClick={() => onOpen(item.contactId)}
        title={compact ? line.full : `Due ${yourTime(item.dueAt)}`}
        aria-label={compact ? line.full : undefined}
      >
        {compact ? line.compact : line.full}
      </button>
      {item.kind === 'task' && (
        <button type="button" className="button small" onClick={() => complete.mutate({ id: item.ref })} aria-label={`Mark done: ${item.title} for ${item.name}`}>
          Done
        </button>
      )}
    </span>
  );
}
