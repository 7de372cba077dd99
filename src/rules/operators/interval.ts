import type { DateInterval } from '../../terms/term-arithmetic.js';

/** Operator validator: the fact must be a `{ from, to }` pair of ISO dates. */
export function isInterval(value: unknown): value is DateInterval {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.from === 'string' && typeof candidate.to === 'string';
}
