// Errors cross every boundary in Burrow (core → IPC → UI) as plain data: a discriminated union on `code`,
// with a message for people, an optional hint saying what they can do, and the field at fault for bad input.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'permission'
  | 'engine_unreachable'
  | 'engine_error'
  | 'unsupported_on_host'
  | 'timeout'
  | 'aborted'
  | 'internal';

/** One problem with one field of an input; `invalid_input` errors list every problem found, not only the first. */
export interface BurrowIssue {
  field: string;
  message: string;
  hint?: string;
}

export interface BurrowErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
  field?: string;
  /**
   * For invalid_input from a validation that collects: every problem found, each at its field (the first is also
   * in field/message/hint). Absent when the error is about one field only.
   */
  issues?: BurrowIssue[];
  /** HTTP status from the engine, when the error came from it. */
  status?: number;
  /** The engine's own message, kept verbatim for the Inspect/debug views. */
  cause?: string;
}

/** Thrown inside core; `toData()` is what crosses IPC. */
export class BurrowError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly field?: string;
  readonly issues?: BurrowIssue[];
  readonly status?: number;
  readonly engineMessage?: string;

  constructor(data: BurrowErrorData) {
    super(data.message);
    this.name = 'BurrowError';
    this.code = data.code;
    if (data.hint !== undefined) this.hint = data.hint;
    if (data.field !== undefined) this.field = data.field;
    if (data.issues !== undefined) this.issues = data.issues;
    if (data.status !== undefined) this.status = data.status;
    if (data.cause !== undefined) this.engineMessage = data.cause;
  }

  toData(): BurrowErrorData {
    const d: BurrowErrorData = { code: this.code, message: this.message };
    if (this.hint !== undefined) d.hint = this.hint;
    if (this.field !== undefined) d.field = this.field;
    if (this.issues !== undefined) d.issues = this.issues;
    if (this.status !== undefined) d.status = this.status;
    if (this.engineMessage !== undefined) d.cause = this.engineMessage;
    return d;
  }
}

export function invalidInput(field: string, message: string, hint?: string): BurrowError {
  return new BurrowError({ code: 'invalid_input', field, message, ...(hint ? { hint } : {}) });
}

/** Every problem with an input as one error; the first problem also fills field/message/hint. */
export function invalidInputs(issues: readonly BurrowIssue[]): BurrowError {
  const first = issues[0] ?? { field: 'input', message: 'The input is not valid' };
  return new BurrowError({ code: 'invalid_input', ...first, issues: [...issues] });
}

export function isBurrowError(e: unknown): e is BurrowError {
  return e instanceof BurrowError;
}

/** Any thrown value as error data; unknown errors become `internal` with their message. */
export function toErrorData(e: unknown): BurrowErrorData {
  if (e instanceof BurrowError) return e.toData();
  if (e instanceof Error && e.name === 'AbortError')
    return { code: 'aborted', message: 'The operation was cancelled' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message };
}
