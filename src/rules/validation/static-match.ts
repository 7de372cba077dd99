import type { ConditionNode } from '../rule-set-schema.js';

/** What is known about a job before any claim data: the facts a rule book is partitioned by. */
export interface Candidate {
  component: string;
  category: string | null;
  failureMode: string | null;
}

/** Facts assumed known besides the candidate's, keyed `fact` or `fact:path` (e.g. `coverage:$.withinTerm`). */
export type KnownFacts = Readonly<Record<string, unknown>>;

/**
 * Three-valued evaluation of a condition against a candidate: true / false where the condition only
 * looks at component, category and failure mode (and the known facts), null ("depends on the claim") elsewhere.
 */
export function staticMatch(node: ConditionNode, candidate: Candidate, named: Record<string, ConditionNode>, known: KnownFacts = {}): boolean | null {
  if ('all' in node) {
    let unknown = false;
    for (const child of node.all) {
      const r = staticMatch(child, candidate, named, known);
      if (r === false) return false;
      if (r === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ('any' in node) {
    let unknown = false;
    for (const child of node.any) {
      const r = staticMatch(child, candidate, named, known);
      if (r === true) return true;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  }
  if ('not' in node) {
    const r = staticMatch(node.not, candidate, named, known);
    return r === null ? null : !r;
  }
  if ('condition' in node) {
    const target = named[node.condition];
    return target ? staticMatch(target, candidate, named, known) : null;
  }
  const key = node.path === undefined ? node.fact : `${node.fact}:${node.path}`;
  const isKnown = Object.prototype.hasOwnProperty.call(known, key);
  if (!isKnown && (node.path !== undefined || !['component', 'category', 'failureMode'].includes(node.fact))) return null;
  if (isKnown && typeof node.value === 'object' && node.value !== null && !Array.isArray(node.value)) return null;
  const actual = isKnown ? known[key] : candidate[node.fact as keyof Candidate];
  if (node.fact === 'failureMode' && actual === null) return null;
  switch (node.operator) {
    case 'equal':
      return actual === node.value;
    case 'notEqual':
      return actual !== node.value;
    case 'in':
      return Array.isArray(node.value) ? node.value.includes(actual) : null;
    case 'notIn':
      return Array.isArray(node.value) ? !node.value.includes(actual) : null;
    default:
      return null;
  }
}

/** Every value a condition tree compares a fact with (`equal` / `in`), with the JSON path of each. */
export function comparedValues(node: unknown, path: Array<string | number>, out: Array<{ fact: string; value: unknown; path: Array<string | number> }>): void {
  if (typeof node !== 'object' || node === null) return;
  const c = node as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (Array.isArray(c[group])) (c[group] as unknown[]).forEach((child, i) => comparedValues(child, [...path, group, i], out));
  }
  if (c.not) comparedValues(c.not, [...path, 'not'], out);
  if (typeof c.fact !== 'string' || c.path !== undefined) return;
  if (Array.isArray(c.value)) c.value.forEach((v, i) => out.push({ fact: c.fact as string, value: v, path: [...path, 'value', i] }));
  else out.push({ fact: c.fact, value: c.value, path: [...path, 'value'] });
}
