// zod issues as Burrow's issues: every problem becomes {field, message, hint}. A hint says what the user can do
// and is declared once, beside its rule: a rule written as a refinement carries it in `params.hint`; a field
// whose built-in checks (type, int, min, max, enum) need one declares it on its schema with `hinted()`.
// Node-free: the renderer runs the same schemas on the create form.
import { z } from 'zod';
import type { BurrowIssue } from '../errors.js';

const hints = z.registry<{ hint: string }>();

/** The hint for any problem with this field that does not bring its own. */
export function hinted<S extends z.ZodType>(schema: S, hint: string): S {
  const copy = schema.clone();
  hints.add(copy as z.ZodType, { hint });
  return copy;
}

/** The error and hint of a rule written as a refinement: `.refine(ok, says((v) => `${v} is…`, 'Use…'))`. */
export function says<T>(message: (input: T) => string, hint: string) {
  return { error: (iss: { input?: unknown }) => message(iss.input as T), params: { hint } };
}

/** zod issue path → Burrow field name: ['ports', 0, 'hostPort'] → 'ports[0].hostPort' */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || 'spec';
}

/** The field a zod issue is about; an unknown key is named itself (a typo like "imagee" points at "imagee"). */
export function issueField(issue: z.core.$ZodIssue | undefined): string {
  const keys = issue && issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  return fieldPath([...(issue?.path ?? []), ...keys]);
}

// What to do about the problems zod finds by itself, where the schema declares nothing better.
const GENERIC_HINTS: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  invalid_type: 'Check the type of this field (lists are arrays of strings, numbers are numbers).',
  unrecognized_keys: 'Remove this field, or check its spelling.',
};

/** The schemas a value at this level may have met: wrappers, pipes and union members are looked through. */
function expand(schemas: z.ZodType[]): z.ZodType[] {
  const out: z.ZodType[] = [];
  const visit = (s: z.ZodType): void => {
    if (out.includes(s)) return;
    out.push(s);
    const def = s.def as unknown as Record<string, unknown>;
    for (const k of ['innerType', 'in', 'out']) if (def[k] instanceof z.ZodType) visit(def[k]);
    if (Array.isArray(def.options)) for (const o of def.options) if (o instanceof z.ZodType) visit(o);
  };
  schemas.forEach(visit);
  return out;
}

function child(s: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  if (s instanceof z.ZodObject) return (s.shape as Record<PropertyKey, z.ZodType | undefined>)[key];
  if (s instanceof z.ZodArray && typeof key === 'number') return s.element as z.ZodType;
  if (s instanceof z.ZodRecord) return s.valueType as z.ZodType;
  return undefined;
}

/** The hints declared along the issue's path, root first (wrappers, pipes and union members looked through). */
function declaredHints(root: z.ZodType, path: readonly PropertyKey[]): (string | undefined)[] {
  let level = expand([root]);
  const hintAt = () => level.map((s) => hints.get(s)?.hint).find(Boolean);
  const out = [hintAt()];
  for (const key of path) {
    level = expand(level.map((s) => child(s, key)).filter((s): s is z.ZodType => s !== undefined));
    out.push(hintAt());
  }
  return out;
}

/** Burrow field name → zod path: 'ports[0].hostPort' → ['ports', 0, 'hostPort'] (the inverse of fieldPath). */
export function pathOf(field: string): PropertyKey[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''),
  );
}

/** The hint a schema declares for a field, for problems found outside it (the create form's own parsing). */
export function declaredHint(root: z.ZodType, field: string): string | undefined {
  const path = pathOf(field);
  return declaredHints(root, path)[path.length];
}

/** A rule's problem, from inside a refinement: `problem(ctx, 'X is wrong', 'Do Y.', 'field')`. */
export function problem(
  ctx: z.core.$RefinementCtx,
  message: string,
  hint: string,
  ...path: PropertyKey[]
): void {
  ctx.addIssue({
    code: 'custom',
    message,
    params: { hint },
    ...(path.length ? { path } : {}),
    input: ctx.value,
  });
}

/**
 * For a cross-field refinement on an object: run it even when other fields failed, but only when the fields it
 * reads are sound (zod otherwise skips it after any failure, and the form would show problems one round at a time).
 */
export function whenSound(...keys: string[]) {
  return {
    when: (payload: z.core.ParsePayload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((i) => keys.includes(String(i.path?.[0] ?? ''))),
  };
}

/** Every issue of a failed parse, in the order zod found them, each with its field and a hint. */
// The hint, most specific first: the rule's own, the one declared on the field, what to do about a problem zod
// found by itself (a wrong type), the one declared on the nearest enclosing field, the caller's fallback.
// Two checks of one field can fail together with one message (`.int()` and `.min()` on -0.5): said once.
export function zodIssues(error: z.ZodError, root: z.ZodType, fallbackHint?: string): BurrowIssue[] {
  const out: BurrowIssue[] = [];
  for (const iss of error.issues) {
    const field = issueField(iss);
    if (out.some((o) => o.field === field && o.message === iss.message)) continue;
    const own = iss.code === 'custom' ? (iss.params as { hint?: unknown } | undefined)?.hint : undefined;
    // An unknown key is not a problem with the object that holds it, so that object's hint does not apply.
    const declared = iss.code === 'unrecognized_keys' ? [] : declaredHints(root, iss.path);
    const hint =
      (typeof own === 'string' ? own : undefined) ??
      declared[iss.path.length] ??
      GENERIC_HINTS[iss.code] ??
      declared.findLast(Boolean) ??
      fallbackHint;
    out.push({ field, message: iss.message, ...(hint ? { hint } : {}) });
  }
  return out;
}
