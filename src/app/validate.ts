import type { z } from '../zod.js';
import { ValidationError, fieldProblems } from '../errors/http-errors.js';

/** Parses a request part with its zod schema, or throws a 400 listing every field path. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error.issues, where === 'body' ? '' : where));
  return parsed.data;
}
