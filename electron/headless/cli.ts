// `npm start -- --headless [--port N] [--host H --allow-remote]`: Burrow without a window, served to a browser.
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
import { Router } from '../router.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { startHeadlessHost } from './server.js';
import { persistentToken } from './token-file.js';
import { TerminalManager } from '../terminals/manager.js';
import { terminalsExtension } from '../terminals/ws-extension.js';

declare const BURROW_VERSION: string | undefined;

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`burrow: ${e instanceof Error ? e.message : String(e)}`);
    console.error(USAGE);
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
  let engine: SwitchableEngine;
  try {
    const entry = await store.get(opts.connection ?? LOCAL_CONNECTION);
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
  const router = new Router(live, { mode: 'headless', version, connections });
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
    await host.close();
    await live.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) void main();
