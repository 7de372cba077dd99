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
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return value === undefined || value === null ? [] : unknownFields(def.innerType!, value, path);
    case 'pipe':
      return unknownFields(def.in!, value, path);
    case 'lazy':
      return unknownFields(def.getter!(), value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => unknownFields(def.element!, item, [...path, String(i)])) : [];
    case 'tuple':
      return Array.isArray(value) ? (def.items ?? []).flatMap((item, i) => unknownFields(item, value[i], [...path, String(i)])) : [];
    case 'record':
      return isPlainObject(value) ? Object.entries(value).flatMap(([k, v]) => unknownFields(def.valueType!, v, [...path, k])) : [];
    case 'intersection':
      return unionOfKnown([def.left!, def.right!], value, path);
    case 'union':
      return unionOfKnown(def.options ?? [], value, path);
    case 'object': {
      if (!isPlainObject(value)) return [];
      const shape = def.shape ?? {};
      const known = Object.keys(shape);
      const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
      const problems: FieldProblem[] = [];
      for (const [key, v] of Object.entries(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field) problems.push(...unknownFields(field, v, [...path, key]));
        else if (open) problems.push(...unknownFields(def.catchall!, v, [...path, key]));
        // An empty key is named as "" (a path is never empty).
        else problems.push({ path: [...path, key === '' ? '""' : key].join('.'), message: `unknown field${didYouMean(key, known)}; known: ${known.join(', ')}` });
      }
      return problems;
    }
    default:
      return [];
  }
}

/** A union or intersection: a key is unknown only if no member knows it (the member that fits best is reported). */
function unionOfKnown(members: z.ZodType[], value: unknown, path: string[]): FieldProblem[] {
  let best: FieldProblem[] | null = null;
  for (const member of members) {
    const problems = unknownFields(member, value, path);
    if (best === null || problems.length < best.length) best = problems;
  }
  return best ?? [];
}
