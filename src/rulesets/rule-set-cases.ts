import { runRuleCases, type CaseReport, type CaseResult } from '../rules/cases/run-cases.js';
import type { LoadedRuleSet, RuleBook } from '../rules/rule-book.js';
import { NotFoundError } from '../errors/http-errors.js';
import type { RuleBookHolder } from './rule-book-holder.js';

export interface RuleSetCases {
  id: string;
  version: string;
  hash: string;
  passed: number;
  failed: number;
  cases: Array<Pick<CaseResult, 'file' | 'name' | 'passed' | 'failures' | 'firedRules'>>;
}

export interface RuleCoverage {
  id: string;
  version: string;
  hash: string;
  /** The rule set's cases that were run, and its stored decisions counted. */
  cases: number;
  decisions: number;
  rules: Array<{ rule: string; priority: number; event: string; firedInCases: number; firedInDecisions: number }>;
}

/**
 * The shipped rule cases (rules/<line>/cases/*.json) run once per rule book in force: a reload
 * gives a new book and so a new run; the same book answers from the first run.
 */
export class RuleSetCaseRuns {
  private readonly runs = new WeakMap<RuleBook, Promise<CaseReport>>();

  constructor(private readonly holder: RuleBookHolder) {}

  /** The rule set in force with that id and version, its book, and the case report of that book. */
  async of(id: string, version: string): Promise<{ ruleSet: LoadedRuleSet; results: CaseResult[] }> {
    const book = this.holder.current();
    const ruleSet = book.ruleSets.find((r) => r.file.id === id && r.file.version === version);
    if (!ruleSet) throw new NotFoundError(`no rule set ${id} version ${version} in force; GET /v1/rulesets lists them`);
    let run = this.runs.get(book);
    if (!run) {
      run = runRuleCases(this.holder.rulesDir, book);
      this.runs.set(book, run);
      run.catch(() => this.runs.delete(book));
    }
    const report = await run;
    return { ruleSet, results: report.results.filter((r) => r.ruleSet === `${id}@${version}`) };
  }

  async cases(id: string, version: string): Promise<RuleSetCases> {
    const { ruleSet, results } = await this.of(id, version);
    const passed = results.filter((r) => r.passed).length;
    return {
      id, version, hash: ruleSet.hash, passed, failed: results.length - passed,
      cases: results.map(({ file, name, passed: ok, failures, firedRules }) => ({ file, name, passed: ok, failures, firedRules })),
    };
  }

  /** Per rule: in how many of its cases and of the stored decisions it fired (`decisionsFired`: rule → count). */
  async coverage(id: string, version: string, stored: { decisions: number; fired: Map<string, number> }): Promise<RuleCoverage> {
    const { ruleSet, results } = await this.of(id, version);
    const inCases = new Map<string, number>();
    for (const r of results) for (const rule of r.firedRules) inCases.set(rule, (inCases.get(rule) ?? 0) + 1);
    return {
      id, version, hash: ruleSet.hash, cases: results.length, decisions: stored.decisions,
      rules: ruleSet.file.rules.map((r) => ({ rule: r.name, priority: r.priority, event: r.event.type, firedInCases: inCases.get(r.name) ?? 0, firedInDecisions: stored.fired.get(r.name) ?? 0 })),
    };
  }
}
