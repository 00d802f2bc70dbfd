// The headless host's command line, parsed by `node:util`'s parseArgs: `--port 80` and `--port=80` are the same
// option and get the same checks. Kept apart from cli.ts so it is tested without starting anything.
import { parseArgs as parseNodeArgs } from 'node:util';

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

export const USAGE =
  'usage: burrow --headless [--port N] [--host ADDRESS --allow-remote] [--token-file FILE] [--connection NAME] [--service-socket PATH] | burrow --doctor [--connection NAME]';

export function parseArgs(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseNodeArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        headless: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        doctor: { type: 'boolean' },
        connection: { type: 'string' },
        'token-file': { type: 'string' },
        'service-socket': { type: 'string' },
      },
    }));
  } catch (e) {
    // Node's wording names the option ("Option '--port <value>' argument missing"); keep it, shorter.
    throw new Error(
      (e instanceof Error ? e.message : String(e)).replace(
        /^Option '(--[\w-]+).*argument missing$/,
        '$1 needs a value',
      ),
      { cause: e },
    );
  }
  const o: CliOptions = {
    port: 0,
    host: values.host ?? '127.0.0.1',
    allowRemote: values['allow-remote'] ?? false,
    doctor: values.doctor ?? false,
  };
  if (values.port !== undefined) {
    const port = /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
    o.port = port;
  }
  if (values.host === '') throw new Error('--host needs a value');
  if (values.connection) o.connection = values.connection;
  if (values['token-file']) o.tokenFile = values['token-file'];
  if (values['service-socket']) o.serviceSocket = values['service-socket'];
  return o;
}
