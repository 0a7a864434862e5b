// Which due item Alt+D opens, and how a due item says how late it is (#13, point 8). A promised
// callback comes before any promise, and a promise before any task, whatever their times: an
// email task due at 09:00 must not be opened ahead of a callback promised for 09:30. Within a
// kind, the earliest first.
import { lateness } from './promises';

export type DueKind = 'callback' | 'promise' | 'task';

const KIND_RANK: ReadonlyMap<DueKind, number> = new Map([
  ['callback', 0],
  ['promise', 1],
  ['task', 2],
]);

/** The item Alt+D opens: callbacks first, then promises, then tasks, each by due time (the
 *  earlier listed first on a tie); undefined when nothing is due. */
export function firstDue<T extends { kind: DueKind; dueAt: number }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best) best = item;
    else {
      const byKind = KIND_RANK.get(item.kind)! - KIND_RANK.get(best.kind)!;
      if (byKind < 0 || (byKind === 0 && item.dueAt < best.dueAt)) best = item;
    }
  }
  return best;
}

/** "promised for 09:30, 2 h 35 min late" (a callback or a promise), "due 09:30, 5 min late" (a
 *  task); without the lateness while it is not late. `time` is the due time as shown (the lead's clock). */
export function dueWhen(kind: DueKind, dueAt: number, time: string, now: number): string {
  const late = lateness(dueAt, now);
  const when = kind === 'task' ? `due ${time}` : `promised for ${time}`;
  return late ? `${when}, ${late}` : when;
}

/** The due strip's "Due now" without the reminder tasks of the promises it already names as
 *  overdue (in their red row, with how late): one promise, named once. Callbacks stay, whatever
 *  their ref (a callback's ref is its lead's id, not a task's). */
export function withoutOverduePromiseTasks<T extends { kind: 'callback' | 'task'; ref: number }>(dueNow: readonly T[], overduePromises: readonly { reminderTaskId: number }[]): T[] {
  const named = new Set(overduePromises.map((p) => p.reminderTaskId));
  return dueNow.filter((item) => item.kind !== 'task' || !named.has(item.ref));
}
