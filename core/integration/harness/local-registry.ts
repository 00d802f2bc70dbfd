// A real OCI registry on loopback for pull tests: Debian's `docker-registry` binary, storage in a temp dir,
// a free port on 127.0.0.1, the fixtures pushed into it. Started by the integration global setup (and reused by
// e2e and benchmarks); stopped by the PID we started, and its storage removed.
// The authenticated variant (login tests) asks for a user and password (htpasswd, bcrypt, from Debian's
// apache2-utils) and serves TLS with a throwaway CA (openssl), because Podman's API checks a login only over
// HTTPS: the test trusts that CA through the user's containers/certs.d (trustRegistryCa).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onEngineHost } from './target.js';

const execFileP = promisify(execFile);
export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface LocalRegistry {
  /** host:port, e.g. 127.0.0.1:41234 */
  address: string;
  pid: number;
  /** PEM of the CA that signed the registry's certificate (authenticated registries only). */
  caCert?: string;
  stop(): Promise<void>;
}

export interface RegistryAuth {
  username: string;
  password: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A registry is up when /v2/ answers: 200 when open, 401 when it asks for a login. */
async function waitForRegistry(
  address: string,
  child: ChildProcess,
  timeoutMs: number,
  tls: boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}`);
    try {
      if (tls) {
        // fetch() cannot trust a private CA; a TCP connect shows the listener is up.
        await new Promise<void>((resolve, reject) => {
          const [host, port] = address.split(':');
          const s = connect(Number(port), host ?? '127.0.0.1', () => (s.end(), resolve()));
          s.once('error', reject);
        });
        return;
      }
      const res = await fetch(`http://${address}/v2/`);
      if (res.status === 200) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry on ${address} did not answer within ${timeoutMs} ms: ${lastError}`);
}

async function tool(file: string, args: string[], pkg: string, cwd: string): Promise<string> {
  try {
    return (await execFileP(file, args, { cwd, timeout: 60_000 })).stdout;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${file} not found: install the Debian/Ubuntu package "${pkg}" (the login tests need it)`,
        {
          cause: e,
        },
      );
    throw e;
  }
}

/** A CA and a server certificate for 127.0.0.1, localhost and 10.0.2.2 (the host's loopback seen from the guest). */
async function makeCertificates(dir: string): Promise<void> {
  const ossl = (args: string[]) => tool('openssl', args, 'openssl', dir);
  await ossl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=burrow-test-ca'].concat([
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    ]),
  );
  await ossl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'srv.key',
    '-out',
    'srv.csr',
  ]);
  await writeFile(
    join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,IP:10.0.2.2,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await ossl(
    [
      'x509',
      '-req',
      '-in',
      'srv.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
    ].concat(['-extfile', 'ext.cnf', '-out', 'srv.crt']),
  );
}

export async function startLocalRegistry(opts: { auth?: RegistryAuth } = {}): Promise<LocalRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'burrow-registry-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const auth = opts.auth;
  if (auth) {
    await makeCertificates(dir);
    const line = await tool('htpasswd', ['-nbB', auth.username, auth.password], 'apache2-utils', dir);
    await writeFile(join(dir, 'htpasswd'), line.trim() + '\n');
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${address}`,
    ...(auth
      ? [
          '  tls:',
          `    certificate: ${join(dir, 'srv.crt')}`,
          `    key: ${join(dir, 'srv.key')}`,
          'auth:',
          '  htpasswd:',
          '    realm: burrow-test',
          `    path: ${join(dir, 'htpasswd')}`,
        ]
      : []),
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: false,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    await waitForRegistry(address, child, 15_000, auth !== undefined);
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${stderr}`, { cause: e });
  }
  const pid = child.pid ?? -1;
  const caCert = auth ? await readFile(join(dir, 'ca.crt'), 'utf8') : undefined;
  return {
    address,
    pid,
    ...(caCert ? { caCert } : {}),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Push a local image into the registry under the same repository path. */
export async function pushToRegistry(registry: string, localRef: string, repoPath: string): Promise<string> {
  const target = `${registry}/${repoPath}`;
  await execFileP('podman', ['push', '--quiet', '--tls-verify=false', localRef, target], {
    timeout: 120_000,
  });
  return target;
}

/**
 * Trust a registry's CA on the engine's host the way Podman documents it:
 * ~/.config/containers/certs.d/<host:port>/ca.crt of the engine's user. Returns the undo.
 */
export async function trustRegistryCa(address: string, caPem: string): Promise<() => Promise<void>> {
  const dir = `.config/containers/certs.d/${address}`;
  await onEngineHost('sh', ['-c', `cd && mkdir -p '${dir}' && cat > '${dir}/ca.crt'`], { input: caPem });
  return async () => {
    await onEngineHost('sh', ['-c', `cd && rm -rf '${dir}'`]);
  };
}

export interface StalledRegistry {
  /** 127.0.0.1:port (the guest reaches it as 10.0.2.2:port, which its registries.conf lists as insecure). */
  address: string;
  /** The first line of every HTTP request the engine sent, in order. */
  requests: string[];
  /** How many of those requests the engine still holds open. */
  open(): number;
  stop(): Promise<void>;
}

/**
 * A "registry" that never answers, for Cancel tests: TLS is refused at once (Podman then falls back to plain
 * HTTP, as it does for a loopback or insecure registry) and every HTTP request is held open until the client drops
 * it. A pull or push against it runs until it is cancelled, and open() dropping to 0 shows the engine stopped too.
 */
export async function startStalledRegistry(): Promise<StalledRegistry> {
  const held = new Set<Socket>();
  const requests: string[] = [];
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', (d) => {
      if (d[0] === 0x16) return void s.destroy(); // a TLS ClientHello
      held.add(s);
      s.once('close', () => held.delete(s));
      requests.push(d.toString('latin1').split('\r\n')[0] ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    open: () => held.size,
    async stop() {
      for (const s of held) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
