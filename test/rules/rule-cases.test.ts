import { describe, expect, it } from 'vitest';
import { loadRuleBook } from '../../src/rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';
import { runRuleCases } from '../../src/rules/cases/run-cases.js';
import { formatProblem } from '../../src/rules/validation/problem.js';

// The shipped rules and policies with their own example claims (rules/<product-line>/cases/*.json),
// run once through the real core; each case then reports as its own test.
const ruleBook = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
const report = await runRuleCases(defaultRulesDir(), ruleBook);

describe('rule cases shipped beside the rules', () => {
  it('every case file is valid JSON matching the case schema', () => {
    expect(report.problems.map(formatProblem)).toEqual([]);
  });

  for (const result of report.results) {
    it(`${result.file} › ${result.name}`, () => {
      const explanation = [`${result.file} › ${result.name}`, ...result.failures.map((f) => `  ${f}`)].join('\n');
      expect(result.failures, explanation).toEqual([]);
    });
  }

  it('every rule set has cases', () => {
    expect(ruleBook.ruleSets.length).toBeGreaterThan(0);
    expect(report.withoutCases).toEqual([]);
  });

  it('every rule of every rule set fires in at least one case', () => {
    const unexercised = Object.entries(report.unexercised)
      .filter(([, rules]) => rules.length > 0)
      .map(([set, rules]) => `${set}: ${rules.join(', ')}`);
    expect(Object.keys(report.unexercised).sort()).toEqual(ruleBook.ruleSets.map((s) => `${s.file.id}@${s.file.version}`).sort());
    expect(unexercised).toEqual([]);
  });
});
