// Timers that never slip: one timer, armed for the next instant anything is due (a callback, a
// task, a voicemail window opening for queued leads, calling hours opening for due leads) and
// never for longer than a minute, so it doubles as the heartbeat that notices the wall clock
// jumping (sleep, a clock change). On firing it handles everything due by the wall clock in one
// transaction, marks it notified, tells the rep once (grouped), and re-arms. Due items are read
// from the database every time, so a restart or a sleep loses nothing and repeats nothing.
import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { DueItem } from '../../../shared/ipc/contract';
import { localDayBounds, parseLocalTime } from '../../../shared/domain/localWindows';
import { leadTime, leadTimeDrawer, localClock } from '../../../shared/domain/timeFormat';
import { drawTimes } from '../../../shared/domain/timeText';
import {
  dueRetriesByZone,
  insertMissedReport,
  unshownMissedReport,
  updateMissedReport,
  heldDue,
  markNoticed,
  nextPendingCallbackAt,
  nextPendingTaskAt,
  openDue,
  countOpenDue,
  unnoticedDue,
  zonesWithQueued,
  type DueItemRow,
} from '../due/repo';
import type { CoreContext } from '../context';
import type { Clock, Notifier, TimerHandle } from '../ports';
import type { QueueService } from '../queue/service';
import { nextWaitAfter } from '../queue/repo';
import { STORED_TIERS, tierRank } from '../../../shared/domain/queueRules';

/** The longest timer ever armed: the heartbeat. setTimeout itself breaks past 2^31 − 1 ms. */
export const MAX_TIMER_MS = 60_000;
/** A wall-clock jump bigger than this between two firings is a sleep or a clock change. */
const JUMP_MS = 5_000;

/** The ranks whose leads wait for their zone's hours or voicemail window to open. */
const WAITING_RANKS = [tierRank('callback'), tierRank('inbound'), tierRank('retry')];
const STORED_RANKS = STORED_TIERS.map(tierRank);

export function dueItemView(row: DueItemRow): DueItem {
  const zone = row.time_zones.split(' ')[0] || 'UTC';
  return {
    kind: row.kind,
    ref: row.ref,
    contactId: row.contact_id,
    name: `${row.first_name} ${row.last_name}`.trim() || row.company,
    company: row.company,
    title: row.title,
    dueAt: new Date(row.due_at).toISOString(),
    theirTime: localClock(row.due_at, zone),
    zone,
    missed: row.notice === 'missed',
  };
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** "3 callbacks and 1 task" */
export function countPhrase(items: readonly { kind: 'callback' | 'task' }[]): string {
  const callbacks = items.filter((i) => i.kind === 'callback').length;
  const tasks = items.length - callbacks;
  return [callbacks ? plural(callbacks, 'callback') : '', tasks ? plural(tasks, 'task') : ''].filter(Boolean).join(' and ');
}

export class Scheduler {
  private timer: TimerHandle | null = null;
  private lastWall = 0;
  private lastMonotonic = 0;
  private closed = false;
  /** Up to when everything was looked at (voicemail windows that opened since are announced). */
  private handledUntil = 0;
  private readonly heartbeats = new Set<(now: number) => void>();
  /** The rep's day the screens were last told of (day.changed), as its bounds. */
  private repDay = { from: 0, to: 0 };

  private readonly db: Database;
  private readonly clock: Clock;

  constructor(
    private readonly ctx: CoreContext,
    private readonly notifier: Notifier,
    private readonly queue: QueueService,
  ) {
    this.db = ctx.db;
    this.clock = ctx.clock;
  }

  /** At start: what fell due while the app was closed is reported once (not notified as if it
   *  were now) and stays at the top of the queue; then the timer is armed. */
  start(): void {
    const now = this.clock.now().getTime();
    this.queue.ensureCaughtUp();
    const missed = unnoticedDue(this.db, now);
    this.db
      .transaction(() => {
        if (missed.length > 0) {
          markNoticed(this.db, missed, now, 'missed');
          // A report the rep has not seen yet (closed again before looking) takes these too: only
          // the newest report is shown, and what it did not list would never be reported.
          const earlier = unshownMissedReport(this.db);
          const items = [...(earlier ? (JSON.parse(earlier.items) as DueItem[]) : []), ...missed.map((m) => dueItemView({ ...m, notice: 'missed' }))];
          const summary = `${countPhrase(items)} ${items.length === 1 ? 'was' : 'were'} due while Dialdeck was closed`;
          if (earlier) updateMissedReport(this.db, earlier.id, now, summary, items);
          else insertMissedReport(this.db, now, summary, items);
        }
      })
      .immediate();
    this.handledUntil = now;
    this.repDay = localDayBounds(now, this.ctx.repTimeZone);
    if (missed.length > 0) this.changed();
    this.arm();
  }

  /** The next instant anything falls due after `at` (null: nothing ahead). */
  nextWake(at: number): number | null {
    this.queue.ensureCaughtUp();
    const candidates: number[] = [];
    const callback = nextPendingCallbackAt(this.db);
    if (callback !== null) candidates.push(callback);
    const task = nextPendingTaskAt(this.db);
    if (task !== null) candidates.push(task);
    const settings = this.queue.settings();
    // Voicemail windows opening where retries wait; calling hours opening where leads are due.
    let opening = Infinity;
    for (const zoneId of zonesWithQueued(this.db, WAITING_RANKS)) opening = Math.min(opening, this.queue.nextOpening(zoneId, at, settings));
    if (opening !== Infinity) candidates.push(opening);
    // Who is offered changes by time alone: a retry falls due, a snooze ends, hours open or close.
    const queueChange = this.nextQueueChange(at);
    this.queueChangeAt = queueChange;
    if (queueChange !== null) candidates.push(queueChange);
    return candidates.length === 0 ? null : Math.min(...candidates);
  }

  /** The next instant after `at` the queue's offer can change with nothing written: the screens
   *  hear queue.changed then (they do not poll). */
  nextQueueChange(at: number): number | null {
    const waits = nextWaitAfter(this.db, STORED_RANKS, at);
    const boundary = this.queue.nextCallingBoundary(at);
    return waits === null ? boundary : boundary === null ? waits : Math.min(waits, boundary);
  }

  /** Exactly one timer: the previous one is cancelled first. */
  arm(): void {
    this.timer?.cancel();
    this.timer = null;
    this.rearming = false;
    if (this.closed) return;
    const now = this.clock.now().getTime();
    // Also the rep's next midnight: "today" on the screens turns over then, not up to a minute
    // after (noticeDay).
    const due = this.nextWake(now);
    const midnight = localDayBounds(now, this.ctx.repTimeZone).to;
    const next = due === null ? midnight : Math.min(due, midnight);
    const delay = Math.min(Math.max(0, next - now), MAX_TIMER_MS);
    this.lastWall = now;
    this.lastMonotonic = this.clock.monotonic();
    this.timer = this.clock.setTimer(delay, () => this.fire());
  }

  private rearming = false;

  /** Re-arm once the caller's reply has gone: after a write, working out the next wake (index
   *  reads and each zone's next opening) does not hold up the reply the rep waits for, and a burst
   *  of writes re-arms once. The pending re-arm is itself the one timer (due now), so there is
   *  still exactly one, and nothing due can be missed in between: it runs first. */
  armSoon(): void {
    if (this.closed || this.rearming) return;
    this.timer?.cancel();
    this.rearming = true;
    this.timer = this.clock.setTimer(0, () => {
      this.timer = null;
      this.arm();
    });
  }

  get armed(): boolean {
    return this.timer !== null;
  }

  /** Called on every firing and wake (at most a minute apart while the app runs): for duties that
   *  only need to run about on time, such as the daily backup, so there is still one timer. */
  onHeartbeat(listener: (now: number) => void): () => void {
    this.heartbeats.add(listener);
    return () => this.heartbeats.delete(listener);
  }

  private beat(now: number): void {
    for (const listener of this.heartbeats) listener(now);
  }

  private fire(): void {
    this.timer = null;
    if (this.closed) return;
    const now = this.clock.now().getTime();
    const jumped = now - this.lastWall - (this.clock.monotonic() - this.lastMonotonic);
    if (Math.abs(jumped) > JUMP_MS) {
      console.log(`[dialdeck] the wall clock moved ${Math.round(jumped / 1000)} s more than elapsed time (sleep or clock change): catching up`);
      this.clockChanged();
    }
    const announced = this.handleDue(now);
    // The offer changed by time alone (and handleDue said nothing): the screens ask again.
    if (!announced && this.queueChangeAt !== null && now >= this.queueChangeAt) this.ctx.effects.emit('queue.changed', {});
    this.noticeDay(now);
    this.arm();
    this.beat(now);
  }

  /** A desk left on overnight hears nothing at midnight otherwise: no call is logged, no clock
   *  jumps, and the strip would go on showing yesterday's numbers as today's. */
  private noticeDay(now: number): void {
    if (now >= this.repDay.from && now < this.repDay.to) return;
    const day = localDayBounds(now, this.ctx.repTimeZone);
    this.repDay = day;
    this.ctx.effects.emit('day.changed', { day: day.iso });
  }
  private queueChangeAt: number | null = null;

  /** powerMonitor resume / unlock, a system time or zone change: catch up now, then re-arm. */
  wake(): void {
    if (this.closed) return;
    this.clockChanged();
    const now = this.clock.now().getTime();
    this.handleDue(now);
    this.noticeDay(now);
    this.arm();
    this.beat(now);
  }

  /** Everything due by `now`, in order, in one transaction; then one notification per kind.
   *  True when it announced a change. */
  handleDue(now: number): boolean {
    this.queue.ensureCaughtUp();
    const items = unnoticedDue(this.db, now);
    const since = this.handledUntil || now;
    const settings = this.queue.settings();
    // Voicemail windows that opened since the last look, where due retries wait for one.
    const opened: { zoneId: number; until: number; zone: string }[] = [];
    for (const zoneId of this.queue.zoneIds()) {
      const window = this.queue.voicemailWindowOpenedBetween(zoneId, since, now, settings);
      if (window) opened.push({ zoneId, ...window });
    }
    const waiting = opened.length > 0 ? dueRetriesByZone(this.db, opened.map((o) => o.zoneId), now) : new Map<number, number>();
    const windows = opened.filter((o) => (waiting.get(o.zoneId) ?? 0) > 0);
    this.handledUntil = Math.max(this.handledUntil, now);
    // Quiet hours and do-not-disturb hold reminders back rather than mark them told: once the
    // quiet ends, those still open are told with the ones falling due then.
    const quiet = this.quiet(now);
    const held = quiet ? [] : heldDue(this.db);
    if (items.length === 0 && held.length === 0 && windows.length === 0) return false;
    const told = [...held, ...items].sort((a, b) => a.due_at - b.due_at);
    // Marked before anyone is told: a crash after this never repeats a notification.
    this.db.transaction(() => markNoticed(this.db, quiet ? items : told, now, quiet ? 'held' : 'notified')).immediate();
    if (!quiet) {
      if (told.length > 0) this.notifier.notify(this.itemsNotification(told, now, held.length > 0));
      if (windows.length > 0) {
        const leads = windows.reduce((sum, w) => sum + (waiting.get(w.zoneId) ?? 0), 0);
        const first = windows.reduce((a, b) => (a.until <= b.until ? a : b));
        this.notifier.notify({ title: `Voicemail window open for ${plural(leads, 'queued lead')}`, body: `Until ${leadTime(first.until, first.zone, now)}. They are at the top of the queue.` });
      }
    }
    this.changed();
    return true;
  }

  /** The notification's times in the one format the screens use (the lead's, and yours beside). */
  private itemsNotification(items: readonly DueItemRow[], now: number, afterQuiet: boolean) {
    const told = this.itemsText(items, now);
    // Said when some fell due while notifications were quiet, so an older time is not a puzzle.
    return afterQuiet ? { ...told, body: `${told.body} (Held while notifications were quiet.)` } : told;
  }

  private itemsText(items: readonly DueItemRow[], now: number) {
    const [first] = items.map(dueItemView);
    if (items.length === 1 && first) {
      const who = first.company && first.name !== first.company ? `${first.name} at ${first.company}` : first.name;
      // A callback's title is its reason ("callback promised for ⟦…⟧"): drawn here, as no
      // client reads a notification before the rep does.
      const title = drawTimes(first.title, leadTimeDrawer(now));
      return first.kind === 'callback'
        ? { title: `Callback due: ${who}, ${leadTime(Date.parse(first.dueAt), first.zone, now)}`, body: title || 'Callback promised for now.', contactId: first.contactId }
        : { title: `Task due: ${title}`, body: `${who}, due now.`, contactId: first.contactId };
    }
    const names = items.slice(0, 3).map((i) => `${i.first_name} ${i.last_name}`.trim() || i.company);
    return {
      title: `${countPhrase(items)} due`,
      body: `${names.join(', ')}${items.length > 3 ? ` and ${items.length - 3} more` : ''}.`,
      contactId: first?.contactId,
    };
  }

  /** Do-not-disturb, or inside the quiet hours on the rep's own clock. */
  private quiet(now: number): boolean {
    const notifications = this.ctx.settings.get('notifications');
    if (notifications.doNotDisturb) return true;
    if (!notifications.quietFrom || !notifications.quietUntil) return false;
    const local = DateTime.fromMillis(now, { zone: this.ctx.repTimeZone });
    const minutes = local.hour * 60 + local.minute;
    const from = parseLocalTime(notifications.quietFrom);
    const until = parseLocalTime(notifications.quietUntil);
    const a = from.hour * 60 + from.minute;
    const b = until.hour * 60 + until.minute;
    return a <= b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
  }

  /** What is due now and still open: the strip, the badge. */
  dueNow(now: number = this.clock.now().getTime()): DueItem[] {
    this.queue.ensureCaughtUp();
    return openDue(this.db, now).map(dueItemView);
  }

  /** The screens keep an offset to the core's clock: after a jump they take a new one. */
  clockChanged(): void {
    this.ctx.effects.emit('clock.changed', { now: this.clock.now().toISOString(), rate: this.clock.runs ? 1 : 0 });
  }

  /** How many items are due now (the strip, the badge). */
  dueNowCount(): number {
    this.queue.ensureCaughtUp();
    return countOpenDue(this.db, this.clock.now().getTime());
  }

  private changed(): void {
    this.ctx.effects.dueChanged();
    this.ctx.effects.emit('queue.changed', {});
  }

  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
  }
}
