import { describe, expect, it } from 'vitest';
import { buildClaim, buildNevUnit } from '../../support/builders.js';
import { decide } from '../../support/decide.js';
import { shippedRuleBook } from '../../support/rule-book.js';
import type { Decision, TraceEntry } from '../../../src/adjudication/decision.js';
import { compactTrace, expandTrace, traceHash } from '../../../src/adjudication/trace-codec.js';

// The trace as the decisions table stores it (issue 13): compact only when it rebuilds to itself.
const unit = buildNevUnit({ saleDate: '2021-03-15' });
const claim = buildClaim({ odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16' });
const today = '2026-03-20';

async function decidedWithFile() {
  const decision: Decision = await decide({ unit, claim, today });
  const file = (await shippedRuleBook()).ruleSets.find((r) => r.hash === decision.ruleSet!.hash)!.file;
  return { trace: decision.trace, file };
}

/** The trace with one condition changed where the rule set file says otherwise. */
function withCondition(trace: TraceEntry[], change: Partial<TraceEntry['conditions'][number]>): TraceEntry[] {
  const at = trace.findIndex((e) => e.conditions.some((c) => !c.fact.startsWith('condition:')));
  const entry = trace[at]!;
  const i = entry.conditions.findIndex((c) => !c.fact.startsWith('condition:'));
  const conditions = entry.conditions.map((c, j) => (j === i ? { ...c, ...change } : c));
  return trace.map((e, k) => (k === at ? { ...e, conditions } : e));
}

describe('the compact trace', () => {
  it('rebuilds through JSON to the trace decided, with its hash', async () => {
    const { trace, file } = await decidedWithFile();
    const compact = compactTrace(trace, file)!;
    expect(compact.hash).toBe(traceHash(trace));
    expect(expandTrace(JSON.parse(JSON.stringify(compact)), file)).toEqual(trace);
  });

  it('is not made when the trace would not rebuild from the rule set file (a condition’s operator or expected value not the file’s)', async () => {
    const { trace, file } = await decidedWithFile();
    expect(compactTrace(withCondition(trace, { operator: 'notIn' }), file)).toBeNull();
    expect(compactTrace(withCondition(trace, { value: { unexpected: [1, 2] } }), file)).toBeNull();
  });

  it('is made when a value differs only in what JSON does not keep (key order)', async () => {
    const { trace, file } = await decidedWithFile();
    const reordered = withCondition(trace, { factValue: { b: 1, a: [2, { d: 3, c: 4 }] } });
    const alike = withCondition(trace, { factValue: { a: [2, { c: 4, d: 3 }], b: 1 } });
    const compact = compactTrace(reordered, file)!;
    expect(compact.hash).toBe(traceHash(alike));
    expect(traceHash(expandTrace(compact, file))).toBe(traceHash(reordered));
  });
});
