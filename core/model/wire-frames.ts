// The headless host's streamed subscriptions (POST /api/subscribe) as binary frames, shared by the host that
// writes them and the page that reads them. A terminal's output travels as its own UTF-8 bytes, which the page
// hands to xterm.js as they are: no JSON escaping on the host, no text decoding, JSON parsing or string copies on
// the page (the issue-21 profile named these). Every other message is its JSON.
//
//   frame    = kind (1 byte) · length of the rest (uint32, big-endian) · rest
//   kind 'J' : rest = one wire message as UTF-8 JSON
//   kind 'T' : rest = subscription id (uint32) · sequence number (uint32) · the output's UTF-8 bytes,
//              i.e. the message {t:'data', id, data: {kind:'data', seq, data: <bytes>}}
//
// Plain Uint8Array/TextEncoder code: it runs in Node and in the browser alike.

export const FRAMES_CONTENT_TYPE = 'application/vnd.burrow.frames';

const KIND_JSON = 0x4a; // 'J'
const KIND_TERMINAL = 0x54; // 'T'
const HEAD = 5;
const TERMINAL_HEAD = 8;
/** No message or chunk comes near this (a terminal's chunk is ~64 KiB): a larger length is not a frame. */
const MAX_FRAME = 64 * 1024 * 1024;

const encoder = new TextEncoder();

/** Several byte arrays as one (one copy): what a reader holds of a frame split across pieces, joined output. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function frame(kind: number, rest: number, fill: (out: Uint8Array, at: number) => void): Uint8Array {
  const out = new Uint8Array(HEAD + rest);
  out[0] = kind;
  new DataView(out.buffer).setUint32(1, rest);
  fill(out, HEAD);
  return out;
}

/** A wire message as a frame. */
export function encodeMessage(message: unknown): Uint8Array {
  const json = encoder.encode(JSON.stringify(message));
  return frame(KIND_JSON, json.length, (out, at) => out.set(json, at));
}

/** One chunk of a terminal's output (already UTF-8) as a frame. */
export function encodeTerminalData(id: number, seq: number, bytes: Uint8Array): Uint8Array {
  return frame(KIND_TERMINAL, TERMINAL_HEAD + bytes.length, (out, at) => {
    const v = new DataView(out.buffer);
    v.setUint32(at, id);
    v.setUint32(at + 4, seq);
    out.set(bytes, at + TERMINAL_HEAD);
  });
}

export type DecodedFrame =
  { kind: 'message'; message: unknown } | { kind: 'terminal'; id: number; seq: number; bytes: Uint8Array };

/** Thrown for bytes that are not frames: the stream cannot be trusted past them. */
export class FrameError extends Error {}

/**
 * Reads frames from a byte stream in whatever pieces it arrives: `push` each piece, get the frames it completed.
 * A terminal frame's bytes are a view into the piece when the frame lies within one (no copy).
 */
export class FrameDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private readonly decoder = new TextDecoder();

  push(piece: Uint8Array): DecodedFrame[] {
    const buf = this.pending.length > 0 ? concatBytes([this.pending, piece]) : piece;
    const frames: DecodedFrame[] = [];
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    while (buf.length - at >= HEAD) {
      const kind = buf[at];
      const rest = view.getUint32(at + 1);
      if (
        (kind !== KIND_JSON && kind !== KIND_TERMINAL) ||
        rest > MAX_FRAME ||
        (kind === KIND_TERMINAL && rest < TERMINAL_HEAD)
      )
        throw new FrameError(`Not a frame of Burrow's stream (kind ${kind}, ${rest} bytes)`);
      if (buf.length - at - HEAD < rest) break;
      const body = buf.subarray(at + HEAD, at + HEAD + rest);
      if (kind === KIND_JSON)
        frames.push({ kind: 'message', message: JSON.parse(this.decoder.decode(body)) });
      else
        frames.push({
          kind: 'terminal',
          id: view.getUint32(at + HEAD),
          seq: view.getUint32(at + HEAD + 4),
          bytes: body.subarray(TERMINAL_HEAD),
        });
      at += HEAD + rest;
    }
    // What is left is the start of the next frame: kept (copied, so the piece it came in can go).
    this.pending = at === buf.length ? new Uint8Array(0) : buf.slice(at);
    return frames;
  }

  /** Bytes held that do not make a whole frame yet. */
  get buffered(): number {
    return this.pending.length;
  }
}
