/**
 * The core bench's peer: GoRules zen-engine deciding the coverage terms and exclusions of the same
 * rule files as decision tables, generated from those files (never copied by hand).
 *
 * Per rule set, two tables whose rows are its rules in file order: one of the `term` rules, one of
 * the exclusions (`deny` rules naming an `exclusion`), both with the "collect" hit policy so every
 * matching row comes back. A row is one input column without a field: the rule's whole condition
 * tree as a zen expression. What zen decides is compared with the core's trace: the same term and
 * exclusion rules must hold for every job.
 */
import { ZenEngine, type ZenDecision } from '@gorules/zen-engine';
import type { Claim, Job } from '../src/claims/claim-schema.js';
import type { Decision } from '../src/adjudication/decision.js';
import { buildJobFacts } from '../src/adjudication/job-facts.js';
import type { ConditionNode, RuleDefinition, RuleSetFile } from '../src/rules/rule-set-schema.js';
import type { LoadedRuleSet, RuleBook } from '../src/rules/rule-book.js';
import type { GeneratedClaim } from './claim-generator.js';

const COMPARISONS: Record<string, string> = { equal: '==', notEqual: '!=', lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' };

/** `evidence` + `$.faultStatePreserved` → `evidence.faultStatePreserved`; the facts referenced are collected. */
function reference(fact: string, path: string | undefined, facts: Set<string>): string {
  facts.add(fact);
  if (path === undefined || path === '' || path === '$') return fact;
  if (!/^\$(\.[A-Za-z_][\w]*)+$/.test(path)) throw new Error(`path ${path} has no zen form`);
  return fact + path.slice(1);
}

/** A condition tree as one zen expression; named conditions are expanded. */
export function zenExpression(node: ConditionNode, conditions: Readonly<Record<string, unknown>>, facts: Set<string>): string {
  if ('all' in node) return node.all.length === 0 ? 'true' : `(${node.all.map((c) => zenExpression(c, conditions, facts)).join(' and ')})`;
  if ('any' in node) return node.any.length === 0 ? 'true' : `(${node.any.map((c) => zenExpression(c, conditions, facts)).join(' or ')})`;
  if ('not' in node) return `not (${zenExpression(node.not, conditions, facts)})`;
  if ('condition' in node) return zenExpression(conditions[node.condition] as ConditionNode, conditions, facts);
  const left = reference(node.fact, node.path, facts);
  const raw = node.value as unknown;
  const right =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'fact' in raw
      ? reference((raw as { fact: string }).fact, (raw as { path?: string }).path, facts)
      : JSON.stringify(raw);
  if (node.operator === 'in') return `(${left} in ${right})`;
  if (node.operator === 'notIn') return `not (${left} in ${right})`;
  const op = COMPARISONS[node.operator];
  if (!op) throw new Error(`operator ${node.operator} has no zen form`);
  return `(${left} ${op} ${right})`;
}

const isTerm = (r: RuleDefinition) => r.event.type === 'term';
const isExclusion = (r: RuleDefinition) => r.event.type === 'deny' && typeof r.event.params?.exclusion === 'string';

/** A JDM graph: input → a collect table of the rules → output, each row giving the rule's name. */
function tableOf(name: string, rules: readonly RuleDefinition[], file: RuleSetFile, facts: Set<string>): object {
  return {
    nodes: [
      { id: 'request', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
      {
        id: 'table', type: 'decisionTableNode', name, position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs: [{ id: 'when', name: 'conditions' }],
          outputs: [{ id: 'rule', name: 'rule', field: 'rule' }],
          rules: rules.map((r, i) => ({ _id: `r${i}`, when: zenExpression(r.conditions as ConditionNode, file.conditions, facts), rule: JSON.stringify(r.name) })),
        },
      },
      { id: 'response', type: 'outputNode', name: 'response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'in', sourceId: 'request', targetId: 'table', type: 'edge' },
      { id: 'out', sourceId: 'table', targetId: 'response', type: 'edge' },
    ],
  };
}

interface Tables {
  terms: ZenDecision;
  exclusions: ZenDecision;
  /** The top-level facts the tables read: all that is passed to zen. */
  facts: readonly string[];
  rules: { terms: number; exclusions: number };
}

/** One job to decide: the facts zen reads, and what the core concluded. */
export interface ZenCase {
  tables: Tables;
  context: Record<string, unknown>;
  core: { terms: string[]; exclusions: string[] };
}

export class ZenPeer {
  private readonly engine = new ZenEngine();
  private readonly tables = new Map<LoadedRuleSet, Tables>();

  tablesOf(ruleSet: LoadedRuleSet): Tables {
    let t = this.tables.get(ruleSet);
    if (!t) {
      const facts = new Set<string>();
      const terms = ruleSet.file.rules.filter(isTerm);
      const exclusions = ruleSet.file.rules.filter(isExclusion);
      t = {
        terms: this.engine.createDecision(tableOf('terms', terms, ruleSet.file, facts)),
        exclusions: this.engine.createDecision(tableOf('exclusions', exclusions, ruleSet.file, facts)),
        facts: [...facts],
        rules: { terms: terms.length, exclusions: exclusions.length },
      };
      this.tables.set(ruleSet, t);
    }
    return t;
  }

  /** The jobs of a claim the rules decide (a claim whose unit is not identified has no rule run), with the core's conclusions from its trace. */
  casesOf(c: GeneratedClaim, decision: Decision, ruleBook: RuleBook): ZenCase[] {
    const out: ZenCase[] = [];
    const ruleSet = decision.ruleSet && c.unit ? ruleBook.ruleSetAt(c.unit.productLine, c.unit.saleDate) : null;
    const coveragePolicy = c.unit ? ruleBook.policyForCoverage(c.unit.productLine, c.unit.saleDate) : null;
    const moneyPolicy = (c.unit ? ruleBook.policyAt(c.unit.productLine, c.claim.repairDate) : null) ?? coveragePolicy;
    if (!ruleSet || !coveragePolicy || !moneyPolicy || !c.unit) return out;
    const tables = this.tablesOf(ruleSet);
    const termRules = new Set(ruleSet.file.rules.filter(isTerm).map((r) => r.name));
    const exclusionRules = new Set(ruleSet.file.rules.filter(isExclusion).map((r) => r.name));
    for (const job of c.claim.jobs as Job[]) {
      const facts = buildJobFacts({ claim: c.claim as Claim, job, unit: c.unit, history: c.history, coveragePolicy, moneyPolicy, receivedDate: c.claim.receivedDate ?? c.today, preAuthorisations: c.preAuthorisations });
      const held = decision.trace.filter((t) => t.jobId === job.jobId && t.result);
      // zen reads JSON: a fact the core sees as undefined is absent.
      const context = Object.fromEntries(tables.facts.filter((f) => facts[f] !== undefined).map((f) => [f, facts[f]]));
      out.push({
        tables, context,
        core: { terms: held.filter((t) => termRules.has(t.rule)).map((t) => t.rule).sort(), exclusions: held.filter((t) => exclusionRules.has(t.rule)).map((t) => t.rule).sort() },
      });
    }
    return out;
  }
}

const names = (result: unknown) => (Array.isArray(result) ? result.map((r) => (r as { rule: string }).rule).sort() : []);

/** Decides one job with both tables; whether zen holds the same term and exclusion rules as the core. */
export async function zenDecides(c: ZenCase): Promise<boolean> {
  const [terms, exclusions] = await Promise.all([c.tables.terms.evaluate(c.context), c.tables.exclusions.evaluate(c.context)]);
  const t = names(terms.result);
  const e = names(exclusions.result);
  return t.join('\n') === c.core.terms.join('\n') && e.join('\n') === c.core.exclusions.join('\n');
}

/** Every case decided with `inFlight` evaluations under way at once; the number that disagree with the core. */
export async function runZen(cases: readonly ZenCase[], inFlight: number): Promise<number> {
  let next = 0;
  let disagreements = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      if (!(await zenDecides(c))) disagreements++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return disagreements;
}
