// Every open task (email, call, promise) by due time, on the rep's clock and the lead's; filters
// by kind and "due now"; done and snooze by keyboard. Promises and their state beside it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { infiniteQueryOptions, useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import type { EmailDraft, OpenTask } from '../../../../shared/ipc/contract';
import { invoke } from '../../api/client';
import { useCoreNow } from '../../api/clock';
import { ExportButton } from '../../components/ExportButton';
import { useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { dateTimeIn, theirTimeBeside, yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';
import { SnoozeDialog } from '../queue/SnoozeDialog';
import { EmailDialog, openEmailDraft } from './FollowPanel';

const ROW_HEIGHT = 44;
// The first paint waits for the first page: a tall window's rows (1080 px shows ~22) and a few
// more, so the answer is small; the rest comes in bigger pages as the list scrolls.
const FIRST_PAGE = 50;
const PAGE = 200;
const KINDS = ['all', 'email', 'call', 'promise'] as const;
type KindFilter = (typeof KINDS)[number];

/** Open tasks a page at a time in due order (keyset), as the list scrolls. The key starts with
 *  the channel, so 'follow.changed' and the time-bound events make it stale. */
function tasksQuery(due: boolean, kind: KindFilter) {
  return infiniteQueryOptions({
    queryKey: ['tasks.list', { due, kind }] as const,
    structuralSharing: false,
    queryFn: ({ pageParam }) => invoke('tasks.list', { due, kind: kind === 'all' ? null : kind, limit: pageParam === null ? FIRST_PAGE : PAGE, after: pageParam }),
    initialPageParam: null as { dueAt: string; id: number } | null,
    getNextPageParam: (last) => last.next,
  });
}

/** The screen's first page asked for with the key press that opens it, not after the screen is
 *  built (the filters start at every open task, every kind). */
export function prefetchTasks(client: QueryClient): void {
  void client.prefetchInfiniteQuery(tasksQuery(false, 'all'));
}

export function TasksScreen({ onOpen }: { onOpen: (contactId: number) => void }) {
  const [dueOnly, setDueOnly] = useState(false);
  const [kind, setKind] = useState<KindFilter>('all');
  const [snoozing, setSnoozing] = useState<OpenTask | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [email, setEmail] = useState<{ draft: EmailDraft; opened: boolean; message: string | null } | null>(null);
  const { data, error, hasNextPage, isFetchingNextPage, fetchNextPage } = useInfiniteQuery(tasksQuery(dueOnly, kind));
  const rows = useMemo(() => data?.pages.flatMap((page) => page.tasks) ?? [], [data]);
  const total = data?.pages[0]?.total ?? null;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);
  // The next page is asked for once the first is on screen: asked for at once (the list looks 200
  // rows ahead), its request and the re-render it starts sat between the first page and its paint.
  const [firstPageShown, setFirstPageShown] = useState(false);
  useEffect(() => {
    if (!data || firstPageShown) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setFirstPageShown(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [data, firstPageShown]);
  const itemAt = useCallback((i: number) => rows[i], [rows]);
  const idOf = useCallback((t: OpenTask) => t.id, []);
  const selection = useListSelection(rows.length, itemAt, idOf, `${dueOnly}:${kind}`);
  const now = useCoreNow(60_000);

  async function done(task: OpenTask | undefined) {
    if (!task) return;
    try {
      await invoke('tasks.complete', { id: task.id });
      setMessage(`Done: ${task.title} (${task.name}).`);
    } catch (failure) {
      setMessage(failure instanceof Error ? failure.message : String(failure));
    }
  }

  async function snooze(task: OpenTask, choice: { preset: 'hour' | 'tomorrow' } | { until: string }) {
    setSnoozing(null);
    try {
      // A preset goes as it is: the core decides when "tomorrow" is, on the rep's clock.
      const moved = await invoke('tasks.snooze', 'until' in choice ? { id: task.id, until: choice.until } : { id: task.id, preset: choice.preset });
      setMessage(`Snoozed until ${yourTime(moved.dueAt)}: ${task.title}.`);
    } catch (failure) {
      setMessage(failure instanceof Error ? failure.message : String(failure));
    }
  }

  /** E: the task's email in the mail client, as on the call screen (an email task's own
   *  situation; any other task's lead gets the email its open email task or situation calls for). */
  async function openEmail(task: OpenTask | undefined) {
    if (!task) return;
    const opened = await openEmailDraft({ contactId: task.contactId, ...(task.kind === 'email' ? { taskId: task.id } : {}) });
    if ('failed' in opened) setMessage(opened.failed);
    else setEmail(opened);
  }

  useCommands('screen', [
    { id: 'tasks.email', keys: ['e'], label: 'Email the lead of the task: open the draft in your mail client', group: 'Tasks', enabled: selection.item !== undefined, run: () => void openEmail(selection.item) },
    { id: 'tasks.done', keys: ['d'], label: 'Mark the task done', group: 'Tasks', enabled: selection.item !== undefined, run: () => void done(selection.item) },
    { id: 'tasks.snooze', keys: ['z'], label: 'Snooze the task', group: 'Tasks', enabled: selection.item !== undefined, run: () => setSnoozing(selection.item ?? null) },
    { id: 'tasks.dueOnly', keys: ['f'], label: 'Only what is due now / every open task', group: 'Tasks', run: () => setDueOnly((on) => !on) },
    { id: 'tasks.kind', keys: ['k'], label: 'Filter by kind: all, email, call, promise', group: 'Tasks', run: () => setKind((k) => KINDS.at((KINDS.indexOf(k) + 1) % KINDS.length) ?? 'all') },
  ]);

  return (
    <section className="tasks-screen" aria-labelledby="tasks-title">
      <h1 id="tasks-title">
        Tasks <span className="count">{total !== null ? `${total.toLocaleString()} ${dueOnly ? 'due' : 'open'}${kind === 'all' ? '' : ` (${kind})`}` : ''}</span>
      </h1>
      <div className="tasks-filters">
        <button type="button" className={dueOnly ? 'button active' : 'button'} aria-pressed={dueOnly} onClick={() => setDueOnly((on) => !on)}>
          Due now <Kbd command="tasks.dueOnly" />
        </button>
        <label className="field inline">
          <span>
            Kind <Kbd command="tasks.kind" />
          </span>
          <select value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span className="actions">
          <ExportButton request={{ what: 'tasks' }} label="Export tasks" />
        </span>
        <span className="hint">
          <Kbd command="tasks.done" /> done · <Kbd command="tasks.snooze" /> snooze · <Kbd command="tasks.email" /> email · Enter opens the lead
        </span>
      </div>
      {message && (
        <p className="flash" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          Could not load the tasks: {error.message}
        </p>
      )}
      {data && rows.length === 0 && <p className="panel empty">{dueOnly ? 'Nothing is due now.' : 'No open tasks.'}</p>}
      {rows.length > 0 && (
        <VirtualListbox
          id="task-list"
          label="Open tasks"
          commands="tasks.list"
          className="task-rows"
          count={rows.length}
          total={total}
          hasMore={hasNextPage && firstPageShown}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          itemAt={itemAt}
          idOf={idOf}
          rowHeight={ROW_HEIGHT}
          selectedIndex={selection.index}
          onSelect={selection.select}
          onActivate={(task) => onOpen(task.contactId)}
          activateLabel="Open the lead's call screen"
          // K filters by kind here: the list moves with the arrows and J.
          screenKeys={['k']}
          rowClassName={(task) => (Date.parse(task.dueAt) < now ? 'task-row task-row-late' : 'task-row')}
          renderRow={(task) => (
            <>
              <span className="task-when">{yourTime(task.dueAt, now)}</span>
              <span className="task-their" title={`${dateTimeIn(task.dueAt, task.zone, now)} their time (${task.zone})`}>{theirTimeBeside(task.dueAt, task.zone)} theirs</span>
              <span className={`badge task-kind-${task.kind}`}>{task.kind}</span>
              <span className="task-title">
                {task.title} · {task.name}
                {task.company && task.company !== task.name ? ` at ${task.company}` : ''}
              </span>
              {task.late && <span className="late">{task.late}</span>}
            </>
          )}
        />
      )}
      {email && (
        <EmailDialog
          draft={email.draft}
          opened={email.opened}
          message={email.message}
          onClose={() => setEmail(null)}
          onSent={(step) => {
            setEmail(null);
            setMessage(`Email marked sent. ${step}`);
          }}
        />
      )}
      {snoozing && <SnoozeDialog name={snoozing.title} onClose={() => setSnoozing(null)} onSnooze={(choice) => void snooze(snoozing, choice)} />}
    </section>
  );
}
