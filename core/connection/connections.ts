// Connections: which Podman Burrow talks to. "Local" is automatic discovery (CONTAINER_HOST, the user's socket,
// or Burrow's private service); saved connections are unix:// sockets or ssh:// remotes, kept in
// $XDG_CONFIG_HOME/burrow/connections.json (or $BURROW_CONFIG_DIR); Podman's own (`podman system connection list`) are offered too.
import { execFile } from 'node:child_process';
import { access, constants, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BurrowError } from '../errors.js';
import type { ConnectionEntry } from '../model/types.js';
import { parseUnixUri } from './discovery.js';
import { parseSshUri } from './ssh-tunnel.js';

const execFileP = promisify(execFile);

export const LOCAL_CONNECTION = 'local';

export interface NewConnection {
  name: string;
  uri: string;
  identity?: string;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function invalid(field: string, message: string, hint: string): BurrowError {
  return new BurrowError({ code: 'invalid_input', field, message: `${field}: ${message}`, hint });
}

/** Burrow's configuration directory: $BURROW_CONFIG_DIR (a separate profile, tests) or $XDG_CONFIG_HOME/burrow. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BURROW_CONFIG_DIR) return env.BURROW_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'burrow');
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'connections.json');
}

export class ConnectionStore {
  constructor(
    private readonly file = configPath(),
    private readonly podmanPath = 'podman',
  ) {}

  private async readSaved(): Promise<NewConnection[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { connections?: unknown };
      return (Array.isArray(parsed.connections) ? parsed.connections : []).filter(
        (c): c is NewConnection =>
          typeof c === 'object' &&
          c !== null &&
          typeof (c as NewConnection).name === 'string' &&
          typeof (c as NewConnection).uri === 'string',
      );
    } catch {
      throw new BurrowError({
        code: 'engine_error',
        message: `${this.file} is not valid JSON`,
        hint: 'Fix or remove the file; Burrow rewrites it when you add a connection.',
      });
    }
  }

  private async writeSaved(list: NewConnection[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ connections: list }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** Podman's own connections; none when the CLI is missing or has none. */
  async podmanConnections(): Promise<ConnectionEntry[]> {
    try {
      const { stdout } = await execFileP(
        this.podmanPath,
        ['system', 'connection', 'list', '--format', 'json'],
        {
          timeout: 10_000,
        },
      );
      const rows = JSON.parse(stdout || '[]') as { Name?: string; URI?: string; Identity?: string }[];
      return rows
        .filter((r) => r.Name && r.URI && (r.URI.startsWith('ssh://') || r.URI.startsWith('unix://')))
        .map((r) => ({
          name: `podman:${r.Name}`,
          uri: r.URI as string,
          ...(r.Identity ? { identity: r.Identity } : {}),
          source: 'podman' as const,
        }));
    } catch {
      return [];
    }
  }

  async list(): Promise<ConnectionEntry[]> {
    const saved = (await this.readSaved()).map((c) => ({ ...c, source: 'saved' as const }));
    return [
      { name: LOCAL_CONNECTION, uri: 'auto', source: 'auto' },
      ...saved,
      ...(await this.podmanConnections()),
    ];
  }

  async get(name: string): Promise<ConnectionEntry> {
    const found = (await this.list()).find((c) => c.name === name);
    if (!found)
      throw new BurrowError({
        code: 'not_found',
        field: 'name',
        message: `No connection named "${name}"`,
        hint: 'Add it first, or pick one from the list.',
      });
    return found;
  }

  /** Validates everything first; nothing is written when a field is wrong. */
  async add(c: NewConnection): Promise<ConnectionEntry> {
    if (!NAME_RE.test(c.name) || c.name === LOCAL_CONNECTION || c.name.startsWith('podman:'))
      throw invalid(
        'name',
        `"${c.name}" is not a usable connection name`,
        'Letters, digits, ".", "_" and "-" (up to 63), not "local"; e.g. build-box.',
      );
    if (c.uri.startsWith('ssh://')) parseSshUri(c.uri, 'uri');
    else if (!c.uri.startsWith('unix://') || !parseUnixUri(c.uri))
      throw invalid(
        'uri',
        `"${c.uri}" is neither unix:// nor ssh://`,
        'e.g. ssh://me@build-box/run/user/1000/podman/podman.sock or unix:///run/user/1000/podman/podman.sock',
      );
    if (c.identity !== undefined) {
      if (!c.uri.startsWith('ssh://'))
        throw invalid(
          'identity',
          'a key only applies to ssh:// connections',
          'Leave it empty for a unix socket.',
        );
      try {
        await access(c.identity, constants.R_OK);
      } catch {
        throw invalid(
          'identity',
          `${c.identity} is not a readable file`,
          'Give the path of the private key, e.g. ~/.ssh/id_ed25519.',
        );
      }
    }
    const saved = await this.readSaved();
    if (saved.some((s) => s.name === c.name))
      throw new BurrowError({
        code: 'conflict',
        field: 'name',
        message: `A connection named "${c.name}" exists`,
        hint: 'Pick another name, or remove the old one first.',
      });
    const entry: NewConnection = {
      name: c.name,
      uri: c.uri,
      ...(c.identity ? { identity: c.identity } : {}),
    };
    await this.writeSaved([...saved, entry]);
    return { ...entry, source: 'saved' };
  }

  async remove(name: string): Promise<void> {
    const saved = await this.readSaved();
    if (!saved.some((s) => s.name === name))
      throw new BurrowError({
        code: 'not_found',
        field: 'name',
        message: `No saved connection named "${name}"`,
        hint: 'Only connections added in Burrow can be removed here; Podman’s are managed with `podman system connection`.',
      });
    await this.writeSaved(saved.filter((s) => s.name !== name));
  }
}
