import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaim, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';
import { copyShippedRuleBook, type RuleBookCopy } from '../../support/rule-book.js';
import type { RuleBook } from '../../../src/rules/rule-book.js';
import type { PolicyFile } from '../../../src/policies/policy-schema.js';

// SPEC §3.1: a local standard makes a term more generous dimension by dimension (months the larger;
// km the larger, and no km limit beats any limit); it never makes a term shorter.
// Two regions are added to a copy of the NEV policy: CN-BJ lifts the km limit of the three-electric
// core, CN-XX sets a stricter 48 months / 100,000 km that must not cut the 60 months / 200,000 km.

describe('local standards a policy owner adds', () => {
  let copy: RuleBookCopy;
  let ruleBook: RuleBook;

  beforeAll(async () => {
    copy = await copyShippedRuleBook();
    const file = 'policies/nev-special-vehicle/2021-01-01.json';
    const policy = await copy.readJson<PolicyFile>(file);
    policy.localStandards.push(
      { region: 'CN-BJ', category: 'core-three-electric', km: null, note: 'no km limit' },
      { region: 'CN-XX', category: 'core-three-electric', months: 48, km: 100_000, note: 'stricter than the rules' },
    );
    await copy.writeJson(file, policy);
    ruleBook = await copy.load();
  });
  afterAll(() => copy.remove());

  it('covers a Beijing battery at 900,000 km inside 60 months: no km limit beats any limit', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-BJ' });
    const job = jobOf(await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 900_000, failureDate: '2025-06-01', repairDate: '2025-06-02' }), today: '2025-06-05' }));
    expect(job.covered).toBe(true);
    expect(job.coverage).toMatchObject({ kmLimit: null, lastCoveredDay: '2026-03-14', localStandard: 'CN-BJ' });
  });

  it('keeps the Beijing battery\'s 60 months: a local standard without months leaves them as the rules say', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-BJ' });
    const job = jobOf(await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 900_000, failureDate: '2026-03-15', repairDate: '2026-03-16' }), today: '2026-03-20' }));
    expect(codesOf(job)).toEqual(['EW']);
  });

  it('does not shorten the rules\' term: a battery at 150,000 km in month 50 is covered despite a 48-month / 100,000 km local standard', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-XX' });
    const job = jobOf(await decide({ ruleBook, unit, claim: buildClaim({ odometerKm: 150_000, failureDate: '2025-05-20', repairDate: '2025-05-21' }), today: '2025-05-25' }));
    expect(job.covered).toBe(true);
    expect(job.coverage).toMatchObject({ lastCoveredDay: '2026-03-14', kmLimit: 200_000 });
  });
});
