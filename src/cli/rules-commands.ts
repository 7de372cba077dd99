import path from 'node:path';
import type { Command } from 'commander';
import { buildRuleBook, readSourceFiles } from '../rules/rule-book.js';
import { validateFiles } from '../rules/validation/validate-files.js';
import { formatProblem } from '../rules/validation/problem.js';
import { runRuleCases } from '../rules/cases/run-cases.js';
import { defaultPoliciesDir, defaultRulesDir } from '../config/paths.js';
import type { BacktestReport } from '../backtest/backtest.js';
import { isoDate, oneOf, requireDirectory } from './cli-input.js';
import { progressBar } from './progress.js';
import { formatTable, yuan } from './table.js';

interface DirOptions {
  rules?: string;
  policies?: string;
}

/** `[dir]` is a folder holding `rules/` and `policies/`; --rules / --policies name them one by one. */
export function resolveDirs(dir: string | undefined, opts: DirOptions): { rulesDir: string; policiesDir: string } {
  if (dir !== undefined) requireDirectory(path.resolve(dir), 'rule book');
  return {
    rulesDir: requireDirectory(path.resolve(opts.rules ?? (dir ? path.join(dir, 'rules') : defaultRulesDir())), 'rules'),
    policiesDir: requireDirectory(path.resolve(opts.policies ?? (dir ? path.join(dir, 'policies') : defaultPoliciesDir())), 'policies'),
  };
}

/** A backtest's summary as tables: transitions, reason codes, payout by party and station. */
export function backtestTable(report: BacktestReport): string {
  const out = [
    `${report.claims} claims re-decided, ${report.changed} would change; payout ${report.payoutDelta.totalFen >= 0 ? '+' : ''}${yuan(report.payoutDelta.totalFen)}`,
    '',
    formatTable(Object.entries(report.transitions).map(([transition, claims]) => ({ transition, claims })), ['transition', 'claims']),
    formatTable(Object.entries(report.byReasonCode).map(([code, n]) => ({ code, added: n.added, removed: n.removed })), ['code', 'added', 'removed']),
    formatTable(report.payoutDelta.byParty.map((p) => ({ party: `${p.type}${p.id ? `:${p.id}` : ''}`, before: yuan(p.beforeFen), after: yuan(p.afterFen), delta: yuan(p.deltaFen) })), ['party', 'before', 'after', 'delta']),
    formatTable(report.payoutDelta.byStation.map((p) => ({ stationId: p.stationId, before: yuan(p.beforeFen), after: yuan(p.afterFen), delta: yuan(p.deltaFen) })), ['stationId', 'before', 'after', 'delta']),
  ];
  return out.join('\n');
}

export function addRulesCommands(program: Command): void {
  const rules = program.command('rules').description('work on rule and policy files');
  addBacktestCommand(rules);

  rules
    .command('validate')
    .description('check every rule and policy file: schema, vocabulary, and lint warnings')
    .argument('[dir]', 'folder holding rules/ and policies/ (default: the shipped ones)')
    .option('--rules <dir>', 'rules directory')
    .option('--policies <dir>', 'policies directory')
    .option('--strict', 'treat lint warnings as errors')
    .option('--json', 'print the problems as JSON')
    .action(async (dir: string | undefined, opts: DirOptions & { strict?: boolean; json?: boolean }) => {
      const { rulesDir, policiesDir } = resolveDirs(dir, opts);
      const files = await readSourceFiles(rulesDir, policiesDir);
      const result = validateFiles(files);
      const errors = result.problems.filter((p) => p.severity === 'error' || opts.strict);
      if (opts.json) process.stdout.write(JSON.stringify({ problems: result.problems }, null, 2) + '\n');
      else {
        for (const p of result.problems) process.stdout.write(formatProblem(p) + '\n');
        const warnings = result.problems.length - result.problems.filter((p) => p.severity === 'error').length;
        const count = (kind: string) => files.filter((f) => f.kind === kind).length;
        process.stdout.write(`${count('rule-set')} rule set file(s), ${count('policy')} policy file(s), ${count('after-sales')} after-sales policy file(s): ${result.problems.length - warnings} error(s), ${warnings} warning(s)${opts.strict && warnings > 0 ? ' — --strict: warnings count as errors' : ''}\n`);
      }
      if (errors.length > 0) process.exitCode = 1;
    });

  rules
    .command('test')
    .description('run the example claims in rules/<product-line>/cases/ and report rule coverage')
    .argument('[dir]', 'folder holding rules/ and policies/ (default: the shipped ones)')
    .option('--rules <dir>', 'rules directory')
    .option('--policies <dir>', 'policies directory')
    .option('--strict', 'fail when a rule is exercised by no case')
    .action(async (dir: string | undefined, opts: DirOptions & { strict?: boolean }) => {
      const { rulesDir, policiesDir } = resolveDirs(dir, opts);
      const ruleBook = buildRuleBook(await readSourceFiles(rulesDir, policiesDir));
      const report = await runRuleCases(rulesDir, ruleBook);
      for (const p of report.problems) process.stdout.write(formatProblem(p) + '\n');
      for (const r of report.results) {
        process.stdout.write(`${r.passed ? 'pass' : 'FAIL'}  ${r.file}  ${r.name}\n`);
        for (const f of r.failures) process.stdout.write(`      ${f}\n`);
      }
      for (const [set, names] of Object.entries(report.unexercised)) {
        const total = ruleBook.ruleSets.find((s) => `${s.file.id}@${s.file.version}` === set)?.file.rules.length ?? 0;
        process.stdout.write(`coverage ${set}: ${total - names.length}/${total} rules exercised${names.length ? `; not exercised: ${names.join(', ')}` : ''}\n`);
      }
      for (const set of report.withoutCases) process.stdout.write(`error: rule set ${set} has no cases\n`);
      process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
      const uncovered = Object.values(report.unexercised).some((n) => n.length > 0);
      if (report.failed > 0 || report.withoutCases.length > 0 || (opts.strict && uncovered)) process.exitCode = 1;
    });
}

export function addBacktestCommand(rules: Command): void {
  rules
    .command('backtest')
    .description('re-decide the stored claims of a period under a draft rule book, store nothing, and report what changes')
    .requiredOption('--draft <dir>', 'folder holding the draft rules/ (and policies/, else the shipped ones)')
    .option('--from <date>', 'repair date from, YYYY-MM-DD', isoDate)
    .option('--to <date>', 'repair date to, YYYY-MM-DD', isoDate)
    .option('--product-line <line>', 'only this product line')
    .option('--format <format>', 'json, csv or table (a summary)', oneOf('json', 'csv', 'table'), 'json')
    .action(async (opts: { draft: string; from?: string; to?: string; productLine?: string; format: 'json' | 'csv' | 'table' }) => {
      const { existsSync } = await import('node:fs');
      requireDirectory(opts.draft, 'draft (--draft)');
      const draftPolicies = path.join(opts.draft, 'policies');
      const draft = buildRuleBook(await readSourceFiles(requireDirectory(path.join(opts.draft, 'rules'), 'draft rules'), existsSync(draftPolicies) ? draftPolicies : defaultPoliciesDir()));
      const baseline = buildRuleBook(await readSourceFiles(requireDirectory(defaultRulesDir(), 'rules (RULES_DIR)'), requireDirectory(defaultPoliciesDir(), 'policies (POLICIES_DIR)')));
      const { openDatabase } = await import('../db/open-database.js');
      const { loadConfig } = await import('../config/config.js');
      const { BacktestSource } = await import('../backtest/backtest-source.js');
      const { runBacktest } = await import('../backtest/backtest.js');
      const { backtestCsv } = await import('../backtest/backtest-csv.js');
      const db = await openDatabase(loadConfig());
      try {
        const source = new BacktestSource(db);
        const period = { from: opts.from, to: opts.to, productLine: opts.productLine };
        const progress = progressBar('re-deciding', process.stderr.isTTY ? await source.count(period) : 0);
        const report = await runBacktest(source, draft, period, baseline, { onProgress: (n) => progress.update(n) });
        progress.stop();
        process.stdout.write(opts.format === 'csv' ? backtestCsv(report) : opts.format === 'table' ? backtestTable(report) : JSON.stringify(report, null, 2) + '\n');
        process.stderr.write(`${report.claims} claims re-decided in ${report.elapsedMs} ms; ${report.changed} would change\n`);
      } finally {
        await db.close();
      }
    });
}
