// What follows a committed write, in one place: the events the screens listen to, the queue's
// caches, the one timer and the redial loop's timer. Services call these after their transaction
// commits; the IPC handlers and the command line both go through the services, so both get the
// same effects (the command line's timers are simply not running).
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { CoreEvents } from './events';

/** What the effects act on, attached once the core is wired (they are built before it). */
export interface EffectTargets {
  queue: { changed(): void; leadsChanged(): void; rulesChanged(): void };
  scheduler: { armSoon(): void; dueNowCount(): number };
  redial: { arm(): void };
  /** The WAL is checkpointed in the pauses after writes (db/checkpoints.ts). */
  checkpoints: { afterWrite(): void };
}

export class Effects {
  private targets: EffectTargets | null = null;

  constructor(private readonly events: CoreEvents) {}

  attach(targets: EffectTargets): void {
    this.targets = targets;
  }

  private get wired(): EffectTargets {
    if (!this.targets) throw new Error('the core is not wired yet');
    return this.targets;
  }

  /** Leads were added or edited (a new zone key may exist): the lists and the queue. */
  leadsChanged(contactId: number | null): void {
    this.wired.queue.leadsChanged();
    this.emit('contacts.changed', { contactId });
    this.queueMoved();
  }

  /** A plan, pin or snooze changed: the queue's order, and the next instant anything is due. */
  plansChanged(): void {
    this.wired.queue.changed();
    this.queueMoved();
  }

  /** The rules (calling hours, windows, the loop's pace) changed: every cache, every timer. */
  rulesChanged(): void {
    this.wired.queue.rulesChanged();
    this.wired.redial.arm();
    this.queueMoved();
  }

  /** A call was dialled, refused by the phone, or given its disposition. */
  callChanged(callId: number, contactId: number): void {
    this.emit('calls.changed', { callId, contactId });
  }

  /** A redial loop started, counted on, stopped or ended. */
  redialChanged(contactId: number): void {
    this.wired.redial.arm();
    this.emit('redial.changed', { contactId });
  }

  /** What is due now changed (a task done, an item fell due). The count (the badge, the window
   *  title) is taken on the event loop's next turn, once for a burst, so the reply to the write
   *  that changed it does not wait for it; the screens reload what is due when they hear it. */
  dueChanged(): void {
    if (this.dueCountSoon !== null || this.closed) return;
    this.dueCountSoon = setImmediate(() => {
      this.dueCountSoon = null;
      if (!this.closed) this.emit('due.changed', { dueNow: this.wired.scheduler.dueNowCount() });
    });
  }

  private dueCountSoon: ReturnType<typeof setImmediate> | null = null;
  private closed = false;

  /** The core is closing: nothing deferred runs against its closed database. */
  close(): void {
    this.closed = true;
    if (this.dueCountSoon !== null) clearImmediate(this.dueCountSoon);
    this.dueCountSoon = null;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.events.emit(event, payload);
    // Every event follows a commit (or a tick of time, which costs a checkpoint nothing).
    this.targets?.checkpoints.afterWrite();
  }

  private queueMoved(): void {
    this.emit('queue.changed', {});
    // Anything that can move the next due instant re-arms the one timer, after the reply.
    this.wired.scheduler.armSoon();
  }
}
