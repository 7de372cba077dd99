import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, errorPaths, registerUnit, rowCounts, type RowCounts } from '../e2e/fixtures.js';
import type { UnitInput } from '../../src/units/unit-schema.js';

/** Every input the issue lists as having answered 500: each is a 4xx problem that names its field and changes nothing. */
describe(`inputs that once answered 500 (${databaseKind})`, () => {
  let t: TestApp;
  let unit: UnitInput;
  let claimNumber: string;
  let before: RowCounts;

  beforeAll(async () => {
    t = await createTestApp();
    unit = await registerUnit(t, buildNevUnit());
    claimNumber = (await decide(t, buildClaim(unit))).claimNumber ?? '';
    claimNumber = claimNumber || 'CLM-1';
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const expectRejected = async (res: Response, status: number, paths: string[]) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const path of paths) expect(errorPaths(res)).toContain(path);
    expect(await rowCounts(t.db)).toEqual(before);
  };

  beforeAll(async () => {
    before = await rowCounts(t.db);
  });

  const nulPaths = [
    ['GET', '/v1/units/NEV%00X', 'params.unitId'],
    ['GET', '/v1/claims/CLM%00-1', 'params.claimNumber'],
    ['GET', '/v1/rulesets/nev%00/1.0.0', 'params.id'],
    ['GET', '/v1/preauthorisations/PA%00', 'params.number'],
    ['GET', '/v1/statements/stations/S%001?month=2026-03', 'params.stationId'],
    ['GET', '/v1/stations/S%001/accuracy?from=2026-01-01&to=2026-03-31', 'params.stationId'],
    ['POST', '/v1/claims/CLM%00/appeals', 'params.claimNumber'],
    ['POST', '/v1/claims/CLM%00/reviews', 'params.claimNumber'],
    ['POST', '/v1/claims/CLM%00/part-returns', 'params.claimNumber'],
  ] as const;
  it.each(nulPaths)('answers 400 naming the path segment for a NUL byte in %s %s', async (method, url, path) => {
    const res = await (method === 'GET' ? request(t.app).get(url) : request(t.app).post(url).send({})).set(t.auth.admin);
    await expectRejected(res, 400, [path]);
  });

  it.each([
    ['/v1/claims?stationId=S%001', 'query.stationId'],
    ['/v1/claims?unitId=%00', 'query.unitId'],
    ['/v1/claims/CLM-1?stationId=S1%00', 'query.stationId'],
    ['/v1/preauthorisations?unitId=U%00', 'query.unitId'],
    ['/v1/recoveries?from=2026-01-01&to=2026-03-31&party=%00', 'query.party'],
  ])('answers 400 naming the query parameter for a NUL byte in %s', async (url, path) => {
    await expectRejected(await request(t.app).get(url).set(t.auth.admin), 400, [path]);
  });

  it('answers 400 naming claimNumber for a NUL byte in it, and reportedFault for a lone surrogate', async () => {
    await expectRejected(await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit, { claimNumber: 'CLM\u0000-9' })), 400, ['claimNumber']);
    await expectRejected(
      await request(t.app).post('/v1/claims').set(t.auth.auditor).set('content-type', 'application/json').send(JSON.stringify(buildClaim(unit, { reportedFault: 'broken \ud800' }))),
      400,
      ['reportedFault'],
    );
  });

  it('answers 400 for a lone surrogate in a path segment (sent as its WTF-8 bytes) and for a malformed percent-encoding', async () => {
    await expectRejected(await request(t.app).get('/v1/units/%ED%A0%80').set(t.auth.auditor), 400, ['params.unitId']);
    await expectRejected(await request(t.app).get('/v1/claims/%E0%A4%A').set(t.auth.auditor), 400, ['params.claimNumber']);
  });

  it('answers 422 naming odometerKm, not 500, for an odometer reading beyond what the database holds (3,000,000,000 km)', async () => {
    await expectRejected(await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit, { odometerKm: 3_000_000_000 })), 422, ['odometerKm']);
  });

  it('answers 400 naming the cursor for cursor=99999999999999999999999', async () => {
    await expectRejected(await request(t.app).get('/v1/claims?cursor=99999999999999999999999').set(t.auth.auditor), 400, []);
  });

  it('answers 404 for DELETE /v1/keys/1e308 and other ids that are no key id, and revokes nothing', async () => {
    for (const id of ['1e308', '99999999999999999999', '-1', '0', '1.5', '0x1']) {
      const res = await request(t.app).delete(`/v1/keys/${id}`).set(t.auth.admin);
      await expectRejected(res, 404, []);
    }
  });

  it('answers GET /v1/recoveries?from=0001-01-01 without a 5xx (a period reaching back to year 1)', async () => {
    const res = await request(t.app).get('/v1/recoveries?from=0001-01-01&to=2026-03-31').set(t.auth.auditor);
    expect(res.status, res.text).toBeLessThan(500);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('answers 400 for JSON nested deeper than 64 levels, naming where', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2_000; i += 1) deep = { a: deep };
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit, { reportedFault: deep as string }));
    expect(res.status).toBe(400);
    expect(errorPaths(res)[0]).toMatch(/^reportedFault(\.a)+$/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a __proto__ member as an unknown field instead of letting it set the role or pollute objects', async () => {
    const body = JSON.stringify({ ...buildClaim(unit), claimNumber: 'CLM-PROTO' }).replace(/^\{/, '{"__proto__":{"role":"admin","polluted":true},');
    const res = await request(t.app).post('/v1/claims').set(t.auth.dealerS2).set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 for eligibility with the component ABC (not a kebab-case code)', async () => {
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: unit.vin }, date: '2026-03-14', odometerKm: 1_000, components: [{ component: 'ABC' }] });
    expect(res.status, res.text).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
  });
});
