import { describe, expect, it } from 'vitest';
import { buildClaim, buildHistoryEntry, buildJob, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf, lineOf } from '../../support/decide.js';

// The unit's earlier claims (SPEC §5, §7): odometer rollback, duplicates and comebacks.
const unit = buildNevUnit({ saleDate: '2021-03-15' });

describe('odometer lower than on an earlier claim (MRA)', () => {
  const earlier = buildHistoryEntry({ claimNumber: 'S1-2025-000000', failureDate: '2025-03-01', repairDate: '2025-03-02', odometerKm: 160_000, jobs: [{ jobId: 'J1', component: 'cab-lamp', partNumbers: ['NEV-LAMP-001'], covered: false }] });

  it('pends a battery claim at 150,000 km after a claim at 160,000 km: MRA', async () => {
    const decision = await decide({ unit, history: [earlier], claim: buildClaim({ odometerKm: 150_000 }), today: '2025-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('pended');
    expect(job.status).toBe('pended');
    expect(codesOf(job)).toEqual(['MRA']);
    expect(lineOf(job, 'J1/causal')).toMatchObject({ status: 'pended', approvedFen: 0, proposedFen: 6_800_000 });
  });

  it('covers a battery claim at the same odometer as the earlier claim', async () => {
    const decision = await decide({ unit, history: [earlier], claim: buildClaim({ odometerKm: 160_000 }), today: '2025-06-05' });
    expect(jobOf(decision).covered).toBe(true);
  });
});

describe('the same part already claimed for an overlapping repair (DC)', () => {
  const overlapping = buildHistoryEntry({ claimNumber: 'S1-2025-000007', failureDate: '2025-05-30', repairDate: '2025-06-01' });

  it('denies a battery already claimed on S1-2025-000007 for an overlapping repair: DC, the filing station bears it', async () => {
    const decision = await decide({ unit, history: [overlapping], claim: buildClaim({ failureDate: '2025-06-01', repairDate: '2025-06-02' }), today: '2025-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['DC']);
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(job.customerPay).toBeUndefined();
    expect(decision.totals).toMatchObject({ approvedFen: 0, deductedFen: 6_800_000 });
  });

  it('covers the same battery part when the earlier repair does not overlap', async () => {
    const before = buildHistoryEntry({ claimNumber: 'S1-2025-000007', failureDate: '2025-05-01', repairDate: '2025-05-02', jobs: [{ jobId: 'J1', component: 'traction-battery', partNumbers: ['NEV-BAT-001'], covered: false }] });
    const decision = await decide({ unit, history: [before], claim: buildClaim({ failureDate: '2025-06-01', repairDate: '2025-06-02' }), today: '2025-06-05' });
    expect(jobOf(decision).covered).toBe(true);
  });

  it('denies only a consequential harness already claimed on an overlapping motor repair: DC on that line, the battery is paid', async () => {
    const motorRepair = buildHistoryEntry({
      claimNumber: 'S1-2025-000008', failureDate: '2025-05-30', repairDate: '2025-06-01',
      jobs: [{ jobId: 'J1', component: 'drive-motor', partNumbers: ['NEV-MOT-001', 'NEV-HVH-001'], covered: true }],
    });
    const claim = buildClaim({
      failureDate: '2025-06-01', repairDate: '2025-06-02',
      jobs: [buildJob({ consequentialParts: [{ partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 }], auxiliaryFen: 400_000 })],
    });
    const decision = await decide({ unit, history: [motorRepair], claim, today: '2025-06-05' });
    const job = jobOf(decision);
    expect(lineOf(job, 'J1/consequential/1')).toMatchObject({ status: 'denied', approvedFen: 0 });
    expect(lineOf(job, 'J1/consequential/1').hold).toBeUndefined();
    expect(lineOf(job, 'J1/causal')).toMatchObject({ status: 'approved', approvedFen: 6_800_000 });
    expect(lineOf(job, 'J1/auxiliary').approvedFen).toBe(340_000);
    expect(job.reasons.map((r) => [r.code, r.lineId])).toEqual([['DC', 'J1/consequential/1'], ['WA-AUX-CAP', 'J1/auxiliary']]);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(decision.status).toBe('partial');
    expect(decision.totals).toMatchObject({ approvedFen: 7_140_000, deductedFen: 145_000 + 60_000 });
  });
});

describe('a comeback: the same component failing within 60 days of a warranty repair (SPEC §5)', () => {
  // Cab lamp: 12 months, last covered day 2022-03-14. S1 repaired it under warranty on 2022-02-21.
  const lamp = (rateFen: number) =>
    buildJob({ component: 'cab-lamp', failureMode: 'open-circuit', cause: 'defect-material', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 }, labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen }] });
  const lampRepair = (covered = true) =>
    buildHistoryEntry({ claimNumber: 'S1-2022-000221', stationId: 'S1', failureDate: '2022-02-20', repairDate: '2022-02-21', odometerKm: 30_000, jobs: [{ jobId: 'J1', component: 'cab-lamp', partNumbers: ['NEV-LAMP-001'], covered }] });
  const again = (failureDate: string, stationId = 'S1', rateFen = 8_000) =>
    buildClaim({ claimNumber: `${stationId}-2022-000401`, stationId, odometerKm: 35_000, failureDate, repairDate: failureDate, jobs: [lamp(rateFen)] });

  it('covers the lamp failing again after its 12 months as S1\'s comeback, and does not pay S1 its labour again', async () => {
    const decision = await decide({ unit, history: [lampRepair()], claim: again('2022-04-01'), today: '2022-04-05' });
    const job = jobOf(decision);
    expect(job.covered).toBe(true);
    expect(job.coverage?.withinTerm).toBe(false);
    expect(codesOf(job)).toEqual(['WA-COMEBACK']);
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(job.comeback).toEqual({ claimNumber: 'S1-2022-000221', stationId: 'S1', repairDate: '2022-02-21' });
    const labour = lineOf(job, 'J1/labour/1');
    expect(labour).toMatchObject({ claimedFen: 4_000, approvedFen: 0, status: 'adjusted' });
    expect(labour.adjustments.map((a) => [a.code, a.amountFen])).toEqual([['WA-COMEBACK', 4_000]]);
    expect(decision.status).toBe('adjusted');
    expect(decision.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: 26_000 }]);
  });

  it('charges S1 for the comeback when S2 files it, and pays S2 its labour', async () => {
    const decision = await decide({ unit, history: [lampRepair()], claim: again('2022-04-01', 'S2', 6_000), today: '2022-04-05' });
    const job = jobOf(decision);
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 3_000, approvedFen: 3_000, status: 'approved' });
    expect(decision.status).toBe('approved');
    expect(decision.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: 29_000 }]);
  });

  it('still counts a failure on the 60th day after the earlier repair as a comeback', async () => {
    const job = jobOf(await decide({ unit, history: [lampRepair()], claim: again('2022-04-22'), today: '2022-04-25' }));
    expect(codesOf(job)).toEqual(['WA-COMEBACK']);
  });

  it('denies a failure on the 61st day after the earlier repair: no comeback, EW after the 12 months', async () => {
    const job = jobOf(await decide({ unit, history: [lampRepair()], claim: again('2022-04-23'), today: '2022-04-25' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('makes no comeback of an earlier repair that was not under warranty: EW', async () => {
    const job = jobOf(await decide({ unit, history: [lampRepair(false)], claim: again('2022-04-01'), today: '2022-04-05' }));
    expect(codesOf(job)).toEqual(['EW']);
  });

  it('makes no comeback of a failure the customer caused', async () => {
    const claim = buildClaim({ claimNumber: 'S1-2022-000401', odometerKm: 35_000, failureDate: '2022-04-01', repairDate: '2022-04-01', jobs: [{ ...lamp(8_000), cause: 'accident' }] });
    const job = jobOf(await decide({ unit, history: [lampRepair()], claim, today: '2022-04-05' }));
    expect([...codesOf(job)].sort()).toEqual(['CDR', 'EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('makes no comeback of a repair finished after this failure began: a parallel repair, so EW after the 12 months', async () => {
    const parallel = buildHistoryEntry({
      claimNumber: 'S2-2022-000410', stationId: 'S2', failureDate: '2022-03-10', repairDate: '2022-04-10', odometerKm: 30_000,
      jobs: [{ jobId: 'J1', component: 'cab-lamp', partNumbers: ['NEV-LAMP-002'], covered: true }],
    });
    const claim = buildClaim({ claimNumber: 'S1-2022-000412', odometerKm: 35_000, failureDate: '2022-04-01', repairDate: '2022-04-12', jobs: [lamp(8_000)] });
    const job = jobOf(await decide({ unit, history: [parallel], claim, today: '2022-04-15' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.comeback).toBeUndefined();
  });

  it('charges a comeback inside the term to the station of the earlier repair (S2), not the supplier', async () => {
    const s2Repair = buildHistoryEntry({ claimNumber: 'S2-2025-000100', stationId: 'S2', failureDate: '2025-04-01', repairDate: '2025-04-02', odometerKm: 140_000 });
    const job = jobOf(await decide({ unit, history: [s2Repair], claim: buildClaim({ failureDate: '2025-05-01', repairDate: '2025-05-02' }), today: '2025-05-05' }));
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S2' });
  });
});

describe('the filing window: 30 days from the repair (SPEC §6)', () => {
  it('covers a claim received on the 30th day after the repair', async () => {
    const decision = await decide({ unit, claim: buildClaim({ repairDate: '2025-06-02', receivedDate: '2025-07-02' }), today: '2025-07-10' });
    expect(jobOf(decision).covered).toBe(true);
    expect(decision.receivedDate).toBe('2025-07-02');
  });

  it('denies a claim received on the 31st day after the repair: SUB, the station bears it', async () => {
    const decision = await decide({ unit, claim: buildClaim({ repairDate: '2025-06-02' }), today: '2025-07-03' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['SUB']);
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S1' });
  });
});
