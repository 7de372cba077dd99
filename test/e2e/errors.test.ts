import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request, { type Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, errorPaths, expectProblem, registerUnit, rowCounts, submitClaim } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const postJsonText = (path: string, text: string, auth = t.auth.auditor) =>
  request(t.app).post(path).set(auth).set('Content-Type', 'application/json').send(text);

describe(`every error is application/problem+json (${databaseKind})`, () => {
  it('answers each kind of error with type, title, status, code and detail, and no stack trace', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const taken = await decide(t, buildClaim(unit));
    const cases: Array<[number, string, Promise<Response>]> = [
      [400, 'malformed-json', postJsonText('/v1/claims', '{')],
      [400, 'validation-failed', request(t.app).post('/v1/claims').set(t.auth.auditor).send({})],
      [401, 'unauthorised', request(t.app).get('/v1/claims')],
      [403, 'forbidden', request(t.app).post('/v1/units').set(t.auth.dealer).send(buildNevUnit())],
      [404, 'not-found', request(t.app).get('/v1/units/NO-SUCH-UNIT').set(t.auth.auditor)],
      [404, 'no-such-route', request(t.app).get('/v1/warranties').set(t.auth.auditor)],
      [409, 'claim-number-taken', submitClaim(t, { ...buildClaim(unit), claimNumber: taken.claimNumber, odometerKm: 1 })],
      [413, 'body-too-large', postJsonText('/v1/claims', JSON.stringify({ reportedFault: 'x'.repeat(1_100_000) }))],
    ];
    for (const [status, code, pending] of cases) {
      const res = await pending;
      expectProblem(res, status, code);
      expect(res.body.type).toBe(`https://warranty.example/problems/${code}`);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
  });
});

describe(`request bodies (${databaseKind})`, () => {
  it('rejects malformed JSON with 400 malformed-json', async () => {
    const res = await postJsonText('/v1/claims', '{"claimNumber": "S1-1", "stationId": ');
    expectProblem(res, 400, 'malformed-json');
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('rejects a body over the 1 MB limit with 413 body-too-large', async () => {
    const res = await postJsonText('/v1/eligibility', JSON.stringify({ unit: { vin: 'x' }, components: [], padding: 'x'.repeat(1_100_000) }));
    expectProblem(res, 413, 'body-too-large');
    expect(res.body.detail).toContain('limit');
  });

  it('rejects a JSON body in an unsupported charset with 415', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).set('Content-Type', 'application/json; charset=latin-9000').send('{}');
    expectProblem(res, 415, 'unsupported-encoding');
  });

  it('lists every invalid field of a claim by its path', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send({
      claimNumber: '',
      stationId: 'S1',
      unit: {},
      odometerKm: -5,
      failureDate: '2026-02-30',
      repairDate: 'tomorrow',
      jobs: [{ jobId: 'J1', component: 'Traction Battery', failureMode: 'no-charge', cause: 'gremlins', causalPart: { partNumber: 'NEV-BAT-001', quantity: 0, unitPriceFen: 12.5 } }],
    });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual([
      'claimNumber', 'failureDate', 'jobs.0.causalPart.quantity', 'jobs.0.causalPart.unitPriceFen', 'jobs.0.cause', 'jobs.0.component', 'odometerKm', 'repairDate', 'unit',
    ]);
    for (const error of res.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it('names missing required fields, and a claim without jobs', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send({ stationId: 'S1', unit: { vin: 'LB9BL518XM0000042' }, jobs: [] });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual(['claimNumber', 'failureDate', 'jobs', 'repairDate']);
  });

  it('rejects a claim that is not a JSON object', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).set('Content-Type', 'text/plain').send('claim S1-1');
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['(body)']);
  });
});

describe(`unknown routes (${databaseKind})`, () => {
  it('answers an unknown /v1 route with 404 no-such-route, naming it', async () => {
    const res = await request(t.app).post('/v1/warranty-claims').set(t.auth.auditor).send({});
    expectProblem(res, 404, 'no-such-route');
    expect(res.body.detail).toBe('no route POST /v1/warranty-claims');
  });

  it('answers an unknown route outside /v1 with 404, no key needed', async () => {
    expectProblem(await request(t.app).get('/v2/claims'), 404, 'no-such-route');
  });

  it('answers a known path with a method it does not have with 405 and the methods it has in Allow', async () => {
    const res = await request(t.app).delete('/v1/claims').set(t.auth.auditor);
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });
});

describe(`a rejected request changes nothing (${databaseKind})`, () => {
  type Unit = ReturnType<typeof buildNevUnit>;
  let decided: { claimNumber: string };
  beforeAll(async () => {
    decided = await decide(t, buildClaim(await registerUnit(t, buildNevUnit())));
  });

  it.each([
    [400, 'a claim whose failure date is before the sale date', (unit: Unit) => submitClaim(t, buildClaim(unit, { failureDate: '2020-01-01' }))],
    [400, 'an invalid claim', (unit: Unit) => submitClaim(t, { ...buildClaim(unit), jobs: [] })],
    [401, 'a claim without a key', (unit: Unit) => request(t.app).post('/v1/claims').send(buildClaim(unit))],
    [401, 'a unit with an unknown key', () => request(t.app).post('/v1/units').set('Authorization', 'Bearer wk_nope').send(buildNevUnit())],
    [403, "a dealer's claim for another station", (unit: Unit) => submitClaim(t, buildClaim(unit, { stationId: 'S2' }), t.auth.dealer)],
    [403, "a dealer's key creation", () => request(t.app).post('/v1/keys').set(t.auth.dealer).send({ role: 'admin' })],
    [409, 'a changed claim under a decided number', (unit: Unit) => submitClaim(t, buildClaim(unit, { claimNumber: decided.claimNumber }))],
    [409, 'a unit with a registered VIN', (unit: Unit) => request(t.app).post('/v1/units').set(t.auth.auditor).send(buildNevUnit({ vin: unit.vin }))],
  ])('stores nothing for a %i: %s', async (status, _what, send) => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    const res = await send(unit);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
