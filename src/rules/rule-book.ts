import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { ruleSetFileSchema, reasonCatalogueSchema, type ReasonCatalogue, type RuleSetFile } from './rule-set-schema.js';
import { policyFileSchema, type PartEntry, type PolicyFile } from '../policies/policy-schema.js';
import { EngineCache } from './rule-engines.js';
import { RuleFileError, type FileProblem } from '../errors/rule-file-error.js';

export interface LoadedRuleSet {
  file: RuleSetFile;
  hash: string;
  source: string;
  engines: EngineCache;
}

export interface LoadedPolicy {
  file: PolicyFile;
  hash: string;
  source: string;
  partsByNumber: ReadonlyMap<string, PartEntry>;
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
  ) {}

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
    if (entry.isDirectory() && entry.name !== 'cases') found.push(...(await listJsonFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
  }
  return found.sort();
}

async function parseFile<T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, problems: FileProblem[]): Promise<{ data: T; raw: unknown } | null> {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push({ file, path: '', message: `not valid JSON: ${(error as Error).message}` });
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, path: issue.path.map(String).join('.'), message: issue.message });
    return null;
  }
  return { data: parsed.data, raw };
}

/** Loads `rules/` and `policies/`; throws a RuleFileError listing every problem found. */
export async function loadRuleBook(rulesDir: string, policiesDir: string): Promise<RuleBook> {
  const problems: FileProblem[] = [];
  const reasonsFile = path.join(rulesDir, 'reason-codes.json');
  const reasons = (await parseFile(reasonsFile, reasonCatalogueSchema, problems))?.data ?? {};

  const policies: LoadedPolicy[] = [];
  for (const file of await listJsonFiles(policiesDir)) {
    const parsed = await parseFile(file, policyFileSchema, problems);
    if (!parsed) continue;
    const partsByNumber = new Map(parsed.data.parts.map((p) => [p.partNumber, p]));
    policies.push({ file: parsed.data, hash: contentHash(parsed.raw), source: file, partsByNumber });
  }

  const ruleSets: LoadedRuleSet[] = [];
  for (const file of await listJsonFiles(rulesDir)) {
    if (file === reasonsFile) continue;
    const parsed = await parseFile(file, ruleSetFileSchema, problems);
    if (!parsed) continue;
    const set = parsed.data;
    for (const [i, rule] of set.rules.entries()) {
      const code = 'code' in rule.event.params ? rule.event.params.code : undefined;
      if (code !== undefined && !(code in reasons)) problems.push({ file, path: `rules.${i}.event.params.code`, message: `unknown reason code ${code}` });
    }
    const zone = policies.find((p) => p.file.productLine === set.productLine)?.file.timeZone ?? 'Asia/Shanghai';
    ruleSets.push({ file: set, hash: contentHash(parsed.raw), source: file, engines: new EngineCache(set, zone) });
  }
  for (const set of ruleSets) {
    if (!policies.some((p) => p.file.productLine === set.file.productLine)) {
      problems.push({ file: set.source, path: 'productLine', message: `no policy file for product line ${set.file.productLine}` });
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return new RuleBook(ruleSets, policies, reasons);
}
