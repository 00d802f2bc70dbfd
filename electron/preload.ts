// The sandboxed preload: window.burrow only moves the contract's wire messages between the page and main (one
// IPC channel each way). Calls, subscriptions and messages are built on it by the renderer's one client.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC } from './ipc-channels.js';

const listeners = new Set<(m: unknown) => void>();
ipcRenderer.on(IPC.message, (_e: IpcRendererEvent, m: unknown) => {
  for (const l of listeners) l(m);
});

contextBridge.exposeInMainWorld('burrow', {
  transport: 'ipc' as const,
  send: (m: unknown) => ipcRenderer.send(IPC.message, m),
  onMessage(fn: (m: unknown) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
});
