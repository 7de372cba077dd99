import fc from 'fast-check';
import type { JsonSchema } from './served-routes.js';
import { HOSTILE_NUMBERS, HOSTILE_STRINGS, hostileJson } from './hostile-values.js';

type Components = Record<string, JsonSchema>;

const DATES = ['2026-03-16', '2026-03-14', '2025-01-10', '2021-03-15', '2026-03-20', '2024-02-29', '2030-12-31'];

/**
 * Values for a JSON Schema from the OpenAPI document: mostly what the schema allows (so requests reach
 * the code behind the validation), sometimes a hostile value at any node (so the validation is tried).
 */
export function valueFor(schema: JsonSchema | undefined, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, components, depth);
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: hostileJson(), weight: 1 });
}

function resolve(schema: JsonSchema | undefined, components: Components): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i += 1) s = components[(s.$ref as string).split('/').pop()!] ?? {};
  return s;
}

function validFor(raw: JsonSchema | undefined, components: Components, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(raw, components);
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alternatives = schema[key];
    if (Array.isArray(alternatives) && alternatives.length > 0) return fc.oneof(...alternatives.map((a) => valueFor(a as JsonSchema, components, depth + 1)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged = Object.assign({}, ...(schema.allOf as JsonSchema[]).map((s) => resolve(s, components))) as JsonSchema;
    return validFor(merged, components, depth);
  }
  const types = [schema.type].flat().filter((t): t is string => typeof t === 'string');
  if (schema.nullable === true) types.push('null');
  const type = types.length === 0 ? (schema.properties ? 'object' : 'any') : undefined;
  const pick = (t: string): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
        const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
        return fc.oneof(fc.integer({ min: Math.max(Math.ceil(min), -(2 ** 31)), max: Math.min(Math.floor(max), 2 ** 31) }), fc.constantFrom(...HOSTILE_NUMBERS.filter(Number.isInteger)));
      }
      case 'number':
        return fc.oneof(fc.double({ min: 0, max: 100_000, noNaN: true }), fc.constantFrom(...HOSTILE_NUMBERS));
      case 'string':
        if (schema.format === 'date') return fc.oneof({ arbitrary: fc.constantFrom(...DATES), weight: 5 }, { arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', '2026-02-30', '2026-3-1'), weight: 1 });
        if (schema.format === 'date-time') return fc.constantFrom('2026-03-16T08:00:00Z', '0001-01-01T00:00:00Z', '2026-03-16T08:00:00+08:00');
        return fc.oneof(
          { arbitrary: fc.string({ minLength: Number(schema.minLength ?? 0), maxLength: Math.max(Number(schema.minLength ?? 0), Math.min(Number(schema.maxLength ?? 24), 64)) }), weight: 3 },
          { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 1 },
        );
      case 'array': {
        const max = Math.min(Number(schema.maxItems ?? 3), 3);
        return fc.array(valueFor(schema.items as JsonSchema, components, depth + 1), { minLength: Math.min(Number(schema.minItems ?? 0), max), maxLength: max });
      }
      case 'object':
        return objectFor(schema, components, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  return type ? pick(type) : fc.oneof(...types.map(pick));
}

function objectFor(schema: JsonSchema, components: Components, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) record[name] = valueFor(property, components, depth + 1);
  const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
  return fc
    .tuple(
      fc.record(record, { requiredKeys }),
      // Sometimes a required member goes missing or an unknown one appears.
      fc.option(fc.constantFrom(...(requiredKeys.length ? requiredKeys : ['-'])), { freq: 12 }),
      fc.option(fc.constantFrom('__proto__', 'unknownField', 'constructor'), { freq: 12 }),
    )
    .map(([value, drop, extra]) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (drop) delete out[drop];
      if (extra) Object.defineProperty(out, extra, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
      return out;
    });
}
