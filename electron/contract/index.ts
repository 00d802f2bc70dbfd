// The one typed contract between the UI and the main process, assembled from one module per domain. A new
// channel, topic or fire-and-forget message is a line in its domain's module (and a handler in
// electron/handlers/<domain>.ts); nothing else changes. Main and the headless host validate with the schemas;
// the renderer imports only types (`import type`), so zod never reaches its bundle.
import type { z } from 'zod';
import type { BurrowErrorData } from '../../core/errors.js';
import * as app from './app.js';
import * as connections from './connections.js';
import * as containers from './containers.js';
import type { Result } from './define.js';
import * as images from './images.js';
import * as insight from './insight.js';
import * as networks from './networks.js';
import * as notifications from './notifications.js';
import * as pods from './pods.js';
import * as settings from './settings.js';
import * as registries from './registries.js';
import * as secrets from './secrets.js';
import * as system from './system.js';
import * as terminals from './terminals.js';
import * as volumes from './volumes.js';

export type { Result } from './define.js';
/** Errors cross as data; the renderer reads their shape from here. */
export type { BurrowErrorData, BurrowIssue, ErrorCode } from '../../core/errors.js';
export type { AppInfo } from './app.js';
export type { EngineStatus } from './system.js';
export type { ClientMessage, ServerMessage } from './wire.js';
export type {
  TerminalInfo,
  TerminalKind,
  TerminalOutput,
  TerminalSnapshot,
  TerminalSpec,
} from './terminals.js';

/** The domains, each a module with `channels`, `topics` and `messages`. */
export const domains = {
  containers,
  images,
  networks,
  volumes,
  pods,
  registries,
  secrets,
  system,
  connections,
  insight,
  terminals,
  app,
  settings,
  notifications,
} as const;

export const channels = {
  ...containers.channels,
  ...images.channels,
  ...networks.channels,
  ...volumes.channels,
  ...pods.channels,
  ...registries.channels,
  ...secrets.channels,
  ...system.channels,
  ...connections.channels,
  ...insight.channels,
  ...terminals.channels,
  ...app.channels,
  ...settings.channels,
  ...notifications.channels,
} as const;

export const topics = {
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
} as const;

export const messages = {
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
} as const;

export type Channel = keyof typeof channels;
export type Topic = keyof typeof topics;
export type Message = keyof typeof messages;
export type ArgsOf<C extends Channel> = z.input<(typeof channels)[C]['args']>;
export type ParsedArgsOf<C extends Channel> = z.output<(typeof channels)[C]['args']>;
export type ResultOf<C extends Channel> = Exclude<(typeof channels)[C]['result'], undefined>;
export type TopicArgs<T extends Topic> = z.input<(typeof topics)[T]['args']>;
export type ParsedTopicArgs<T extends Topic> = z.output<(typeof topics)[T]['args']>;
export type TopicData<T extends Topic> = Exclude<(typeof topics)[T]['result'], undefined>;
export type MessageArgs<M extends Message> = z.input<(typeof messages)[M]['args']>;
export type ParsedMessageArgs<M extends Message> = z.output<(typeof messages)[M]['args']>;

function has(o: object, s: unknown): boolean {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(o, s);
}

export function isChannel(s: unknown): s is Channel {
  return has(channels, s);
}

export function isTopic(s: unknown): s is Topic {
  return has(topics, s);
}

export function isMessage(s: unknown): s is Message {
  return has(messages, s);
}

/** What the renderer sees: one object with the contract's three verbs, whichever transport carries it. */
export interface BurrowApi {
  call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Result<ResultOf<C>>>;
  subscribe<T extends Topic>(
    topic: T,
    args: TopicArgs<T>,
    onData: (data: TopicData<T>) => void,
    onEnd?: (error?: BurrowErrorData) => void,
  ): () => void;
  /** Fire-and-forget: never answered, never rejects (dropped while the link is down). */
  send<M extends Message>(message: M, args: MessageArgs<M>): void;
}
