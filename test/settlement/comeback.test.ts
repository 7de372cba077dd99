import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildEbikeUnit, decide, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import type { UnitInput } from '../../src/units/unit-schema.js';
import { lineOf, linesOfClaim, partReturn, recoveriesOf, statementOf } from './settlement-helpers.js';

/**
 * SPEC §5 comeback and example 12: an e-bike sold 2024-03-10 (hub motor: 24 months, last covered
 * day 2026-03-09) has its hub motor (680.00, liable SUP-EBMOT-01, old part returned) replaced at
 * S1 on 2026-02-21 with 1.0 h of labour at 30.00. The same motor fails again after its term.
 */
const MOTOR_FEN = 68_000;
const LABOUR_FEN = 3_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-02-25T04:00:00Z' });
});
afterAll(() => t.close());

function hubMotorJob() {
  return {
    jobId: 'J1', component: 'hub-motor', failureMode: 'burnout', cause: 'defect-manufacturing' as const,
    causalPart: { partNumber: 'EB-MOT-350', quantity: 1, unitPriceFen: MOTOR_FEN },
    labour: [{ operationCode: 'EB-OP-MOT-RR', hours: 1.0, rateFen: 3000 }],
  };
}

/** The first repair at S1, its old part confirmed on 2 March. */
async function motorRepairedAtS1(): Promise<{ unit: UnitInput; claimNumber: string }> {
  t.setNow('2026-02-25T04:00:00Z');
  const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2024-03-10' }));
  const first = await decide(t, buildClaim(unit, { failureDate: '2026-02-20', repairDate: '2026-02-21', jobs: [hubMotorJob()] }), t.auth.dealer);
  expect(first.jobs[0]).toMatchObject({ covered: true, liableParty: { type: 'supplier', id: 'SUP-EBMOT-01' } });
  t.setNow('2026-03-02T04:00:00Z');
  expect((await partReturn(t, first.claimNumber, { lineId: 'J1/causal', receivedDate: '2026-03-01', inspection: 'confirmed', note: 'burnt winding confirmed' })).status).toBe(201);
  return { unit, claimNumber: first.claimNumber };
}

describe('a hub motor that fails again within 60 days of its repair at S1', () => {
  it('filed by S2 after the term ran out, is covered as a comeback charged to S1, with S2’s labour paid', async () => {
    const { unit, claimNumber: repairedAt } = await motorRepairedAtS1();
    t.setNow('2026-04-15T04:00:00Z');
    const res = await decide(t, buildClaim(unit, { stationId: 'S2', failureDate: '2026-04-12', repairDate: '2026-04-13', jobs: [hubMotorJob()] }), t.auth.dealerS2);
    expect(res.status).toBe('approved');
    expect(res.jobs[0]).toMatchObject({
      status: 'covered', covered: true,
      coverage: { lastCoveredDay: '2026-03-09', withinTerm: false },
      liableParty: { type: 'service-station', id: 'S1' },
      comeback: { claimNumber: repairedAt, stationId: 'S1', repairDate: '2026-02-21' },
    });
    expect(reasonCodes(res.jobs[0])).toContain('WA-COMEBACK');
    expect(reasonCodes(res.jobs[0])).not.toContain('EW');
    expect(lineOf(res, 'J1/labour/1')).toMatchObject({ status: 'approved', approvedFen: LABOUR_FEN });
    expect(lineOf(res, 'J1/causal')).toMatchObject({ hold: 'part-return', approvedFen: MOTOR_FEN });
    expect(res.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: MOTOR_FEN + LABOUR_FEN }]);
  });

  it('is paid to S2 and recovered from service station S1 once the motor is back, with its old part confirmed', async () => {
    const { unit } = await motorRepairedAtS1();
    t.setNow('2026-04-15T04:00:00Z');
    const comeback = await decide(t, buildClaim(unit, { stationId: 'S2', failureDate: '2026-04-12', repairDate: '2026-04-13', jobs: [hubMotorJob()] }), t.auth.dealerS2);
    t.setNow('2026-04-20T04:00:00Z');
    expect((await partReturn(t, comeback.claimNumber, { lineId: 'J1/causal', receivedDate: '2026-04-18', inspection: 'confirmed', note: 'same winding fault as in February' })).status).toBe(201);

    const paidToS2 = linesOfClaim((await statementOf(t, 'S2', '2026-04', t.auth.dealerS2)).lines, comeback.claimNumber);
    expect(paidToS2.map((l) => [l.bookedOn, l.lineId, l.paidFen, l.liableParty])).toEqual([
      ['2026-04-15', 'J1/labour/1', LABOUR_FEN, { type: 'service-station', id: 'S1' }],
      ['2026-04-20', 'J1/causal', MOTOR_FEN, { type: 'service-station', id: 'S1' }],
    ]);

    const fromS1 = await recoveriesOf(t, '2026-04-01', '2026-04-30', 'S1');
    expect(fromS1.notices.map((n) => n.party)).toEqual([{ type: 'service-station', id: 'S1' }]);
    expect(linesOfClaim(fromS1.notices[0]!.lines, comeback.claimNumber)).toEqual([
      expect.objectContaining({ bookedOn: '2026-04-15', stationId: 'S2', lineId: 'J1/labour/1', causalPartNumber: 'EB-MOT-350', oldPart: 'not-required', amountFen: LABOUR_FEN }),
      expect.objectContaining({ bookedOn: '2026-04-20', stationId: 'S2', lineId: 'J1/causal', partNumber: 'EB-MOT-350', oldPart: 'confirmed', amountFen: MOTOR_FEN }),
    ]);
    const fromSupplier = await recoveriesOf(t, '2026-04-01', '2026-04-30', 'SUP-EBMOT-01');
    expect(fromSupplier.notices.flatMap((n) => linesOfClaim(n.lines, comeback.claimNumber))).toEqual([]);
  });

  it('filed by S1 itself, pays S1 no labour a second time', async () => {
    const { unit } = await motorRepairedAtS1();
    t.setNow('2026-04-15T04:00:00Z');
    const res = await decide(t, buildClaim(unit, { failureDate: '2026-04-12', repairDate: '2026-04-13', jobs: [hubMotorJob()] }), t.auth.dealer);
    expect(res.jobs[0]).toMatchObject({ covered: true, liableParty: { type: 'service-station', id: 'S1' } });
    expect(lineOf(res, 'J1/labour/1')).toMatchObject({ status: 'adjusted', approvedFen: 0, adjustments: [expect.objectContaining({ code: 'WA-COMEBACK', amountFen: LABOUR_FEN })] });
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, res.claimNumber)).toEqual([]);
  });
});

describe('a hub motor that fails again on the 61st day after its repair', () => {
  it('is no comeback: outside its term it is denied EW and charged to nobody', async () => {
    const { unit } = await motorRepairedAtS1();
    t.setNow('2026-04-25T04:00:00Z');
    const res = await decide(t, buildClaim(unit, { stationId: 'S2', failureDate: '2026-04-23', repairDate: '2026-04-23', jobs: [hubMotorJob()] }), t.auth.dealerS2);
    expect(res.status).toBe('denied');
    expect(res.jobs[0]).toMatchObject({ covered: false, liableParty: { type: 'customer' } });
    expect(reasonCodes(res.jobs[0])).toEqual(expect.arrayContaining(['EW']));
    expect(reasonCodes(res.jobs[0])).not.toContain('WA-COMEBACK');
    const fromS1 = await recoveriesOf(t, '2026-04-01', '2026-04-30', 'S1');
    expect(fromS1.notices.flatMap((n) => linesOfClaim(n.lines, res.claimNumber))).toEqual([]);
  });
});
