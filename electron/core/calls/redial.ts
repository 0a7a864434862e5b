// The redial loop: engaged → after the countdown, dial once more (by itself, or on Enter when
// auto-redial is off), then wait for the rep to say how that attempt went: `2` (still engaged)
// starts the next countdown, `C` stops the loop. An attempt nobody confirmed is never followed by
// another: after the ring time the loop pauses and asks. It ends when the rep marks connected,
// logs another outcome, stops it, or at its limit.
// The loop lives in redial_loops, so a restart finds it exactly where it was; one timer is armed
// for the earliest running loop, never one per loop.
import type { Database } from 'better-sqlite3';
import type { RedialLoop } from '../../../shared/ipc/contract';
import { getCall, openCallFor, setCallOutcome, type CallRow } from './repo';
import { markContactCalled } from '../contacts/repo';
import { insertRedialLoop, latestLoopFor, runningLoopFor, runningLoops, shownLoopFor, unconfirmedAttemptOf, updateRedialLoop, type RedialLoopRow } from './redialRepo';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import type { Dialer, TimerHandle } from '../ports';
import type { QueueService } from '../queue/service';
import { applyOutcome, dialRefused, prepareDial, recordDial, stateBeforeDial, type AttemptDeps } from './attempts';
import { isoOrNull } from '../instants';


export class RedialService {
  private timer: TimerHandle | null = null;
  private stopped = false;

  private readonly deps: AttemptDeps;

  constructor(
    private readonly ctx: CoreContext,
    private readonly queue: QueueService,
    private readonly dialer: Dialer,
  ) {
    this.deps = { ctx, queue };
  }

  private get db(): Database {
    return this.ctx.db;
  }

  view(row: RedialLoopRow | undefined): RedialLoop | null {
    if (!row) return null;
    return {
      id: row.id,
      contactId: row.contact_id,
      status: row.status,
      attempts: row.attempts,
      startedAt: new Date(row.started_at).toISOString(),
      endsAt: new Date(row.ends_at).toISOString(),
      nextDialAt: isoOrNull(row.next_dial_at),
      auto: this.queue.settings().autoRedial,
      lastCallId: row.last_call_id,
      endedAt: isoOrNull(row.ended_at),
      endReason: row.end_reason,
      ...this.confirmation(row),
    };
  }

  /** A running loop whose last attempt was dialled and has no outcome yet waits for the rep:
   *  from `askAt` (its ring time on) the screen asks "connected or still engaged?". */
  private confirmation(row: RedialLoopRow): { awaitingConfirmation: boolean; askAt: string | null } {
    const open = row.status === 'running' ? this.unconfirmedAttempt(row) : undefined;
    if (!open) return { awaitingConfirmation: false, askAt: null };
    return { awaitingConfirmation: true, askAt: new Date(open.dialed_at + this.queue.settings().redialRingSeconds * 1000).toISOString() };
  }

  /** The loop's last attempt while it is still open (dialled, not yet confirmed either way). */
  private unconfirmedAttempt(loop: RedialLoopRow): CallRow | undefined {
    return unconfirmedAttemptOf(this.db, loop);
  }

  /** The contact's running loop, or the one that ended most recently (so the screen can say why). */
  get(contactId: number): RedialLoop | null {
    return this.view(shownLoopFor(this.db, contactId));
  }

  /** Inside the disposition's transaction: engaged starts a loop, or counts on in a running one. */
  onEngaged(call: CallRow, at: number): void {
    const settings = this.queue.settings();
    const running = runningLoopFor(this.db, call.contact_id);
    const nextDialAt = at + settings.redialIntervalSeconds * 1000;
    if (running) {
      updateRedialLoop(this.db, running.id, { nextDialAt, attempts: running.attempts, lastCallId: call.id, status: 'running', endedAt: null });
    } else {
      insertRedialLoop(this.db, { contactId: call.contact_id, startedAt: call.dialed_at, endsAt: call.dialed_at + settings.redialLimitMinutes * 60_000, nextDialAt, attempts: 1, lastCallId: call.id });
    }
  }

  /** Inside the disposition's transaction: any other outcome ends a running loop. */
  onOtherOutcome(contactId: number, at: number): void {
    const running = runningLoopFor(this.db, contactId);
    if (running) updateRedialLoop(this.db, running.id, { nextDialAt: null, attempts: running.attempts, lastCallId: running.last_call_id, status: 'dispositioned', endedAt: at });
  }

  /** Inside the undo's transaction: a running loop whose last attempt is the call undone (a
   *  "still engaged" taken back) is back to no countdown, and that attempt, undone, can no longer
   *  be confirmed: nothing would dial again before the loop's limit. It counts down again, as
   *  after a still engaged; the rep can stop it. */
  afterUndo(call: CallRow, at: number): void {
    const running = runningLoopFor(this.db, call.contact_id);
    if (!running || running.last_call_id !== call.id || running.next_dial_at !== null) return;
    const nextDialAt = at + this.queue.settings().redialIntervalSeconds * 1000;
    updateRedialLoop(this.db, running.id, { nextDialAt, attempts: running.attempts, lastCallId: running.last_call_id, status: 'running', endedAt: null });
  }

  /** Dial the next attempt of a running loop, once the rep has confirmed the last one engaged.
   *  The loop then waits (no next dial) until the rep confirms this one. If the phone does not
   *  take the number, the loop is put back as it was before this attempt and the error says so. */
  async dialNow(contactId: number, override = false): Promise<RedialLoop | null> {
    const loop = runningLoopFor(this.db, contactId);
    if (!loop) throw new CoreError('conflict', 'There is no redial loop running for this lead.');
    if (this.unconfirmedAttempt(loop)) {
      throw new CoreError('conflict', 'The last attempt is not confirmed yet: press 2 if the line is still engaged, or C if you got through. Dialling again now could dial over a live call.');
    }
    const now = this.ctx.clock.now().getTime();
    if (now >= loop.ends_at) {
      this.finish(loop, 'ended', now, this.limitReason());
      return this.get(contactId);
    }
    const target = prepareDial(this.deps, contactId, override);
    const before = stateBeforeDial(this.db, target);
    const nextDialAt = loop.next_dial_at;
    const callId = this.db
      .transaction(() => {
        const id = recordDial(this.deps, target, { loopId: loop.id });
        // No next dial until the rep confirms this attempt (2 sets the next countdown).
        updateRedialLoop(this.db, loop.id, { nextDialAt: null, attempts: loop.attempts + 1, lastCallId: id, status: 'running', endedAt: null });
        return id;
      })
      .immediate();
    try {
      await this.dialer.open(target.uri, target.preset);
    } catch (error) {
      const refusal = dialRefused(this.deps, callId, target.uri, before, error, () =>
        updateRedialLoop(this.db, loop.id, { nextDialAt, attempts: loop.attempts, lastCallId: loop.last_call_id, status: 'running', endedAt: null }),
      );
      // The refused attempt is in the log even though the loop no longer points at it.
      this.ctx.effects.callChanged(callId, contactId);
      this.changed(contactId);
      throw refusal;
    }
    this.changed(contactId);
    return this.get(contactId);
  }

  /** The rep got through: the loop stops, the attempt in progress waits for its disposition. */
  connected(contactId: number): RedialLoop | null {
    const loop = runningLoopFor(this.db, contactId);
    if (!loop) throw new CoreError('conflict', 'There is no redial loop running for this lead.');
    // Nothing dialled since the last "still engaged": there is no call that got through, and
    // stopping here would leave no call to log how it went.
    if (!this.unconfirmedAttempt(loop)) {
      throw new CoreError('conflict', 'Nothing has been dialled since the line was engaged, so no call got through: press Enter to redial now, or S to stop the loop.');
    }
    const now = this.ctx.clock.now().getTime();
    updateRedialLoop(this.db, loop.id, { nextDialAt: null, attempts: loop.attempts, lastCallId: loop.last_call_id, status: 'connected', endedAt: now });
    this.changed(contactId);
    return this.get(contactId);
  }

  stop(contactId: number): RedialLoop | null {
    const loop = runningLoopFor(this.db, contactId);
    if (!loop) throw new CoreError('conflict', 'There is no redial loop running for this lead.');
    this.finish(loop, 'stopped', this.ctx.clock.now().getTime());
    return this.get(contactId);
  }

  /** Stopped or out of time: the open attempt is engaged and the lead goes back to the queue as
   *  an unanswered retry. `reason`: why it ended by itself (null: the rep stopped it). */
  private finish(loop: RedialLoopRow, status: 'stopped' | 'ended', at: number, reason: string | null = null): void {
    this.db
      .transaction(() => {
        this.closeOpenAttempt(loop.contact_id, at);
        updateRedialLoop(this.db, loop.id, { nextDialAt: null, attempts: loop.attempts, lastCallId: loop.last_call_id, status, endedAt: at, endReason: reason });
        const last = loop.last_call_id === null ? undefined : getCall(this.db, loop.last_call_id);
        if (last) applyOutcome(this.deps, last, { outcome: 'engaged', redialEnded: true }, at);
      })
      .immediate();
    this.changed(loop.contact_id);
  }

  /** The open attempt, if any, is logged as engaged; returns whether there was one. */
  private closeOpenAttempt(contactId: number, at: number): boolean {
    const open = openCallFor(this.db, contactId);
    if (!open) return false;
    setCallOutcome(this.db, open.id, { outcome: 'engaged', notes: open.notes, endedAt: Math.max(at, open.dialed_at), nextStep: null, nextAt: null, callbackAt: null, reason: null });
    markContactCalled(this.db, contactId, open.dialed_at, 'engaged');
    return true;
  }

  private limitReason(): string {
    const minutes = this.queue.settings().redialLimitMinutes;
    return `its ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ran out; the lead is back in the queue as an engaged retry`;
  }

  private changed(contactId: number): void {
    const callId = latestLoopFor(this.db, contactId)?.last_call_id;
    if (callId) this.ctx.effects.callChanged(callId, contactId);
    this.ctx.effects.plansChanged();
    this.ctx.effects.redialChanged(contactId);
  }

  /** One timer for the earliest due loop (dial, or end at its limit). */
  arm(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.stopped) return;
    const loops = runningLoops(this.db);
    if (loops.length === 0) return;
    const auto = this.queue.settings().autoRedial;
    const now = this.ctx.clock.now().getTime();
    // A loop waiting for the rep's confirmation has nothing due: it has no next dial, and its
    // limit is judged once the rep has answered.
    const due = loops.filter((l) => !this.unconfirmedAttempt(l));
    if (due.length === 0) return;
    const wakeAt = Math.min(...due.map((l) => (auto && l.next_dial_at !== null ? Math.min(l.next_dial_at, l.ends_at) : l.ends_at)));
    this.timer = this.ctx.clock.setTimer(Math.max(0, wakeAt - now), () => void this.fire());
  }

  /** Handle every loop that is due, then re-arm. A timer can fire early or late (sleep), so
   *  each loop is judged against the clock, not against the timer. */
  async fire(): Promise<void> {
    this.timer = null;
    const now = this.ctx.clock.now().getTime();
    const auto = this.queue.settings().autoRedial;
    for (const loop of runningLoops(this.db)) {
      try {
          // An attempt the rep has not confirmed waits for them, even past the limit.
        if (this.unconfirmedAttempt(loop)) continue;
        if (now >= loop.ends_at) this.finish(loop, 'ended', now, this.limitReason());
        else if (auto && loop.next_dial_at !== null && loop.next_dial_at <= now) await this.dialNow(loop.contact_id);
      } catch (error) {
        // A lead that cannot be dialled any more (its hours closed, put on do-not-call meanwhile):
        // the loop ends, saying why, as the dial would have.
        console.error('[dialdeck] redial failed:', error);
        this.finish(loop, 'stopped', now, error instanceof CoreError ? error.message : 'the redial could not be dialled');
      }
    }
    this.arm();
  }

  close(): void {
    this.stopped = true;
    this.timer?.cancel();
  }
}
