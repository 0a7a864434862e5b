import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/contract';
import type { Core } from '../core/core';
import { isTrustedSender } from './trust';

/** Register the contract on ipcMain: only the app's own top frame may call, and the core parses
 *  every request with its zod schema before any handler runs. */
export function registerIpc(core: Core, getWindow: () => BrowserWindow | null, appUrl: string): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event, getWindow(), appUrl)) return { ok: false, error: { code: 'forbidden', message: 'Request refused: not from the Dialdeck window.' } };
    return core.invoke(channel, request);
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
