// The sandboxed preload: one narrow, typed object on window.burrow, built from the contract's two verbs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BurrowErrorData } from '../core/errors.js';
import { IPC } from './ipc-channels.js';

type DataFn = (d: unknown) => void;
type EndFn = (e?: BurrowErrorData) => void;
const listeners = new Map<number, { onData: DataFn; onEnd?: EndFn }>();
const termListeners = new Set<(ev: unknown) => void>();
let nextId = 1;

ipcRenderer.on(IPC.data, (_e: IpcRendererEvent, id: number, data: unknown) =>
  listeners.get(id)?.onData(data),
);
ipcRenderer.on(IPC.end, (_e: IpcRendererEvent, id: number, error?: BurrowErrorData) => {
  listeners.get(id)?.onEnd?.(error);
  listeners.delete(id);
});
ipcRenderer.on(IPC.termEvent, (_e: IpcRendererEvent, ev: unknown) => {
  for (const l of termListeners) l(ev);
});

const api = {
  transport: 'ipc' as const,
  call: (channel: string, args: unknown) => ipcRenderer.invoke(IPC.call, channel, args),
  subscribe(topic: string, args: unknown, onData: DataFn, onEnd?: EndFn): () => void {
    const id = nextId++;
    listeners.set(id, { onData, ...(onEnd ? { onEnd } : {}) });
    void ipcRenderer.invoke(IPC.sub, id, topic, args).then((r: { ok: boolean; error?: BurrowErrorData }) => {
      if (!r.ok) {
        listeners.get(id)?.onEnd?.(r.error);
        listeners.delete(id);
      }
    });
    return () => {
      listeners.delete(id);
      ipcRenderer.send(IPC.unsub, id);
    };
  },
  terminal: (op: string, payload: unknown) => ipcRenderer.invoke(IPC.term, op, payload),
  onTerminalEvent(fn: (ev: unknown) => void): () => void {
    termListeners.add(fn);
    return () => termListeners.delete(fn);
  },
};

contextBridge.exposeInMainWorld('burrow', api);
