// Reading the user's Quadlet units on the engine's host in one round trip: a POSIX script prints the unit
// directory, the generator's path, the state of the user's systemd, every source file, what the generator makes of
// them (`quadlet -dryrun -user`: stdout and stderr) and `systemctl --user show` for the services it made, between
// `@@` markers. Everything here is pure: the script text, and the parsers of what it prints.
import type { QuadletUnitInfo, UnitActiveState } from '../model/systemd.js';
import { QUADLET_KINDS } from '../model/systemd.js';
import { autoUpdateOf, defaultServiceName, isEnabled, quadletKindOf } from './unit-file.js';

export const QUADLET_BINARIES = ['/usr/libexec/podman/quadlet', '/usr/lib/podman/quadlet'];

/** Shell lines that set $dir (the user's unit directory) and $q (the generator, or empty). */
export const FIND_QUADLET = [
  'dir="${XDG_CONFIG_HOME:-$HOME/.config}/containers/systemd"',
  'q=""',
  `for p in ${QUADLET_BINARIES.join(' ')}; do if [ -x "$p" ]; then q="$p"; break; fi; done`,
].join('\n');

export const SHOW_PROPERTIES =
  'Id,LoadState,ActiveState,SubState,Result,ActiveEnterTimestamp,InactiveEnterTimestamp,SourcePath';

const names = QUADLET_KINDS.map((k) => `-name '*.${k}'`).join(' -o ');

export const LISTING_SCRIPT = `${FIND_QUADLET}
printf '@@dir\\t%s\\n' "$dir"
printf '@@quadlet\\t%s\\n' "$q"
printf '@@systemd\\t%s\\n' "$(systemctl --user is-system-running 2>&1 | head -n 1)"
if [ -d "$dir" ]; then
  find "$dir" -maxdepth 3 -type f \\( ${names} \\) 2>/dev/null | sort | while IFS= read -r f; do
    printf '@@file\\t%s\\n' "$f"
    cat "$f"
    printf '\\n'
  done
fi
if [ -n "$q" ]; then
  out=$(mktemp) && err=$(mktemp)
  "$q" -dryrun -user >"$out" 2>"$err"
  printf '@@generated\\n'
  cat "$out"
  printf '@@generator-stderr\\n'
  cat "$err"
  units=$(sed -n 's/^---\\(.*\\)---$/\\1/p' "$out")
  if [ -n "$units" ]; then
    printf '@@show\\n'
    # shellcheck disable=SC2086
    systemctl --user show --timestamp=unix -p ${SHOW_PROPERTIES} $units 2>&1
  fi
  rm -f "$out" "$err"
fi
printf '@@end\\n'
`;

export interface ListingOutput {
  dir: string;
  quadlet: string;
  systemd: string;
  files: { path: string; text: string }[];
  generated: string;
  generatorStderr: string;
  show: string;
}

/** Split the script's output at its markers. */
export function parseListingOutput(stdout: string): ListingOutput {
  const out: ListingOutput = {
    dir: '',
    quadlet: '',
    systemd: '',
    files: [],
    generated: '',
    generatorStderr: '',
    show: '',
  };
  let current: string[] | undefined;
  let flush = () => undefined as void;
  const start = (assign: (text: string) => void) => {
    flush();
    const buf: string[] = [];
    current = buf;
    flush = () => {
      assign(buf.join('\n'));
      flush = () => undefined;
    };
  };
  for (const line of stdout.split('\n')) {
    const m = /^@@([a-z-]+)(?:\t(.*))?$/.exec(line);
    if (!m) {
      current?.push(line);
      continue;
    }
    const [, tag, arg = ''] = m;
    switch (tag) {
      case 'dir':
        flush();
        current = undefined;
        out.dir = arg;
        break;
      case 'quadlet':
        flush();
        current = undefined;
        out.quadlet = arg;
        break;
      case 'systemd':
        flush();
        current = undefined;
        out.systemd = arg;
        break;
      case 'file': {
        const path = arg;
        start((text) => out.files.push({ path, text: text.replace(/\n$/, '') + '\n' }));
        break;
      }
      case 'generated':
        start((t) => (out.generated = t));
        break;
      case 'generator-stderr':
        start((t) => (out.generatorStderr = t));
        break;
      case 'show':
        start((t) => (out.show = t));
        break;
      case 'end':
        flush();
        current = undefined;
        break;
      default:
        current?.push(line);
    }
  }
  flush();
  return out;
}

/** `systemctl show` prints one Key=value block per unit, blocks separated by a blank line. */
export function parseShow(text: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let cur: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (Object.keys(cur).length) blocks.push(cur);
      cur = {};
      continue;
    }
    const i = line.indexOf('=');
    if (i > 0) cur[line.slice(0, i)] = line.slice(i + 1);
  }
  if (Object.keys(cur).length) blocks.push(cur);
  return blocks;
}

/** `quadlet -dryrun` prints `---name.service---` before each generated unit. */
export function parseDryRun(stdout: string): Map<string, { text: string; sourcePath?: string }> {
  const units = new Map<string, { text: string; sourcePath?: string }>();
  let name: string | undefined;
  let buf: string[] = [];
  const end = () => {
    if (!name) return;
    const text = buf.join('\n').replace(/\n+$/, '\n');
    const source = /^SourcePath=(.+)$/m.exec(text)?.[1];
    units.set(name, { text, ...(source ? { sourcePath: source } : {}) });
  };
  for (const line of stdout.split('\n')) {
    const m = /^---(.+)---$/.exec(line);
    if (m) {
      end();
      name = m[1];
      buf = [];
    } else buf.push(line);
  }
  end();
  return units;
}

/**
 * The generator's complaints, by source file name (`converting "web.container": unsupported key …`), and the
 * rest (warnings) verbatim without its "Loading source unit file" chatter.
 */
export function parseGeneratorStderr(stderr: string): { errors: Map<string, string>; warnings: string[] } {
  const errors = new Map<string, string>();
  const warnings: string[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/^quadlet-generator\[\d+\]:\s*/, '').trim();
    if (!line || line.startsWith('Loading source unit file')) continue;
    const m = /^converting "([^"]+)": (.*)$/.exec(line);
    if (m) errors.set(m[1] as string, m[2] as string);
    else warnings.push(line);
  }
  return { errors, warnings };
}

const STATES: UnitActiveState[] = ['active', 'inactive', 'failed', 'activating', 'deactivating', 'reloading'];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `--timestamp=unix` prints `@seconds` (empty when it never happened). */
function timestamp(v: string | undefined): string | undefined {
  const m = /^@(\d+)$/.exec(v ?? '');
  return m && Number(m[1]) > 0 ? new Date(Number(m[1]) * 1000).toISOString() : undefined;
}

/** The units, each with its generated service (matched by SourcePath) and its systemd state. */
export function assembleUnits(out: ListingOutput): { units: QuadletUnitInfo[]; warnings: string[] } {
  const generated = parseDryRun(out.generated);
  const { errors, warnings } = parseGeneratorStderr(out.generatorStderr);
  const bySource = new Map<string, string>();
  for (const [service, g] of generated) if (g.sourcePath) bySource.set(g.sourcePath, service);
  const states = new Map<string, Record<string, string>>();
  for (const b of parseShow(out.show)) if (b.Id) states.set(b.Id, b);
  const units: QuadletUnitInfo[] = [];
  for (const f of out.files) {
    const fileName = baseName(f.path);
    const kind = quadletKindOf(fileName);
    if (!kind) continue;
    const fallback = defaultServiceName(fileName, f.text);
    const service = bySource.get(f.path) ?? (fallback && generated.has(fallback) ? fallback : undefined);
    const s = service ? states.get(service) : undefined;
    const active = s?.ActiveState as UnitActiveState | undefined;
    const since =
      active === 'active' ? timestamp(s?.ActiveEnterTimestamp) : timestamp(s?.InactiveEnterTimestamp);
    const autoUpdate = autoUpdateOf(f.text, kind);
    units.push({
      path: f.path,
      fileName,
      kind,
      ...(service ? { service } : {}),
      ...(errors.has(fileName) ? { generatorError: errors.get(fileName) as string } : {}),
      state: active && STATES.includes(active) ? active : 'unknown',
      ...(s?.SubState ? { subState: s.SubState } : {}),
      ...(s?.Result ? { result: s.Result } : {}),
      ...(since ? { since } : {}),
      enabled: isEnabled(f.text),
      ...(autoUpdate ? { autoUpdate } : {}),
      text: f.text,
    });
  }
  const known = new Set(units.map((u) => u.fileName));
  return {
    units,
    warnings: [
      ...warnings,
      ...[...errors].filter(([file]) => !known.has(file)).map(([file, m]) => `${file}: ${m}`),
    ],
  };
}
