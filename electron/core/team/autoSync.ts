// Team mode's own timing, on the core's clock (a fake clock in tests): a sync every minute while
// the desk has joined a team, one at once after a do-not-call number is added (the list must
// reach the other desks before they dial it), and after each sync a claim when the leads this
// desk holds run low (the teamAutoClaim setting). One sync at a time: a request while one runs
// runs once more after it. Failures are kept in the desk's file (team status shows them) and
// tried again at the next minute; calling never waits for any of this.
import type { CoreContext } from '../context';
import type { CoreEvents } from '../events';
import type { TimerHandle } from '../ports';
import { newestQueuedDnc } from './repo';
import type { TeamService } from './service';

export const TEAM_SYNC_EVERY_MS = 60_000;

/** Events after which a do-not-call number may be waiting in the outbox. */
const DNC_MAY_HAVE_CHANGED: ReadonlySet<string> = new Set(['contacts.changed', 'queue.changed', 'calls.changed']);

export class TeamAutoSync {
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  /** The newest do-not-call entry a sync was started for: a sync that fails (offline) is not
   *  started again by every later event, only by the minute's timer or a new number. */
  private dncSeen: number | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly team: TeamService,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Arm the minute's timer and listen for do-not-call additions. */
  start(events: CoreEvents): void {
    this.dncSeen = newestQueuedDnc(this.ctx.db);
    this.unsubscribe = events.subscribe((name) => {
      if (this.closed || !DNC_MAY_HAVE_CHANGED.has(name) || !this.team.isJoined()) return;
      const newest = newestQueuedDnc(this.ctx.db);
      if (newest !== null && newest !== this.dncSeen) {
        this.dncSeen = newest;
        void this.syncNow();
      }
    });
    this.arm();
  }

  private arm(): void {
    if (this.closed) return;
    this.timer?.cancel();
    this.timer = this.ctx.clock.setTimer(TEAM_SYNC_EVERY_MS, () => {
      this.timer = null;
      if (this.team.isJoined()) void this.syncNow();
      this.arm();
    });
  }

  get syncing(): boolean {
    return this.running !== null;
  }

  /** Sync (then claim if the queue runs low); resolves when this and any sync asked for while it
   *  ran are done. Never rejects: the outcome is in the desk's team status. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.team.sync();
          await this.claimIfLow();
        } catch (error) {
          this.onError(error);
        }
        this.ctx.effects.emit('team.changed', {});
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = null;
      if (!this.closed) this.ctx.effects.emit('team.changed', {});
    });
    this.ctx.effects.emit('team.changed', {});
    return this.running;
  }

  private async claimIfLow(): Promise<void> {
    const { enabled, threshold, batch } = this.ctx.settings.get('teamAutoClaim');
    if (!enabled || this.team.openClaims() >= threshold) return;
    await this.team.claim(batch);
  }

  /** Resolves when no sync is running (tests; the app on quit). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.unsubscribe?.();
  }
}
