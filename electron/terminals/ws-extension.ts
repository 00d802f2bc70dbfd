// Terminals over the headless host's WebSocket, with the same flow control as over Electron IPC.
//   client → { t:'term.open', id, spec } | { t:'term.attach', id, term } | { t:'term.input', term, data }
//            { t:'term.resize', term, cols, rows } | { t:'term.ack', term, bytes } | { t:'term.close', term }
//   server → { t:'term.opened', id, info, scrollback } | { t:'term.data', term, data } | { t:'term.exit', term, code }
//            { t:'term.error', id, error }
import { toErrorData } from '../../core/errors.js';
import type { HeadlessExtension } from '../headless/server.js';
import type { OpenTerminal, TerminalManager } from './manager.js';

const KINDS = ['exec', 'attach', 'unshare', 'run'];

function parseOpen(v: unknown): OpenTerminal | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !KINDS.includes(o.kind)) return undefined;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : undefined);
  const cmd =
    Array.isArray(o.command) && o.command.every((x) => typeof x === 'string')
      ? (o.command as string[])
      : undefined;
  const spec: OpenTerminal = { kind: o.kind as OpenTerminal['kind'] };
  const container = str('container');
  const image = str('image');
  const user = str('user');
  const workdir = str('workdir');
  if (container) spec.container = container;
  if (image) spec.image = image;
  if (user) spec.user = user;
  if (workdir) spec.workdir = workdir;
  if (cmd) spec.command = cmd;
  const cols = num('cols');
  const rows = num('rows');
  if (cols) spec.cols = cols;
  if (rows) spec.rows = rows;
  return spec;
}

export function terminalsExtension(terminals: TerminalManager): HeadlessExtension {
  return {
    onMessage(owner, msg, send) {
      const t = msg.t;
      if (typeof t !== 'string' || !t.startsWith('term.')) return false;
      const term = typeof msg.term === 'string' ? msg.term : '';
      const reqId = typeof msg.id === 'number' ? msg.id : 0;
      const client = (id: string) => ({
        data: (data: string) => send({ t: 'term.data', term: id, data }),
        exit: (code: number) => send({ t: 'term.exit', term: id, code }),
      });
      try {
        switch (t) {
          case 'term.open': {
            const spec = parseOpen(msg.spec);
            if (!spec) {
              send({
                t: 'term.error',
                id: reqId,
                error: { code: 'invalid_input', field: 'spec', message: 'Invalid terminal request' },
              });
              return true;
            }
            const info = terminals.open(owner, spec);
            const { scrollback } = terminals.attach(info.id, `${owner}/${info.id}`, client(info.id));
            send({ t: 'term.opened', id: reqId, info, scrollback });
            return true;
          }
          case 'term.attach': {
            const { info, scrollback } = terminals.attach(term, `${owner}/${term}`, client(term));
            send({ t: 'term.opened', id: reqId, info, scrollback });
            if (info.exited) send({ t: 'term.exit', term, code: info.exitCode ?? -1 });
            return true;
          }
          case 'term.list':
            send({ t: 'term.list', id: reqId, terminals: terminals.list() });
            return true;
          case 'term.input':
            if (typeof msg.data === 'string') terminals.write(term, msg.data);
            return true;
          case 'term.resize':
            if (typeof msg.cols === 'number' && typeof msg.rows === 'number')
              terminals.resize(term, msg.cols, msg.rows);
            return true;
          case 'term.ack':
            if (typeof msg.bytes === 'number') terminals.ack(term, msg.bytes);
            return true;
          case 'term.close':
            terminals.close(term);
            return true;
          default:
            return true;
        }
      } catch (e) {
        send({ t: 'term.error', id: reqId, term, error: toErrorData(e) });
        return true;
      }
    },
    onClose(owner) {
      terminals.detachOwner(`${owner}/`);
    },
  };
}
