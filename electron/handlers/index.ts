// Every domain's handlers, assembled into the three maps the router serves. The mapped types make a channel,
// topic or message without a handler a compile error.
import type { Engine } from '../../core/engine-api.js';
import type { ConnectionsService } from '../../core/engine-switch.js';
import type { TraySupport } from '../../core/model/settings.js';
import type { JobTracker } from '../../core/notify/jobs.js';
import type { NotificationService } from '../../core/notify/service.js';
import type { SettingsStore } from '../../core/settings/store.js';
import type { AppInfo, Channel, Message, Topic } from '../contract/index.js';
import { appHandlers } from './app.js';
import { connectionHandlers } from './connections.js';
import { containerHandlers } from './containers.js';
import { imageHandlers } from './images.js';
import { insightHandlers } from './insight.js';
import { networkHandlers } from './networks.js';
import { notificationHandlers } from './notifications.js';
import { podHandlers } from './pods.js';
import { settingsHandlers } from './settings.js';
import { registryHandlers } from './registries.js';
import { secretHandlers } from './secrets.js';
import { systemHandlers } from './system.js';
import { terminalHandlers, type Terminals } from './terminals.js';
import type { CallHandlers, MessageHandlers, TopicHandlers } from './types.js';
import { volumeHandlers } from './volumes.js';

export type { Caller } from './types.js';
export type { Terminals } from './terminals.js';

export interface HandlerDeps {
  engine: Engine;
  mode: AppInfo['mode'];
  version: string;
  /** How often the engine status is re-checked (ms). */
  statusIntervalMs?: number;
  /** Saved connections and engine switching; without it the connections channels say so. */
  connections?: ConnectionsService;
  /** The PTYs; without them the terminal channels say so. */
  terminals?: Terminals;
  /** Notifications (told of Burrow's own stops by the router), long jobs and settings. */
  notifications?: NotificationService;
  jobs?: JobTracker;
  settings?: SettingsStore;
  /** Electron only: whether this desktop has a tray to close to. */
  tray?: TraySupport;
}

export interface Handlers {
  calls: CallHandlers<Channel>;
  topics: TopicHandlers<Topic>;
  messages: MessageHandlers<Message>;
}

export function buildHandlers(d: HandlerDeps): Handlers {
  const e = d.engine;
  const containers = containerHandlers(e);
  const images = imageHandlers(e);
  const networks = networkHandlers(e);
  const volumes = volumeHandlers(e);
  const pods = podHandlers(e);
  const registries = registryHandlers(e);
  const secrets = secretHandlers(e);
  const system = systemHandlers(
    e,
    d.statusIntervalMs !== undefined ? { statusIntervalMs: d.statusIntervalMs } : {},
  );
  const connections = connectionHandlers(d.connections);
  const insight = insightHandlers(e);
  const terminals = terminalHandlers(d.terminals);
  const app = appHandlers({ mode: d.mode, version: d.version, ...(d.tray ? { tray: d.tray } : {}) });
  const settings = settingsHandlers(d.settings, d.connections);
  const notifications = notificationHandlers(d.notifications);
  return {
    calls: {
      ...containers.calls,
      ...images.calls,
      ...networks.calls,
      ...volumes.calls,
      ...pods.calls,
      ...registries.calls,
      ...secrets.calls,
      ...system.calls,
      ...connections.calls,
      ...insight.calls,
      ...terminals.calls,
      ...app.calls,
      ...settings.calls,
      ...notifications.calls,
    },
    topics: {
      ...containers.topics,
      ...images.topics,
      ...networks.topics,
      ...volumes.topics,
      ...pods.topics,
      ...registries.topics,
      ...secrets.topics,
      ...system.topics,
      ...connections.topics,
      ...insight.topics,
      ...terminals.topics,
      ...app.topics,
      ...settings.topics,
      ...notifications.topics,
    },
    messages: {
      ...containers.messages,
      ...images.messages,
      ...networks.messages,
      ...volumes.messages,
      ...pods.messages,
      ...registries.messages,
      ...secrets.messages,
      ...system.messages,
      ...connections.messages,
      ...insight.messages,
      ...terminals.messages,
      ...app.messages,
      ...settings.messages,
      ...notifications.messages,
    },
  };
}
