import type { EvaluatedRule } from '../rules/rule-engines.js';
import type { TraceCondition, TraceEntry } from './decision.js';

/** A node of an evaluated rule's condition tree, as json-rules-engine leaves it on the result. */
interface Node {
  all?: Node[];
  any?: Node[];
  not?: Node;
  condition?: unknown;
  fact?: unknown;
  path?: unknown;
  operator?: unknown;
  value?: unknown;
  valueResult?: unknown;
  factResult?: unknown;
  result?: unknown;
}

/** Every leaf of the tree, depth first: a fact condition, or a named condition the engine did not reach. */
function leaves(node: Node, out: TraceCondition[]): void {
  const { all, any } = node;
  if (Array.isArray(all)) for (const child of all) leaves(child, out);
  if (Array.isArray(any)) for (const child of any) leaves(child, out);
  if (node.not) leaves(node.not, out);
  const result = node.result as boolean | undefined;
  if (typeof node.condition === 'string') {
    out.push({ fact: `condition:${node.condition}`, operator: 'condition', value: node.condition, factValue: null, result });
    return;
  }
  if (typeof node.fact === 'string') {
    const value = node.valueResult !== undefined ? node.valueResult : node.value;
    const operator = node.operator as string;
    out.push(
      typeof node.path === 'string'
        ? { fact: node.fact, path: node.path, operator, value, factValue: node.factResult, result }
        : { fact: node.fact, operator, value, factValue: node.factResult, result },
    );
  }
}

function byPriorityThenName(a: TraceEntry, b: TraceEntry): number {
  return b.priority - a.priority || a.rule.localeCompare(b.rule);
}

/** Every rule the engine evaluated for a job, with each condition's fact value, operator, expected value and result. */
export function traceOf(jobId: string, results: readonly EvaluatedRule[]): TraceEntry[] {
  // json-rules-engine leaves a tree to flatten (the compiled evaluator makes the entries as it evaluates: RuleRun.trace).
  const entries: TraceEntry[] = new Array(results.length);
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const conditions: TraceCondition[] = [];
    leaves(r.conditions as unknown as Node, conditions);
    entries[i] = { jobId, rule: r.name, priority: r.priority, result: r.result, event: r.event.type, conditions };
  }
  return entries.sort(byPriorityThenName);
}
