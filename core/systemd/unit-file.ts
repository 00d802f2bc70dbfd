// Editing a Quadlet source file the way a person would: one key changed in place, comments, order and every other
// line left alone (systemd's format: [Section] headers, Key=value lines, `#`/`;` comments, a trailing `\`
// continuing a value on the next line).
import { QUADLET_KINDS, type AutoUpdatePolicy, type QuadletKind } from '../model/systemd.js';

interface Entry {
  section: string;
  key?: string;
  value?: string;
  /** Index of the first and one past the last line (a continued value spans several). */
  start: number;
  end: number;
}

function entries(lines: string[]): Entry[] {
  const out: Entry[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
    if (header) {
      section = header[1] as string;
      out.push({ section, start: i, end: i + 1 });
      continue;
    }
    let end = i + 1;
    let value = line;
    while (value.endsWith('\\') && end < lines.length) {
      value = `${value.slice(0, -1).trimEnd()} ${(lines[end] as string).trim()}`;
      end += 1;
    }
    const kv = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(value);
    if (kv && !trimmed.startsWith('#') && !trimmed.startsWith(';'))
      out.push({ section, key: kv[1] as string, value: (kv[2] as string).trim(), start: i, end });
    i = end - 1;
  }
  return out;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every value of `key` in `[section]`, in order. */
export function getKeys(text: string, section: string, key: string): string[] {
  return entries(splitLines(text))
    .filter((e) => e.section === section && e.key === key)
    .map((e) => e.value as string);
}

/**
 * Set `key` in `[section]` to one value (replacing every earlier value where the first one was), or remove it
 * with `undefined`. A missing section is appended.
 */
export function setKey(text: string, section: string, key: string, value: string | undefined): string {
  const lines = splitLines(text);
  const all = entries(lines);
  const matches = all.filter((e) => e.section === section && e.key === key);
  const replacement = value === undefined ? [] : [`${key}=${value}`];
  if (matches.length > 0) {
    const first = matches[0] as Entry;
    const out: string[] = [];
    for (let i = 0; i < lines.length;) {
      const m = matches.find((e) => e.start === i);
      if (m) {
        if (m === first) out.push(...replacement);
        i = m.end;
      } else out.push(lines[i++] as string);
    }
    return `${out.join('\n')}\n`;
  }
  if (value === undefined) return `${lines.join('\n')}\n`;
  const inSection = all.filter((e) => e.section === section);
  if (inSection.length === 0) {
    const body = lines.join('\n').replace(/\n*$/, '');
    return `${body}${body ? '\n\n' : ''}[${section}]\n${key}=${value}\n`;
  }
  // After the section's last key (or its header), before any blank lines and comments that lead to the next.
  const last = inSection[inSection.length - 1] as Entry;
  const out = [...lines.slice(0, last.end), `${key}=${value}`, ...lines.slice(last.end)];
  return `${out.join('\n')}\n`;
}

const INSTALL_KEYS = ['WantedBy', 'RequiredBy', 'UpheldBy'];

/** Quadlet turns [Install] WantedBy= into the unit starting with the user's session ("enabled"). */
export function isEnabled(text: string): boolean {
  return INSTALL_KEYS.some((k) => getKeys(text, 'Install', k).some((v) => v.trim() !== ''));
}

export function setEnabled(text: string, enabled: boolean): string {
  if (enabled) return isEnabled(text) ? text : setKey(text, 'Install', 'WantedBy', 'default.target');
  let out = text;
  for (const k of INSTALL_KEYS) out = setKey(out, 'Install', k, undefined);
  return out;
}

export function quadletKindOf(fileName: string): QuadletKind | undefined {
  const ext = /\.([a-z]+)$/.exec(fileName)?.[1];
  return (QUADLET_KINDS as readonly string[]).includes(ext ?? '') ? (ext as QuadletKind) : undefined;
}

/** The section that holds a kind's own keys: [Container], [Pod], [Kube]… */
export function mainSection(kind: QuadletKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** The service Quadlet names for a file when it has no ServiceName= (Podman's naming rules). */
export function defaultServiceName(fileName: string, text = ''): string | undefined {
  const kind = quadletKindOf(fileName);
  if (!kind) return undefined;
  const custom = getKeys(text, mainSection(kind), 'ServiceName').at(-1);
  if (custom) return custom.endsWith('.service') ? custom : `${custom}.service`;
  const base = fileName.slice(0, -(kind.length + 1));
  return kind === 'container' || kind === 'kube' ? `${base}.service` : `${base}-${kind}.service`;
}

export function autoUpdateOf(text: string, kind: QuadletKind): AutoUpdatePolicy | undefined {
  const v = getKeys(text, mainSection(kind), 'AutoUpdate').at(-1);
  return v === 'registry' || v === 'local' ? v : undefined;
}

/** AutoUpdate= exists for containers and kube units only. */
export function setAutoUpdate(text: string, kind: QuadletKind, policy: AutoUpdatePolicy | undefined): string {
  return setKey(text, mainSection(kind), 'AutoUpdate', policy);
}

const FILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,200}$/;

/** A unit file name Burrow writes: a plain name (no path) with a Quadlet extension. */
export function checkUnitFileName(fileName: string): string | undefined {
  if (!FILE_NAME_RE.test(fileName) || fileName.includes('..'))
    return 'Use letters, digits, "_", ".", "@" and "-", with no folder, e.g. web.container';
  if (!quadletKindOf(fileName)) return `The name must end in .${QUADLET_KINDS.join(', .')}`;
  return undefined;
}
