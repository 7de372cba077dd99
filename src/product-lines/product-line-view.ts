import type { RuleBook } from '../rules/rule-book.js';
import { CAUSES } from '../claims/claim-schema.js';
import { failureModesOf } from '../policies/vocabulary.js';
import type { ProductLineList, ProductLineVocabulary } from './product-line-schema.js';

const window = (e: { from: string; to?: string | null | undefined }) => ({ from: e.from, to: e.to ?? null });

/** Every product line of the book with its versions, and where its vocabulary is. */
export function productLineList(book: RuleBook): ProductLineList {
  const lines = [...new Set([...book.productLines, ...book.policies.map((p) => p.file.productLine)])].sort();
  return {
    items: lines.map((productLine) => ({
      productLine,
      policies: book.policies.filter((p) => p.file.productLine === productLine).map((p) => ({ version: p.file.version, ...window(p.file.effective) })).sort((a, b) => (a.from < b.from ? -1 : 1)),
      ruleSets: book.ruleSets.filter((r) => r.file.productLine === productLine).map((r) => ({ version: r.file.version, ...window(r.file.effective) })).sort((a, b) => (a.from < b.from ? -1 : 1)),
      vocabulary: `/v1/product-lines/${encodeURIComponent(productLine)}`,
    })),
  };
}

/** The closed vocabulary of a line from the policy and rule set in force on `date`; null when no policy is. */
export function productLineVocabulary(book: RuleBook, productLine: string, date: string): ProductLineVocabulary | null {
  const policy = book.policyAt(productLine, date);
  if (!policy) return null;
  const ruleSet = book.ruleSetAt(productLine, date);
  const file = policy.file;
  return {
    productLine,
    date,
    policy: { id: file.id, version: file.version, hash: policy.hash },
    ruleSet: ruleSet ? { id: ruleSet.file.id, version: ruleSet.file.version, hash: ruleSet.hash } : null,
    timeZone: file.timeZone,
    termStartsAt: file.termStartsAt,
    identifiedBy: file.identity.serial,
    components: Object.entries(file.components).map(([component, c]) => ({
      component,
      category: c.category,
      electrical: c.electrical,
      failureModes: [...failureModesOf(file, component)],
      anyFault: c.failureModes === undefined || c.failureModes === 'any',
    })),
    failureModes: [...file.failureModes],
    causes: [...CAUSES],
    parts: file.parts.map((p) => ({ partNumber: p.partNumber, component: p.component, genuine: p.genuine })),
    labourOperations: Object.entries(file.labour.operations).map(([operationCode, o]) => ({ operationCode, standardHours: o.hours, description: o.description ?? null })),
  };
}
