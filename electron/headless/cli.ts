// `npm start -- --headless [--port N] [--host H --allow-remote]`: Burrow without a window, served to a browser.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectEngine } from '../../core/engine.js';
import {
  ConnectionsService,
  strategiesFor,
  switchableEngine,
  type SwitchableEngine,
} from '../../core/engine-switch.js';
import { withLiveContainerList } from '../../core/live-list.js';
import { ConnectionStore, LOCAL_CONNECTION } from '../../core/connection/connections.js';
import type { ServiceEvent } from '../../core/connection/private-service.js';
import { toErrorData } from '../../core/errors.js';
import { formatDoctorReport } from '../../core/insight/doctor.js';
import { doctor } from '../../core/insight/service.js';
import { JobTracker } from '../../core/notify/jobs.js';
import { NotificationService } from '../../core/notify/service.js';
import { SettingsStore } from '../../core/settings/store.js';
import { Router } from '../router.js';
import { startHeadlessHost } from './server.js';
import { TerminalManager } from '../terminals/manager.js';
import { terminalsExtension } from '../terminals/ws-extension.js';

declare const BURROW_VERSION: string | undefined;

export interface CliOptions {
  port: number;
  host: string;
  allowRemote: boolean;
  /** Print the rootless doctor's report and exit. */
  doctor: boolean;
  /** A saved connection (or Podman's, as podman:NAME) to start with instead of local discovery. */
  connection?: string;
  /**
   * Keep the access token in this file (created 0600 when missing), so the URL stays valid across restarts —
   * a bookmarked tab or an SSH-tunnelled browser reconnects by itself. Without it every start has a new token.
   */
  tokenFile?: string;
  /** Socket of Burrow's private Podman service (default $XDG_RUNTIME_DIR/burrow/podman.sock). */
  serviceSocket?: string;
}

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { port: 0, host: '127.0.0.1', allowRemote: false, doctor: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') {
      o.port = Number(next());
      if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)
        throw new Error('--port must be 0..65535');
    } else if (a === '--host') o.host = next();
    else if (a === '--allow-remote') o.allowRemote = true;
    else if (a === '--doctor') o.doctor = true;
    else if (a === '--connection') o.connection = next();
    else if (a === '--token-file') o.tokenFile = next();
    else if (a === '--service-socket') o.serviceSocket = next();
    else if (a?.startsWith('--connection=')) o.connection = a.slice('--connection='.length);
    else if (a === '--headless') continue;
    else if (a?.startsWith('--port=')) o.port = Number(a.slice(7));
    else if (a?.startsWith('--host=')) o.host = a.slice(7);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`burrow: ${e instanceof Error ? e.message : String(e)}`);
    console.error(
      'usage: burrow --headless [--port N] [--host ADDRESS --allow-remote] [--token-file FILE] [--connection NAME] [--service-socket PATH] | burrow --doctor [--connection NAME]',
    );
    process.exit(2);
  }
  const connectOpts = {
    ...(opts.serviceSocket ? { privateSocketPath: opts.serviceSocket } : {}),
    onServiceEvent: (e: ServiceEvent) => {
      if (e.kind === 'restarting')
        console.error(`burrow: Podman service exited; restarting (attempt ${e.attempt})`);
    },
  };
  const store = new ConnectionStore();
  const settings = new SettingsStore();
  await settings.load();
  for (const p of settings.problems) console.error(`burrow: ${p}`);
  let engine: SwitchableEngine;
  try {
    const entry = await store
      .get(opts.connection ?? settings.get().startConnection)
      .catch(async (e: unknown) => {
        // A start connection from the settings that is gone (removed, renamed): start locally and say so.
        if (opts.connection) throw e;
        console.error(
          `burrow: start connection "${settings.get().startConnection}" not found; using local discovery`,
        );
        return store.get(LOCAL_CONNECTION);
      });
    const strategies = strategiesFor(entry);
    engine = switchableEngine(
      await connectEngine({ ...connectOpts, ...(strategies ? { strategies } : {}) }),
      entry.name,
    );
  } catch (e) {
    const d = toErrorData(e);
    console.error(`burrow: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
    process.exit(1);
  }
  if (opts.doctor) {
    const report = await doctor(engine);
    console.log(formatDoctorReport(report));
    await engine.close();
    process.exit(report.counts.fail > 0 ? 1 : 0);
  }
  const version = typeof BURROW_VERSION === 'string' ? BURROW_VERSION : 'dev';
  const connections = new ConnectionsService(engine, { store, connect: connectOpts });
  // Everything the UI asks goes through the live list: full lists from memory, one shared event stream.
  const live = withLiveContainerList(engine);
  void live.containers.list().catch(() => undefined); // warm it before the first page asks
  const jobs = new JobTracker();
  const notifications = new NotificationService({ engine: live, settings, jobs });
  notifications.start();
  const router = new Router(live, { mode: 'headless', version, connections, notifications, jobs, settings });
  const terminals = new TerminalManager(live);
  const here = dirname(fileURLToPath(import.meta.url));
  let token: string | undefined;
  try {
    token = opts.tokenFile ? await persistentToken(opts.tokenFile) : undefined;
  } catch (e) {
    console.error(`burrow: --token-file ${opts.tokenFile}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
  const host = await startHeadlessHost({
    ...(token ? { token } : {}),
    router,
    staticDir: process.env.BURROW_STATIC_DIR ?? join(here, '..', 'renderer'),
    host: opts.host,
    port: opts.port,
    allowNonLoopback: opts.allowRemote,
    log: (l) => console.error(l),
    extensions: [terminalsExtension(terminals)],
  }).catch((e: unknown) => {
    console.error(`burrow: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
  const c = engine.connection();
  console.log(
    `Burrow ${version} (headless) — engine: ${engine.active} (${c.kind} ${c.uri}), Podman ${c.podmanVersion}`,
  );
  console.log(`Open ${host.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`burrow: ${signal}, stopping (containers keep running)`);
    terminals.disposeAll();
    router.disposeAll();
    notifications.dispose();
    await settings.flush().catch((e: unknown) => console.error(`burrow: ${(e as Error).message}`));
    await host.close();
    await live.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Read the token from `file`, or make one and write it there readable by the user only. */
export async function persistentToken(file: string): Promise<string> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (!/^[A-Za-z0-9_-]{32,}$/.test(text)) throw new Error('holds no valid token (32+ URL-safe characters)');
    const mode = (await stat(file)).mode & 0o077;
    if (mode !== 0) throw new Error('is readable by other users: chmod 600 it');
    return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) void main();
