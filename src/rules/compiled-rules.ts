import { Engine, type Event } from 'json-rules-engine';
import { registerOperators } from './operators/index.js';
import type { ConditionNode, RuleDefinition, RuleSetFile, TermParams } from './rule-set-schema.js';
import { computeCoverage, NO_TERM_COVERAGE, type LocalStandard } from '../adjudication/coverage.js';
import { resolvePath, ruleAppliesTo, type BucketKey, type EvaluatedRule, type RuleEvaluator, type RuleRun } from './rule-engines.js';

/**
 * The compiled evaluator: the same rule files, the same operators (json-rules-engine's own Operator
 * objects) and the same condition semantics as json-rules-engine, evaluated synchronously.
 *
 * json-rules-engine deep-copies every rule's condition tree into each result (`clone`, a fifth of
 * the run), resolves every fact through a promise and emits events through an async emitter; at a
 * 100,000-claim backtest that is most of the time. This evaluator walks a tree prepared once per
 * rule set and only allocates the nodes it evaluates. What it keeps from the engine, exactly:
 *
 * - rules run in priority sets, highest first, each set in file order;
 * - inside `all` / `any` with several conditions, the conditions are grouped by `priority`
 *   (default 1); a whole group is evaluated, and the next group only when the result is still open
 *   (`all` stops at a false group, `any` at a true one); `all: []` and `any: []` are true;
 * - a named condition is replaced by its tree when it is reached; one not reached stays a reference;
 * - a fact's `path` is followed only into an object (any other value is taken as it is); an unknown
 *   fact is undefined;
 *   a `value` of `{ fact, path }` is that fact's value; the operator's fact validator applies;
 * - the result tree carries `factResult`, `valueResult` and `result` on every evaluated node.
 *
 * Chaining is defined per priority set: a rule sees what the rules of higher priority concluded
 * (`term`: the first term rule in file order wins; `comeback`), never a rule of its own set.
 * `test/rules/evaluator-equivalence.test.ts` runs both evaluators on every rule case and on
 * generated claims and requires the same decision and trace.
 */

type Operator = { evaluate(factValue: unknown, compareTo: unknown): boolean };
type Source = Readonly<Record<string, unknown>>;

type Compiled =
  | { kind: 'fact'; source: Source; fact: string; path: string | undefined; operator: Operator; value: unknown; valueFact: { fact: string; path: string | undefined } | null }
  | { kind: 'all' | 'any'; source: Source; children: Compiled[]; groups: Compiled[][] }
  | { kind: 'not'; source: Source; child: Compiled }
  | { kind: 'ref'; source: Source; target: Compiled };

interface CompiledRule {
  name: string;
  priority: number;
  event: Event;
  root: Compiled;
}

type Coverage = ReturnType<typeof computeCoverage>;

/** The facts of one run: the job's facts, with `term` and `comeback` as the rules have concluded them, and `coverage` computed on demand. */
class RunFacts {
  term: TermParams | null;
  comeback: unknown;
  private coverageFor: { term: TermParams | null; coverage: unknown } | null = null;

  constructor(
    private readonly facts: Record<string, unknown>,
    private readonly zone: string,
  ) {
    this.term = (facts.term ?? null) as TermParams | null;
    this.comeback = facts.comeback;
  }

  value(id: string): unknown {
    switch (id) {
      case 'term':
        return this.term;
      case 'comeback':
        return this.comeback;
      case 'coverage':
        return this.coverage();
      case 'timeZone':
        return this.zone;
      default:
        return this.facts[id];
    }
  }

  private coverage(): unknown {
    const term = this.term;
    if (term === null || term === undefined) return NO_TERM_COVERAGE;
    if (this.coverageFor?.term === term) return this.coverageFor.coverage;
    const f = this.facts;
    // A unit without the date its terms count from has no coverage to compute: the core pends it (WA-NO-TERM-START).
    if (f.termStart === null || f.termStart === undefined) return NO_TERM_COVERAGE;
    const coverage: Coverage = computeCoverage(term, f.localStandard as LocalStandard | null, f.termStart as string, f.failureDate as string, f.odometerKm as number | null, this.zone);
    this.coverageFor = { term, coverage };
    return coverage;
  }
}

function factAt(facts: RunFacts, fact: string, path: string | undefined): unknown {
  const value = facts.value(fact);
  if (path === undefined || path === '') return value;
  // As the engine's almanac does: a path is followed into an object; any other value is taken as it is.
  return value !== null && value !== undefined && typeof value === 'object' ? resolvePath(value, path) : value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Conditions grouped as json-rules-engine groups them: by priority, highest first. */
function groupsOf(children: Compiled[]): Compiled[][] {
  const byPriority = new Map<number, Compiled[]>();
  for (const child of children) {
    const priority = (child.source.priority as number | undefined) || 1;
    const group = byPriority.get(priority) ?? [];
    group.push(child);
    byPriority.set(priority, group);
  }
  return [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, group]) => group);
}

class Compiler {
  private readonly named = new Map<string, Compiled>();

  constructor(
    private readonly conditions: Readonly<Record<string, unknown>>,
    private readonly operatorOf: (name: string) => Operator | undefined,
  ) {}

  compile(node: ConditionNode, seen: readonly string[] = []): Compiled {
    const source = node as unknown as Source;
    if ('all' in node || 'any' in node) {
      const kind = 'all' in node ? 'all' : 'any';
      const children = ((node as unknown as Record<string, ConditionNode[]>)[kind] ?? []).map((c) => this.compile(c, seen));
      return { kind, source, children, groups: groupsOf(children) };
    }
    if ('not' in node) return { kind: 'not', source, child: this.compile(node.not, seen) };
    if ('condition' in node) return { kind: 'ref', source, target: this.reference(node.condition, seen) };
    const operator = this.operatorOf(node.operator);
    if (!operator) throw new Error(`Unknown operator: ${node.operator}`);
    const value = node.value;
    const valueFact =
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'fact')
        ? { fact: (value as { fact: string }).fact, path: (value as { path?: string }).path }
        : null;
    return { kind: 'fact', source, fact: node.fact, path: node.path, operator, value, valueFact };
  }

  private reference(name: string, seen: readonly string[]): Compiled {
    const known = this.named.get(name);
    if (known) return known;
    const definition = this.conditions[name];
    if (definition === undefined) throw new Error(`No condition ${name} exists`);
    if (seen.includes(name)) throw new Error(`Named condition ${name} refers to itself`);
    const compiled = this.compile(definition as ConditionNode, [...seen, name]);
    this.named.set(name, compiled);
    return compiled;
  }
}

interface Evaluated {
  out: Record<string, unknown>;
  result: boolean;
}

function evaluate(node: Compiled, facts: RunFacts): Evaluated {
  switch (node.kind) {
    case 'fact': {
      const factResult = factAt(facts, node.fact, node.path);
      const valueResult = node.valueFact ? factAt(facts, node.valueFact.fact, node.valueFact.path) : node.value;
      const result = node.operator.evaluate(factResult, valueResult);
      return { out: { ...node.source, factResult, valueResult, result }, result };
    }
    case 'not': {
      const child = evaluate(node.child, facts);
      const result = !child.result;
      return { out: { ...node.source, not: child.out, result }, result };
    }
    case 'ref': {
      // The reference becomes the named condition's tree, evaluated, as json-rules-engine projects it.
      const target = evaluate(node.target, facts);
      const { condition: _name, ...rest } = node.source;
      return { out: { ...rest, ...target.out }, result: target.result };
    }
    default: {
      const { out: children, result } = evaluateGroup(node, facts);
      return { out: { ...node.source, [node.kind]: children, result }, result };
    }
  }
}

function evaluateGroup(node: Extract<Compiled, { kind: 'all' | 'any' }>, facts: RunFacts): { out: unknown[]; result: boolean } {
  const { children } = node;
  if (children.length === 0) return { out: [], result: true };
  if (children.length === 1) {
    const only = evaluate(children[0]!, facts);
    return { out: [only.out], result: only.result };
  }
  const evaluated = new Map<Compiled, Record<string, unknown>>();
  let result = node.kind === 'all';
  for (const group of node.groups) {
    let every = true;
    let some = false;
    for (const child of group) {
      const e = evaluate(child, facts);
      evaluated.set(child, e.out);
      if (e.result) some = true;
      else every = false;
    }
    if (node.kind === 'all' && !every) {
      result = false;
      break;
    }
    if (node.kind === 'any' && some) {
      result = true;
      break;
    }
  }
  return { out: children.map((c) => evaluated.get(c) ?? c.source), result };
}

/**
 * Whether a condition holds, without recording anything. Conditions have no side effects, so
 * stopping at the first false (all) or true (any) gives the result the priority groups give.
 */
function holds(node: Compiled, facts: RunFacts): boolean {
  switch (node.kind) {
    case 'fact':
      return node.operator.evaluate(factAt(facts, node.fact, node.path), node.valueFact ? factAt(facts, node.valueFact.fact, node.valueFact.path) : node.value);
    case 'not':
      return !holds(node.child, facts);
    case 'ref':
      return holds(node.target, facts);
    case 'all':
      for (const child of node.children) if (!holds(child, facts)) return false;
      return true;
    default:
      // json-rules-engine: an empty `any` holds.
      if (node.children.length === 0) return true;
      for (const child of node.children) if (holds(child, facts)) return true;
      return false;
  }
}

/** A rule's root is evaluated as json-rules-engine evaluates it: the root node itself carries no result. */
function evaluateRule(rule: CompiledRule, facts: RunFacts): EvaluatedRule {
  const root = rule.root;
  let conditions: Record<string, unknown>;
  let result: boolean;
  if (root.kind === 'all' || root.kind === 'any') {
    const group = evaluateGroup(root, facts);
    conditions = { ...root.source, [root.kind]: group.out };
    result = group.result;
  } else if (root.kind === 'not') {
    const child = evaluate(root.child, facts);
    conditions = { ...root.source, not: child.out };
    result = !child.result;
  } else {
    const e = evaluate(root, facts);
    conditions = e.out;
    result = e.result;
  }
  return { name: rule.name, priority: rule.priority, result, event: rule.event, conditions };
}

/** Rule sets prepared once: per bucket, the rules that can apply, in priority sets. */
export class CompiledRuleSet implements RuleEvaluator {
  private readonly rules: Array<{ definition: RuleDefinition; compiled: CompiledRule }>;
  private readonly buckets = new Map<string, CompiledRule[][]>();

  constructor(
    ruleSet: RuleSetFile,
    private readonly zone: string,
  ) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    registerOperators(engine, zone);
    // json-rules-engine's own operators (built-in and ours), so a comparison means what it means there.
    const operators = (engine as unknown as { operators: unknown }).operators as { get(name: string): Operator | undefined };
    const compiler = new Compiler(ruleSet.conditions, (name) => operators.get(name));
    this.rules = ruleSet.rules.map((definition) => {
      const frozen = deepFreeze(structuredClone(definition));
      return {
        definition,
        compiled: {
          name: frozen.name,
          priority: frozen.priority ?? 1,
          event: frozen.event as unknown as Event,
          root: compiler.compile(frozen.conditions as ConditionNode),
        },
      };
    });
  }

  private bucket(key: BucketKey): CompiledRule[][] {
    const id = `${key.component}\u0000${key.category ?? ''}`;
    let sets = this.buckets.get(id);
    if (!sets) {
      const byPriority = new Map<number, CompiledRule[]>();
      for (const { definition, compiled } of this.rules) {
        if (!ruleAppliesTo(definition, key)) continue;
        const set = byPriority.get(compiled.priority) ?? [];
        set.push(compiled);
        byPriority.set(compiled.priority, set);
      }
      sets = [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, set]) => set);
      this.buckets.set(id, sets);
    }
    return sets;
  }

  /** Synchronous; the same shape as the json-rules-engine runner. */
  runNow(key: BucketKey, facts: Record<string, unknown>, trace = true): RuleRun {
    const run = new RunFacts(facts, this.zone);
    const events: Event[] = [];
    const results: EvaluatedRule[] = [];
    const failureResults: EvaluatedRule[] = [];
    for (const set of this.bucket(key)) {
      const evaluated = set.map((rule) =>
        trace ? evaluateRule(rule, run) : { name: rule.name, priority: rule.priority, result: holds(rule.root, run), event: rule.event, conditions: rule.root.source },
      );
      for (const r of evaluated) {
        if (!r.result) {
          failureResults.push(r);
          continue;
        }
        results.push(r);
        events.push(r.event);
        if (r.event.type === 'term' && run.term === null) run.term = r.event.params as TermParams;
        else if (r.event.type === 'comeback') run.comeback = true;
      }
    }
    return { events, results, failureResults, coverage: run.value('coverage') };
  }

  run(key: BucketKey, facts: Record<string, unknown>, options: { trace?: boolean } = {}): Promise<RuleRun> {
    try {
      return Promise.resolve(this.runNow(key, facts, options.trace !== false));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
