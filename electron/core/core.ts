import type { Database } from 'better-sqlite3';
import type { Envelope } from '../../shared/ipc/contract';
import { openDatabase } from './db/open';
import { CoreEvents } from './events';
import { createHandlers, dispatch, type HandlerTable } from './handlers';
import type { Clock, Dialer, Files, Notifier, Paths } from './ports';
import { settingsStore } from './settings/service';
import type { SettingsStore } from './settings/store';
import { ImportStage } from './imports/service';
import { QueueService } from './queue/service';
import { RedialService } from './calls/redial';
import { Scheduler } from './scheduler/scheduler';
import { seedStarterScripts } from './scripts/service';

export interface CoreOptions {
  paths: Paths;
  clock: Clock;
  dialer: Dialer;
  notifier: Notifier;
  /** Where exports are saved (a save dialog, a folder, the CLI's --out); without it the app
   *  refuses to export rather than guess. */
  files?: Files;
  /** Two-letter country used as the default for numbers without a +country code, first run only. */
  initialCountry?: string;
  /** IANA zone for leads whose zone nothing else tells, first run only. */
  initialTimeZone?: string;
  version?: string;
  /** The rep's own zone (quiet hours); the OS zone when left out. */
  repTimeZone?: string;
  /** False for the command line: it neither redials nor notifies, and must not mark what fell
   *  due as missed (that is the app's to report when it starts). */
  startTimers?: boolean;
}

export interface Core {
  db: Database;
  settings: SettingsStore;
  events: CoreEvents;
  handlers: HandlerTable;
  queue: QueueService;
  redial: RedialService;
  scheduler: Scheduler;
  invoke(channel: unknown, request: unknown): Promise<Envelope<unknown>>;
  close(): void;
}

/** The whole app without Electron: the same in Electron main, the CLI, the preview and tests. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.paths.databaseFile, { now: options.clock.now() });
  settingsStore(db).initDefaults({ country: options.initialCountry, timeZone: options.initialTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone });
  seedStarterScripts(db, options.clock.now().getTime());
  const events = new CoreEvents();
  const queue = new QueueService(db, options.clock);
  const redial = new RedialService({ db, clock: options.clock, dialer: options.dialer, queue }, events);
  const repTimeZone = options.repTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const scheduler = new Scheduler(db, options.clock, options.notifier, queue, events, repTimeZone);
  const handlers = createHandlers({
    repTimeZone,
    queue,
    redial,
    scheduler,
    db,
    clock: options.clock,
    dialer: options.dialer,
    paths: options.paths,
    files: options.files ?? null,
    events,
    version: options.version ?? '0.0.0',
    stage: new ImportStage(),
  });
  // A loop that was running when the app stopped carries on (or ends, if its time ran out);
  // what fell due while it was closed is reported once, then the one timer is armed.
  if (options.startTimers !== false) {
    redial.arm();
    scheduler.start();
  }
  return {
    db,
    settings: settingsStore(db),
    events,
    handlers,
    queue,
    redial,
    scheduler,
    invoke: (channel, request) => dispatch(handlers, channel, request),
    close: () => {
      redial.close();
      scheduler.close();
      queue.close();
      db.close();
    },
  };
}
