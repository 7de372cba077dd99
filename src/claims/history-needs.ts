import type { RuleBook } from '../rules/rule-book.js';

const needs = new WeakMap<object, number | null>();

/**
 * How many earlier covered repairs of a component a decision can tell apart: one more than the largest
 * number any loaded rule compares `priorWarrantyRepairs` with (a count beyond it cannot change a
 * decision), at least one (the latest is the previous repair of a comeback). Null — read them all — if
 * a rule compares it with another fact.
 */
export function repeatsNeeded(book: RuleBook): number | null {
  const known = needs.get(book);
  if (known !== undefined) return known;
  let largest = 0;
  let unbounded = false;
  const stack: unknown[] = book.ruleSets.map((r) => r.file);
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.fact === 'priorWarrantyRepairs' && 'value' in record) {
        if (typeof record.value === 'number') largest = Math.max(largest, Math.ceil(record.value));
        else unbounded = true;
      }
      stack.push(...Object.values(record));
    }
  }
  const result = unbounded ? null : largest + 1;
  needs.set(book, result);
  return result;
}
