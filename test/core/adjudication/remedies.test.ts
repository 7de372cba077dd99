import { describe, expect, it } from 'vitest';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildHistoryEntry, buildJob, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';

describe('repeat failure: a third failure in the term after two warranty repairs is replaced (SPEC §5)', () => {
  const unit = buildNevUnit({ saleDate: '2024-06-01' });
  const compressor = buildJob({ component: 'electric-air-compressor', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-AIR-001', quantity: 1, unitPriceFen: 280_000 } });
  const repair = (claimNumber: string, repairDate: string, covered = true) =>
    buildHistoryEntry({ claimNumber, failureDate: repairDate, repairDate, odometerKm: 10_000, jobs: [{ jobId: 'J1', component: 'electric-air-compressor', partNumbers: ['NEV-AIR-001'], covered }] });
  const twoRepairs = [repair('S1-2025-000010', '2025-01-10'), repair('S1-2025-000050', '2025-05-10')];

  it('replaces an air compressor failing a third time inside its 36 months: remedy replace', async () => {
    const decision = await decide({ unit, history: twoRepairs, claim: buildClaim({ odometerKm: 30_000, failureDate: '2025-10-01', repairDate: '2025-10-02', jobs: [compressor] }), today: '2025-10-05' });
    const job = jobOf(decision);
    expect(job.covered).toBe(true);
    expect(job.remedy).toBe('replace');
    expect(codesOf(job)).toEqual(['WA-REPEAT']);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-AIR-01' });
    expect(decision.totals.approvedFen).toBe(280_000);
  });

  it('repairs again after only one earlier warranty repair', async () => {
    const job = jobOf(await decide({ unit, history: twoRepairs.slice(0, 1), claim: buildClaim({ odometerKm: 30_000, failureDate: '2025-10-01', repairDate: '2025-10-02', jobs: [compressor] }), today: '2025-10-05' }));
    expect(job.remedy).toBe('repair');
    expect(codesOf(job)).toEqual([]);
  });

  it('does not count earlier repairs that were not under warranty', async () => {
    const paid = [repair('S1-2025-000010', '2025-01-10', false), repair('S1-2025-000050', '2025-05-10', false)];
    const job = jobOf(await decide({ unit, history: paid, claim: buildClaim({ odometerKm: 30_000, failureDate: '2025-10-01', repairDate: '2025-10-02', jobs: [compressor] }), today: '2025-10-05' }));
    expect(job.remedy).toBe('repair');
  });

  it('denies a third failure after the 36 months: EW, no replacement outside the term', async () => {
    const job = jobOf(await decide({ unit, history: twoRepairs, claim: buildClaim({ odometerKm: 60_000, failureDate: '2027-06-01', repairDate: '2027-06-02', jobs: [compressor] }), today: '2027-06-05' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.remedy).toBe('repair');
  });
});

describe('e-bike exchange or refund: serious defect within 7 days of sale (SPEC §3.2, 004 §9.1)', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const serious = buildEbikeJob({ component: 'hub-motor', failureMode: 'housing-crack', cause: 'defect-manufacturing', seriousDefect: true, causalPart: { partNumber: 'EB-MOT-350', quantity: 1, unitPriceFen: 68_000 } });
  const complete = { unitComplete: true, documentsComplete: true };
  const on = (failureDate: string, evidence: Record<string, boolean | null> = complete, job = serious) =>
    decide({ unit, claim: buildEbikeClaim({ failureDate, repairDate: failureDate, evidence, jobs: [job] }), today: '2025-01-20' });

  it('offers exchange or refund on day 6 and pends the claim for quality inspection', async () => {
    const decision = await on('2025-01-16');
    expect(decision.status).toBe('pended');
    expect(jobOf(decision).remedy).toBe('exchange-or-refund');
    expect(codesOf(jobOf(decision))).toEqual(['WA-EXCHANGE']);
  });

  it('replaces the hub motor on day 7 (sale + 7 days): the exchange window is over, 004 §7.1.2.3 予以更换', async () => {
    const decision = await on('2025-01-17');
    expect(decision.status).toBe('approved');
    expect(jobOf(decision).remedy).toBe('replace');
  });

  it('replaces the part, no exchange, when accessories are missing from the unit', async () => {
    const decision = await on('2025-01-16', { unitComplete: false, documentsComplete: true });
    expect(jobOf(decision).remedy).toBe('replace');
    expect(jobOf(decision).covered).toBe(true);
  });

  it('replaces the part, no exchange, when the documents are missing', async () => {
    const decision = await on('2025-01-16', { unitComplete: true, documentsComplete: null });
    expect(jobOf(decision).remedy).toBe('replace');
  });

  it('replaces the part of a defect that is not serious', async () => {
    const decision = await on('2025-01-16', complete, { ...serious, seriousDefect: false });
    expect(jobOf(decision).remedy).toBe('replace');
  });

  it('offers no exchange for a "serious defect" caused by misuse: denied DI', async () => {
    const decision = await on('2025-01-16', complete, { ...serious, cause: 'misuse' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['DI']);
    expect(job.remedy).toBe('repair');
    expect(job.liableParty).toEqual({ type: 'customer' });
  });
});

describe('the seeds\' remedies as rule data (004 §7.1, 000 §四.11)', () => {
  const ebike = buildEbikeUnit({ saleDate: '2025-01-10' });
  const frame = buildEbikeJob({ component: 'frame', failureMode: 'weld-fracture', cause: 'defect-manufacturing', causalPart: { partNumber: 'EB-FRAME-01', quantity: 1, unitPriceFen: 42_000 }, labour: [] });
  const onEbike = (job: typeof frame) => decide({ unit: ebike, claim: buildEbikeClaim({ failureDate: '2025-03-01', repairDate: '2025-03-02', jobs: [job] }), today: '2025-03-05' });

  it('replaces a covered e-bike frame with a cracked weld at no cost to the customer', async () => {
    const decision = await onEbike(frame);
    expect(jobOf(decision)).toMatchObject({ covered: true, remedy: 'replace', liableParty: { type: 'manufacturer' } });
    expect(decision.totals.approvedFen).toBe(42_000);
  });

  it('replaces a frame damaged by an external impact at the customer\'s cost: CDR, and the most the station may charge, 504.00', async () => {
    const decision = await onEbike({ ...frame, failureMode: 'fracture', cause: 'external-impact', causalPart: { partNumber: 'EB-FRAME-01', quantity: 1, unitPriceFen: 45_000 } });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(job).toMatchObject({ remedy: 'replace', liableParty: { type: 'customer' }, customerPay: { maxPartsFen: 50_400, claimedPartsFen: 45_000, overcharged: false } });
    expect(codesOf(job)).toEqual(['CDR']);
  });

  it('keeps a NEV covered job a free repair, and replaces it free where the claim says the part cannot be repaired', async () => {
    const unit = buildNevUnit({ saleDate: '2024-06-01' });
    const motor = buildJob({ component: 'drive-motor', failureMode: 'burnout', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 }, labour: [] });
    const claim = (job: typeof motor) => buildClaim({ odometerKm: 30_000, failureDate: '2025-10-01', repairDate: '2025-10-02', jobs: [job] });
    const repaired = jobOf(await decide({ unit, claim: claim(motor), today: '2025-10-05' }));
    expect(repaired).toMatchObject({ covered: true, remedy: 'repair' });
    const replaced = jobOf(await decide({ unit, claim: claim({ ...motor, repairable: false }), today: '2025-10-05' }));
    expect(replaced).toMatchObject({ covered: true, remedy: 'replace', liableParty: { type: 'supplier', id: 'SUP-MOTOR-01' } });
    expect(codesOf(replaced)).toEqual(['WA-UNREPAIRABLE']);
  });
});
