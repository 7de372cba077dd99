import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateClaims } from '../../bench/claim-generator.js';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import { traceOf } from '../../src/adjudication/trace.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';
import { ruleCaseFileSchema, type RuleCase } from '../../src/rules/cases/case-schema.js';
import { runCase } from '../../src/rules/cases/run-cases.js';
import { CompiledRuleSet } from '../../src/rules/compiled-rules.js';
import { loadRuleBook, type RuleBook } from '../../src/rules/rule-book.js';
import { EngineCache, type RuleRun } from '../../src/rules/rule-engines.js';
import type { RuleSetFile } from '../../src/rules/rule-set-schema.js';

/**
 * The compiled evaluator must decide exactly as json-rules-engine does: the same decision, reasons
 * in the same order, the same amounts and the same trace, on every shipped rule case, on generated
 * claims, and on a rule set written to reach the corners of the engine's semantics.
 */

let compiled: RuleBook;
let reference: RuleBook;

beforeAll(async () => {
  compiled = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir(), { evaluator: 'compiled' });
  reference = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir(), { evaluator: 'json-rules-engine' });
});

async function shippedCases(): Promise<RuleCase[]> {
  const out: RuleCase[] = [];
  for (const line of await readdir(defaultRulesDir(), { withFileTypes: true })) {
    if (!line.isDirectory()) continue;
    const dir = path.join(defaultRulesDir(), line.name, 'cases');
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
      out.push(...ruleCaseFileSchema.parse(JSON.parse(await readFile(path.join(dir, file), 'utf8'))).cases);
    }
  }
  return out;
}

describe('compiled evaluator against json-rules-engine', () => {
  it('decides every shipped rule case the same, trace included', async () => {
    const cases = await shippedCases();
    expect(cases.length).toBeGreaterThan(100);
    for (const ruleCase of cases) {
      const fast = await runCase(ruleCase, compiled);
      const slow = await runCase(ruleCase, reference);
      expect(fast.decision, ruleCase.name).toEqual(slow.decision);
      expect(fast.failures, ruleCase.name).toEqual([]);
    }
  });

  it('decides 1,500 generated claims the same, trace included', async () => {
    const generated = generateClaims({ count: 1500, seed: 4242 });
    const statuses = new Set<string>();
    for (const g of generated) {
      const input = { claim: g.claim, unit: g.unit, history: g.history, today: g.today, preAuthorisations: g.preAuthorisations };
      const fast = await adjudicate({ ...input, ruleBook: compiled });
      const slow = await adjudicate({ ...input, ruleBook: reference });
      expect(fast, g.claim.claimNumber).toEqual(slow);
      // Without a trace the compiled evaluator takes another path (nothing recorded): same decision.
      expect(await adjudicate({ ...input, ruleBook: compiled, trace: false }), g.claim.claimNumber).toEqual({ ...slow, trace: [] });
      statuses.add(fast.status);
    }
    // The sample reaches every kind of outcome, so the comparison is not between two empty answers.
    expect([...statuses].sort()).toEqual(['adjusted', 'approved', 'denied', 'partial', 'pended']);
    // 4,500 adjudications, a third on the slow reference: minutes, not seconds, on a loaded 2-core machine.
  }, 300_000);

  it('decides generated claims of any seed the same (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        for (const g of generateClaims({ count: 8, seed })) {
          const input = { claim: g.claim, unit: g.unit, history: g.history, today: g.today, preAuthorisations: g.preAuthorisations };
          expect(await adjudicate({ ...input, ruleBook: compiled })).toEqual(await adjudicate({ ...input, ruleBook: reference }));
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });
});

/** A rule set built to reach what the shipped rules do not: condition priorities, not, empty groups, nested named conditions, odd fact values. */
const cornerSet: RuleSetFile = {
  id: 'corners',
  version: '1',
  productLine: 'corners',
  effective: { from: '2020-01-01' },
  conditions: {
    inner: { any: [{ fact: 'cause', operator: 'equal', value: 'defect-material' }, { fact: 'cause', operator: 'equal', value: 'defect-workmanship' }] },
    outer: { all: [{ condition: 'inner' }, { not: { fact: 'evidence', path: '$.photos', operator: 'lessThan', value: 1 } }] },
  },
  rules: [
    { name: 'term.a', priority: 100, conditions: { all: [{ fact: 'category', operator: 'in', value: ['a', 'b'] }] }, event: { type: 'term', params: { term: 'a', months: 12 } } },
    { name: 'term.b', priority: 100, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'b' }] }, event: { type: 'term', params: { term: 'b', months: 36, km: 100 } } },
    { name: 'empty.all', priority: 90, conditions: { all: [] }, event: { type: 'pend', params: { code: 'E1' } } },
    { name: 'empty.any', priority: 90, conditions: { any: [] }, event: { type: 'pend', params: { code: 'E2' } } },
    {
      name: 'grouped.all',
      priority: 90,
      conditions: {
        all: [
          { fact: 'odometerKm', operator: 'greaterThan', value: 10, priority: 5 },
          { fact: 'cause', operator: 'notEqual', value: 'wear', priority: 3 },
          { fact: 'failureMode', operator: 'equal', value: 'x', priority: 3 },
          { condition: 'outer' },
        ],
      },
      event: { type: 'deny', params: { code: 'G1' } },
    },
    {
      name: 'grouped.any',
      priority: 90,
      conditions: { any: [{ fact: 'odometerKm', operator: 'lessThan', value: 50, priority: 9 }, { condition: 'outer' }, { fact: 'nothing', path: '$.x', operator: 'equal', value: null }] },
      event: { type: 'pend', params: { code: 'G2' } },
    },
    {
      name: 'odd.values',
      priority: 80,
      conditions: {
        any: [
          { fact: 'cause', operator: 'contains', value: 'x' },
          { fact: 'tags', operator: 'doesNotContain', value: 'red' },
          { fact: 'odometerText', operator: 'greaterThanInclusive', value: 5 },
          { fact: 'cause', path: '$.length', operator: 'equal', value: 6 },
          { fact: 'evidence', path: '$.photos', operator: 'equal', value: { fact: 'odometerKm' } },
          { fact: 'policy', path: '$.limits.km', operator: 'lessThanInclusive', value: { fact: 'odometerKm', path: '$.none' } },
        ],
      },
      event: { type: 'pend', params: { code: 'O1' } },
    },
    {
      name: 'dates',
      priority: 70,
      conditions: { all: [{ fact: 'saleToFailure', operator: 'withinMonths', value: 24 }, { any: [{ fact: 'saleToFailure', operator: 'withinDays', value: 7 }, { fact: 'repairToReceived', operator: 'withinDays', value: 30 }] }] },
      event: { type: 'remedy', params: { remedy: 'replace', code: 'D1' } },
    },
    { name: 'comeback', priority: 50, conditions: { not: { fact: 'daysSincePreviousRepair', operator: 'equal', value: null } }, event: { type: 'comeback', params: { code: 'C1' } } },
    {
      name: 'chained',
      priority: 10,
      conditions: { all: [{ fact: 'coverage', path: '$.withinTerm', operator: 'equal', value: false }, { fact: 'comeback', operator: 'equal', value: false }, { fact: 'term', path: '$.term', operator: 'notEqual', value: null }] },
      event: { type: 'deny', params: { code: 'EW' } },
    },
    { name: 'ref.root', priority: 10, conditions: { condition: 'outer' }, event: { type: 'pend', params: { code: 'R1' } } },
  ],
};

const factsArbitrary = fc.record({
  component: fc.constant('c'),
  category: fc.constantFrom('a', 'b', 'z', null),
  cause: fc.constantFrom('defect-material', 'defect-workmanship', 'misuse', 'wear', undefined),
  failureMode: fc.constantFrom('x', 'y'),
  odometerKm: fc.option(fc.integer({ min: 0, max: 200 })),
  odometerText: fc.constantFrom('7', 'seven', '3.5', undefined),
  tags: fc.option(fc.array(fc.constantFrom('red', 'blue'), { maxLength: 2 })),
  evidence: fc.option(fc.record({ photos: fc.integer({ min: 0, max: 3 }) })),
  policy: fc.constantFrom({ limits: { km: 100 } }, {}, null),
  daysSincePreviousRepair: fc.option(fc.integer({ min: 0, max: 60 })),
  saleDate: fc.constantFrom('2024-01-31', '2024-02-29', '2025-06-01'),
  // The date the terms count from (policy termStartsAt); null: the unit lacks it, no coverage.
  termStart: fc.constantFrom('2024-01-31', '2024-02-29', '2025-06-01', null),
  failureDate: fc.constantFrom('2024-02-06', '2025-01-31', '2026-02-28', '2026-06-01'),
  saleToFailure: fc.constantFrom({ from: '2024-01-31', to: '2024-02-06' }, { from: '2024-01-31', to: '2026-01-31' }, 'not an interval'),
  repairToReceived: fc.constantFrom({ from: '2024-03-01', to: '2024-03-30' }, { from: '2024-03-01', to: '2024-03-31' }),
  localStandard: fc.constant(null),
  term: fc.constant(null),
  comeback: fc.constant(false),
});

function comparable(run: RuleRun) {
  return {
    events: run.events.map((e) => ({ type: e.type, params: e.params })),
    trace: run.trace ?? traceOf('J', [...run.results, ...run.failureResults]),
    coverage: run.coverage,
  };
}

describe('compiled evaluator semantics', () => {
  it('matches json-rules-engine on condition priorities, not, empty groups, named conditions, odd values and chaining (property)', async () => {
    const fast = new CompiledRuleSet(cornerSet, 'Asia/Shanghai');
    const slow = new EngineCache(cornerSet, 'Asia/Shanghai');
    const fired = new Set<string>();
    const failed = new Set<string>();
    await fc.assert(
      fc.asyncProperty(factsArbitrary, async (facts) => {
        const key = { component: 'c', category: facts.category };
        const a = comparable(await fast.run(key, facts, { jobId: 'J' }));
        const b = comparable(await slow.run(key, facts));
        expect(a).toEqual(b);
        const untraced = fast.runNow(key, facts, false);
        expect(untraced.events).toEqual(a.events);
        expect([...untraced.results, ...untraced.failureResults].map((r) => [r.name, r.result]).sort()).toEqual(a.trace.map((t) => [t.rule, t.result]).sort());
        for (const t of a.trace) (t.result ? fired : failed).add(t.rule);
      }),
      { numRuns: 400, seed: 7 },
    );
    // Every corner rule fired somewhere in the sample, and failed somewhere (the term rules are left out of
    // jobs of another category by bucketing, and empty groups are always true).
    const names = cornerSet.rules.map((r) => r.name).sort();
    expect([...fired].sort()).toEqual(names);
    expect([...failed].sort()).toEqual(names.filter((n) => !n.startsWith('empty.') && !n.startsWith('term.')));
  });

  it('lets the first term rule in file order win within a priority set, whatever order the engine settles them in', async () => {
    const facts = { component: 'c', category: 'b', saleDate: '2024-01-31', termStart: '2024-01-31', failureDate: '2025-06-01', odometerKm: 10, localStandard: null, term: null, comeback: false };
    for (const evaluator of [new CompiledRuleSet(cornerSet, 'UTC'), new EngineCache(cornerSet, 'UTC')]) {
      const run = await evaluator.run({ component: 'c', category: 'b' }, facts);
      expect(run.events.filter((e) => e.type === 'term').map((e) => e.params?.term)).toEqual(['a', 'b']);
      expect(run.coverage).toMatchObject({ term: 'a', withinTerm: false });
    }
  });
});
