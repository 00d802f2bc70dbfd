// Keeps the tray model in step with the engine (rebuilt on engine events, debounced) and runs its actions
// through the engine. No Electron here: main.ts renders the model into a real Tray.
import type { Engine } from '../core/engine-api.js';
import { toErrorData, type BurrowErrorData } from '../core/errors.js';
import type { Problem } from '../core/model/notifications.js';
import type { ContainerSummary } from '../core/model/types.js';
import { buildTrayModel, type TrayAction, type TrayModel, type TrayOptions } from './tray-model.js';

export interface TrayControllerOptions extends TrayOptions {
  onModel(model: TrayModel): void;
  onShow?(): void;
  /** A container that needs attention was picked: show the window at its page. */
  onOpen?(id: string): void;
  onQuit?(): void;
  /** Burrow itself is stopping a container (so its exit is not news), before and after the call. */
  onOwnAction?(id: string, phase: 'start' | 'end'): void;
  onError?(e: BurrowErrorData): void;
  debounceMs?: number;
}

export class TrayController {
  private readonly ac = new AbortController();
  private containers: ContainerSummary[] | undefined;
  private reachable = true;
  private problems: Problem[] = [];
  private timer: NodeJS.Timeout | undefined;
  model: TrayModel;

  constructor(
    private readonly engine: Engine,
    private readonly opts: TrayControllerOptions,
  ) {
    this.model = buildTrayModel(undefined, false, opts);
  }

  async start(): Promise<void> {
    await this.refresh();
    void this.watch();
  }

  private async watch(): Promise<void> {
    for await (const ev of this.engine.events.stream({ signal: this.ac.signal })) {
      if (ev.kind === 'container' || ev.kind === 'resync') this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.opts.debounceMs ?? 150);
  }

  async refresh(): Promise<TrayModel> {
    try {
      this.containers = await this.engine.containers.list({ all: true });
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
    this.render();
    return this.model;
  }

  /** The containers that need attention (from the notification service). */
  setProblems(problems: Problem[]): void {
    this.problems = problems;
    this.render();
  }

  private render(): void {
    this.model = buildTrayModel(this.containers, this.reachable, this.opts, this.problems);
    this.opts.onModel(this.model);
  }

  async run(action: TrayAction): Promise<void> {
    try {
      if (action.kind === 'start') await this.engine.containers.start(action.id);
      else if (action.kind === 'stop') {
        this.opts.onOwnAction?.(action.id, 'start');
        try {
          await this.engine.containers.stop(action.id);
        } finally {
          this.opts.onOwnAction?.(action.id, 'end');
        }
      } else if (action.kind === 'open') this.opts.onOpen?.(action.id);
      else if (action.kind === 'show') this.opts.onShow?.();
      else this.opts.onQuit?.();
    } catch (e) {
      this.opts.onError?.(toErrorData(e));
    }
    if (action.kind === 'start' || action.kind === 'stop') await this.refresh();
  }

  dispose(): void {
    this.ac.abort();
    if (this.timer) clearTimeout(this.timer);
  }
}
