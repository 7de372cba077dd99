import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildEbikeUnit, buildNevUnit, nevVin, registerUnit } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`GET /openapi.json (${databaseKind})`, () => {
  it('serves a document that the OpenAPI 3.1 schema validator accepts', async () => {
    const res = await request(t.app).get('/openapi.json').expect(200).expect('Content-Type', /application\/json/);
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(res.body.openapi).toMatch(/^3\.1\./);
  });

  it('documents the public contract of SPEC §13 with the bearer key', async () => {
    const doc = (await request(t.app).get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/units', '/v1/units/import', '/v1/units/{unitId}', '/v1/claims', '/v1/claims/{claimNumber}', '/v1/eligibility', '/v1/eligibility/batch', '/v1/keys']),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Claim', 'Unit', 'Decision', 'Problem', 'EligibilityRequest', 'Eligibility']));
    const claimProps = Object.keys(doc.components.schemas.Claim.properties);
    expect(claimProps).toEqual(expect.arrayContaining(['claimNumber', 'stationId', 'unit', 'odometerKm', 'failureDate', 'repairDate', 'evidence', 'jobs']));
    expect(doc.paths['/v1/claims'].post.responses).toHaveProperty('409');
  });

  it('is public: no key needed', async () => {
    await request(t.app).get('/openapi.json').expect(200);
  });
});

describe(`responses match the schemas /openapi.json gives them (${databaseKind})`, () => {
  const DOC_ID = 'https://warranty.example/openapi.json';
  let check: (schema: string, value: unknown) => void;
  beforeAll(async () => {
    const doc = (await request(t.app).get('/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: DOC_ID, components: doc.components });
    check = (schema, value) => {
      const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/${schema}`);
      if (!validate) throw new Error(`no schema ${schema} in /openapi.json`);
      expect(validate(value) ? [] : validate.errors, `${schema}: ${JSON.stringify(value).slice(0, 200)}`).toEqual([]);
    };
  });

  it('a registered unit is a Unit', async () => {
    check('Unit', (await request(t.app).post('/v1/units').set(t.auth.auditor).send(buildNevUnit()).expect(201)).body);
  });

  it('approved, denied and pended decisions, and a stored one, are Decisions', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const approved = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit)).expect(201);
    check('Decision', approved.body);
    check('Decision', (await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim({ vin: nevVin(9_200_001) })).expect(201)).body);
    const noPhotos = buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-02', evidence: { photos: 0 } });
    const pended = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(noPhotos).expect(201);
    expect(pended.body.status).toBe('pended');
    check('Decision', pended.body);
    check('ClaimRead', (await request(t.app).get(`/v1/claims/${approved.body.claimNumber}`).set(t.auth.auditor).expect(200)).body);
  });

  it('lists, reads and reports are their documented schemas, items typed', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const noPhotos = buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-02', evidence: { photos: 0 } });
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(noPhotos).expect(201);
    const claims = (await request(t.app).get('/v1/claims').set(t.auth.auditor).expect(200)).body;
    expect(claims.items.length).toBeGreaterThan(0);
    check('ClaimPage', claims);
    const reviews = (await request(t.app).get('/v1/reviews').set(t.auth.auditor).expect(200)).body;
    expect(reviews.items.length).toBeGreaterThan(0);
    check('ReviewPage', reviews);
    check('ApiKeyPage', (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body);
    check('RuleSetVersions', (await request(t.app).get('/v1/rulesets').set(t.auth.auditor).expect(200)).body);
    check('UnitWithHistory', (await request(t.app).get(`/v1/units/${unit.unitId}`).set(t.auth.auditor).expect(200)).body);
    check('StationAccuracy', (await request(t.app).get('/v1/stations/S1/accuracy?from=2026-01-01&to=2026-12-31').set(t.auth.auditor).expect(200)).body);
    check('StationStatement', (await request(t.app).get('/v1/statements/stations/S1?month=2026-03').set(t.auth.auditor).expect(200)).body);
    check('Recoveries', (await request(t.app).get('/v1/recoveries?from=2026-01-01&to=2026-12-31').set(t.auth.auditor).expect(200)).body);
    check('Readiness', (await request(t.app).get('/readyz').expect(200)).body);
    check('ReloadResult', (await request(t.app).post('/v1/rulesets/reload').set(t.auth.policyOwner).expect(200)).body);
    const issued = (await request(t.app).post('/v1/preauthorisations').set(t.auth.auditor).send({ unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 100, validFrom: '2026-03-01', validTo: '2026-03-31' }).expect(201)).body;
    check('PreAuthorisation', issued);
    check('PreAuthorisationPage', (await request(t.app).get(`/v1/preauthorisations?unitId=${unit.unitId}`).set(t.auth.auditor).expect(200)).body);
  });

  it('NEV and e-bike pre-check answers are Eligibility', async () => {
    const nev = await registerUnit(t, buildNevUnit());
    const ebike = await registerUnit(t, buildEbikeUnit());
    check('Eligibility', (await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: nev.vin }, odometerKm: 10, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] }).expect(200)).body);
    check('Eligibility', (await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { frameSerial: ebike.frameSerial }, components: [{ component: 'handlebar' }] }).expect(200)).body);
  });

  it('validation, authentication and not-found errors are Problems', async () => {
    check('Problem', (await request(t.app).post('/v1/claims').set(t.auth.auditor).send({}).expect(400)).body);
    check('Problem', (await request(t.app).get('/v1/claims').expect(401)).body);
    check('Problem', (await request(t.app).get('/v1/units/NOPE').set(t.auth.auditor).expect(404)).body);
  });
});

describe(`GET /docs (${databaseKind})`, () => {
  it('serves the API docs as HTML', async () => {
    const res = await request(t.app).get('/docs').redirects(2);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });

  it('serves Swagger UI and its assets from the app itself, no CDN, pointed at /openapi.json', async () => {
    const page = (await request(t.app).get('/docs').expect(200)).text;
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      expect(url, 'a local asset').toMatch(/^\/docs\//);
      await request(t.app).get(url).expect(200);
    }
    const bundle = await request(t.app).get('/docs/assets/swagger-ui-bundle.js').expect(200).expect('Content-Type', /javascript/);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    expect((await request(t.app).get('/docs/init.js').expect(200)).text).toContain("url: '/openapi.json'");
  });

  it('installs no telemetry: neither swagger-ui-express nor @scarf/scarf is in the lock file', async () => {
    const lock = JSON.parse(await readFile(new URL('../../package-lock.json', import.meta.url), 'utf8'));
    const installed = Object.keys(lock.packages);
    expect(installed.filter((p) => /@scarf\/scarf|swagger-ui-express/.test(p))).toEqual([]);
    expect(installed).toContain('node_modules/swagger-ui-dist');
  });
});

describe(`health and readiness (${databaseKind})`, () => {
  it('answers /healthz with ok, no key needed', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the database kind and each loaded rule set and its hash', async () => {
    const res = await request(t.app).get('/readyz').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', database: databaseKind });
    const loaded = t.ruleBook.ruleSets.map((r) => ({ id: r.file.id, version: r.file.version, hash: r.hash }));
    expect(loaded.map((r) => r.id).sort()).toEqual(['e-bike', 'nev-special-vehicle', 'weighing-equipment']);
    expect(res.body.ruleSets).toEqual(expect.arrayContaining(loaded));
    for (const ruleSet of res.body.ruleSets) expect(ruleSet.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('echoes a caller-given x-request-id and makes one up otherwise', async () => {
    const given = await request(t.app).get('/healthz').set('x-request-id', 'dms-trace-42').expect(200);
    expect(given.headers['x-request-id']).toBe('dms-trace-42');
    const made = await request(t.app).get('/healthz').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
