// How the contract is written: a channel (request → result), a topic (arguments → a stream of data items) and a
// message (fire-and-forget: arguments, no answer) are each a zod schema for what the UI sends, with a phantom
// field carrying what comes back. The schemas run in main and the headless host; the renderer imports types only.
import { z } from 'zod';
import type { BurrowErrorData } from '../../core/errors.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: BurrowErrorData };

/** A channel or a topic: the schema validates the arguments, the phantom field carries the result type. */
export function ch<R>() {
  return <S extends z.ZodType>(args: S): { args: S; result?: R } => ({ args });
}

/** A fire-and-forget message: validated like a channel, never answered. */
export function msg<S extends z.ZodType>(args: S): { args: S } {
  return { args };
}

export const id = z.strictObject({ id: z.string().min(1) });
export const name = z.strictObject({ name: z.string().min(1) });
export const none = z.strictObject({}).optional();
export const filters = z.record(z.string(), z.array(z.string()));
export const nameForce = z.strictObject({ name: z.string().min(1), force: z.boolean().optional() });
