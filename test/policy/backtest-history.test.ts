import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, lampJob, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { BacktestSource } from '../../src/backtest/backtest-source.js';
import { runBacktest } from '../../src/backtest/backtest.js';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import { claimSchema } from '../../src/claims/claim-schema.js';
import { ClaimStore } from '../../src/claims/claim-store.js';
import { UnitStore } from '../../src/units/unit-store.js';

// A claim decided first, then claims filed after it that would change it if they had been on file:
// a later duplicate of its part, a later claim with an earlier repair at a higher odometer, and a
// later claim of an earlier repair of the same component (a comeback). A backtest re-decides each
// claim against the history as it stood when it was first decided.

let t: TestApp;
const steering = (overrides: Record<string, unknown> = {}) => ({
  jobId: 'J1', component: 'electric-steering', failureMode: 'malfunction' as const, cause: 'defect-manufacturing' as const,
  causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 }, labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8000 }], ...overrides,
});
let first: ReturnType<typeof buildClaim>;
let unitId: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
  const unit = await registerUnit(t, buildNevUnit({ saleDate: '2024-06-01' }));
  unitId = unit.unitId;
  first = buildClaim(unit, { claimNumber: 'S1-FIRST', odometerKm: 50_000, failureDate: '2026-03-10', repairDate: '2026-03-12', jobs: [steering() as never] });
  expect((await decide(t, first)).status).toBe('approved');
  const duplicate = await decide(t, buildClaim(unit, { claimNumber: 'S2-DUP', stationId: 'S2', odometerKm: 50_100, failureDate: '2026-03-11', repairDate: '2026-03-12', jobs: [steering() as never] }));
  expect(reasonCodes(duplicate.jobs[0])).toEqual(['DC']);
  await decide(t, buildClaim(unit, { claimNumber: 'S1-LAMP', odometerKm: 60_000, failureDate: '2026-03-01', repairDate: '2026-03-02', jobs: [lampJob()] }));
  await decide(t, buildClaim(unit, { claimNumber: 'S3-EARLIER', stationId: 'S3', odometerKm: 40_000, failureDate: '2026-02-19', repairDate: '2026-02-20', jobs: [steering() as never] }));
});
afterAll(() => t.close());

describe(`a backtest sees each claim's history as it stood (${databaseKind})`, () => {
  it('would decide the first claim differently against the history as it stands now: the test can fail', async () => {
    const unit = await new UnitStore(t.db).getMany([unitId]);
    const history = await new ClaimStore(t.db).historyOf(unitId);
    const now = await adjudicate({ claim: claimSchema.parse({ ...first, receivedDate: '2026-03-20' }), unit: unit.get(unitId)!, history, ruleBook: t.ruleBook, today: '2026-03-20', checkVocabulary: false });
    expect(now.status).not.toBe('approved');
    expect(reasonCodes(now.jobs[0]!)).toEqual(expect.arrayContaining(['DC']));
  });

  it('changes nothing for a draft identical to the rules in force, on a history with a later duplicate, a later higher odometer and a later comeback', async () => {
    const report = await runBacktest(new BacktestSource(t.db), t.ruleBook, {}, t.ruleBook, { workers: 0 });
    expect(report.claims).toBe(4);
    expect(report.changes).toEqual([]);
    expect(report.changed).toBe(0);
    expect(report.payoutDelta.totalFen).toBe(0);
  });
});
