import type { PhonePresetId } from '../../shared/domain/dialPresets';

// What the core needs from outside. Electron main, the CLI, the preview server and the tests
// each provide their own adapters, so the core never imports Electron or reads global time.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** The current instant. Every rule gets its `now` from here, never from Date.now(). */
  now(): Date;
  /** False for a clock that stands still until moved (tests, the CLI's --at): the screens then
   *  do not run their own timers ahead of it. */
  readonly runs: boolean;
  /** Milliseconds on a clock that only moves forward and does not move while the machine
   *  sleeps: against now(), it shows when wall time jumped (sleep, a clock change). */
  monotonic(): number;
  /** One-shot timer; callers cap the delay themselves (timers drift across sleep). */
  setTimer(ms: number, fire: () => void): TimerHandle;
}

export interface Dialer {
  /** Hand an already allowlisted URI (tel:, callto:, sip:, sips:, mailto:, or the one shape the
   *  rep's phone preset adds) to the desk's phone. The adapter checks it again against the
   *  allowlist with that preset's pattern. */
  open(uri: string, preset: PhonePresetId): Promise<void>;
}

export interface Notification {
  title: string;
  body: string;
  /** Clicking it opens this lead on the call screen. */
  contactId?: number;
}

export interface Notifier {
  notify(notification: Notification): void;
}

export interface Files {
  /** Where to save an export the rep asked for (Electron asks with a save dialog, the preview
   *  uses a folder in its data dir, the CLI its --out): a full path, or null if they cancelled.
   *  The file there is replaced once the export is complete. */
  chooseExportPath(suggestedName: string): Promise<string | null>;
}

export interface Paths {
  /** The folder that holds the database and its backups. */
  dataDir: string;
  databaseFile: string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  runs: true,
  monotonic: () => performance.now(),
  setTimer(ms, fire) {
    const handle = setTimeout(fire, Math.max(0, Math.min(ms, 60_000)));
    return { cancel: () => clearTimeout(handle) };
  },
};
