import type { HandlersOf, Services } from '../handlers';
import { completeTaskNow } from '../tasks/service';
import { ackMissed, dueList, upcoming } from './service';

export function dueHandlers({ ctx, queue, scheduler }: Services): HandlersOf<'due.list' | 'due.ackMissed' | 'due.upcoming' | 'tasks.complete'> {
  const now = () => ctx.clock.now().getTime();
  return {
    'due.list': () => dueList(ctx.db, scheduler, now()),
    'due.ackMissed': ({ id }) => ackMissed(ctx.db, id, now()),
    'due.upcoming': ({ hours }) => upcoming(ctx.db, queue, now(), hours),
    'tasks.complete': ({ id }) => completeTaskNow(ctx, id),
  };
}
