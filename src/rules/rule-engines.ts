import { Almanac, Engine, Fact, type PathResolver, type RuleProperties } from 'json-rules-engine';
import { registerOperators } from './operators/index.js';
import type { ConditionNode, RuleDefinition, RuleSetFile, TermParams } from './rule-set-schema.js';
import { computeCoverage, type LocalStandard } from '../adjudication/coverage.js';

/** What a job is bucketed by: rules whose top-level `all` pins another component or category are left out. */
export interface BucketKey {
  component: string;
  category: string | null;
}

function pinnedValues(rule: RuleDefinition, fact: 'component' | 'category'): readonly unknown[] | null {
  const top = rule.conditions as ConditionNode;
  if (!('all' in top)) return null;
  for (const condition of top.all) {
    if ('fact' in condition && condition.fact === fact && condition.path === undefined) {
      if (condition.operator === 'equal') return [condition.value];
      if (condition.operator === 'in' && Array.isArray(condition.value)) return condition.value;
    }
  }
  return null;
}

export function ruleAppliesTo(rule: RuleDefinition, key: BucketKey): boolean {
  const components = pinnedValues(rule, 'component');
  if (components && !components.includes(key.component)) return false;
  const categories = pinnedValues(rule, 'category');
  if (categories && !categories.includes(key.category)) return false;
  return true;
}

type Coverage = ReturnType<typeof computeCoverage>;

/**
 * The `coverage` fact. It is not cached by the engine because it changes once `term` is set
 * mid-run, but within a run it only depends on that term: the computation (calendar arithmetic,
 * the costly part) is memoised per almanac and term. The awaits stay as they were, so rules
 * settle, and their events are listed, in the same order as without the memo.
 */
function coverageFact() {
  const memo = new WeakMap<Almanac, { term: TermParams; coverage: Coverage }>();
  return async (_params: unknown, almanac: Almanac) => {
    const term = await almanac.factValue<TermParams | null>('term');
    if (term === null || term === undefined) return { withinTerm: null, withinDate: null, withinKm: null };
    const [local, saleDate, failureDate, odometerKm, zone] = await Promise.all([
      almanac.factValue<LocalStandard | null>('localStandard'),
      almanac.factValue<string>('saleDate'),
      almanac.factValue<string>('failureDate'),
      almanac.factValue<number | null>('odometerKm'),
      almanac.factValue<string>('timeZone'),
    ]);
    const known = memo.get(almanac);
    if (known?.term === term) return known.coverage;
    const coverage = computeCoverage(term, local, saleDate, failureDate, odometerKm, zone);
    memo.set(almanac, { term, coverage });
    return coverage;
  };
}

const PLAIN_PATH = /^\$(\.[A-Za-z_$][\w$]*)+$/;

/** The engine's own resolver (JSONPath, `wrap: false`), as an almanac built without options uses it. */
const jsonPathResolver = (new Almanac() as unknown as { pathResolver: PathResolver }).pathResolver;

/**
 * The engine's path resolver (JSONPath, `wrap: false`) with a direct walk for the plain
 * `$.a.b` paths rules use: an own property's value as it is, undefined when it is missing.
 * Anything else, or a walk through a non-plain object, goes to JSONPath.
 */
export function resolvePath(value: object, path: string): unknown {
  if (PLAIN_PATH.test(path)) {
    let current: unknown = value;
    let plain = true;
    for (const key of path.slice(2).split('.')) {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) {
        plain = false;
        break;
      }
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    if (plain) return current;
  }
  return jsonPathResolver(value, path);
}

/**
 * The run's facts as constant Facts that skip the engine's result cache: a constant is served
 * from its value anyway, and the cache would hash every fact (hash-it) on every run for nothing.
 */
function runtimeFacts(values: Record<string, unknown>): Record<string, Fact> {
  const facts: Record<string, Fact> = {};
  for (const [id, value] of Object.entries(values)) facts[id] = new Fact(id, value, { cache: false });
  return facts;
}

/** A json-rules-engine Engine for a set of rules, with our operators, named conditions and chaining. */
export function buildEngine(ruleSet: RuleSetFile, rules: readonly RuleDefinition[], zone: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false, pathResolver: resolvePath });
  registerOperators(engine, zone);
  for (const [name, condition] of Object.entries(ruleSet.conditions)) {
    engine.setCondition(name, condition as Parameters<Engine['setCondition']>[1]);
  }
  for (const rule of rules) engine.addRule(rule as unknown as RuleProperties);
  engine.addFact('coverage', coverageFact(), { cache: false });
  engine.on('success', async (event, almanac) => {
    if (event.type === 'term') {
      // The first term rule to fire sets the term; the core reports any other that disagrees.
      if ((await almanac.factValue('term')) === null) almanac.addRuntimeFact('term', event.params);
    } else if (event.type === 'comeback') {
      almanac.addRuntimeFact('comeback', true);
    }
  });
  return engine;
}

/**
 * Engines per (rule set, bucket), built once and reused. A json-rules-engine Engine keeps its run
 * status on itself, so two runs on one engine must not interleave: runs are queued per engine.
 */
export class EngineCache {
  private readonly engines = new Map<string, { engine: Engine; queue: Promise<unknown> }>();

  constructor(
    private readonly ruleSet: RuleSetFile,
    private readonly zone: string,
  ) {}

  private entry(key: BucketKey) {
    const id = `${key.component}\u0000${key.category ?? ''}`;
    let entry = this.engines.get(id);
    if (!entry) {
      const rules = this.ruleSet.rules.filter((r) => ruleAppliesTo(r, key));
      entry = { engine: buildEngine(this.ruleSet, rules, this.zone), queue: Promise.resolve() };
      this.engines.set(id, entry);
    }
    return entry;
  }

  run(key: BucketKey, facts: Record<string, unknown>) {
    const entry = this.entry(key);
    const result = entry.queue.then(() => entry.engine.run(runtimeFacts({ ...facts, timeZone: this.zone })));
    entry.queue = result.catch(() => undefined);
    return result;
  }
}
