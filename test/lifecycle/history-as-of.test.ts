import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, lampJob, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { BacktestSource } from '../../src/backtest/backtest-source.js';
import { runBacktest } from '../../src/backtest/backtest.js';

// A steering claim pended for want of a diagnosis, corrected a day later, appealed and reviewed; a
// duplicate of its part is filed after the correction. Each decision says which of the unit's claims
// it saw and when; a backtest re-decides the correction against that history, not today's.

let t: TestApp;
let vin: string;
const steering = (cause: 'undetermined' | 'defect-manufacturing') => ({
  jobId: 'J1', component: 'electric-steering', failureMode: 'malfunction' as const, cause,
  causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 }, labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8000 }],
});
const seen = (claims: Array<{ claimNumber: string }>) => claims.map((c) => c.claimNumber);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-18T02:00:00Z' });
  const unit = await registerUnit(t, buildNevUnit({ saleDate: '2024-06-01' }));
  vin = unit.vin!;
});
afterAll(() => t?.close());

describe(`decisions say which history they saw (${databaseKind})`, () => {
  const pended = () => buildClaim({ vin }, { claimNumber: `S1-HIST-${databaseKind}`, odometerKm: 50_000, failureDate: '2026-03-10', repairDate: '2026-03-12', jobs: [steering('undetermined') as never] });

  it('a first decision names the earlier claims it saw, the revision and when the history was read', async () => {
    await decide(t, buildClaim({ vin }, { claimNumber: `S1-LAMP-A-${databaseKind}`, odometerKm: 40_000, failureDate: '2026-03-01', repairDate: '2026-03-02', jobs: [lampJob()] }));
    const decision = await decide(t, pended());

    expect(reasonCodes(decision.jobs[0])).toEqual(['IIS']);
    expect(decision.historyAsOf).toEqual({ at: '2026-03-18T02:00:00.000Z', revision: 1, claims: [{ claimNumber: `S1-LAMP-A-${databaseKind}`, stationId: 'S1', repairDate: '2026-03-02' }] });
  });

  it('a correction decided a day later sees the history as it stands then, and says so', async () => {
    t.setNow('2026-03-19T02:00:00Z');
    await decide(t, buildClaim({ vin }, { claimNumber: `S1-LAMP-C-${databaseKind}`, odometerKm: 45_000, failureDate: '2026-03-04', repairDate: '2026-03-05', jobs: [lampJob()] }));

    const res = await request(t.app).post(`/v1/claims/${pended().claimNumber}/corrections`).set(t.auth.auditor).send({ ...pended(), jobs: [steering('defect-manufacturing')] });

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decisionVersion: 2 });
    expect(res.body.historyAsOf).toMatchObject({ at: '2026-03-19T02:00:00.000Z', revision: 2 });
    // The lamp claim filed after the first decision is in it now.
    expect(seen(res.body.historyAsOf.claims)).toEqual([`S1-LAMP-A-${databaseKind}`, `S1-LAMP-C-${databaseKind}`]);
    const stored = await request(t.app).get(`/v1/claims/${pended().claimNumber}`).set(t.auth.auditor).expect(200);
    expect(stored.body.historyAsOf).toEqual(res.body.historyAsOf);
  });

  it('a backtest re-decides the correction against the history it saw: a duplicate filed later changes nothing', async () => {
    const duplicate = await decide(t, buildClaim({ vin }, { claimNumber: `S2-DUP-${databaseKind}`, stationId: 'S2', odometerKm: 50_100, failureDate: '2026-03-11', repairDate: '2026-03-12', jobs: [steering('defect-manufacturing') as never] }));
    expect(reasonCodes(duplicate.jobs[0])).toEqual(['DC']);
    expect(seen(duplicate.historyAsOf.claims)).toContain(pended().claimNumber);

    const report = await runBacktest(new BacktestSource(t.db), t.ruleBook, {}, t.ruleBook, { workers: 0 });

    expect(report.claims).toBe(4);
    expect(report.changes).toEqual([]);
  });

  it('the review answering an appeal keeps the history its decision was made against', async () => {
    t.setNow('2026-03-20T02:00:00Z');
    await request(t.app).post(`/v1/claims/${pended().claimNumber}/appeals`).set(t.auth.dealer).send({ reason: 'please confirm the labour' }).expect(201);
    const res = await request(t.app).post(`/v1/claims/${pended().claimNumber}/reviews`).set(t.auth.auditor)
      .send({ note: 'labour confirmed', lines: [{ lineId: 'J1/labour/1', action: 'approve', amountFen: 12_000 }] });

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.decisionVersion).toBe(3);
    expect(res.body.historyAsOf).toMatchObject({ at: '2026-03-19T02:00:00.000Z', revision: 2 });
  });
});
