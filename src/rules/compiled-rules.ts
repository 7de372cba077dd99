import { Engine, type Event } from 'json-rules-engine';
import { registerOperators } from './operators/index.js';
import type { ConditionNode, RuleDefinition, RuleSetFile, TermParams } from './rule-set-schema.js';
import { computeCoverage, NO_TERM_COVERAGE, type LocalStandard } from '../adjudication/coverage.js';
import type { TraceCondition, TraceEntry } from '../adjudication/decision.js';
import { plainKeys, resolveKeys, ruleAppliesTo, type BucketKey, type EvaluatedRule, type RuleEvaluator, type RuleRun } from './rule-engines.js';

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

/** json-rules-engine's Operator: `evaluate` is `factValueValidator(factValue) && cb(factValue, compareTo)`. */
type Operator = {
  evaluate(factValue: unknown, compareTo: unknown): boolean;
  cb?: (factValue: unknown, compareTo: unknown) => boolean;
  factValueValidator?: (factValue: unknown) => boolean;
};
type Source = Readonly<Record<string, unknown>>;
type Test = (factValue: unknown, compareTo: unknown) => boolean;

/** A fact reference as compiled: its name, its path and the path's plain keys (`plainKeys`), split once. */
interface FactRef {
  fact: string;
  path: string | undefined;
  keys: readonly string[] | null;
}

/**
 * A fact condition. `leaves` holds the trace leaves already made, by fact value, when the compared
 * value is the condition's own: the leaf is then a pure function of the fact value, and most
 * conditions see a handful (a component, a cause, a flag), so one frozen leaf serves every trace
 * (as an unevaluated one does).
 */
interface FactNode {
  kind: 'fact';
  source: Source;
  fact: string;
  path: string | undefined;
  operator: string;
  ref: FactRef;
  test: Test;
  value: unknown;
  valueFact: FactRef | null;
  leaves: Map<unknown, TraceCondition>;
}

type Compiled =
  | FactNode
  | { kind: 'all' | 'any'; source: Source; children: Compiled[]; groups: Compiled[][] }
  | { kind: 'not'; source: Source; child: Compiled }
  | { kind: 'ref'; source: Source; target: Compiled };

interface CompiledRule {
  name: string;
  priority: number;
  event: Event;
  root: Compiled;
  /** The rule's leaf lists made of shared leaves, each made once (see LeafBuffer.shared). */
  lists: LeafTrie;
}

/** A trie on leaf identity: the list a sequence of shared leaves ends in. */
interface LeafTrie {
  next: Map<TraceCondition, LeafTrie>;
  list: SharedLeaves | null;
  /** At the root: how many nodes the trie holds (bounded by LISTS_PER_RULE). */
  size: number;
}

const newTrie = (): LeafTrie => ({ next: new Map(), list: null, size: 0 });

/** A leaf list made once for a rule and outcome, the rule as evaluated to it, and the trace entries made of it, by job. */
interface SharedLeaves {
  leaves: readonly TraceCondition[];
  evaluated: EvaluatedRule;
  entries: Map<string, TraceEntry>;
}

type Coverage = ReturnType<typeof computeCoverage>;

/** A bucket's rules in priority sets, each with its place in the trace (priority, then name). */
interface Bucket {
  sets: Array<Array<{ rule: CompiledRule; rank: number }>>;
  size: number;
}

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

function factAt(facts: RunFacts, { fact, path, keys }: FactRef): unknown {
  const value = facts.value(fact);
  if (path === undefined || path === '') return value;
  // As the engine's almanac does: a path is followed into an object; any other value is taken as it is.
  return value !== null && value !== undefined && typeof value === 'object' ? resolveKeys(value, path, keys) : value;
}

const refOf = (fact: string, path: string | undefined): FactRef => ({ fact, path, keys: path === undefined || path === '' ? null : plainKeys(path) });

/**
 * An operator's test. The numeric operators' validator, `parseFloat(v).toString() !== 'NaN'`, turns a
 * value into text and back on every comparison; for a number it says "not NaN", for null, undefined
 * and booleans "no" (their text is not a number), so those are answered without the round trip and
 * anything else still goes through the engine's validator.
 */
function numericOk(factValue: unknown, numeric: (factValue: unknown) => boolean): boolean {
  if (typeof factValue === 'number') return !Number.isNaN(factValue);
  if (factValue === null || factValue === undefined || typeof factValue === 'boolean') return false;
  return numeric(factValue);
}

function testOf(operator: Operator, numeric: ((factValue: unknown) => boolean) | undefined): Test {
  const { cb, factValueValidator } = operator;
  if (cb === undefined || factValueValidator === undefined) return (factValue, compareTo) => operator.evaluate(factValue, compareTo);
  if (factValueValidator === numeric) return (factValue, compareTo) => numericOk(factValue, numeric) && cb(factValue, compareTo);
  return (factValue, compareTo) => factValueValidator(factValue) && cb(factValue, compareTo);
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

  /** The engine's numeric validator, the one `lessThan` checks with. */
  private readonly numeric: ((factValue: unknown) => boolean) | undefined;

  constructor(
    private readonly conditions: Readonly<Record<string, unknown>>,
    private readonly operatorOf: (name: string) => Operator | undefined,
  ) {
    this.numeric = operatorOf('lessThan')?.factValueValidator;
  }

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
        ? refOf((value as { fact: string }).fact, (value as { path?: string }).path)
        : null;
    return {
      kind: 'fact', source, fact: node.fact, path: node.path, operator: node.operator, ref: refOf(node.fact, node.path), test: testOf(operator, this.numeric),
      value, valueFact, leaves: new Map(),
    };
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

/** A node not evaluated (its group was settled before it): its leaves as json-rules-engine leaves the untouched source. */
function sourceLeaves(source: Source, out: TraceCondition[]): void {
  const all = source.all as Source[] | undefined;
  const any = source.any as Source[] | undefined;
  if (Array.isArray(all)) for (const child of all) sourceLeaves(child, out);
  if (Array.isArray(any)) for (const child of any) sourceLeaves(child, out);
  if (source.not) sourceLeaves(source.not as Source, out);
  if (typeof source.condition === 'string') {
    out.push(Object.freeze({ fact: `condition:${source.condition}`, operator: 'condition', value: source.condition, factValue: null, result: undefined }));
  } else if (typeof source.fact === 'string') {
    const operator = source.operator as string;
    out.push(
      Object.freeze(
        typeof source.path === 'string'
          ? { fact: source.fact, path: source.path, operator, value: source.value, factValue: undefined, result: undefined }
          : { fact: source.fact, operator, value: source.value, factValue: undefined, result: undefined },
      ),
    );
  }
}

/** The leaves of a node left unevaluated, computed once per node (frozen: shared by every trace). */
const unevaluatedLeaves = new WeakMap<Compiled, readonly TraceCondition[]>();
function leavesOf(node: Compiled): readonly TraceCondition[] {
  let known = unevaluatedLeaves.get(node);
  if (!known) {
    const out: TraceCondition[] = [];
    sourceLeaves(node.source, out);
    known = Object.freeze(out);
    unevaluatedLeaves.set(node, known);
  }
  return known;
}

/** Past this many fact values (a count, an amount) a condition's leaves are made per trace. */
const LEAVES_PER_CONDITION = 64;
/** Past this many trie nodes a rule's leaf lists are made per trace. */
const LISTS_PER_RULE = 512;

const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** Records a fact condition's trace leaf for these values (its fact value, compared value and result); the result. */
function recordLeaf(node: FactNode, factValue: unknown, valueResult: unknown, out: LeafBuffer): boolean {
  const shareable = node.valueFact === null && isPrimitive(factValue);
  if (shareable) {
    const known = node.leaves.get(factValue);
    if (known !== undefined) {
      out.push(known, true);
      return known.result as boolean;
    }
  }
  const result = node.test(factValue, valueResult);
  const value = valueResult !== undefined ? valueResult : node.value;
  const leaf: TraceCondition =
    node.path !== undefined ? { fact: node.fact, path: node.path, operator: node.operator, value, factValue, result } : { fact: node.fact, operator: node.operator, value, factValue, result };
  const shared = shareable && node.leaves.size < LEAVES_PER_CONDITION;
  if (shared) node.leaves.set(factValue, Object.freeze(leaf));
  out.push(leaf, shared);
  return result;
}

/**
 * Where a rule's trace leaves are written while it is evaluated, then copied out at their exact
 * length: an array grown by push starts at 17 slots, and a rule has a few leaves. One buffer per rule
 * set, written over and never shrunk (evaluation is synchronous, one rule at a time).
 */
class LeafBuffer {
  private readonly buffer: TraceCondition[] = [];
  length = 0;
  /** Leaves pushed since the last reset that are a trace's own, not shared (never counted down). */
  own = 0;

  push(leaf: TraceCondition, shared: boolean): void {
    this.buffer[this.length++] = leaf;
    if (!shared) this.own++;
  }

  reset(): void {
    this.length = 0;
    this.own = 0;
  }

  /**
   * The leaves written since the start, when every one is shared (frozen), as one frozen list that
   * every trace of the same outcome shares: the list, then its trace entry, is made once. Null when a
   * leaf is a trace's own (a number not kept) or the rule has seen too many outcomes; the caller takes them.
   */
  shared(lists: LeafTrie, rule: CompiledRule, result: boolean): SharedLeaves | null {
    if (this.own > 0) return null;
    let node = lists;
    for (let i = 0; i < this.length; i++) {
      const leaf = this.buffer[i]!;
      let next = node.next.get(leaf);
      if (next === undefined) {
        if (lists.size >= LISTS_PER_RULE) return null;
        next = newTrie();
        node.next.set(leaf, next);
        lists.size++;
      }
      node = next;
    }
    node.list ??= {
      leaves: Object.freeze(this.buffer.slice(0, this.length)),
      evaluated: Object.freeze({ name: rule.name, priority: rule.priority, result, event: rule.event, conditions: rule.root.source }),
      entries: new Map(),
    };
    this.length = 0;
    return node.list;
  }

  /** The leaves written since `from`, which are then forgotten. */
  take(from: number): TraceCondition[] {
    const leaves = this.buffer.slice(from, this.length);
    this.length = from;
    return leaves;
  }
}

/**
 * Evaluates a node and records its trace leaves as it goes, depth first, each fact condition with its
 * fact value, compared value and result: what json-rules-engine's result tree flattens to, without the tree.
 */
function record(node: Compiled, facts: RunFacts, out: LeafBuffer): boolean {
  switch (node.kind) {
    case 'fact': {
      const factValue = factAt(facts, node.ref);
      const valueResult = node.valueFact ? factAt(facts, node.valueFact) : node.value;
      return recordLeaf(node, factValue, valueResult, out);
    }
    case 'not':
      return !record(node.child, facts, out);
    case 'ref':
      // The reference becomes the named condition's tree, evaluated, as json-rules-engine projects it.
      return record(node.target, facts, out);
    default:
      return recordGroup(node, facts, out);
  }
}

function recordGroup(node: Extract<Compiled, { kind: 'all' | 'any' }>, facts: RunFacts, out: LeafBuffer): boolean {
  const { children } = node;
  if (children.length === 0) return true;
  if (children.length === 1) return record(children[0]!, facts, out);
  if (node.groups.length === 1) {
    // One priority group: every child is evaluated, in order.
    let every = true;
    let some = false;
    for (const child of children) {
      if (record(child, facts, out)) some = true;
      else every = false;
    }
    return node.kind === 'all' ? every : some;
  }
  // Several groups: evaluated highest first, each child's leaves kept in file order; the groups not reached stay unevaluated.
  const recorded = new Map<Compiled, TraceCondition[]>();
  let result = node.kind === 'all';
  for (const group of node.groups) {
    let every = true;
    let some = false;
    for (const child of group) {
      const from = out.length;
      if (record(child, facts, out)) some = true;
      else every = false;
      recorded.set(child, out.take(from));
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
  for (const child of children) {
    const leaves = recorded.get(child);
    // Re-pushed leaves count as the trace's own: such a rule's list is not shared.
    if (leaves) for (const l of leaves) out.push(l, false);
    else for (const l of leavesOf(child)) out.push(l, false);
  }
  return result;
}

/**
 * Whether a condition holds, without recording anything. Conditions have no side effects, so
 * stopping at the first false (all) or true (any) gives the result the priority groups give.
 */
function holds(node: Compiled, facts: RunFacts): boolean {
  switch (node.kind) {
    case 'fact':
      return node.test(factAt(facts, node.ref), node.valueFact ? factAt(facts, node.valueFact) : node.value);
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

const ENTRIES_PER_LIST = 64;

/**
 * A rule evaluated with its trace, its trace entry (the leaves of its condition tree, in
 * json-rules-engine's order) put at its place in `entries`. A shared leaf list brings the rule as
 * evaluated and its entry for this job made once, frozen: such a rule allocates nothing.
 */
function evaluateRule(rule: CompiledRule, facts: RunFacts, buffer: LeafBuffer, jobId: string, entries: TraceEntry[], rank: number): EvaluatedRule {
  buffer.reset(); // what a rule that threw may have left
  const result = record(rule.root, facts, buffer);
  const shared = buffer.shared(rule.lists, rule, result);
  if (shared === null) {
    entries[rank] = { jobId, rule: rule.name, priority: rule.priority, result, event: rule.event.type, conditions: buffer.take(0) };
    return { name: rule.name, priority: rule.priority, result, event: rule.event, conditions: rule.root.source };
  }
  let entry = shared.entries.get(jobId);
  if (entry === undefined) {
    entry = { jobId, rule: rule.name, priority: rule.priority, result, event: rule.event.type, conditions: shared.leaves as TraceCondition[] };
    if (shared.entries.size < ENTRIES_PER_LIST) shared.entries.set(jobId, Object.freeze(entry));
  }
  entries[rank] = entry;
  return shared.evaluated;
}

/** Rule sets prepared once: per bucket, the rules that can apply, in priority sets. */
export class CompiledRuleSet implements RuleEvaluator {
  private readonly rules: Array<{ definition: RuleDefinition; compiled: CompiledRule }>;
  /** By component, then category: a lookup builds no key. */
  private readonly buckets = new Map<string, Map<string | null, Bucket>>();
  private readonly leafBuffer = new LeafBuffer();

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
          lists: newTrie(),
        },
      };
    });
  }

  private bucket(key: BucketKey): Bucket {
    let byCategory = this.buckets.get(key.component);
    if (!byCategory) {
      byCategory = new Map();
      this.buckets.set(key.component, byCategory);
    }
    let bucket = byCategory.get(key.category);
    if (!bucket) {
      const byPriority = new Map<number, CompiledRule[]>();
      for (const { definition, compiled } of this.rules) {
        if (!ruleAppliesTo(definition, key)) continue;
        const set = byPriority.get(compiled.priority) ?? [];
        set.push(compiled);
        byPriority.set(compiled.priority, set);
      }
      const sets = [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, set]) => set);
      // The trace lists a job's rules by priority, then name: the order is the bucket's, so it is settled once here.
      const ordered = sets.flat().sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
      const rank = new Map(ordered.map((r, i) => [r, i]));
      bucket = { sets: sets.map((set) => set.map((rule) => ({ rule, rank: rank.get(rule)! }))), size: ordered.length };
      byCategory.set(key.category, bucket);
    }
    return bucket;
  }

  /** Synchronous; the same shape as the json-rules-engine runner, and with a trace, the job's trace entries. */
  runNow(key: BucketKey, facts: Record<string, unknown>, trace = true, jobId = ''): RuleRun {
    const run = new RunFacts(facts, this.zone);
    const events: Event[] = [];
    const results: EvaluatedRule[] = [];
    const failureResults: EvaluatedRule[] = [];
    // A set's rules are all evaluated before any of them concludes a term or comeback.
    const evaluated: EvaluatedRule[] = [];
    const bucket = this.bucket(key);
    // The trace: each rule's entry at its place in the trace order.
    const entries: TraceEntry[] | undefined = trace ? new Array(bucket.size) : undefined;
    for (const set of bucket.sets) {
      const from = evaluated.length;
      for (const { rule, rank } of set) {
        evaluated.push(
          entries !== undefined
            ? evaluateRule(rule, run, this.leafBuffer, jobId, entries, rank)
            : { name: rule.name, priority: rule.priority, result: holds(rule.root, run), event: rule.event, conditions: rule.root.source },
        );
      }
      for (let i = from; i < evaluated.length; i++) {
        const r = evaluated[i]!;
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
    return { events, results, failureResults, coverage: run.value('coverage'), trace: entries };
  }

  run(key: BucketKey, facts: Record<string, unknown>, options: { trace?: boolean; jobId?: string } = {}): Promise<RuleRun> {
    try {
      return Promise.resolve(this.runNow(key, facts, options.trace !== false, options.jobId));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
