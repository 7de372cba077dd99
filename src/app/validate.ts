import type { z } from '../zod.js';
import { ValidationError, fieldProblems, type FieldProblem } from '../errors/http-errors.js';
import { didYouMean } from '../rules/validation/suggest.js';

/**
 * Parses a request part with its zod schema, or throws a 400 listing every field path.
 *
 * Requests are strict: a field the schema does not know is a 400 naming its path (a dealer's typo
 * `odometerkm` must not silently lose the odometer). The check walks the schema beside the value, so
 * every schema is strict without each of them saying so; an object with a `catchall` (measurements)
 * takes any key. Responses may grow; requests may not.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const prefix = where === 'body' ? '' : where;
  const unknown = unknownFields(schema, value, []).map((p) => ({ ...p, path: [prefix, p.path].filter(Boolean).join('.') }));
  const parsed = schema.safeParse(value);
  const problems = [...unknown, ...(parsed.success ? [] : fieldProblems(parsed.error.issues, prefix))];
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  return parsed.data;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of objects in `value` that `schema` has no field for, as dotted paths with a suggestion. */
export function unknownFields(schema: z.ZodType, value: unknown, path: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  collectUnknown(schema, value, [...path], problems);
  return problems;
}

/**
 * Walks the schema beside the value on one path stack, and makes a path string only for a problem:
 * every request body of every route passes here, and almost none has an unknown field.
 */
function collectUnknown(schema: z.ZodType, value: unknown, path: string[], problems: FieldProblem[]): void {
  const def = defOf(schema);
  const at = (key: string, schemaAt: z.ZodType, v: unknown) => {
    path.push(key);
    collectUnknown(schemaAt, v, path, problems);
    path.pop();
  };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      if (value !== undefined && value !== null) collectUnknown(def.innerType!, value, path, problems);
      return;
    case 'pipe':
      return collectUnknown(def.in!, value, path, problems);
    case 'lazy':
      return collectUnknown(def.getter!(), value, path, problems);
    case 'array':
      if (Array.isArray(value)) value.forEach((item, i) => at(String(i), def.element!, item));
      return;
    case 'tuple':
      if (Array.isArray(value)) (def.items ?? []).forEach((item, i) => at(String(i), item, value[i]));
      return;
    case 'record':
      if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) at(k, def.valueType!, v);
      return;
    case 'intersection':
      return unionOfKnown([def.left!, def.right!], value, path, problems);
    case 'union':
      return unionOfKnown(def.options ?? [], value, path, problems);
    case 'object': {
      if (!isPlainObject(value)) return;
      const shape = def.shape ?? {};
      const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
      for (const [key, v] of Object.entries(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field) at(key, field, v);
        else if (open) at(key, def.catchall!, v);
        else {
          // An empty key is named as "" (a path is never empty).
          const known = Object.keys(shape);
          problems.push({ path: [...path, key === '' ? '""' : key].join('.'), message: `unknown field${didYouMean(key, known)}; known: ${known.join(', ')}` });
        }
      }
      return;
    }
    default:
      return;
  }
}

/** A union or intersection: a key is unknown only if no member knows it (the member that fits best is reported). */
function unionOfKnown(members: z.ZodType[], value: unknown, path: string[], problems: FieldProblem[]): void {
  let best: FieldProblem[] | null = null;
  for (const member of members) {
    const found: FieldProblem[] = [];
    collectUnknown(member, value, path, found);
    if (best === null || found.length < best.length) best = found;
    if (best.length === 0) break; // no member can fit better
  }
  if (best) problems.push(...best);
}
