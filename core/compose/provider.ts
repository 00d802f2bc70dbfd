// Which compose tool runs a compose file. Burrow has no compose engine of its own: it runs the one this machine
// has, in this order — `podman compose` (Podman ≥ 4.7, itself a front for the next two), `podman-compose`,
// `docker-compose`, `docker compose` — pointed at the engine's socket (for a remote engine, the SSH tunnel's), so
// the project lands on the engine Burrow shows, as `docker compose` does with a remote DOCKER_HOST. The compose
// file stays where it is, on this machine.
import type { HostShell } from '../host-shell.js';
import type { ComposeProvider, ComposeProviderKind, ComposeProviders } from '../model/compose.js';

export const CANDIDATES: readonly { kind: ComposeProviderKind; command: string[] }[] = [
  { kind: 'podman compose', command: ['podman', 'compose'] },
  { kind: 'podman-compose', command: ['podman-compose'] },
  { kind: 'docker-compose', command: ['docker-compose'] },
  { kind: 'docker compose', command: ['docker', 'compose'] },
];

export const INSTALL_HINT =
  'Install a compose tool: `sudo apt install podman-compose` (Debian, Ubuntu) or `sudo dnf install podman-compose` (Fedora); docker-compose works too.';

/**
 * The environment that points a provider at the engine's socket: CONTAINER_HOST makes the podman CLI (which
 * podman-compose runs) talk to it, DOCKER_HOST does the same for docker-compose.
 */
export function providerEnv(socketPath: string): Record<string, string> {
  return { CONTAINER_HOST: `unix://${socketPath}`, DOCKER_HOST: `unix://${socketPath}` };
}

/** "podman-composer version  1.0.3", "docker-compose version 1.29.2, build …", "Docker Compose version v2.20.2" */
export function parseProviderVersion(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /compose(?:r)?\s+version[:\s]+v?(\d+(?:\.\d+)+[\w+~-]*)/i.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** `podman compose` announces the tool it runs: `>>>> Executing external compose provider "/usr/bin/…"`. */
export function parseDelegate(text: string): string | undefined {
  return /external compose provider "([^"]+)"/.exec(text)?.[1];
}

/** Try each candidate's `version` on this machine; the first that answers is the one Burrow uses. */
export async function findComposeProviders(
  shell: HostShell,
  socketPath: string,
  opts: { prefer?: ComposeProviderKind } = {},
): Promise<ComposeProviders> {
  const tried: ComposeProviders['tried'] = [];
  const available: ComposeProvider[] = [];
  const env = providerEnv(socketPath);
  for (const c of CANDIDATES) {
    let r: { code: number; stdout: string; stderr: string };
    try {
      r = await shell.run([...c.command, 'version'], { env, timeoutMs: 30_000 });
    } catch (e) {
      tried.push({ kind: c.kind, found: false, why: (e as Error).message });
      continue;
    }
    const all = `${r.stdout}\n${r.stderr}`;
    if (r.code !== 0) {
      const why = all.trim().split('\n').filter(Boolean).slice(0, 2).join(' ') || `exit ${r.code}`;
      tried.push({ kind: c.kind, found: false, why });
      continue;
    }
    const delegate = parseDelegate(all);
    available.push({
      kind: c.kind,
      command: c.command,
      version: parseProviderVersion(all) ?? 'unknown version',
      ...(delegate ? { delegate } : {}),
    });
    tried.push({ kind: c.kind, found: true });
  }
  const chosen = available.find((p) => p.kind === opts.prefer) ?? available[0];
  return {
    available,
    tried,
    ...(chosen ? { chosen } : { hint: INSTALL_HINT }),
  };
}

export function describeProvider(p: ComposeProvider): string {
  return `${p.kind} ${p.version}${p.delegate ? ` (running ${p.delegate})` : ''}`;
}
