import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { ReasonCatalogue, RuleSetFile } from './rule-set-schema.js';
import type { PartEntry, PolicyFile } from '../policies/policy-schema.js';
import { AfterSalesPolicies, type AfterSalesPolicy } from '../policies/after-sales-policy-schema.js';
import { validateFiles, type SourceFile } from './validation/validate-files.js';
import { EngineCache, type EvaluatorName, type RuleEvaluator } from './rule-engines.js';
import { CompiledRuleSet } from './compiled-rules.js';
import { RuleFileError } from '../errors/rule-file-error.js';

export interface LoadedRuleSet {
  file: RuleSetFile;
  hash: string;
  source: string;
  /** Runs the set's rules on one job's facts. */
  engines: RuleEvaluator;
}

export interface LoadedPolicy {
  file: PolicyFile;
  hash: string;
  source: string;
  partsByNumber: ReadonlyMap<string, PartEntry>;
}

export interface LoadedAfterSalesPolicy {
  file: AfterSalesPolicy;
  hash: string;
  source: string;
}

export function contentHash(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalize(value) ?? '').digest('hex');
}

interface Dated {
  file: { productLine: string; effective: { from: string; to?: string | null | undefined } };
}

/** The version whose half-open window [from, to) holds the date; the latest `from` wins. */
function versionAt<T extends Dated>(versions: readonly T[], productLine: string, date: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    const { from, to } = v.file.effective;
    if (v.file.productLine !== productLine || date < from || (to && date >= to)) continue;
    if (!best || from > best.file.effective.from) best = v;
  }
  return best;
}

/** Every rule set and policy version of every product line, plus the reason-code catalogue. */
export class RuleBook {
  constructor(
    readonly ruleSets: readonly LoadedRuleSet[],
    readonly policies: readonly LoadedPolicy[],
    readonly reasons: ReasonCatalogue,
    readonly reasonsSource: string = 'rules/reason-codes.json',
    /** The evaluator its rule sets run on. */
    readonly evaluator: EvaluatorName = 'compiled',
    /** policies/<line>/after-sales/*.json: old parts, material sources, service levels, goodwill. */
    readonly afterSalesFiles: readonly LoadedAfterSalesPolicy[] = [],
  ) {
    this.afterSales = new AfterSalesPolicies(afterSalesFiles.map((a) => a.file));
  }

  /** The after-sales policy version in force for a line on a date. */
  readonly afterSales: AfterSalesPolicies;

  /** The files this book was built from (as parsed), for laying a draft over the book in force. */
  sourceFiles(): SourceFile[] {
    return [
      ...this.ruleSets.map((r): SourceFile => ({ file: r.source, text: JSON.stringify(r.file, null, 2), kind: 'rule-set' })),
      ...this.policies.map((p): SourceFile => ({ file: p.source, text: JSON.stringify(p.file, null, 2), kind: 'policy' })),
      ...this.afterSalesFiles.map((a): SourceFile => ({ file: a.source, text: JSON.stringify(a.file, null, 2), kind: 'after-sales' })),
      { file: this.reasonsSource, text: JSON.stringify(this.reasons, null, 2), kind: 'reasons' },
    ];
  }

  get productLines(): string[] {
    return [...new Set(this.ruleSets.map((r) => r.file.productLine))].sort();
  }

  ruleSetAt(productLine: string, date: string): LoadedRuleSet | null {
    return versionAt(this.ruleSets, productLine, date);
  }

  policyAt(productLine: string, date: string): LoadedPolicy | null {
    return versionAt(this.policies, productLine, date);
  }

  /** Coverage-side policy on the sale date, or the earliest version when the sale predates them all. */
  policyForCoverage(productLine: string, saleDate: string): LoadedPolicy | null {
    return this.policyAt(productLine, saleDate) ?? this.earliestPolicy(productLine);
  }

  private earliestPolicy(productLine: string): LoadedPolicy | null {
    const versions = this.policies.filter((p) => p.file.productLine === productLine);
    versions.sort((a, b) => (a.file.effective.from < b.file.effective.from ? -1 : 1));
    return versions[0] ?? null;
  }
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'cases' && entry.name !== 'after-sales') found.push(...(await listJsonFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
  }
  return found.sort();
}

/** The rule, policy and reason files of two directories, named relative to the working directory. */
export async function readSourceFiles(rulesDir: string, policiesDir: string): Promise<SourceFile[]> {
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  const files: SourceFile[] = [];
  for (const file of await listJsonFiles(rulesDir)) {
    files.push({ file: shown(file), text: await readFile(file, 'utf8'), kind: path.basename(file) === 'reason-codes.json' ? 'reasons' : 'rule-set' });
  }
  for (const file of await listJsonFiles(policiesDir)) files.push({ file: shown(file), text: await readFile(file, 'utf8'), kind: 'policy' });
  const lines = await readdir(policiesDir, { withFileTypes: true }).catch(() => []);
  for (const line of lines.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const file of await listJsonFiles(path.join(policiesDir, line.name, 'after-sales'))) files.push({ file: shown(file), text: await readFile(file, 'utf8'), kind: 'after-sales' });
  }
  return files;
}

export interface RuleBookOptions {
  /** `compiled` (default) or `json-rules-engine`, the reference the compiled evaluator is tested against. */
  evaluator?: EvaluatorName | undefined;
}

/** Builds a rule book from validated files; throws a RuleFileError listing every error (warnings do not stop it). */
export function buildRuleBook(files: readonly SourceFile[], options: RuleBookOptions = {}): RuleBook {
  const validated = validateFiles(files);
  const errors = validated.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new RuleFileError(errors);
  const policies: LoadedPolicy[] = validated.policies.map((p) => ({
    file: p.data,
    hash: contentHash(p.raw),
    source: p.file,
    partsByNumber: new Map(p.data.parts.map((part) => [part.partNumber, part])),
  }));
  const ruleSets: LoadedRuleSet[] = validated.ruleSets.map((r) => {
    const zone = policies.find((p) => p.file.productLine === r.data.productLine)?.file.timeZone ?? 'UTC';
    const engines = options.evaluator === 'json-rules-engine' ? new EngineCache(r.data, zone) : new CompiledRuleSet(r.data, zone);
    return { file: r.data, hash: contentHash(r.raw), source: r.file, engines };
  });
  // The shared catalogue names the merged one (a line's own codes are merged into it).
  const reasonsFile = files.filter((f) => f.kind === 'reasons').sort((a, b) => a.file.split(/[\\/]/).length - b.file.split(/[\\/]/).length)[0];
  const afterSales = validated.afterSales.map((a) => ({ file: a.data, hash: contentHash(a.raw), source: a.file }));
  return new RuleBook(ruleSets, policies, validated.reasons, reasonsFile?.file, options.evaluator ?? 'compiled', afterSales);
}

/** Loads `rules/` and `policies/`; throws a RuleFileError with file, line and column of every error. */
export async function loadRuleBook(rulesDir: string, policiesDir: string, options: RuleBookOptions = {}): Promise<RuleBook> {
  return buildRuleBook(await readSourceFiles(rulesDir, policiesDir), options);
}
