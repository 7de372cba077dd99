import { describe, expect, it } from 'vitest';
import { buildClaim, buildJob, buildNevUnit } from '../../support/builders.js';
import { decide, preAuthorise } from '../../support/decide.js';
import { shippedRuleBook } from '../../support/rule-book.js';
import { adjudicate } from '../../../src/adjudication/adjudicate.js';
import type { TraceEntry } from '../../../src/adjudication/decision.js';

// The trace an auditor reads: every rule evaluated for a job, its result, and for each condition the
// fact, operator, expected value, the fact's value and the condition's result.

const unit = buildNevUnit({ saleDate: '2021-03-15' });
const batteryClaim = buildClaim({ odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16' });
const today = '2026-03-20';

const entry = (trace: TraceEntry[], rule: string, jobId = 'J1'): TraceEntry => {
  const found = trace.find((t) => t.rule === rule && t.jobId === jobId);
  if (!found) throw new Error(`rule ${rule} is not in the trace of ${jobId}: ${trace.map((t) => t.rule).join(', ')}`);
  return found;
};

describe('the rule trace of a decision', () => {
  it('lists every rule evaluated for a battery job once: all NEV rules but the terms of other categories', async () => {
    const ruleBook = await shippedRuleBook();
    const { trace } = await decide({ unit, claim: batteryClaim, today });
    const otherTerms = ['nev.term.small-three-electric', 'nev.term.upfit-structure', 'nev.term.whole-vehicle'];
    const expected = ruleBook.ruleSetAt('nev-special-vehicle', '2021-03-15')!.file.rules.map((r) => r.name).filter((n) => !otherTerms.includes(n));
    expect(trace.map((t) => t.rule).sort()).toEqual([...expected].sort());
    expect(trace.every((t) => t.jobId === 'J1' && typeof t.result === 'boolean')).toBe(true);
  });

  it('marks the rules that fired: only the battery\'s term on a clean covered claim', async () => {
    const { trace } = await decide({ unit, claim: batteryClaim, today });
    expect(trace.filter((t) => t.result).map((t) => t.rule)).toEqual(['nev.term.core-three-electric']);
    expect(entry(trace, 'nev.term.core-three-electric')).toMatchObject({ priority: 100, event: 'term' });
  });

  it('gives each condition its fact, operator, expected value, fact value and result', async () => {
    const { trace } = await decide({ unit, claim: batteryClaim, today });
    for (const t of trace) {
      expect(t.conditions.length, t.rule).toBeGreaterThan(0);
      for (const c of t.conditions) {
        expect(Object.keys(c), t.rule).toEqual(expect.arrayContaining(['fact', 'operator', 'value', 'factValue', 'result']));
        expect(typeof c.result, `${t.rule} ${c.fact}`).toBe('boolean');
      }
    }
    expect(entry(trace, 'nev.term.core-three-electric').conditions).toEqual([
      { fact: 'category', operator: 'equal', value: 'core-three-electric', factValue: 'core-three-electric', result: true },
    ]);
  });

  it('shows a value taken from the policy resolved: the 30-day filing window against 4 days', async () => {
    const { trace } = await decide({ unit, claim: batteryClaim, today });
    expect(entry(trace, 'nev.claim.filed-late').conditions).toEqual([
      { fact: 'daysRepairToReceived', operator: 'greaterThan', value: 30, factValue: 4, result: false },
    ]);
  });

  it('shows the path of a condition on a nested fact', async () => {
    const { trace } = await decide({ unit, claim: buildClaim({ ...batteryClaim, evidence: { photos: 2, faultStatePreserved: false } }), today });
    const modification = entry(trace, 'nev.exclusion.modification');
    expect(modification.result).toBe(true);
    expect(modification.conditions).toContainEqual({ fact: 'evidence', path: '$.faultStatePreserved', operator: 'equal', value: false, factValue: false, result: true });
  });

  it('expands a named condition into its facts: manufacturer-defect in the comeback rule', async () => {
    const { trace } = await decide({ unit, claim: batteryClaim, today });
    expect(entry(trace, 'nev.liability.comeback').conditions[0]).toEqual({
      fact: 'cause', operator: 'in', value: ['defect-design', 'defect-material', 'defect-manufacturing', 'defect-assembly'], factValue: 'defect-material', result: true,
    });
  });

  it('shows why a battery one day past its term is EW: coverage.withinTerm false and no comeback', async () => {
    const { trace } = await decide({ unit, claim: buildClaim({ ...batteryClaim, failureDate: '2026-03-15' }), today });
    const expired = entry(trace, 'nev.term.expired');
    expect(expired.result).toBe(true);
    expect(expired.conditions).toEqual([
      { fact: 'coverage', path: '$.withinTerm', operator: 'equal', value: false, factValue: false, result: true },
      { fact: 'comeback', operator: 'equal', value: false, factValue: false, result: true },
    ]);
  });

  it('traces every job of a claim under its own job id', async () => {
    const claim = buildClaim({ ...batteryClaim, jobs: [buildJob({ jobId: 'J1' }), buildJob({ jobId: 'J2', component: 'cab-lamp', failureMode: 'open-circuit', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } })] });
    const { trace } = await decide({ unit, claim, today });
    expect(entry(trace, 'nev.term.core-three-electric', 'J1').result).toBe(true);
    expect(entry(trace, 'nev.term.whole-vehicle', 'J2').result).toBe(true);
    expect(entry(trace, 'nev.term.expired', 'J2').result).toBe(true);
    expect(trace.some((t) => t.jobId === 'J2' && t.rule === 'nev.term.core-three-electric')).toBe(false);
  });

  it('leaves the trace out when asked', async () => {
    const issued = preAuthorise(batteryClaim, unit);
    const decision = await adjudicate({ ...issued, unit, history: [], ruleBook: await shippedRuleBook(), today, trace: false });
    expect(decision.trace).toEqual([]);
    expect(decision.status).toBe('approved');
  });
});
