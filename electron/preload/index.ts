// The preload: one narrow object on window, nothing else. Type-only imports from shared/, so
// nothing but these few lines runs in the preload's privileged world.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DialdeckApi, EventName, IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/contract';

const INVOKE: typeof IPC_INVOKE = 'dialdeck:invoke';
const EVENT: typeof IPC_EVENT = 'dialdeck:event';

const api = {
  invoke: (channel, request) => ipcRenderer.invoke(INVOKE, channel, request),
  on: (event, listener) => {
    const forward = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT, forward);
    return () => void ipcRenderer.removeListener(EVENT, forward);
  },
} satisfies DialdeckApi;

contextBridge.exposeInMainWorld('dialdeck', api);
