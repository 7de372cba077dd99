import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaim, buildJob, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf, lineOf } from '../../support/decide.js';
import { copyShippedRuleBook, type RuleBookCopy } from '../../support/rule-book.js';
import type { RuleBook } from '../../../src/rules/rule-book.js';
import type { PolicyFile } from '../../../src/policies/policy-schema.js';

// SPEC §3.3: the terms promised at sale bind; the prices and rates on the repair date decide the money.
// A second NEV policy from 2026-01-01 raises the battery price to 70,000.00 and tier A to 90.00/h, and
// reclassifies electric steering as whole-vehicle (12 months) for units sold from then on.

describe('a policy version issued after the sale', () => {
  let copy: RuleBookCopy;
  let ruleBook: RuleBook;
  const unit = buildNevUnit({ saleDate: '2024-06-01' });

  beforeAll(async () => {
    copy = await copyShippedRuleBook();
    const shipped = await copy.readJson<PolicyFile>('policies/nev-special-vehicle/2021-01-01.json');
    const next: PolicyFile = structuredClone(shipped);
    next.version = '2026-01-01';
    next.effective = { from: '2026-01-01', to: null };
    next.components['electric-steering'] = { category: 'whole-vehicle', electrical: true };
    next.parts = next.parts.map((p) => (p.partNumber === 'NEV-BAT-001' ? { ...p, priceFen: 7_000_000 } : p));
    next.labour.ratesFen = { ...next.labour.ratesFen, A: 9_000 };
    shipped.effective = { from: '2021-01-01', to: '2026-01-01' };
    await copy.writeJson('policies/nev-special-vehicle/2021-01-01.json', shipped);
    await copy.writeJson('policies/nev-special-vehicle/2026-01-01.json', next);
    ruleBook = await copy.load();
  });
  afterAll(() => copy.remove());

  it('keeps the 36 months promised at sale for electric steering repaired under the new policy', async () => {
    const steering = buildJob({ component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 } });
    const decision = await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 50_000, failureDate: '2026-03-01', repairDate: '2026-03-02', jobs: [steering] }), today: '2026-03-05' });
    const job = jobOf(decision);
    expect(job.covered).toBe(true);
    expect(codesOf(job)).toEqual([]);
    expect(job.coverage).toMatchObject({ term: 'small-three-electric', lastCoveredDay: '2027-05-31' });
  });

  it('applies the new policy\'s 12 months to a unit sold after it took effect', async () => {
    const later = buildNevUnit({ saleDate: '2026-01-15' });
    const steering = buildJob({ component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 } });
    const job = jobOf(await decide({ ruleBook, unit: later, claim: buildClaim({ odometerKm: 50_000, failureDate: '2027-02-01', repairDate: '2027-02-02', jobs: [steering] }), today: '2027-02-05' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.coverage).toMatchObject({ term: 'whole-vehicle', lastCoveredDay: '2027-01-14' });
  });

  it('pays a battery repaired under the new policy at its new catalogue price and tier-A rate', async () => {
    const battery = buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 7_000_000 }, labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 6, rateFen: 9_000 }] });
    const decision = await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 50_000, failureDate: '2026-03-01', repairDate: '2026-03-02', jobs: [battery] }), today: '2026-03-05' });
    const job = jobOf(decision);
    expect(lineOf(job, 'J1/causal')).toMatchObject({ approvedFen: 7_000_000, adjustments: [] });
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ approvedFen: 54_000, adjustments: [] });
    expect(decision.policy?.version).toBe('2026-01-01');
    expect(decision.ruleSet?.version).toBe('2021-01-01');
  });

  it('pays a battery repaired before the new policy at the old price and rate: EPC and ELR', async () => {
    const battery = buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 7_000_000 }, labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 6, rateFen: 9_000 }] });
    const decision = await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 50_000, failureDate: '2025-12-30', repairDate: '2025-12-31', jobs: [battery] }), today: '2026-01-05' });
    const job = jobOf(decision);
    expect(lineOf(job, 'J1/causal').approvedFen).toBe(6_800_000);
    expect(lineOf(job, 'J1/labour/1').approvedFen).toBe(48_000);
    expect(codesOf(job)).toEqual(['EPC', 'ELR']);
    expect(decision.policy?.version).toBe('2021-01-01');
  });
});
