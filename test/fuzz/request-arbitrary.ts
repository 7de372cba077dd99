import fc from 'fast-check';
import type { JsonSchema, Operation } from './served-routes.js';
import { encodeSegment, HOSTILE_STRINGS, hostileJson } from './hostile-values.js';
import { valueFor } from './schema-arbitrary.js';
import type { RawRequest } from './fuzz-client.js';

export interface FuzzWorld {
  operations: Operation[];
  components: Record<string, JsonSchema>;
  /** Authorization header values by name: every role's key, a revoked key, garbage, none. */
  auth: Record<string, string | undefined>;
  /** The names in `auth` of valid keys, one per role. */
  roles: string[];
  /** Real values for path parameters (an existing unit, claim, pre-authorisation, station, rule set). */
  realValues: Record<string, string[]>;
  /** Valid bodies per operation (`POST /v1/claims`), mutated one member at a time. */
  seeds: Record<string, () => unknown>;
  /** Operations that are slow by design (reload reads every rule file): asked about rarely. */
  rare: Set<string>;
  /** Key ids the fuzz itself authenticates with: never revoked by a generated DELETE. */
  protectedKeyIds: Set<string>;
}

/** Percent-encodings a careless client sends: malformed, NUL, an encoded lone surrogate, overlong UTF-8. */
const RAW_SEGMENTS = ['%ZZ', '%E0%A4%A', '%00', 'a%00b', '%ED%A0%80', '%C0%80', '%FF', '..', '%2e%2e'];
const GENERIC_QUERY = ['from', 'to', 'party', 'stationId', 'cursor', 'limit', 'unitId', 'status', 'format', 'component', 'asOf'];
const CONTENT_TYPES = ['text/plain', 'text/csv', 'application/x-ndjson', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', ''];
const MALFORMED_BODIES = ['{', '{"a":', 'null', '"x"', '[]', '1e400', '{"a":1,"a":2}', '\u0000', '\ufeff{}', 'unitId,vin\n\u0000,\ud800\n'];

const pathValue = (name: string, world: FuzzWorld): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(world.realValues[name] ?? world.realValues.any!)).map(encodeSegment), weight: 8 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encodeSegment), weight: 3 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }).map(encodeSegment), weight: 1 },
  );

const queryValue = (schema: JsonSchema | undefined, world: FuzzWorld): fc.Arbitrary<string> =>
  fc.oneof(
    // Node itself answers 431 (before the app) to a request line over 16 KB: keep query values shorter.
    { arbitrary: valueFor(schema, world.components).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 2_000)), weight: 3 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 2 },
  );

function queryFor(op: Operation, world: FuzzWorld): fc.Arbitrary<string> {
  const documented = (op.doc?.parameters ?? []).filter((p) => p.in === 'query');
  const names = documented.length > 0 ? documented.map((p) => ({ name: p.name, schema: p.schema })) : GENERIC_QUERY.map((name) => ({ name, schema: undefined }));
  const parts = names.map(({ name, schema }) => fc.option(queryValue(schema, world).map((v) => `${encodeURIComponent(name)}=${encodeSegment(v)}`), { freq: 2 }));
  const extra = fc.option(
    fc.constantFrom('cursor=99999999999999999999999', 'limit=-1', 'limit=1e308', 'from=0001-01-01&to=9999-12-31', 'stationId=a&stationId=b', 'stationId[x]=1', '__proto__[role]=admin', 'from=%00', 'to=%ED%A0%80', 'x=%ZZ'),
    { freq: 3 },
  );
  return fc.tuple(fc.tuple(...parts), extra).map(([values, more]) => {
    const all = [...values.filter((v): v is string => v !== null), ...(more ? [more] : [])];
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** Every member path of a JSON value, to mutate one of them. */
function memberPaths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => memberPaths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) memberPaths(v, [...prefix, k], out);
  return out;
}

function mutate(seed: unknown, at: Array<string | number>, mode: 'replace' | 'delete' | 'keep', value: unknown): unknown {
  if (mode === 'keep') return seed;
  if (at.length === 0) return mode === 'replace' ? value : undefined;
  const copy = structuredClone(seed) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (mode === 'delete') delete node[last];
  else node[last] = value;
  return copy;
}

function bodyFor(op: Operation, world: FuzzWorld): fc.Arbitrary<unknown> {
  const seed = world.seeds[`${op.method} ${op.path}`];
  const schema = op.doc?.requestBody?.content?.['application/json']?.schema;
  const options: Array<{ arbitrary: fc.Arbitrary<unknown>; weight: number }> = [{ arbitrary: hostileJson(), weight: 1 }];
  if (schema) options.push({ arbitrary: valueFor(schema, world.components), weight: 3 });
  if (seed) {
    options.push({
      arbitrary: fc.tuple(fc.nat(), fc.constantFrom<'replace' | 'delete' | 'keep'>('replace', 'replace', 'replace', 'delete', 'keep', 'keep'), hostileJson()).map(([pick, mode, value]) => {
        const base = seed();
        const paths = memberPaths(base);
        return mutate(base, paths[pick % paths.length]!, mode, value);
      }),
      weight: 6,
    });
  }
  return fc.oneof(...options);
}

/** One generated request: an operation, a key, path and query values, a body and its content type. */
export function requestArbitrary(world: FuzzWorld): fc.Arbitrary<RawRequest & { operation: string }> {
  const perOperation = world.operations.map((op) => {
    const names = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    const hasBody = op.method !== 'GET';
    return {
      weight: world.rare.has(`${op.method} ${op.path}`) ? 3 : 20,
      arbitrary: fc
        .record({
          // Mostly a key that may pass (so requests get past authentication), often one that may not.
          auth: fc.oneof({ arbitrary: fc.constantFrom(...world.roles), weight: 3 }, { arbitrary: fc.constantFrom(...Object.keys(world.auth)), weight: 1 }),
          params: fc.tuple(...names.map((n) => pathValue(n, world))),
          query: queryFor(op, world),
          body: hasBody ? bodyFor(op, world) : fc.constant(undefined),
          contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 8 }, { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 }),
          malformed: fc.option(fc.constantFrom(...MALFORMED_BODIES), { freq: 10 }),
        })
        .map(({ auth, params, query, body, contentType, malformed }) => {
          let path = op.path;
          names.forEach((name, i) => {
            let value = params[i]!;
            if (op.method === 'DELETE' && world.protectedKeyIds.has(value)) value = '999999';
            path = path.replace(`:${name}`, value);
          });
          const headers: Record<string, string> = {};
          const authorization = world.auth[auth];
          if (authorization !== undefined) headers.authorization = authorization;
          let text: string | undefined;
          if (hasBody) {
            text = malformed ?? (body === undefined ? undefined : JSON.stringify(body));
            if (contentType) headers['content-type'] = contentType;
          }
          return { operation: `${op.method} ${op.path}`, method: op.method, url: path + query, headers, body: text };
        }),
    };
  });
  return fc.oneof(...perOperation);
}
