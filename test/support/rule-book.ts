import { loadRuleBook, type RuleBook } from '../../src/rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';

let shipped: Promise<RuleBook> | undefined;

/** The rule book that ships in `rules/` and `policies/`, loaded once per test file. */
export function shippedRuleBook(): Promise<RuleBook> {
  shipped ??= loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
  return shipped;
}
