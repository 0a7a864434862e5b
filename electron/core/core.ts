import type { Database } from 'better-sqlite3';
import type { Envelope } from '../../shared/ipc/contract';
import { BackupService } from './backups/service';
import { CallEventsService } from './callEvents/service';
import { CallsService } from './calls/service';
import { RedialService } from './calls/redial';
import type { CoreContext } from './context';
import { openDatabase } from './db/open';
import { DatabaseFileError } from './db/openErrors';
import { diagnosticsLogFor, type DiagnosticsLog } from './diagnostics/log';
import { DiagnosticsService } from './diagnostics/service';
import { Effects } from './effects';
import { WalCheckpoints } from './db/checkpoints';
import { recordWalRestart } from './db/walRestartsRepo';
import { CoreEvents } from './events';
import { createHandlers, dispatch, type HandlerTable } from './handlers';
import { ImportStage } from './imports/service';
import { PhoneService } from './phone/service';
import type { Clock, Dialer, Files, Notifier, Paths } from './ports';
import { QueueService } from './queue/service';
import { recoveryModeHandlers, type RecoveryHost } from './recovery/handlers';
import { RecoveryService } from './recovery/service';
import { Scheduler } from './scheduler/scheduler';
import { ScriptsService, seedStarterScripts } from './scripts/service';
import { FollowService, seedStarterEmailTemplates } from './follow/service';
import { SettingsStore } from './settings/store';
import { TallyBackfill } from './metrics/service';
import type { SettingKey } from '../../shared/domain/settings';
import { fileSecrets, teamUrlFile, type TeamSecrets } from './team/secrets';
import { TeamService } from './team/service';
import { TeamAutoSync } from './team/autoSync';

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
  /** The rep's own zone (quiet hours, "tomorrow 08:00"); the OS zone when left out. */
  repTimeZone?: string;
  /** False for the command line: it neither redials nor notifies, and must not mark what fell
   *  due as missed (that is the app's to report when it starts). */
  startTimers?: boolean;
  /** Where errors are written; logs/ in the data folder when left out. */
  diagnostics?: DiagnosticsLog;
  /** Team mode: where the team URL is kept (Electron: the keychain; the preview: a 0600 file).
   *  Given, the core also syncs every minute while joined (with startTimers); left out, the URL
   *  is kept in the CLI's file and nothing syncs by itself (the CLI, tests). */
  teamSecrets?: TeamSecrets;
}

export interface Core {
  db: Database;
  /** What every service is given; the command line and tests reach the services with it. */
  context: CoreContext;
  settings: SettingsStore;
  events: CoreEvents;
  handlers: HandlerTable;
  queue: QueueService;
  calls: CallsService;
  redial: RedialService;
  scripts: ScriptsService;
  scheduler: Scheduler;
  backups: BackupService;
  phone: PhoneService;
  callEvents: CallEventsService;
  diagnostics: DiagnosticsService;
  follow: FollowService;
  team: TeamService;
  /** The minute's sync; null unless the host gave teamSecrets and timers run. */
  teamSync: TeamAutoSync | null;
  log: DiagnosticsLog;
  invoke(channel: unknown, request: unknown): Promise<Envelope<unknown>>;
  close(): void;
}

/** Settings that change neither the queue nor a timer. */
const DESK_SETTING_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>(['phone', 'backupsKept', 'desk', 'windowState', 'dailyGoals', 'teamAutoClaim']);

/** The whole app without Electron: the same in Electron main, the CLI, the preview and tests. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.paths.databaseFile, { now: options.clock.now() });
  const settings = new SettingsStore(db);
  settings.initDefaults({ country: options.initialCountry, timeZone: options.initialTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone });
  seedStarterScripts(db, options.clock.now().getTime());
  seedStarterEmailTemplates(db, options.clock.now().getTime());
  const events = new CoreEvents();
  const effects = new Effects(events);
  const context: CoreContext = {
    db,
    clock: options.clock,
    settings,
    effects,
    paths: options.paths,
    repTimeZone: options.repTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const queue = new QueueService(context);
  const redial = new RedialService(context, queue, options.dialer);
  const scripts = new ScriptsService(context);
  const follow = new FollowService(context, queue, options.dialer);
  const calls = new CallsService(context, queue, redial, scripts, options.dialer, follow);
  const scheduler = new Scheduler(context, options.notifier, queue);
  const log = options.diagnostics ?? diagnosticsLogFor(options.paths.dataDir, () => options.clock.now());
  const backups = new BackupService(context, (error) => {
    console.error('[dialdeck] the automatic backup failed:', error);
    log.error('core', `The automatic backup failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : null);
  });
  const phone = new PhoneService(context, options.dialer);
  const callEvents = new CallEventsService(context);
  const version = options.version ?? '0.0.0';
  const diagnostics = new DiagnosticsService(context, log, backups, version);
  const team = new TeamService(context, options.teamSecrets ?? fileSecrets(teamUrlFile(options.paths.dataDir)));
  const tallies = new TallyBackfill(context);
  const checkpoints = new WalCheckpoints(db, () => recordWalRestart(db, options.clock.now().getTime()));
  effects.attach({ queue, scheduler, redial, checkpoints });
  // A change of rules (calling hours, windows, the loop's pace, quiet hours) moves every cache
  // and timer; the desk's own settings (the phone, backups, the window) move none of them.
  settings.onChange((changed) => {
    if ([...changed].some((key) => !DESK_SETTING_KEYS.has(key))) effects.rulesChanged();
  });
  const handlers = createHandlers({ ctx: context, version, files: options.files ?? null, stage: new ImportStage(), queue, calls, redial, scripts, scheduler, backups, phone, diagnostics, follow, team });
  const logInternal = (channel: string, error: unknown) => log.error('core', `${channel} failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : null);
  // A loop that was running when the app stopped carries on (or ends, if its time ran out);
  // what fell due while it was closed is reported once, then the one timer is armed.
  if (options.startTimers !== false) {
    redial.arm();
    scheduler.start();
    // A backup at start when the newest is older than a day, then once a day, on the one timer.
    backups.start();
    scheduler.onHeartbeat((now) => backups.heartbeat(now));
    // Calling hours built in the pauses (at start, and each day before they are asked for).
    queue.warmSoon();
    scheduler.onHeartbeat(() => queue.warmSoon());
    // A call log from before the kept counts (#15) is counted in the background.
    tallies.start();
  }
  const teamSync = options.startTimers !== false && options.teamSecrets !== undefined
    ? new TeamAutoSync(context, team, (error) => log.error('core', `The automatic team sync failed: ${error instanceof Error ? error.message : String(error)}`))
    : null;
  teamSync?.start(events);
  return {
    db,
    context,
    settings,
    events,
    handlers,
    queue,
    calls,
    redial,
    scripts,
    scheduler,
    backups,
    phone,
    callEvents,
    diagnostics,
    follow,
    team,
    teamSync,
    log,
    invoke: (channel, request) => dispatch(handlers, channel, request, logInternal),
    close: () => {
      effects.close();
      teamSync?.close();
      void team.close();
      tallies.close();
      checkpoints.close();
      backups.close();
      redial.close();
      scheduler.close();
      queue.close();
      db.close();
    },
  };
}

/** The app while its call log file is damaged: only the recovery screen's channels answer. */
export interface RecoveryMode {
  recovery: RecoveryService;
  events: CoreEvents;
  error: DatabaseFileError;
  invoke(channel: unknown, request: unknown): Promise<Envelope<unknown>>;
}

export type Started = { kind: 'core'; core: Core } | { kind: 'recovery'; mode: RecoveryMode };

/** Start the core, or — when its file is damaged — the recovery mode in its place (the file is
 *  left exactly as it is). Any other problem opening the file is thrown, as createCore does. */
export function startCore(options: CoreOptions, host: RecoveryHost): Started {
  try {
    return { kind: 'core', core: createCore(options) };
  } catch (error) {
    if (!(error instanceof DatabaseFileError) || error.problem !== 'damaged') throw error;
    (options.diagnostics ?? diagnosticsLogFor(options.paths.dataDir, () => options.clock.now())).error('core', error.message);
    const events = new CoreEvents();
    const recovery = new RecoveryService(options.paths, options.clock, error, events);
    const handlers = recoveryModeHandlers(recovery, host);
    return { kind: 'recovery', mode: { recovery, events, error, invoke: (channel, request) => dispatch(handlers, channel, request) } };
  }
}
