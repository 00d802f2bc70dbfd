// `npm start -- --headless [--port N] [--host H --allow-remote]`: Burrow without a window, served to a browser.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toErrorData } from '../../core/errors.js';
import { formatDoctorReport } from '../../core/insight/doctor.js';
import { doctor } from '../../core/insight/service.js';
import { createBurrowApp, logServiceEvent, type BurrowApp } from '../app.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { startHeadlessHost } from './server.js';
import { persistentToken } from './token-file.js';

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
  const version = typeof BURROW_VERSION === 'string' ? BURROW_VERSION : 'dev';
  let app: BurrowApp;
  try {
    app = await createBurrowApp({
      mode: 'headless',
      version,
      ...(opts.connection ? { connection: opts.connection } : {}),
      connect: {
        ...(opts.serviceSocket ? { privateSocketPath: opts.serviceSocket } : {}),
        onServiceEvent: logServiceEvent,
      },
    });
  } catch (e) {
    const d = toErrorData(e);
    // The cause is what the failing program said (Podman's last words on stderr): often the missing piece.
    const said = d.cause ? `\n  it said: ${d.cause.trim().split('\n').slice(-3).join('\n           ')}` : '';
    console.error(`burrow: ${d.message}${said}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
    process.exit(1);
  }
  if (opts.doctor) {
    const report = await doctor(app.engine);
    console.log(formatDoctorReport(report));
    await app.dispose();
    process.exit(report.counts.fail > 0 ? 1 : 0);
  }
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
    router: app.router,
    staticDir: process.env.BURROW_STATIC_DIR ?? join(here, '..', 'renderer'),
    host: opts.host,
    port: opts.port,
    allowNonLoopback: opts.allowRemote,
    log: (l) => console.error(l),
  }).catch((e: unknown) => {
    console.error(`burrow: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
  const c = app.engine.connection();
  console.log(
    `Burrow ${version} (headless) — engine: ${app.switchable.active} (${c.kind} ${c.uri}), Podman ${c.podmanVersion}`,
  );
  console.log(`Open ${host.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`burrow: ${signal}, stopping (containers keep running)`);
    await host.close();
    await app.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) void main();
