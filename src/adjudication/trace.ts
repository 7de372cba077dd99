import type { RuleResult } from 'json-rules-engine';
import type { TraceCondition, TraceEntry } from './decision.js';

type Node = Record<string, unknown>;

function leaves(node: Node, out: TraceCondition[]): void {
  for (const key of ['all', 'any'] as const) {
    const children = node[key];
    if (Array.isArray(children)) for (const child of children) leaves(child as Node, out);
  }
  if (node.not) leaves(node.not as Node, out);
  if (typeof node.condition === 'string') {
    out.push({ fact: `condition:${node.condition}`, operator: 'condition', value: node.condition, factValue: null, result: node.result as boolean | undefined });
    return;
  }
  if (typeof node.fact === 'string') {
    const expected = node.valueResult !== undefined ? node.valueResult : node.value;
    out.push({
      fact: node.fact,
      ...(typeof node.path === 'string' ? { path: node.path } : {}),
      operator: node.operator as string,
      value: expected,
      factValue: node.factResult,
      result: node.result as boolean | undefined,
    });
  }
}

/** Every rule the engine evaluated for a job, with each condition's fact value, operator, expected value and result. */
export function traceOf(jobId: string, results: readonly RuleResult[]): TraceEntry[] {
  return results
    .map((r) => {
      const conditions: TraceCondition[] = [];
      leaves(r.conditions as unknown as Node, conditions);
      return { jobId, rule: r.name, priority: r.priority ?? 1, result: Boolean(r.result), event: r.event?.type ?? '', conditions };
    })
    .sort((a, b) => b.priority - a.priority || a.rule.localeCompare(b.rule));
}
