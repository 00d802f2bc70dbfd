// ipcMain glue: the wire's messages arrive on one channel (ipcRenderer.send) and go back on the same one
// (webContents.send); the dispatcher does the rest. Only Burrow's own page may talk to the router. Each page
// load is a peer of its own: a reload or the window's end disposes everything it subscribed to.
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { BurrowErrorData } from '../core/errors.js';
import { connectPeer, refuse, type Peer } from './dispatcher.js';
import { IPC } from './ipc-channels.js';
import type { Router } from './router.js';

export { IPC };

export interface BridgeOptions {
  ipcMain: IpcMain;
  router: Router;
  /** Is this the page Burrow loaded (file:// of the built renderer, or the dev server)? */
  isTrustedUrl(url: string): boolean;
}

const UNTRUSTED: BurrowErrorData = { code: 'permission', message: 'Untrusted sender' };

export function installIpcBridge(opts: BridgeOptions): () => void {
  const { ipcMain, router } = opts;
  const peers = new Map<number, Peer>();
  const tracked = new Set<number>();
  let loads = 0;

  const trusted = (e: IpcMainEvent): boolean => opts.isTrustedUrl(e.senderFrame?.url ?? e.sender.getURL());

  const endPeer = (wc: WebContents) => {
    peers.get(wc.id)?.close();
    peers.delete(wc.id);
  };

  const peerOf = (wc: WebContents): Peer => {
    let peer = peers.get(wc.id);
    if (peer) return peer;
    peer = connectPeer(router, `wc-${wc.id}.${++loads}`, (m) => {
      if (!wc.isDestroyed()) wc.send(IPC.message, m);
    });
    peers.set(wc.id, peer);
    if (!tracked.has(wc.id)) {
      tracked.add(wc.id);
      // A new document in the main frame (a reload) ends the old page's peer; hash routes are in-place
      // navigations of the same page and keep it.
      wc.on('did-start-navigation', (_e, _url, isInPlace, isMainFrame) => {
        if (isMainFrame && !isInPlace) endPeer(wc);
      });
      wc.once('destroyed', () => {
        endPeer(wc);
        tracked.delete(wc.id);
      });
    }
    return peer;
  };

  ipcMain.on(IPC.message, (e, message: unknown) => {
    if (!trusted(e)) return refuse(message, (m) => e.sender.send(IPC.message, m), UNTRUSTED);
    peerOf(e.sender).receive(message);
  });

  return () => {
    ipcMain.removeAllListeners(IPC.message);
    for (const p of peers.values()) p.close();
    peers.clear();
  };
}
