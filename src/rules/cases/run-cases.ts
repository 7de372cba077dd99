import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../../zod.js';
import { claimSchema } from '../../claims/claim-schema.js';
import { unitSchema } from '../../units/unit-schema.js';
import { adjudicate } from '../../adjudication/adjudicate.js';
import type { Decision } from '../../adjudication/decision.js';
import { historySchema, type HistoryEntry } from '../../adjudication/history.js';
import type { RuleBook } from '../rule-book.js';
import { JsonSource, formatPath } from '../validation/json-source.js';
import type { Problem } from '../validation/problem.js';
import { ruleCaseFileSchema, type RuleCase } from './case-schema.js';
import type { PreAuthorisation } from '../../preauthorisations/preauthorisation-schema.js';
import { UnknownVocabularyError } from '../../policies/unknown-vocabulary-error.js';
import type { VocabularyIssue } from '../../policies/vocabulary.js';


export interface CaseResult {
  file: string;
  name: string;
  productLine: string;
  ruleSet: string | null;
  passed: boolean;
  failures: string[];
  firedRules: string[];
}

export interface CaseReport {
  results: CaseResult[];
  problems: Problem[];
  /** Per rule set (`id@version`): the rules that no case made fire. */
  unexercised: Record<string, string[]>;
  /** Rule sets with no case at all: an error. */
  withoutCases: string[];
  passed: number;
  failed: number;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Compares a decision with a case's expectations; every difference in words an auditor reads. */
export function compare(decision: Decision, expected: RuleCase['expect']): string[] {
  const failures: string[] = [];
  if (expected.status && decision.status !== expected.status) failures.push(`status: expected ${expected.status}, got ${decision.status}`);
  for (const want of expected.jobs) {
    const job = decision.jobs.find((j) => j.jobId === want.jobId);
    if (!job) {
      failures.push(`job ${want.jobId}: not in the decision`);
      continue;
    }
    const codes = job.reasons.map((r) => r.code);
    const check = (what: string, ok: boolean, wanted: unknown, got: unknown) => {
      if (!ok) failures.push(`job ${want.jobId} ${what}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`);
    };
    if (want.covered !== undefined) check('covered', job.covered === want.covered, want.covered, job.covered);
    if (want.status !== undefined) check('status', job.status === want.status, want.status, job.status);
    if (want.remedy !== undefined) check('remedy', job.remedy === want.remedy, want.remedy, job.remedy);
    if (want.reasons !== undefined) check('reasons', sameSet(codes, want.reasons), want.reasons, codes);
    if (want.liableParty !== undefined) check('liableParty', job.liableParty.type === want.liableParty.type && (job.liableParty.id ?? undefined) === want.liableParty.id, want.liableParty, job.liableParty);
    if (want.term !== undefined) check('term', (job.coverage?.term ?? null) === want.term, want.term, job.coverage?.term ?? null);
    if (want.lastCoveredDay !== undefined) check('lastCoveredDay', (job.coverage?.lastCoveredDay ?? null) === want.lastCoveredDay, want.lastCoveredDay, job.coverage?.lastCoveredDay ?? null);
    if (want.approvedFen !== undefined) {
      const approved = job.lines.reduce((s, l) => s + l.approvedFen, 0);
      check('approvedFen', approved === want.approvedFen, want.approvedFen, approved);
    }
  }
  for (const key of ['claimedFen', 'approvedFen', 'deductedFen'] as const) {
    const want = expected.totals?.[key];
    if (want !== undefined && decision.totals[key] !== want) failures.push(`totals.${key}: expected ${want}, got ${decision.totals[key]}`);
  }
  return failures;
}

/** A refused claim against the paths (and suggestions) a case expects. */
function compareRejection(issues: readonly VocabularyIssue[], expected: RuleCase['expect']): string[] {
  const want = expected.rejected;
  if (!want) return [`expected a decision, but the claim is refused: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`];
  const failures: string[] = [];
  const got = issues.map((i) => i.path);
  if (!sameSet(got, want.map((w) => w.path))) failures.push(`rejected: expected paths ${JSON.stringify(want.map((w) => w.path))}, got ${JSON.stringify(got)}`);
  for (const w of want) {
    const found = issues.find((i) => i.path === w.path);
    if (found && w.suggestion !== undefined && found.suggestion !== w.suggestion) failures.push(`rejected ${w.path}: expected suggestion ${JSON.stringify(w.suggestion)}, got ${JSON.stringify(found.suggestion)}`);
  }
  return failures;
}

/** Runs one case: the claim through the real core with the case's fixed "today". A refused claim has no decision. */
export async function runCase(ruleCase: RuleCase, ruleBook: RuleBook): Promise<{ decision: Decision | null; failures: string[] }> {
  const unit = unitSchema.parse(ruleCase.unit);
  const claim = claimSchema.parse(ruleCase.claim);
  const history: HistoryEntry[] = historySchema.parse(ruleCase.history);
  const preAuthorisations: PreAuthorisation[] = ruleCase.preAuthorisations.map((p) => ({
    ...p,
    unitId: p.unitId ?? unit.unitId,
    issuedBy: 'rule case',
    issuedAt: `${ruleCase.today}T00:00:00.000Z`,
    note: null,
  }));
  let decision: Decision;
  try {
    decision = await adjudicate({ claim, unit, history, ruleBook, today: ruleCase.today, preAuthorisations });
  } catch (error) {
    if (error instanceof UnknownVocabularyError) return { decision: null, failures: compareRejection(error.issues, ruleCase.expect) };
    throw error;
  }
  if (ruleCase.expect.rejected) return { decision, failures: [`expected the claim to be refused at ${ruleCase.expect.rejected.map((r) => r.path).join(', ')}, but it was decided ${decision.status}`] };
  return { decision, failures: compare(decision, ruleCase.expect) };
}

async function caseFiles(rulesDir: string): Promise<Array<{ productLine: string; file: string }>> {
  const out: Array<{ productLine: string; file: string }> = [];
  for (const entry of await readdir(rulesDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(rulesDir, entry.name, 'cases');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
    out.push(...files.map((f) => ({ productLine: entry.name, file: path.join(dir, f) })));
  }
  return out;
}

/** Runs every case in `rules/<product-line>/cases/*.json` and reports results and rule coverage. */
export async function runRuleCases(rulesDir: string, ruleBook: RuleBook): Promise<CaseReport> {
  const results: CaseResult[] = [];
  const problems: Problem[] = [];
  for (const { productLine, file } of await caseFiles(rulesDir)) {
    const shown = path.relative(process.cwd(), file) || file;
    const source = new JsonSource(shown, await readFile(file, 'utf8'));
    if (source.syntaxErrors.length > 0) {
      problems.push(...source.syntaxErrors.map((e) => ({ severity: 'error' as const, file: shown, line: e.line, column: e.column, path: '', message: e.message })));
      continue;
    }
    const parsed = ruleCaseFileSchema.safeParse(source.value);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => ({ severity: 'error' as const, file: shown, ...source.locate(i.path as Array<string | number>), path: formatPath(i.path as Array<string | number>), message: i.message })));
      continue;
    }
    for (const [index, ruleCase] of parsed.data.cases.entries()) {
      try {
        const { decision, failures } = await runCase(ruleCase, ruleBook);
        const ruleSet = decision?.ruleSet ? `${decision.ruleSet.id}@${decision.ruleSet.version}` : null;
        const firedRules = [...new Set((decision?.trace ?? []).filter((t) => t.result).map((t) => t.rule))];
        results.push({ file: shown, name: ruleCase.name, productLine, ruleSet, passed: failures.length === 0, failures, firedRules });
      } catch (error) {
        const where = source.locate(['cases', index]);
        results.push({ file: `${shown}:${where.line}`, name: ruleCase.name, productLine, ruleSet: null, passed: false, failures: [`the case cannot run: ${(error as Error).message}`], firedRules: [] });
      }
    }
  }
  const unexercised: Record<string, string[]> = {};
  const withoutCases: string[] = [];
  for (const set of ruleBook.ruleSets) {
    const key = `${set.file.id}@${set.file.version}`;
    const runs = results.filter((r) => r.ruleSet === key);
    if (runs.length === 0) withoutCases.push(key);
    const fired = new Set(runs.flatMap((r) => r.firedRules));
    unexercised[key] = set.file.rules.map((r) => r.name).filter((name) => !fired.has(name));
  }
  const passed = results.filter((r) => r.passed).length;
  return { results, problems, unexercised, withoutCases, passed, failed: results.length - passed + problems.length };
}
