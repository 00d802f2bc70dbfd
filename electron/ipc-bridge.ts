// ipcMain glue: only Burrow's own page may talk to the router; a window's subscriptions and terminal views
// are disposed when its page reloads or its webContents is destroyed.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Router } from './router.js';
import { IPC } from './ipc-channels.js';
import type { OpenTerminal, TerminalManager } from './terminals/manager.js';

export { IPC };

export interface BridgeOptions {
  ipcMain: IpcMain;
  router: Router;
  terminals?: TerminalManager;
  /** Is this the page Burrow loaded (file:// of the built renderer, or the dev server)? */
  isTrustedUrl(url: string): boolean;
}

function ownerOf(wc: WebContents): string {
  return `wc-${wc.id}`;
}

export function installIpcBridge(opts: BridgeOptions): () => void {
  const { ipcMain, router } = opts;
  const tracked = new Set<number>();

  const trusted = (e: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const url = e.senderFrame?.url ?? e.sender.getURL();
    return opts.isTrustedUrl(url);
  };

  const track = (wc: WebContents) => {
    if (tracked.has(wc.id)) return;
    tracked.add(wc.id);
    const dispose = () => {
      router.disposeOwner(ownerOf(wc));
      opts.terminals?.detachOwner(`${ownerOf(wc)}/`);
    };
    // A reload navigates the main frame: everything the old page subscribed to goes.
    wc.on('did-start-navigation', (_e, _url, _inPlace, isMainFrame) => {
      if (isMainFrame) dispose();
    });
    wc.once('destroyed', () => {
      dispose();
      tracked.delete(wc.id);
    });
  };

  ipcMain.handle(IPC.call, async (e, channel: unknown, args: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'permission', message: 'Untrusted sender' } };
    return router.call(channel, args);
  });

  ipcMain.handle(IPC.sub, (e, id: unknown, topic: unknown, args: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'permission', message: 'Untrusted sender' } };
    if (typeof id !== 'number')
      return {
        ok: false,
        error: { code: 'invalid_input', field: 'id', message: 'Subscription id must be a number' },
      };
    const wc = e.sender;
    track(wc);
    return router.subscribe(ownerOf(wc), id, topic, args, {
      data: (data) => !wc.isDestroyed() && wc.send(IPC.data, id, data),
      end: (error) => !wc.isDestroyed() && wc.send(IPC.end, id, error),
    });
  });

  ipcMain.on(IPC.unsub, (e, id: unknown) => {
    if (trusted(e) && typeof id === 'number') router.unsubscribe(ownerOf(e.sender), id);
  });

  ipcMain.handle(IPC.term, (e, op: unknown, payload: unknown) => {
    const terms = opts.terminals;
    if (!trusted(e) || !terms)
      return { ok: false, error: { code: 'permission', message: 'Untrusted sender' } };
    const wc = e.sender;
    track(wc);
    const p = (payload ?? {}) as Record<string, unknown>;
    const term = typeof p.term === 'string' ? p.term : '';
    const client = (id: string) => ({
      data: (data: string) => !wc.isDestroyed() && wc.send(IPC.termEvent, { t: 'data', term: id, data }),
      exit: (code: number) => !wc.isDestroyed() && wc.send(IPC.termEvent, { t: 'exit', term: id, code }),
    });
    try {
      switch (op) {
        case 'open': {
          const info = terms.open(ownerOf(wc), p.spec as OpenTerminal);
          return {
            ok: true,
            value: {
              info,
              scrollback: terms.attach(info.id, `${ownerOf(wc)}/${info.id}`, client(info.id)).scrollback,
            },
          };
        }
        case 'attach':
          return { ok: true, value: terms.attach(term, `${ownerOf(wc)}/${term}`, client(term)) };
        case 'list':
          return { ok: true, value: terms.list() };
        case 'input':
          terms.write(term, String(p.data ?? ''));
          return { ok: true, value: null };
        case 'resize':
          terms.resize(term, Number(p.cols), Number(p.rows));
          return { ok: true, value: null };
        case 'ack':
          terms.ack(term, Number(p.bytes));
          return { ok: true, value: null };
        case 'close':
          terms.close(term);
          return { ok: true, value: null };
        default:
          return {
            ok: false,
            error: {
              code: 'invalid_input',
              field: 'op',
              message: `Unknown terminal operation ${String(op)}`,
            },
          };
      }
    } catch (err) {
      return {
        ok: false,
        error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
      };
    }
  });

  return () => {
    for (const ch of [IPC.call, IPC.sub, IPC.term]) ipcMain.removeHandler(ch);
    ipcMain.removeAllListeners(IPC.unsub);
  };
}
