import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { openApiPath, routesOf } from '../../src/app/route-table.js';
import { buildClaim, buildNevUnit, registerUnit } from './fixtures.js';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let t: TestApp;
let doc: Json;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await request(t.app).get('/openapi.json').expect(200)).body;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op: op as Json })),
  );

describe(`the OpenAPI document is the whole contract (${databaseKind})`, () => {
  it('documents every route the app serves, and serves every route it documents', () => {
    const served = routesOf(t.app).map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    const documented = operations().map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(served.length).toBeGreaterThanOrEqual(29);
    expect(served.filter((r) => !documented.includes(r)), 'served but not documented').toEqual([]);
    expect(documented.filter((r) => !served.includes(r)), 'documented but not served').toEqual([]);
  });

  it('gives every operation a unique operationId, an audience tag, a summary and its security', () => {
    const tags = (doc.tags as Json[]).map((t) => t.name);
    expect(tags).toEqual(['Dealer systems', 'Auditors', 'Policy owners', 'Admin', 'Operations']);
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.tags?.length, where).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tags, where).toContain(tag);
      expect(op.summary, where).toBeTruthy();
      // Signing in to the console takes the key in its body: it is the one /v1 operation without a bearer.
      const isPublic = !path.startsWith('/v1/') || (path === '/v1/console/sessions' && method === 'post');
      expect(op.security, where).toEqual(isPublic ? [] : [{ bearer: [] }]);
      if (!isPublic) expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(doc.paths['/v1/eligibility'].post.tags).toEqual(['Dealer systems', 'Auditors']);
    expect(doc.paths['/v1/keys'].post.tags).toEqual(['Admin']);
    expect(doc.paths['/v1/backtests'].post.tags).toEqual(['Policy owners']);
    expect(doc.paths['/healthz'].get.tags).toEqual(['Operations']);
  });

  it('declares every error response as application/problem+json with the one Problem schema', () => {
    let errors = 0;
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400 || (path === '/v1/rulesets/reload' && status === '422')) continue;
        errors += 1;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(response.content['application/problem+json'].schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
      }
      expect(Object.keys(op.responses), `${method} ${path}`).toContain('500');
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('types the items of every list (no untyped arrays in any response)', () => {
    const untyped: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Json;
      if (schema.type === 'array' && (schema.items === undefined || Object.keys(schema.items).length === 0)) untyped.push(where);
      for (const [k, v] of Object.entries(schema)) visit(v, `${where}.${k}`);
    };
    visit(doc.components.schemas, 'components');
    visit(doc.paths, 'paths');
    expect(untyped).toEqual([]);
    expect(doc.components.schemas.ClaimPage.properties.items.items).toEqual({ $ref: '#/components/schemas/ClaimListItem' });
  });

  it('marks request schemas strict (additionalProperties: false) and leaves response schemas open', () => {
    expect(doc.components.schemas.Claim.additionalProperties).toBe(false);
    expect(doc.components.schemas.Claim.properties.jobs.items.properties.causalPart.additionalProperties).toBe(false);
    expect(doc.components.schemas.Unit.additionalProperties).toBe(false);
    expect(doc.components.schemas.UnitRecord.additionalProperties).toBeUndefined();
    expect(doc.components.schemas.Decision.additionalProperties).toBeUndefined();
    expect(doc.paths['/v1/claims'].post.responses['400'].description).toMatch(/unknown field/);
  });

  it('gives request examples, the demo files, that their own schemas accept', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const examples = operations().flatMap(({ path, method, op }) =>
      Object.entries((op.requestBody?.content ?? {}) as Record<string, Json>)
        .filter(([type, media]) => type === 'application/json' && media.example !== undefined)
        .map(([, media]) => ({ where: `${method} ${path}`, schema: media.schema, example: media.example })),
    );
    expect(examples.map((e) => e.where)).toEqual(expect.arrayContaining(['post /v1/claims', 'post /v1/units', 'post /v1/preauthorisations', 'post /v1/eligibility', 'post /v1/keys']));
    for (const { where, schema, example } of examples) {
      const validate = ajv.compile({ $ref: `doc${schema.$ref ?? ''}`, ...(schema.$ref ? {} : schema) });
      expect(validate(example) ? [] : validate.errors, where).toEqual([]);
    }
    expect(doc.paths['/v1/claims'].post.requestBody.content['application/json'].example.claimNumber).toBe('S1-2026-000123');
  });

  it('gives response examples, the README\'s answers kept in demo/, that their schemas accept', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const examples = operations().flatMap(({ path, method, op }) =>
      Object.entries(op.responses as Record<string, Json>).flatMap(([status, response]) =>
        Object.entries((response.content ?? {}) as Record<string, Json>)
          .filter(([, media]) => media.example !== undefined)
          .map(([, media]) => ({ where: `${method} ${path} ${status}`, schema: media.schema, example: media.example })),
      ),
    );
    expect(examples.map((e) => e.where)).toEqual(expect.arrayContaining(['post /v1/claims 201', 'post /v1/eligibility 200', 'post /v1/units 201']));
    for (const { where, schema, example } of examples) {
      const validate = ajv.compile({ $ref: `doc${schema.$ref ?? ''}`, ...(schema.$ref ? {} : schema) });
      expect(validate(example) ? [] : validate.errors, where).toEqual([]);
    }
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const block = (marker: string) => JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme.slice(readme.indexOf(marker)))![1]!);
    const { trace, ...decision } = doc.paths['/v1/claims'].post.responses['201'].content['application/json'].example;
    expect(trace).toEqual([]);
    expect(decision).toEqual(block('The response (201'));
    expect(doc.paths['/v1/eligibility'].post.responses['200'].content['application/json'].example).toEqual(block("A dealer system's pre-check"));
  });
});

describe(`requests are strict: an unknown field is a 400 naming its path (${databaseKind})`, () => {
  it('rejects a dealer\'s typo odometerkm with its path and the field meant, and stores nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const { odometerKm, ...claim } = buildClaim(unit);
    const res = await request(t.app).post('/v1/claims').set(t.auth.dealer).send({ ...claim, odometerkm: odometerKm }).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toContainEqual({ path: 'odometerkm', message: expect.stringContaining('did you mean "odometerKm"') });
    await request(t.app).get(`/v1/claims/${claim.claimNumber}`).set(t.auth.auditor).expect(404);
  });

  it('names the path of an unknown field deep in a job', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const jobs = claim.jobs.map((j: Json, i: number) => (i === 0 ? { ...j, causalPart: { ...j.causalPart, unitPrice: 5 } } : j));
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send({ ...claim, jobs }).expect(400);
    expect(res.body.errors).toContainEqual({ path: 'jobs.0.causalPart.unitPrice', message: expect.stringContaining('did you mean "unitPriceFen"') });
  });

  it('takes any measurement name (measurements are open) but not an unknown evidence field', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const jobs = claim.jobs.map((j: Json) => ({ ...j, measurements: { insulationMOhm: 12 } }));
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send({ ...claim, jobs }).expect(201);
    const other = buildClaim(unit);
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send({ ...other, evidence: { photos: 2, photo: 1 } }).expect(400);
    expect(res.body.errors.map((e: Json) => e.path)).toEqual(['evidence.photo']);
  });

  it('rejects unknown fields of other bodies too: a unit, a pre-check, a key', async () => {
    const unitRes = await request(t.app).post('/v1/units').set(t.auth.auditor).send({ ...buildNevUnit(), colour: 'red' }).expect(400);
    expect(unitRes.body.errors.map((e: Json) => e.path)).toEqual(['colour']);
    const unit = await registerUnit(t, buildNevUnit());
    const check = await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: unit.vin }, components: [{ component: 'traction-battery', mode: 'x' }] }).expect(400);
    expect(check.body.errors.map((e: Json) => e.path)).toEqual(['components.0.mode']);
    const key = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor', station: 'S1' }).expect(400);
    expect(key.body.errors[0]).toMatchObject({ path: 'station', message: expect.stringContaining('stationId') });
  });

  it('rejects an unknown query parameter with its path, on every documented operation', async () => {
    const res = await request(t.app).get('/v1/claims?statoinId=S1').set(t.auth.auditor).expect(400);
    expect(res.body.errors).toEqual([{ path: 'query.statoinId', message: expect.stringContaining('did you mean "stationId"') }]);
    const keys = await request(t.app).get('/v1/keys?page=2').set(t.auth.admin).expect(400);
    expect(keys.body.errors[0].path).toBe('query.page');
    await request(t.app).get('/v1/claims?stationId=S1&limit=5').set(t.auth.auditor).expect(200);
  });
});
