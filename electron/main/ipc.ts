import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type Envelope } from '../../shared/ipc/contract';
import type { CoreEvents } from '../core/events';
import { isTrustedSender } from './trust';

/** What answers the page: the core, or the recovery mode while the call log is damaged (then the
 *  core once a backup is restored). */
export interface Backend {
  invoke(channel: unknown, request: unknown): Promise<Envelope<unknown>>;
  events: CoreEvents;
}

/** Register the contract on ipcMain: only the app's own top frame may call, and the backend
 *  parses every request with its zod schema before any handler runs. */
export function registerIpc(initial: Backend, getWindow: () => BrowserWindow | null, appUrl: string): { switchTo(backend: Backend): void; dispose(): void } {
  let backend = initial;
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event, getWindow(), appUrl)) return { ok: false, error: { code: 'forbidden', message: 'Request refused: not from the Dialdeck window.' } };
    return backend.invoke(channel, request);
  });
  const forward = (target: Backend) =>
    target.events.subscribe((name, payload) => {
      const window = getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
    });
  let unsubscribe = forward(backend);
  return {
    switchTo(next) {
      unsubscribe();
      backend = next;
      unsubscribe = forward(next);
    },
    dispose() {
      ipcMain.removeHandler(IPC_INVOKE);
      unsubscribe();
    },
  };
}
