// Adapters for tests, the preview server and the CLI: a clock that only moves when told to and
// a dialer that records instead of opening anything.
import { presetPattern, type PhonePresetId } from '../../shared/domain/dialPresets';
import { isAllowedExternalUri } from '../../shared/domain/dialUri';
import type { Clock, Dialer, Notification, Notifier, TimerHandle } from './ports';

export class FakeClock implements Clock {
  readonly runs = false;
  private current: number;
  private monotonicNow = 0;
  /** Every delay a caller asked setTimer for, to check no timer is ever set too long. */
  readonly requestedDelays: number[] = [];
  private readonly timers = new Map<number, { at: number; fire: () => void }>();
  private nextId = 1;

  constructor(start: Date | string = '2026-03-02T15:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  monotonic(): number {
    return this.monotonicNow;
  }

  setTimer(ms: number, fire: () => void): TimerHandle {
    this.requestedDelays.push(ms);
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fire });
    return { cancel: () => this.timers.delete(id) };
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.monotonicNow += due[1].at - this.current;
      this.current = due[1].at;
      due[1].fire();
    }
    this.monotonicNow += target - this.current;
    this.current = target;
  }

  /** Jump the wall clock without firing timers or moving the monotonic clock, as a laptop
   *  waking from sleep (or a clock change) does. Timers keep their remaining delay. */
  jump(ms: number): void {
    this.current += ms;
    for (const timer of this.timers.values()) timer.at += ms;
  }
}

export class RecordingDialer implements Dialer {
  /** Every URI the core handed over, in order, before anything judged it: what tests assert on. */
  readonly given: string[] = [];
  /** The ones the desk's phone took: allowlisted (the real adapter checks the same) and not refused. */
  readonly opened: string[] = [];
  /** While set, every open fails with this message, as an OS with no app for the link does. */
  refusal: string | null = null;

  /** The preset each dial was handed with, in order. */
  readonly presets: PhonePresetId[] = [];

  open(uri: string, preset: PhonePresetId = 'tel'): Promise<void> {
    this.given.push(uri);
    this.presets.push(preset);
    if (this.refusal !== null) return Promise.reject(new Error(this.refusal));
    if (!isAllowedExternalUri(uri, presetPattern(preset))) return Promise.reject(new Error(`refused to open ${JSON.stringify(uri)}`));
    this.opened.push(uri);
    return Promise.resolve();
  }
}

export class RecordingNotifier implements Notifier {
  readonly sent: (Notification & { at: number })[] = [];
  /** The clock the notifications are stamped with (tests check when they came). */
  constructor(private readonly clock?: Clock) {}
  notify(notification: Notification): void {
    this.sent.push({ ...notification, at: this.clock?.now().getTime() ?? Number.NaN });
  }
}
