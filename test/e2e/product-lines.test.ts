import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { batteryJob, buildClaim, buildEbikeUnit, buildNevUnit, decide, errorPaths, expectProblem, frameJob, reasonCodes, registerUnit, rowCounts, submitClaim } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (path: string, auth = t.auth.dealer) => request(t.app).get(path).set(auth);

describe(`GET /v1/product-lines (${databaseKind})`, () => {
  it('lists every product line with its policy and rule set versions, to a dealer too', async () => {
    const res = await get('/v1/product-lines').expect(200);
    const lines = res.body.items.map((l: { productLine: string }) => l.productLine);
    expect(lines).toEqual(expect.arrayContaining(['e-bike', 'nev-special-vehicle']));
    const nev = res.body.items.find((l: { productLine: string }) => l.productLine === 'nev-special-vehicle');
    expect(nev).toMatchObject({ policies: [{ version: '2021-01-01', from: '2021-01-01', to: null }], ruleSets: [{ version: '2021-01-01' }], vocabulary: '/v1/product-lines/nev-special-vehicle' });
  });

  it('gives the NEV vocabulary on a date: the drive motor has no "smoke", the battery lists its modes, causes, parts and operations', async () => {
    const res = await get('/v1/product-lines/nev-special-vehicle?date=2026-03-16', t.auth.auditor).expect(200);
    expect(res.body).toMatchObject({ productLine: 'nev-special-vehicle', date: '2026-03-16', policy: { id: 'nev-special-vehicle', version: '2021-01-01' }, ruleSet: { version: '2021-01-01' } });
    const motor = res.body.components.find((c: { component: string }) => c.component === 'drive-motor');
    expect(motor).toMatchObject({ category: 'core-three-electric', electrical: true, anyFault: false });
    expect(motor.failureModes).toContain('burnout');
    expect(motor.failureModes).not.toContain('smoke');
    expect(res.body.causes).toContain('defect-material');
    expect(res.body.parts).toContainEqual({ partNumber: 'NEV-BAT-001', component: 'traction-battery', genuine: true });
    expect(res.body.labourOperations).toContainEqual({ operationCode: 'NEV-OP-MOT-RR', standardHours: 4.5, description: 'drive motor remove and refit' });
  });

  it('lists every mode of the line for an e-bike controller, whose term covers any fault', async () => {
    const res = await get('/v1/product-lines/e-bike?date=2025-05-01').expect(200);
    const controller = res.body.components.find((c: { component: string }) => c.component === 'controller');
    expect(controller.anyFault).toBe(true);
    expect([...controller.failureModes].sort()).toEqual([...res.body.failureModes].sort());
    const hub = res.body.components.find((c: { component: string }) => c.component === 'hub-motor');
    expect(hub.failureModes).toEqual(expect.arrayContaining(['bearing-shattered', 'other']));
  });

  it('answers 404 for an unknown product line with the one meant, and for a date before any policy', async () => {
    const unknown = await get('/v1/product-lines/ebike');
    expectProblem(unknown, 404, 'not-found');
    expect(unknown.body.detail).toContain('did you mean "e-bike"');
    expectProblem(await get('/v1/product-lines/e-bike?date=2019-12-31'), 404, 'not-found');
    const bad = await get('/v1/product-lines/e-bike?date=31.12.2025');
    expectProblem(bad, 400, 'validation-failed');
    expect(errorPaths(bad)).toEqual(['query.date']);
  });
});

describe(`claims naming values the vocabulary does not hold (${databaseKind})`, () => {
  it('refuses 422 a NEV drive-motor claim with failure mode "smoke" and stores nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    const claim = buildClaim(unit, { jobs: [batteryJob({ component: 'drive-motor', failureMode: 'smoke', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 }, consequentialParts: [], labour: [{ operationCode: 'NEV-OP-MOT-RR', hours: 4.5, rateFen: 8000 }] })] });
    const res = await submitClaim(t, claim);
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'jobs.0.failureMode', value: 'smoke', validValues: '/v1/product-lines/nev-special-vehicle?date=2026-03-16', allowed: expect.arrayContaining(['burnout', 'overheating']) }),
    ]);
    expect(await rowCounts(t.db)).toEqual(before);
    // Nothing was stored: the number is free for the corrected claim.
    const fixed = await decide(t, { ...claim, jobs: [{ ...claim.jobs[0]!, failureMode: 'overheating' }] });
    expect(fixed.jobs[0]).toMatchObject({ covered: true, coverage: { term: 'core-three-electric' } });
  });

  it('names every unknown value of a claim at once: a misspelt component, an unknown part and operation, with did-you-means', async () => {
    const unit = await registerUnit(t, buildEbikeUnit());
    const res = await submitClaim(t, buildClaim(unit, { jobs: [frameJob({ component: 'fram', causalPart: { partNumber: 'EB-FRAME-1', quantity: 1, unitPriceFen: 42_000 }, labour: [{ operationCode: 'EB-OP-FRAME', hours: 2, rateFen: 3000 }] })] }));
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors.map((e: { path: string; suggestion: string | null }) => [e.path, e.suggestion])).toEqual([
      ['jobs.0.component', 'frame'],
      ['jobs.0.causalPart.partNumber', 'EB-FRAME-01'],
      ['jobs.0.labour.0.operationCode', 'EB-OP-FRAME-RR'],
    ]);
    expect(res.body.detail).toContain('GET /v1/product-lines/e-bike?date=2026-03-16');
  });

  it('refuses a correction naming an unknown failure mode; the pended claim stays as it was', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-10-01' }));
    const claim = buildClaim(unit, { evidence: { photos: 3, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: unit.warrantyCardNumber ?? null }, jobs: [frameJob({ cause: 'undetermined' })] });
    const first = await decide(t, claim);
    expect(first.status).toBe('pended');
    const before = await rowCounts(t.db);
    const res = await request(t.app).post(`/v1/claims/${claim.claimNumber}/corrections`).set(t.auth.auditor).send({ ...claim, jobs: [frameJob({ failureMode: 'weld-fractured' })] });
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'jobs.0.failureMode', suggestion: 'weld-fracture' })]);
    expect(await rowCounts(t.db)).toEqual(before);
    const now = await get(`/v1/claims/${claim.claimNumber}`, t.auth.auditor).expect(200);
    expect(now.body).toMatchObject({ status: 'pended', decisionVersion: 1 });
  });

  it('pends an explicit "other" failure mode for a person with its own reason code, WA-OTHER-MODE', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-10-01' }));
    const decision = await decide(t, buildClaim(unit, { jobs: [frameJob({ failureMode: 'other' })] }));
    expect(decision.status).toBe('pended');
    expect(decision.jobs[0]).toMatchObject({ status: 'pended', covered: false });
    expect(reasonCodes(decision.jobs[0])).toEqual(['WA-OTHER-MODE']);
  });
});
