import { describe, expect, it } from 'vitest';
import { buildClaim, buildEbikeClaim, buildEbikeUnit, buildJob, buildNevUnit, NEV_VIN } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';

// SPEC §7: the unit must be in the registry and match the claim (IV / NWR); missing evidence is pended IIS.
const unit = buildNevUnit({ saleDate: '2021-03-15' });
const today = '2025-06-05';

describe('the claim\'s unit identity', () => {
  it('denies a claim on a VIN the registry does not know: IV, customer liable, no rules run', async () => {
    const decision = await decide({ unit: null, claim: buildClaim({ unit: { vin: 'LB9BL5180M0009999' } }), today });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['IV']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(decision.ruleSet).toBeNull();
    expect(decision.trace).toEqual([]);
    expect(decision.totals).toMatchObject({ claimedFen: 6_800_000, approvedFen: 0 });
  });

  it('denies a claim whose upfit serial differs from the registry\'s: NWR', async () => {
    const job = jobOf(await decide({ unit, claim: buildClaim({ unit: { vin: NEV_VIN, upfitSerial: 'QZ-2021-9999' } }), today }));
    expect(codesOf(job)).toEqual(['NWR']);
  });

  it('denies an e-bike claim whose frame serial differs from the registry\'s: NWR', async () => {
    const job = jobOf(await decide({ unit: buildEbikeUnit(), claim: buildEbikeClaim({ unit: { frameSerial: 'FS-OTHER' } }), today: '2025-03-05' }));
    expect(codesOf(job)).toEqual(['NWR']);
  });
});

describe('insufficient information (IIS)', () => {
  it('pends a claim without photos', async () => {
    const decision = await decide({ unit, claim: buildClaim({ evidence: { photos: 0 } }), today });
    expect(decision.status).toBe('pended');
    expect(codesOf(jobOf(decision))).toEqual(['IIS']);
  });

  it('pends a claim whose cause is not yet determined', async () => {
    const decision = await decide({ unit, claim: buildClaim({ jobs: [buildJob({ cause: 'undetermined' })] }), today });
    expect(codesOf(jobOf(decision))).toEqual(['IIS']);
  });

  it('pends a NEV claim without an odometer reading: its km limit cannot be checked', async () => {
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: null }), today });
    expect(decision.status).toBe('pended');
    expect(codesOf(jobOf(decision))).toEqual(['IIS']);
  });

  it('pends an e-bike battery reported capacity-low without a measured capacity', async () => {
    const claim = buildEbikeClaim({ jobs: [buildJob({ component: 'li-ion-battery', failureMode: 'capacity-low', causalPart: { partNumber: 'EB-BAT-4820', quantity: 1, unitPriceFen: 129_900 } })] });
    const decision = await decide({ unit: buildEbikeUnit(), claim, today: '2025-03-05' });
    expect(codesOf(jobOf(decision))).toEqual(['IIS']);
  });
});
