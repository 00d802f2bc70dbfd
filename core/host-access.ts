// The engine's host, asked in one place. Some features read the machine the containers run on — files and their
// owners (the bind-mount predictor), free ports, tools and /etc/sub[ug]id (the doctor), the user's Quadlet
// directory, a `podman unshare` shell. For an engine on this machine that is this machine; for a remote engine
// (over SSH) Burrow reaches only the engine's API, so those features must say they are not available instead of
// quietly answering about the wrong computer. The engine decides which one it is when it connects (engine.ts),
// and everything else asks `engine.host`.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { BurrowError } from './errors.js';
import { localHostProbe, type HostProbe } from './insight/host-probe.js';
import { statChain, type PathInfo } from './insight/permission-predictor.js';
import { quadletUserDir } from './insight/quadlet.js';

/** This machine, as the host of a local engine. */
export interface LocalHost extends HostProbe {
  /** Owner and mode of every directory from `/` down to `path`; undefined when it does not exist. */
  statChain(path: string): Promise<PathInfo[] | undefined>;
  portInUse(ip: string, port: number, proto: 'tcp' | 'udp'): Promise<boolean>;
  /** Where the user's Quadlet units live (~/.config/containers/systemd). */
  quadletDir(): string;
}

export interface HostAccess {
  /** The engine's host when that is this machine; undefined for a remote engine. */
  readonly local: LocalHost | undefined;
  /** Why the engine's host is out of reach; undefined when it is local. */
  readonly unavailableReason: string | undefined;
  /** The local host, or an unsupported_on_host error saying what needed it and why it cannot have it. */
  require(what: string, hint?: string): LocalHost;
}

/** Try to bind the port: EADDRINUSE means taken. Other errors (EACCES below the unprivileged start) are not "in use". */
export function portInUse(ip: string, port: number, proto: 'tcp' | 'udp'): Promise<boolean> {
  return new Promise((resolve) => {
    if (proto === 'udp') {
      const s = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
      s.once('error', (e: NodeJS.ErrnoException) => {
        s.close();
        resolve(e.code === 'EADDRINUSE');
      });
      s.bind(port, ip, () => s.close(() => resolve(false)));
      return;
    }
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    srv.listen({ port, host: ip, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

export const thisMachine: LocalHost = {
  ...localHostProbe,
  statChain,
  portInUse,
  quadletDir: () => quadletUserDir(),
};

export function localHostAccess(host: LocalHost = thisMachine): HostAccess {
  return { local: host, unavailableReason: undefined, require: () => host };
}

/** A remote engine: `where` names it for people ("127.0.0.1 (over SSH)"). */
export function remoteHostAccess(where: string): HostAccess {
  const reason = `the engine runs on ${where}, and Burrow reaches only its API there, not its files, ports or tools`;
  return {
    local: undefined,
    unavailableReason: reason,
    require(what, hint) {
      throw new BurrowError({
        code: 'unsupported_on_host',
        message: `${what} is not available on a remote engine: ${reason}`,
        hint: hint ?? 'Do it on that machine, or switch to a local engine in System → Connections.',
      });
    },
  };
}
