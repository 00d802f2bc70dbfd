import type * as contract from '../contract/terminals.js';
import type { TerminalManager } from '../terminals/manager.js';
import { required, type DomainHandlers } from './types.js';

export type Terminals = Pick<
  TerminalManager,
  'validate' | 'open' | 'snapshot' | 'list' | 'close' | 'output' | 'write' | 'resize' | 'ack'
>;

export function terminalHandlers(terminals: Terminals | undefined): DomainHandlers<typeof contract> {
  const t = required(terminals, 'terminals');
  return {
    calls: {
      'terminals.open': async (a, caller) => {
        await t().validate(a);
        return t().open(caller.owner, a);
      },
      'terminals.attach': async (a) => t().snapshot(a.term),
      'terminals.list': async () => t().list(),
      'terminals.close': async (a) => t().close(a.term),
    },
    topics: {
      terminal: (a, signal) =>
        t().output(a.term, { signal, ...(a.after !== undefined ? { after: a.after } : {}) }),
    },
    messages: {
      'terminals.input': (a) => t().write(a.term, a.data),
      'terminals.resize': (a) => t().resize(a.term, a.cols, a.rows),
      'terminals.ack': (a) => t().ack(a.term, a.bytes),
    },
  };
}
