// Burrow's settings, persisted as JSON beside the saved connections (core/connection/connections.ts: configDir)
// and shared by every window, page and the tray of one Burrow.
//
// - Reads tolerate a hand-edited file: a wrong or unknown field is dropped and named (`problems`), the rest kept.
// - Updates are validated first (invalid_input naming the field, with a hint; nothing changes), applied in
//   memory at once, and written after `debounceMs` of quiet — a window dragged across the screen is one write,
//   not one per `move` event — atomically (a temporary file renamed over the old one), readable by the user only.
// - `flush()` writes what is pending now; the app calls it when it quits.
import * as nodeFs from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BurrowError } from '../errors.js';
import { configDir } from '../connection/connections.js';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from '../model/settings.js';
import { parseSettingsPatch, sanitizeStoredSettings } from './schema.js';

export interface SettingsFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, opts: { mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, opts: { recursive: true; mode: number }): Promise<unknown>;
}

export interface SettingsStoreOptions {
  /** Default: settings.json in Burrow's configuration directory. */
  file?: string;
  debounceMs?: number;
  fs?: SettingsFs;
}

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'settings.json');
}

type Listener = (next: Settings, before: Settings) => void;

export class SettingsStore {
  readonly file: string;
  /** What was wrong in the file when it was read (dropped fields), for the Settings view and the log. */
  problems: string[] = [];
  /** Whether the file existed when loaded (a first start may import older settings). */
  existed = false;
  private current: Settings = structuredClone(DEFAULT_SETTINGS);
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private seq = 0;
  private readonly fs: SettingsFs;

  constructor(private readonly opts: SettingsStoreOptions = {}) {
    this.file = opts.file ?? settingsPath();
    this.fs = opts.fs ?? nodeFs;
  }

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await this.fs.readFile(this.file, 'utf8');
      this.existed = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problems = [`${this.file}: ${(e as Error).message}`];
      return this.current;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.problems = [`${this.file} is not valid JSON: every setting is back to its default`];
      return this.current;
    }
    const { patch, dropped } = sanitizeStoredSettings(raw);
    this.problems = dropped.map((f) => `${this.file}: ${f} was not valid and is back to its default`);
    this.current = applySettingsPatch(structuredClone(DEFAULT_SETTINGS), patch);
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Validate and apply a partial update; the file follows after the debounce. */
  update(raw: unknown): Settings {
    const patch = parseSettingsPatch(raw);
    const before = this.current;
    this.current = applySettingsPatch(before, patch);
    this.dirty = true;
    this.schedule();
    for (const fn of this.listeners) fn(this.current, before);
    return this.current;
  }

  /** Write pending changes now (and wait for any write in flight). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) {
      this.dirty = false;
      this.writing = this.writing.catch(() => undefined).then(() => this.write(this.current));
    }
    return this.writing;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.opts.debounceMs ?? 300);
  }

  private async write(s: Settings): Promise<void> {
    this.seq += 1;
    const tmp = `${this.file}.${process.pid}.${this.seq}.tmp`;
    try {
      await this.fs.mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await this.fs.writeFile(tmp, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
      await this.fs.rename(tmp, this.file);
    } catch (e) {
      this.dirty = true; // try again with the next change or flush
      throw new BurrowError({
        code: 'permission',
        message: `Could not save settings to ${this.file}: ${(e as Error).message}`,
        hint: 'Check that the directory is writable by you (or set BURROW_CONFIG_DIR).',
      });
    }
  }
}
