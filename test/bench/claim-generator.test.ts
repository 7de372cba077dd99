import { beforeAll, describe, expect, it } from 'vitest';
import { generateClaim, generateClaims, type GeneratedClaim } from '../../bench/claim-generator.js';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import type { Decision } from '../../src/adjudication/decision.js';
import { loadRuleBook, type RuleBook } from '../../src/rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';

describe('claim generator', () => {
  it('gives the same claims for the same seed and different ones for another seed', () => {
    const a = generateClaims({ count: 50, seed: 7 });
    expect(generateClaims({ count: 50, seed: 7 })).toEqual(a);
    expect(generateClaims({ count: 50, seed: 8 })).not.toEqual(a);
  });

  it('makes claim i independent of how many claims are asked for', () => {
    const many = generateClaims({ count: 40, seed: 3 });
    expect(generateClaims({ count: 10, seed: 3 })).toEqual(many.slice(0, 10));
    expect(generateClaim(3, 25)).toEqual(many[25]);
  });

  it('keeps every date in order and within the product line sale years', () => {
    for (const { unit, claim, today } of generateClaims({ count: 500, seed: 11 })) {
      expect(claim.failureDate >= unit.saleDate).toBe(true);
      expect(claim.repairDate >= claim.failureDate).toBe(true);
      expect(today >= (claim.receivedDate ?? claim.repairDate)).toBe(true);
      expect(claim.jobs.length).toBeGreaterThanOrEqual(1);
      expect(claim.jobs.length).toBeLessThanOrEqual(3);
      const year = Number(unit.saleDate.slice(0, 4));
      if (unit.productLine === 'e-bike') expect(year).toBeGreaterThanOrEqual(2024);
      else expect(year).toBeGreaterThanOrEqual(2021);
      expect(year).toBeLessThanOrEqual(2025);
    }
  });

  describe('decided by the shipped rules', () => {
    let decisions: Decision[];
    let cases: GeneratedClaim[];
    beforeAll(async () => {
      const ruleBook: RuleBook = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
      cases = generateClaims({ count: 600, seed: 20261122 });
      decisions = [];
      for (const c of cases) decisions.push(await adjudicate({ ...c, ruleBook }));
    });

    it('covers both product lines and every claim status', () => {
      expect(new Set(decisions.map((d) => d.productLine))).toEqual(new Set(['nev-special-vehicle', 'e-bike']));
      expect(new Set(decisions.map((d) => d.status))).toEqual(new Set(['approved', 'adjusted', 'partial', 'denied', 'pended']));
    });

    it('produces the realistic trouble: exclusions, expired terms, labour cuts, consequential parts, travel', () => {
      const codes = new Set(decisions.flatMap((d) => d.jobs.flatMap((j) => j.reasons.map((r) => r.code))));
      for (const code of ['EW', 'CDR', 'DI', 'VM', 'NEW', 'ELH', 'EPC', 'WA-COMEBACK']) expect(codes, code).toContain(code);
      const lines = decisions.flatMap((d) => d.jobs.flatMap((j) => j.lines));
      expect(lines.some((l) => l.role === 'consequential')).toBe(true);
      expect(lines.some((l) => l.kind === 'travel')).toBe(true);
    });
  });
});
