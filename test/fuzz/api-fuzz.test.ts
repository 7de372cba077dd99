import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, registerUnit, batteryPreAuthorisation } from '../e2e/fixtures.js';
import { listen } from '../ops/claim-load.js';
import { operationsOf, type JsonSchema } from './served-routes.js';
import { requestArbitrary, type FuzzWorld } from './request-arbitrary.js';
import { send, tableCounter, type RawResponse } from './fuzz-client.js';

/** Seeded: a failure prints the seed and the path that reproduce it. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const FIELD_CODES = new Set(['validation-failed', 'claim-data-error', 'invalid-value']);

/** What every answer must be: never 5xx; a 4xx is problem+json naming the fields at fault. */
function problemsWith(res: RawResponse): string[] {
  const wrong: string[] = [];
  if (res.status >= 500) wrong.push(`answered ${res.status}`);
  if (res.status >= 400 && res.status < 500) {
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) wrong.push(`a ${res.status} that is not problem+json (${res.headers['content-type']})`);
    const body = res.json as { status?: unknown; code?: unknown; title?: unknown; detail?: unknown; type?: unknown; errors?: unknown } | undefined;
    if (!body || body.status !== res.status || typeof body.code !== 'string' || typeof body.title !== 'string' || typeof body.detail !== 'string' || typeof body.type !== 'string') wrong.push('a problem without type, title, status, code and detail');
    else if (FIELD_CODES.has(body.code) || body.errors !== undefined) {
      const errors = body.errors as Array<{ path?: unknown; message?: unknown }> | undefined;
      if (!Array.isArray(errors) || errors.length === 0) wrong.push(`a ${body.code} without the field paths at fault`);
      else if (errors.some((e) => typeof e.path !== 'string' || e.path === '' || typeof e.message !== 'string')) wrong.push('a field problem without its path or message');
    }
    if (res.status === 401 && !res.headers['www-authenticate']) wrong.push('a 401 without WWW-Authenticate');
  }
  return wrong;
}

describe(`fuzzing every operation of the served OpenAPI document (${databaseKind})`, () => {
  let t: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  let world: FuzzWorld;

  beforeAll(async () => {
    // Hundreds of generated requests carry no or wrong keys: the failed-auth limit (tested on its own) would answer all the rest 429.
    t = await createTestApp({ authRateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    await decide(t, claim);
    const revoked = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor', label: 'to be revoked' }).expect(201);
    await request(t.app).delete(`/v1/keys/${revoked.body.id}`).set(t.auth.admin).expect(204);
    const keys = (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body.items as Array<{ id: number }>;
    const document = (await request(t.app).get('/openapi.json').expect(200)).body as { paths: Record<string, never>; components?: { schemas?: Record<string, JsonSchema> } };
    const ruleSet = t.ruleBook.ruleSets[0]!.file;
    let n = 0;
    world = {
      operations: operationsOf(t.app, document),
      components: document.components?.schemas ?? {},
      auth: {
        admin: t.auth.admin.Authorization, auditor: t.auth.auditor.Authorization, dealer: t.auth.dealer.Authorization, dealerS2: t.auth.dealerS2.Authorization,
        policyOwner: t.auth.policyOwner.Authorization, revoked: `Bearer ${revoked.body.key}`, none: undefined, unknown: 'Bearer wk_not-a-key', basic: 'Basic YWRtaW46YWRtaW4=', empty: 'Bearer ',
      },
      roles: ['admin', 'auditor', 'dealer', 'dealerS2', 'policyOwner'],
      realValues: {
        any: ['x', unit.unitId, claim.claimNumber],
        unitId: [unit.unitId, 'NEV-0042'],
        claimNumber: [claim.claimNumber, 'CLM-none'],
        number: [batteryPreAuthorisation(unit.vin!), 'PA-none'],
        stationId: ['S1', 'S2'],
        id: [ruleSet.id, String(revoked.body.id), '999999', '1e308'],
        version: [ruleSet.version],
      },
      seeds: {
        'POST /v1/claims': () => buildClaim(unit, { claimNumber: `FZ-${(n += 1)}` }),
        'POST /v1/claims/:claimNumber/corrections': () => buildClaim(unit, { claimNumber: claim.claimNumber }),
        'POST /v1/units': () => buildNevUnit(),
        'POST /v1/eligibility': () => ({ unit: { vin: unit.vin }, date: '2026-03-14', odometerKm: 150_000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] }),
        'POST /v1/eligibility/batch': () => ({ requests: [{ unit: { vin: unit.vin }, date: '2026-03-14', odometerKm: 1_000, components: [{ component: 'traction-battery' }] }] }),
        'POST /v1/preauthorisations': () => ({ number: `PA-FZ-${(n += 1)}`, unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 100_000, validFrom: '2026-01-01', validTo: '2026-12-31' }),
        'POST /v1/keys': () => ({ role: 'dealer', stationId: 'S9', label: 'fuzz' }),
      },
      rare: new Set(['POST /v1/rulesets/reload', 'POST /v1/backtests', 'POST /v1/settlement/expire-returns']),
      protectedKeyIds: new Set(keys.map((k) => String(k.id)).filter((id) => id !== String(revoked.body.id))),
    };
    http = await listen(t.app);
  }, 180_000);

  afterAll(async () => {
    await http?.close();
    await t?.close();
  }, 60_000);

  it(`answers ${RUNS} generated requests (every role's key, no key, a revoked key, hostile values) with no 5xx, problem+json 4xx naming the field, and no row changed by a rejection`, async () => {
    expect(world.operations.length).toBeGreaterThanOrEqual(20);
    const base = new URL(http.base);
    const counts = await tableCounter(t.db);
    let before = await counts();
    const statuses = new Map<number, number>();
    const operationsSeen = new Set<string>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(world), async (req) => {
        const res = await send(base, req);
        sent += 1;
        operationsSeen.add(req.operation);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const wrong = problemsWith(res);
        const after = await counts();
        if (res.status >= 400) {
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length) wrong.push(`a rejected request changed ${changed.join(', ')}`);
        }
        before = after;
        if (wrong.length) throw new Error(`${wrong.join('; ')}\n${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${(req.body ?? '').slice(0, 500)}\n→ ${res.status} ${res.text.slice(0, 500)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzz (${databaseKind}, seed ${SEED}): ${sent} requests over ${operationsSeen.size} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(sent).toBe(RUNS);
    expect(operationsSeen.size).toBe(world.operations.length);
  }, 900_000);
});
