// Terminals in the contract. Sessions are opened, attached, listed and closed through channels; their output is
// a topic (a subscription owned by its window or socket, so a page going away detaches it while the PTY lives on
// for a reload to reattach); keystrokes, resizes and flow-control acknowledgements are fire-and-forget messages.
//
// attach → { scrollback, seq } and then the `terminal` topic with { after: seq }: the topic replays whatever was
// written between the two, so nothing is lost or shown twice. Each data item carries its seq for the same reason
// after a reconnect (the client skips items it has already shown, and still acknowledges them).
import { z } from 'zod';
import { ch, msg, none } from './define.js';

export const TERMINAL_KINDS = ['exec', 'attach', 'unshare', 'run'] as const;

/** A container name or id as podman's CLI takes it (no option-like or path-like values). */
const containerRef = z
  .string()
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container name or id');

export const terminalSpecSchema = z
  .strictObject({
    kind: z.enum(TERMINAL_KINDS),
    /** Container id or name (exec, attach). */
    container: containerRef.optional(),
    /** Image (run). */
    image: z.string().min(1).max(1000).optional(),
    command: z.array(z.string().max(65536)).max(1000).optional(),
    user: z.string().min(1).max(256).optional(),
    workdir: z.string().min(1).max(4096).optional(),
    cols: z.number().int().min(1).max(1000).optional(),
    rows: z.number().int().min(1).max(500).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.kind === 'exec' || s.kind === 'attach') && s.container === undefined)
      ctx.addIssue({ code: 'custom', path: ['container'], message: `${s.kind} needs a container` });
    if (s.kind === 'run' && s.image === undefined)
      ctx.addIssue({ code: 'custom', path: ['image'], message: 'run needs an image' });
  });

export type TerminalSpec = z.input<typeof terminalSpecSchema>;
export type TerminalKind = TerminalSpec['kind'];

export const terminalInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(TERMINAL_KINDS),
  title: z.string(),
  pid: z.number(),
  exited: z.boolean(),
  exitCode: z.number().optional(),
});
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** What attach returns: recent output, and the position the output topic continues from. */
export interface TerminalSnapshot {
  info: TerminalInfo;
  scrollback: string;
  seq: number;
}

/**
 * One item of a terminal's output topic; `exit` is the last. The host sends output as text; the headless wire hands it to the page as its UTF-8 bytes (a streamed
 * subscription's frames, core/model/wire-frames.ts), which xterm.js takes as they are.
 */
export type TerminalOutput =
  { kind: 'data'; seq: number; data: string | Uint8Array } | { kind: 'exit'; code: number };

const term = z.string().min(1).max(64);
const termArgs = z.strictObject({ term });

export const channels = {
  'terminals.open': ch<TerminalInfo>()(terminalSpecSchema),
  'terminals.attach': ch<TerminalSnapshot>()(termArgs),
  'terminals.list': ch<TerminalInfo[]>()(none),
  /** Ends the session's process (the `podman exec` client and, with it, the exec session). */
  'terminals.close': ch<void>()(termArgs),
} as const;

export const topics = {
  terminal: ch<TerminalOutput>()(z.strictObject({ term, after: z.number().int().min(0).optional() })),
} as const;

export const messages = {
  'terminals.input': msg(z.strictObject({ term, data: z.string().max(4 * 1024 * 1024) })),
  'terminals.resize': msg(
    z.strictObject({ term, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(500) }),
  ),
  /** Bytes the client has rendered: what lets a paused PTY run again. */
  'terminals.ack': msg(
    z.strictObject({
      term,
      bytes: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31),
    }),
  ),
} as const;
