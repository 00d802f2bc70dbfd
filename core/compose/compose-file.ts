// A compose file as Burrow reads it before a provider runs it: checked for what makes every provider fail
// (not a file, not YAML, no services), the project name decided (Burrow always passes -p, so the name shown is
// the one the containers get), and the services listed with what matters on a remote engine (bind mounts).
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { parseDocument } from 'yaml';
import { invalidInput } from '../errors.js';
import type { ComposeFileService, ComposeFileSummary } from '../model/compose.js';

const PROJECT_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** docker compose's rule for a project name from a folder: lower case, only [a-z0-9_-], starting alphanumeric. */
export function projectNameFrom(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function checkProjectName(name: string, field = 'project'): void {
  if (!PROJECT_RE.test(name))
    throw invalidInput(
      field,
      `"${name}" is not a usable compose project name`,
      'Lower-case letters, digits, "_" and "-", starting with a letter or digit (e.g. shop).',
    );
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  const r = record(v);
  return r ? Object.keys(r) : [];
}

/** Short syntax "./data:/data:ro" or long syntax {type: bind, source}: the host side of a bind mount. */
function bindSource(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const src = v.split(':')[0] ?? '';
    return /^[./~]/.test(src) && v.includes(':') ? src : undefined;
  }
  const r = record(v);
  return r?.type === 'bind' && typeof r.source === 'string' ? r.source : undefined;
}

function service(name: string, raw: unknown): ComposeFileService {
  const s = record(raw) ?? {};
  const ports = (Array.isArray(s.ports) ? s.ports : []).map((p) =>
    typeof p === 'string' || typeof p === 'number' ? String(p) : JSON.stringify(p),
  );
  return {
    name,
    ...(typeof s.image === 'string' ? { image: s.image } : {}),
    build: s.build !== undefined,
    dependsOn: strings(s.depends_on),
    ports,
    bindSources: (Array.isArray(s.volumes) ? s.volumes : [])
      .map(bindSource)
      .filter((x): x is string => x !== undefined),
  };
}

/** Parse a compose text; `path` is where it lives (for the project name and messages). */
export function summarizeCompose(
  text: string,
  path: string,
  opts: { project?: string; engineHost?: string } = {},
): ComposeFileSummary {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e?.linePos?.[0]?.line;
    throw invalidInput(
      'file',
      `${path} is not valid YAML${line ? ` (line ${line})` : ''}: ${(e?.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      'Fix the file; a compose file is YAML with a top-level `services:` map.',
    );
  }
  const top = record(doc.toJS());
  const services = record(top?.services);
  if (!services || Object.keys(services).length === 0)
    throw invalidInput(
      'file',
      `${path} has no services`,
      'A compose file needs a top-level `services:` map with at least one service.',
    );
  let project = opts.project;
  if (project !== undefined) checkProjectName(project);
  else if (typeof top?.name === 'string') {
    project = top.name;
    checkProjectName(project, 'file');
  } else {
    project = projectNameFrom(basename(dirname(path)));
    if (!project)
      throw invalidInput(
        'project',
        `No project name can be made from the folder of ${path}`,
        'Give the project a name (lower-case letters, digits, "_" and "-").',
      );
  }
  const list = Object.entries(services).map(([n, s]) => service(n, s));
  const warnings: string[] = [];
  for (const s of list) {
    if (!s.image && !s.build)
      warnings.push(`${s.name}: neither image nor build; the provider will refuse it`);
    if (opts.engineHost && s.bindSources.length)
      warnings.push(
        `${s.name}: bind mounts (${s.bindSources.join(', ')}) are paths on ${opts.engineHost}, where the engine runs, not on this machine`,
      );
  }
  return { path, project, services: list, warnings };
}

/** Read and check the file the user picked. Nothing runs when this throws. */
export async function readComposeFile(
  path: string,
  opts: { project?: string; engineHost?: string } = {},
): Promise<ComposeFileSummary> {
  if (!path || !isAbsolute(path))
    throw invalidInput(
      'file',
      `"${path}" is not an absolute path`,
      'Give the full path of the compose file, e.g. /home/me/shop/compose.yaml.',
    );
  const st = await stat(path).catch(() => undefined);
  if (!st)
    throw invalidInput('file', `${path} does not exist`, 'Check the path; Burrow reads it on this machine.');
  if (!st.isFile())
    throw invalidInput(
      'file',
      `${path} is not a file`,
      'Pick the compose file itself (compose.yaml or docker-compose.yml), not its folder.',
    );
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw invalidInput('file', `${path} cannot be read: ${(e as Error).message}`, 'Check its permissions.');
  }
  return summarizeCompose(text, path, opts);
}
