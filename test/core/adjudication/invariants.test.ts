import { beforeAll, describe, expect, it } from 'vitest';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildJob, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';
import { shippedRuleBook } from '../../support/rule-book.js';
import { RuleBook, contentHash } from '../../../src/rules/rule-book.js';
import { CompiledRuleSet } from '../../../src/rules/compiled-rules.js';

// The core's own guarantees, whatever the rule files say: a rule set without its expiry rule must
// not pay an out-of-term job. `warranty rules validate` refuses such a set (test/policy/validate.test.ts),
// so this book is built past the validator, as a bug or a hand-built book would reach the core.

let withoutExpiry: RuleBook;
beforeAll(async () => {
  const shipped = await shippedRuleBook();
  const ruleSets = shipped.ruleSets.map((r) => {
    const file = { ...r.file, rules: r.file.rules.filter((rule) => !rule.name.endsWith('.term.expired')) };
    const zone = shipped.policies.find((p) => p.file.productLine === file.productLine)!.file.timeZone;
    return { file, hash: contentHash(file), source: r.source, engines: new CompiledRuleSet(file, zone) };
  });
  expect(ruleSets.every((r) => r.file.rules.every((rule) => !rule.name.endsWith('.term.expired')))).toBe(true);
  withoutExpiry = new RuleBook(ruleSets, shipped.policies, shipped.reasons);
});

describe('a job outside its term is never approved by a rule set without its expiry rule', () => {
  const unit = buildNevUnit({ saleDate: '2024-06-01' });
  const steering = (failureDate: string) =>
    buildClaim({ failureDate, repairDate: failureDate, jobs: [buildJob({ component: 'electric-steering', failureMode: 'malfunction', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 }, labour: [] })] });

  it('pends NEV steering failing on 2027-06-01 (the day after its 36 months) WA-OUT-OF-TERM, paying nothing', async () => {
    const decision = await decide({ claim: steering('2027-06-01'), unit, today: '2027-06-05', ruleBook: withoutExpiry });
    const job = jobOf(decision, 'J1');
    expect(decision.status).toBe('pended');
    expect(job).toMatchObject({ status: 'pended', covered: false, coverage: { term: 'small-three-electric', lastCoveredDay: '2027-05-31', withinTerm: false } });
    expect(codesOf(job)).toEqual(['WA-OUT-OF-TERM']);
    expect(decision.totals.approvedFen).toBe(0);
    expect(decision.trace).toContainEqual(expect.objectContaining({ jobId: 'J1', rule: 'core.invariant.within-term', result: true, event: 'pend' }));
  });

  it('still approves the same steering on its last covered day, 2027-05-31', async () => {
    const decision = await decide({ claim: steering('2027-05-31'), unit, today: '2027-06-05', ruleBook: withoutExpiry });
    expect(decision.status).toBe('approved');
    expect(decision.trace.some((t) => t.rule === 'core.invariant.within-term')).toBe(false);
  });

  it('pends an e-bike handlebar whose plating blisters after its 3 months (SPEC §12.7) instead of paying it', async () => {
    const claim = buildEbikeClaim({ failureDate: '2025-05-01', repairDate: '2025-05-01', jobs: [buildEbikeJob({ component: 'handlebar', failureMode: 'plating-blister', causalPart: { partNumber: 'EB-BAR-01', quantity: 1, unitPriceFen: 6_000 }, labour: [] })] });
    const decision = await decide({ claim, unit: buildEbikeUnit(), today: '2025-05-03', ruleBook: withoutExpiry });
    expect(codesOf(jobOf(decision, 'J1'))).toEqual(['WA-OUT-OF-TERM']);
    expect(decision.totals.approvedFen).toBe(0);
  });

  it('leaves the shipped rule set to deny it EW, so the invariant never shows on shipped decisions', async () => {
    const decision = await decide({ claim: steering('2027-06-01'), unit, today: '2027-06-05' });
    expect(codesOf(jobOf(decision, 'J1'))).toEqual(['EW']);
    expect(decision.trace.some((t) => t.rule === 'core.invariant.within-term')).toBe(false);
  });
});
