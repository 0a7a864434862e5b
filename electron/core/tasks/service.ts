// Tasks: marked done by the rep (the due strip, the call screen).
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { completeTask, taskExists } from './repo';

/** Mark a task done; the due strip, the badge and the queue hear of it. */
export function completeTaskNow(ctx: CoreContext, id: number): { id: number; completed: boolean } {
  const completed = completeTask(ctx.db, id, ctx.clock.now().getTime());
  if (!completed && !taskExists(ctx.db, id)) throw new CoreError('not_found', `There is no task with id ${id}.`);
  ctx.effects.dueChanged();
  ctx.effects.plansChanged();
  return { id, completed };
}
