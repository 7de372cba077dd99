import { Almanac, Engine, Fact, type Event, type PathResolver, type RuleProperties, type RuleResult } from 'json-rules-engine';
import { registerOperators } from './operators/index.js';
import type { ConditionNode, RuleDefinition, RuleSetFile, TermParams } from './rule-set-schema.js';
import type { TraceEntry } from '../adjudication/decision.js';
import { computeCoverage, NO_TERM_COVERAGE, type LocalStandard } from '../adjudication/coverage.js';

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

/** A rule as evaluated for one job: its condition tree carries each evaluated node's fact value and result. */
export interface EvaluatedRule {
  name: string;
  priority: number;
  result: boolean;
  event: Event;
  conditions: unknown;
}

/** What a run of a rule set on one job's facts concluded. */
export interface RuleRun {
  /** Fired events: priority sets highest first, each set in file order. */
  events: Event[];
  results: EvaluatedRule[];
  failureResults: EvaluatedRule[];
  /** The `coverage` fact at the end of the run, under the term the rules settled on. */
  coverage: unknown;
  /**
   * The job's trace entries in trace order (priority, then name), when the evaluator makes them as it
   * evaluates (the compiled one does, with a trace); else `traceOf` flattens the results' condition trees.
   */
  trace?: TraceEntry[] | undefined;
}

/** Runs a rule set on one job's facts. Two implementations: compiled (the default) and json-rules-engine (the reference). */
export interface RuleEvaluator {
  /**
   * Runs the rules of the job's bucket. With `trace: false` an evaluator may leave the results'
   * condition trees unevaluated (the compiled one does, and allocates nothing per condition);
   * `jobId` is the job the trace entries are made for.
   */
  run(key: BucketKey, facts: Record<string, unknown>, options?: { trace?: boolean; jobId?: string }): Promise<RuleRun>;
}

export const EVALUATORS = ['compiled', 'json-rules-engine'] as const;
export type EvaluatorName = (typeof EVALUATORS)[number];

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
    if (term === null || term === undefined) return NO_TERM_COVERAGE;
    const [local, termStart, failureDate, odometerKm, zone] = await Promise.all([
      almanac.factValue<LocalStandard | null>('localStandard'),
      almanac.factValue<string | null>('termStart'),
      almanac.factValue<string>('failureDate'),
      almanac.factValue<number | null>('odometerKm'),
      almanac.factValue<string>('timeZone'),
    ]);
    // A unit without the date its terms count from has no coverage to compute: the core pends it (WA-NO-TERM-START).
    if (termStart === null || termStart === undefined) return NO_TERM_COVERAGE;
    const known = memo.get(almanac);
    if (known?.term === term) return known.coverage;
    const coverage = computeCoverage(term, local, termStart, failureDate, odometerKm, zone);
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
  return resolveKeys(value, path, plainKeys(path));
}

/** resolvePath with the path's plain keys already split (`plainKeys`), as a compiled condition keeps them. */
export function resolveKeys(value: object, path: string, keys: readonly string[] | null): unknown {
  if (keys !== null) {
    let current: unknown = value;
    let plain = true;
    for (const key of keys) {
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

/** The keys of a plain `$.a.b` path, or null; paths come from rule files, so they are few and kept. */
const splitPaths = new Map<string, readonly string[] | null>();
export function plainKeys(path: string): readonly string[] | null {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = PLAIN_PATH.test(path) ? path.slice(2).split('.') : null;
    splitPaths.set(path, keys);
  }
  return keys;
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

/** Per run: whether the facts came with a term, and which rule set it since. */
interface TermState {
  given: boolean;
  setBy?: { priority: number; index: number };
}
const termStates = new WeakMap<Almanac, TermState>();

/**
 * A json-rules-engine Engine for a set of rules, with our operators, named conditions and chaining.
 * The engine settles the rules of one priority set in whatever order their promises resolve; the
 * term is made independent of that: within a set, the term rule first in file order wins, and a
 * term concluded by a higher priority set is never replaced.
 */
export function buildEngine(ruleSet: RuleSetFile, rules: readonly RuleDefinition[], zone: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false, pathResolver: resolvePath });
  registerOperators(engine, zone);
  for (const [name, condition] of Object.entries(ruleSet.conditions)) {
    engine.setCondition(name, condition as Parameters<Engine['setCondition']>[1]);
  }
  for (const { description: _description, ...rule } of rules) engine.addRule(rule as unknown as RuleProperties);
  engine.addFact('coverage', coverageFact(), { cache: false });
  const order = new Map(rules.map((r, i) => [r.name, i]));
  // Synchronous on purpose: an await here would let two term handlers of one set interleave.
  engine.on('success', (event, almanac, result: RuleResult) => {
    if (event.type === 'term') {
      // The first term rule (priority, then file order) sets the term; the core reports any other that disagrees.
      const by = { priority: result.priority ?? 1, index: order.get(result.name) ?? Number.MAX_SAFE_INTEGER };
      const state = termStates.get(almanac) ?? { given: false };
      const current = state.setBy;
      if (current === undefined ? !state.given : current.priority === by.priority && by.index < current.index) {
        almanac.addRuntimeFact('term', event.params);
        termStates.set(almanac, { ...state, setBy: by });
      }
    } else if (event.type === 'comeback') {
      almanac.addRuntimeFact('comeback', true);
    }
  });
  return engine;
}

/**
 * The reference evaluator: json-rules-engine Engines per (rule set, bucket), built once and reused.
 * An Engine keeps its run status on itself, so two runs on one engine must not interleave: runs
 * are queued per engine. Events are put in rule order (priority, then file order), as the compiled
 * evaluator lists them, instead of the order in which their promises happened to settle.
 */
export class EngineCache implements RuleEvaluator {
  private readonly engines = new Map<string, { engine: Engine; queue: Promise<unknown> }>();
  private readonly order: ReadonlyMap<string, number>;

  constructor(
    private readonly ruleSet: RuleSetFile,
    private readonly zone: string,
  ) {
    this.order = new Map(ruleSet.rules.map((r, i) => [r.name, i]));
  }

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

  run(key: BucketKey, facts: Record<string, unknown>): Promise<RuleRun> {
    const entry = this.entry(key);
    const almanac = new Almanac({ allowUndefinedFacts: true, pathResolver: resolvePath });
    termStates.set(almanac, { given: facts.term !== null && facts.term !== undefined });
    const result = entry.queue.then(() => entry.engine.run(runtimeFacts({ ...facts, timeZone: this.zone }), { almanac }));
    entry.queue = result.catch(() => undefined);
    return result.then(({ almanac, events, results, failureResults }) => {
      const rank = new Map<unknown, [number, number]>(results.map((r) => [r.event, [r.priority ?? 1, this.order.get(r.name) ?? 0]]));
      const sorted = [...(events as Event[])].sort((a, b) => {
        const [pa, ia] = rank.get(a) ?? [0, 0];
        const [pb, ib] = rank.get(b) ?? [0, 0];
        return pb - pa || ia - ib;
      });
      const evaluated = (r: RuleResult): EvaluatedRule => ({ name: r.name, priority: r.priority ?? 1, result: Boolean(r.result), event: r.event as Event, conditions: r.conditions });
      return almanac.factValue('coverage').then((coverage) => ({ events: sorted, results: results.map(evaluated), failureResults: failureResults.map(evaluated), coverage }));
    });
  }
}
