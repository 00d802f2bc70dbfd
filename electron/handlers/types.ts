// What a domain's handlers look like: one function per channel (validated arguments → result), per topic
// (validated arguments + the subscription's signal → a stream) and per fire-and-forget message. The types come
// from the domain's contract module, so a handler that is missing or has the wrong shape does not compile.
import { BurrowError } from '../../core/errors.js';
import type {
  Channel,
  Message,
  ParsedArgsOf,
  ParsedMessageArgs,
  ParsedTopicArgs,
  ResultOf,
  Topic,
  TopicData,
} from '../contract/index.js';

/** Who is asking: a window or a WebSocket ("owner"); what it opens is tied to it. */
export interface Caller {
  owner: string;
}

interface ContractModule {
  channels: object;
  topics: object;
  messages: object;
}

export type CallHandlers<K extends Channel> = {
  [C in K]: (args: ParsedArgsOf<C>, caller: Caller) => Promise<ResultOf<C>>;
};
export type TopicHandlers<K extends Topic> = {
  [T in K]: (args: ParsedTopicArgs<T>, signal: AbortSignal) => AsyncIterable<TopicData<T>>;
};
export type MessageHandlers<K extends Message> = {
  [M in K]: (args: ParsedMessageArgs<M>, caller: Caller) => void;
};

export interface DomainHandlers<M extends ContractModule> {
  calls: CallHandlers<keyof M['channels'] & Channel>;
  topics: TopicHandlers<keyof M['topics'] & Topic>;
  messages: MessageHandlers<keyof M['messages'] & Message>;
}

/** A part of the app this Burrow was started without (the connections service, the terminals): say so. */
export function required<T>(dep: T | undefined, what: string): () => T {
  return () => {
    if (dep === undefined)
      throw new BurrowError({
        code: 'unsupported_on_host',
        message: `This Burrow was started without ${what}`,
        hint: `Start Burrow normally (npm start) to use ${what}.`,
      });
    return dep;
  };
}
