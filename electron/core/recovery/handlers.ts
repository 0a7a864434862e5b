// The recovery screen's channels: answered by the recovery service while the app runs without
// its damaged file, and by a plain "ok" once the file opened normally.
import { channels, type Channel } from '../../../shared/ipc/contract';
import { CoreError } from '../errors';
import type { HandlersOf, HandlerTable, Services } from '../handlers';
import type { RecoveryService } from './service';

type RecoveryChannel = 'recovery.status' | 'recovery.restore' | 'recovery.saveReadable' | 'recovery.quit';

/** What a core whose file opened answers: nothing to recover. */
export function recoveryHandlersWhenHealthy(_services: Services): HandlersOf<RecoveryChannel> {
  const nothing = () => {
    throw new CoreError('conflict', 'The call log opened normally: there is nothing to recover.');
  };
  return {
    'recovery.status': () => ({ state: 'ok' as const }),
    'recovery.restore': nothing,
    'recovery.saveReadable': nothing,
    'recovery.quit': nothing,
  };
}

export interface RecoveryHost {
  /** A backup is in place: start the app normally (after this answer has gone). */
  restored(): void;
  /** Close Dialdeck. */
  quit(): void;
}

/** The whole table while the file is damaged: the recovery channels, and for every other one
 *  an error that says why nothing else can be done yet. */
export function recoveryModeHandlers(service: RecoveryService, host: RecoveryHost): HandlerTable {
  const unavailable = () => {
    throw new CoreError('database_damaged', 'The call log file is damaged: restore a backup, save what can be read, or quit, on the recovery screen.');
  };
  const table = new Map<Channel, unknown>(Object.keys(channels).map((channel) => [channel as Channel, unavailable]));
  const own: HandlersOf<RecoveryChannel> = {
    'recovery.status': () => service.status(),
    'recovery.restore': async (request) => {
      const restored = await service.restore(request.name);
      // The reply goes first; then the app starts on the restored file.
      setImmediate(() => host.restored());
      return restored;
    },
    'recovery.saveReadable': () => service.saveReadable(),
    'recovery.quit': () => {
      setImmediate(() => host.quit());
      return {};
    },
  };
  for (const [channel, handler] of Object.entries(own)) table.set(channel as Channel, handler);
  return Object.fromEntries(table) as HandlerTable;
}
